"""Asking everyone to read a document other than the regulation: the handling rules, a policy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kimitsu.audit.models import AuditEvent
from kimitsu.reach import links
from kimitsu.reach.models import ReadAck, ReadRequest
from kimitsu.reach.selectors import open_tasks

pytestmark = pytest.mark.django_db

POLICY = b"%PDF-1.4 information security policy"


def _path(url):
    return url.split("127.0.0.1:8000", 1)[-1]


def test_a_policy_is_read_by_link_and_tracked(company, reach_world, login_client):
    admin = login_client(reach_world["admin"].user)
    url = f"/o/{company.slug}/reach/reads/"
    # not a PDF: refused, nothing asked
    bad = admin.post(
        url,
        {
            "title": "情報セキュリティ方針",
            "kind": "file",
            "file": SimpleUploadedFile("p.txt", b"hello"),
        },
    )
    assert bad.status_code == 200 and not ReadRequest.objects.exists()
    response = admin.post(
        url,
        {
            "title": "情報セキュリティ方針",
            "kind": "file",
            "file": SimpleUploadedFile("p.pdf", POLICY),
        },
    )
    read = ReadRequest.objects.get()
    assert response.status_code == 302
    worker = reach_world["worker"]
    tasks = open_tasks(company)
    assert any(t.kind == "read" and t.object_id == read.pk for t in tasks[worker.pk])
    assert any(t.kind == "read" for t in tasks[reach_world["no_mail"].pk])
    link = _path(links.issue(worker, "read", read.pk))
    client = Client()
    assert 'id="read-pdf"' in client.get(link).content.decode()
    assert client.get(link + "document.pdf").content == POLICY
    assert client.post(link, {"confirm": "on"}).status_code == 200
    assert ReadAck.objects.filter(request=read, person=worker).exists()
    assert AuditEvent.objects.filter(event_type="read_request.acknowledged").count() == 1
    assert client.post(link, {"confirm": "on"}).status_code == 410
    page = admin.get(f"/o/{company.slug}/reach/reads/{read.pk}/")
    assert page.context["read_count"] == 1
    rows = page.content.decode().split('id="read-people"')[1]
    row = rows.split("1201")[1].split("</tr>")[0]
    assert "bi-check2" in row
    assert not any(t.kind == "read" for t in open_tasks(company)[worker.pk])


def test_the_handling_rules_in_force_are_shown_to_read(company, reach_world, login_client):
    from kimitsu.rules.tests.helpers import approved_rules

    admin = login_client(reach_world["admin"].user)
    url = f"/o/{company.slug}/reach/reads/"
    approved_rules(company)
    admin.post(url, {"title": "取扱いルール（第1版）", "kind": "rules"})
    read = ReadRequest.objects.get()
    assert read.rule_set_id
    link = _path(links.issue(reach_world["worker"], "read", read.pk))
    assert 'id="rules-text"' in Client().get(link).content.decode()
