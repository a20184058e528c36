"""The evidence vault: record, stamp, re-check, download the token; need-to-know."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kimitsu.audit.models import AuditEvent
from kimitsu.evidence.models import Record
from kimitsu.testing.tsa import openssl_verify

pytestmark = pytest.mark.django_db

NOTEBOOK = b"%PDF-1.4 lab notebook 12, pages 18-21"


def _url(company, name, **kw):
    return reverse(f"evidence:{name}", kwargs={"org_slug": company.slug, **kw})


@pytest.fixture(autouse=True)
def _commit(committed):
    global _committed
    _committed = committed


def _record(client, company, **data):
    data.setdefault("title", "実験ノート 12")
    data.setdefault("kind", "notebook")
    with _committed():
        return client.post(_url(company, "record_new"), data)


def test_upload_kept_stamped_rechecked_and_token_verifies(
    company, vault_world, login_client, real_tsa, tmp_path
):
    client = login_client(vault_world["engineer"].user)
    response = _record(
        client,
        company,
        file=SimpleUploadedFile("note.pdf", NOTEBOOK),
        keep="on",
        entries="KM-00001",
        description="技術開発室の実験ノート",
    )
    record = Record.objects.get(organization=company)
    assert response.status_code == 302 and response.url == _url(company, "record", pk=record.pk)
    assert record.sha256 == hashlib.sha256(NOTEBOOK).hexdigest() and record.kept
    assert list(record.entries.all()) == [vault_world["top"]]
    stamp = record.timestamp
    assert stamp.stamped and stamp.tsa_name == "Test TSA" and not stamp.development
    page = client.get(response.url).content.decode()
    assert record.sha256 in page and "Test TSA" in page
    assert "開発用" not in page

    same = client.post(response.url, {"file": SimpleUploadedFile("x.pdf", NOTEBOOK)})
    assert "Identical" in same.content.decode() or "同一" in same.content.decode()
    changed = client.post(response.url, {"file": SimpleUploadedFile("x.pdf", NOTEBOOK + b" ")})
    body = changed.content.decode()
    assert 'id="recheck-result"' in body and "alert-danger" in body

    token = client.get(_url(company, "record_token", pk=record.pk))
    path = tmp_path / "EV-00001.tst"
    path.write_bytes(token.content)
    assert openssl_verify(path, record.sha256, real_tsa.ca_file).returncode == 0
    one_byte_off = hashlib.sha256(NOTEBOOK + b" ").hexdigest()
    assert openssl_verify(path, one_byte_off, real_tsa.ca_file).returncode != 0
    kept = client.get(_url(company, "record_file", pk=record.pk))
    assert b"".join(kept.streaming_content) == NOTEBOOK
    event = AuditEvent.objects.get(event_type="evidence.recorded")
    assert event.after["sha256"] == record.sha256 and event.after["entries"] == ["KM-00001"]


def test_hash_only_never_receives_the_file(company, vault_world, login_client, real_tsa):
    client = login_client(vault_world["seller"].user)
    digest = hashlib.sha256(b"drawing").hexdigest()
    _record(client, company, sha256=digest.upper(), filename="A-12.dwg", title="図面 A-12")
    record = Record.objects.get(organization=company)
    assert record.sha256 == digest and not record.kept and record.filename == "A-12.dwg"
    assert record.timestamp.stamped
    # no file to download
    assert client.get(_url(company, "record_file", pk=record.pk)).status_code == 404


@pytest.mark.parametrize(
    "data, field_text",
    [
        ({"sha256": "xyz"}, "64"),
        ({}, "SHA-256"),
        ({"sha256": "0" * 64, "entries": "KM-99999"}, "KM-99999"),
        ({"sha256": "0" * 64, "keep": "on"}, "keep"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(
    company, vault_world, login_client, data, field_text
):
    client = login_client(vault_world["seller"].user)
    response = _record(client, company, **data)
    assert response.status_code == 200
    assert Record.objects.count() == 0
    assert (
        "invalid-feedback" in response.content.decode()
        or "alert-danger" in response.content.decode()
    )


def test_an_entry_the_member_may_not_open_cannot_be_linked(company, vault_world, login_client):
    client = login_client(vault_world["seller"].user)
    response = _record(client, company, sha256="0" * 64, entries="KM-00001")
    assert response.status_code == 200 and Record.objects.count() == 0
    # the error names the number typed, not the entry's title
    assert "KM-00001" in response.content.decode()
    assert "焼結温度" not in response.content.decode()


def test_records_follow_the_need_to_know_of_their_entries(company, vault_world, login_client):
    engineer = login_client(vault_world["engineer"].user)
    _record(
        engineer,
        company,
        file=SimpleUploadedFile("n.pdf", NOTEBOOK),
        entries="KM-00001",
        title="焼結試験ノート",
    )
    _record(engineer, company, sha256="1" * 64, entries="KM-00002", title="手順書の版")
    secret, open_one = Record.objects.order_by("number")
    seller = login_client(vault_world["seller"].user)
    listing = seller.get(_url(company, "vault")).content.decode()
    assert "手順書の版" in listing and "焼結試験ノート" not in listing and "EV-00001" not in listing
    assert seller.get(_url(company, "record", pk=secret.pk)).status_code == 404
    assert seller.get(_url(company, "record_token", pk=secret.pk)).status_code == 404
    found = seller.post(_url(company, "vault"), {"file": SimpleUploadedFile("n.pdf", NOTEBOOK)})
    assert "焼結試験ノート" not in found.content.decode()
    assert "alert-danger" in found.content.decode()
    # the engineer and the administrator see both
    for who in ("engineer", "admin"):
        page = login_client(vault_world[who].user).get(_url(company, "vault")).content.decode()
        assert "焼結試験ノート" in page and "手順書の版" in page
    # the search by hash does not reveal it either
    search = seller.get(_url(company, "vault"), {"q": secret.sha256}).content.decode()
    assert "焼結試験ノート" not in search


def test_another_workspace_sees_nothing(
    company, other_company, vault_world, member_of, login_client
):
    engineer = login_client(vault_world["engineer"].user)
    _record(engineer, company, sha256="2" * 64)
    record = Record.objects.get()
    stranger = login_client(member_of(other_company).user)
    assert stranger.get(_url(company, "vault")).status_code == 404
    assert stranger.get(_url(other_company, "record", pk=record.pk)).status_code == 404


def test_roles(company, vault_world, login_client):
    assert login_client(vault_world["advisor"].user).get(_url(company, "vault")).status_code == 403
    auditor = login_client(vault_world["auditor"].user)
    assert auditor.get(_url(company, "vault")).status_code == 200
    assert auditor.get(_url(company, "record_new")).status_code == 403
    assert login_client(vault_world["seller"].user).get(_url(company, "pack")).status_code == 403
    assert auditor.get(_url(company, "pack")).status_code == 200


def test_without_a_tsa_the_page_says_so_and_the_stamp_waits(
    company, vault_world, login_client, settings
):
    settings.KIMITSU_TSA_URL = ""
    client = login_client(vault_world["seller"].user)
    _record(client, company, sha256="3" * 64)
    record = Record.objects.get()
    assert record.timestamp.status == "off"
    page = client.get(_url(company, "record", pk=record.pk)).content.decode()
    assert 'id="tsa-missing"' in page


def test_development_tsa_is_labelled(company, vault_world, login_client, settings):
    settings.KIMITSU_TSA_URL = "dev"
    client = login_client(vault_world["seller"].user)
    _record(client, company, sha256="4" * 64)
    record = Record.objects.get()
    assert record.timestamp.development
    page = client.get(_url(company, "record", pk=record.pk)).content.decode()
    assert "data-dev-tsa" in page and 'id="tsa-dev"' in page


def test_vault_list_query_count_is_bounded(
    company, vault_world, login_client, django_assert_max_num_queries
):
    client = login_client(vault_world["engineer"].user)
    for i in range(3):
        _record(client, company, sha256=f"{i:064x}", entries="KM-00001 KM-00002")
    client.get(_url(company, "vault"))

    def queries() -> int:
        connection.queries_log.clear()  # a full log would hide what this request adds
        with CaptureQueriesContext(connection) as seen:
            client.get(_url(company, "vault"))
        return len(seen)

    few = queries()
    # the page (session, user, OTP, membership, levels, departments, count, page, its entries)
    # and the top bar's tasks and notices
    assert few <= 22
    for i in range(3, 30):
        _record(client, company, sha256=f"{i:064x}", entries="KM-00001")
    assert queries() == few
    with django_assert_max_num_queries(few):
        assert "EV-00030" in client.get(_url(company, "vault")).content.decode()


def test_the_service_itself_refuses_an_entry_the_actor_may_not_open(company, vault_world):
    from django.core.exceptions import ValidationError

    from kimitsu.evidence import services

    seller = vault_world["seller"]
    with pytest.raises(ValidationError) as refused:
        services.record_create(
            actor=seller.user,
            membership=seller,
            title="図面",
            kind="drawing",
            sha256="5" * 64,
            entries=[vault_world["top"]],
        )
    assert "entries" in refused.value.message_dict
    assert Record.objects.count() == 0
