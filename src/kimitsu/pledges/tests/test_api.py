import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kimitsu.organizations.choices import Role
from kimitsu.pledges.models import Document
from kimitsu.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def api(user):
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def url(name, org, **kw):
    return reverse(name, kwargs={"org_slug": org.slug, **kw})


def test_issue_sign_and_batch_through_the_api(company, admin, member_of, adopted):
    people = [PersonFactory(organization=company) for _ in range(3)]
    client = api(admin.user)
    r = client.post(
        url("api-pledges-documents", company),
        {"kind": "pledge_hire", "person": people[0].pk},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    doc_id = r.json()["id"]
    for status in ("issued", "signed"):
        r = client.post(
            url("api-pledges-document-transition", company, pk=doc_id),
            {"status": status},
            content_type="application/json",
        )
        assert r.status_code == 200 and r.json()["status"] == status
    r = client.post(
        url("api-pledges-document-transition", company, pk=doc_id),
        {"status": "issued"},
        content_type="application/json",
    )
    assert r.status_code == 400
    r = client.post(
        url("api-pledges-batch", company), {"kind": "pledge_hire"}, content_type="application/json"
    )
    assert r.status_code == 201 and r.json()["created"] == 2
    assert Document.objects.filter(organization=company).count() == 3
    gaps = client.get(url("api-pledges-gaps", company)).json()
    assert sorted(gaps["staff_without_pledge"]) == sorted(p.employee_number for p in people[1:])
    # an auditor reads but cannot write
    auditor = member_of(company, Role.AUDITOR)
    assert api(auditor.user).get(url("api-pledges-documents", company)).json()["count"] == 3
    r = api(auditor.user).post(
        url("api-pledges-batch", company), {"kind": "pledge_hire"}, content_type="application/json"
    )
    assert r.status_code == 403


def test_api_refuses_a_document_without_required_fields(company, admin, adopted):
    r = api(admin.user).post(
        url("api-pledges-documents", company),
        {"kind": "pledge_project", "person": PersonFactory(organization=company).pk},
        content_type="application/json",
    )
    assert r.status_code == 400 and "project" in r.json()


def test_api_adds_a_partner_through_the_service(company, admin):
    from kimitsu.audit.models import AuditEvent

    r = api(admin.user).post(
        url("api-pledges-partners", company),
        {"name": "北陸測量株式会社", "contact": "03-0000-0000"},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["name"] == "北陸測量株式会社" and r.json()["notes"] == ""
    assert AuditEvent.objects.filter(event_type="pledge_partner.created").count() == 1
    r = api(admin.user).post(
        url("api-pledges-partners", company), {"name": ""}, content_type="application/json"
    )
    assert r.status_code == 400 and "name" in r.json()
