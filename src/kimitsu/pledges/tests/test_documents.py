import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.choices import PersonStatus
from kimitsu.pledges import selectors, services
from kimitsu.pledges.choices import DocumentStatus, TemplateKind, VersionStatus
from kimitsu.pledges.models import Document
from kimitsu.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def issue(admin, person, kind=TemplateKind.PLEDGE_HIRE, status=None):
    doc = services.document_create(actor=admin.user, membership=admin, kind=kind, person=person)
    path = {
        DocumentStatus.ISSUED: [DocumentStatus.ISSUED],
        DocumentStatus.SIGNED: [DocumentStatus.ISSUED, DocumentStatus.SIGNED],
        DocumentStatus.REFUSED: [DocumentStatus.ISSUED, DocumentStatus.REFUSED],
    }.get(status, [])
    for s in path:
        services.document_transition(
            actor=admin.user,
            membership=admin,
            document=doc,
            to_status=s,
            note="拒否された" if s == "refused" else "",
        )
    return doc


def test_batch_issue_creates_one_document_per_person_lacking_one(
    company, other_company, admin, adopted
):
    people = [PersonFactory(organization=company) for _ in range(6)]
    issue(admin, people[0], status=DocumentStatus.SIGNED)
    issue(admin, people[1])  # still 作成: has one
    issue(admin, people[2], status=DocumentStatus.REFUSED)  # refused: lacks one
    PersonFactory(organization=company, status=PersonStatus.LEFT)
    leaving = PersonFactory(organization=company, status=PersonStatus.LEAVING)
    PersonFactory(organization=other_company)
    before = Document.objects.count()
    created = services.documents_batch_issue(
        actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_HIRE
    )
    got = sorted(d.person_id for d in created)
    assert got == sorted(p.pk for p in people[2:])
    assert Document.objects.count() == before + 4
    assert leaving.pk not in got
    assert all(
        d.status == DocumentStatus.DRAFT and d.template.status == VersionStatus.ADOPTED
        for d in created
    )
    assert AuditEvent.objects.filter(event_type="pledge_document.created").count() == before + 4
    # a second run finds nobody
    assert (
        services.documents_batch_issue(
            actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_HIRE
        )
        == []
    )


def test_a_new_version_makes_everyone_lack_it_again(company, admin, adopted):
    person = PersonFactory(organization=company)
    issue(admin, person, status=DocumentStatus.SIGNED)
    current = selectors.current_template(company, TemplateKind.PLEDGE_HIRE)
    draft = services.template_new_version(actor=admin.user, membership=admin, template=current)
    services.template_adopt(actor=admin.user, membership=admin, template=draft)
    created = services.documents_batch_issue(
        actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_HIRE
    )
    assert [d.template.version for d in created] == [2]
    # …but a signed hiring pledge of any version keeps them off the "no pledge" list
    assert list(selectors.staff_without_pledge(admin)) == []


def test_status_flow_and_history(company, admin, adopted):
    person = PersonFactory(organization=company)
    doc = issue(admin, person)
    with pytest.raises(ValidationError):
        services.document_transition(
            actor=admin.user, membership=admin, document=doc, to_status=DocumentStatus.SIGNED
        )
    services.document_transition(
        actor=admin.user,
        membership=admin,
        document=doc,
        to_status=DocumentStatus.ISSUED,
        on=dt.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError):  # a refusal needs its reason
        services.document_transition(
            actor=admin.user, membership=admin, document=doc, to_status=DocumentStatus.REFUSED
        )
    services.document_transition(
        actor=admin.user,
        membership=admin,
        document=doc,
        to_status=DocumentStatus.SIGNED,
        on=dt.date(2026, 4, 3),
    )
    doc.refresh_from_db()
    assert (doc.issued_on, doc.signed_on) == (dt.date(2026, 4, 1), dt.date(2026, 4, 3))
    assert [(t.from_status, t.to_status) for t in doc.transitions.all()] == [
        ("", "draft"),
        ("draft", "issued"),
        ("issued", "signed"),
    ]
    assert (
        AuditEvent.objects.filter(
            event_type="pledge_document.status_changed", object_id=str(doc.pk)
        ).count()
        == 2
    )


@pytest.mark.parametrize(
    ("data", "name"),
    [(PDF, "signed.pdf"), (PNG, "scan.png"), (b"\xff\xd8\xff\xe0" + b"0" * 50, "photo.jpg")],
)
def test_a_pdf_or_image_is_stored_with_its_sha256(company, admin, adopted, upload, data, name):
    doc = issue(admin, PersonFactory(organization=company))
    services.document_attach_scan(
        actor=admin.user, membership=admin, document=doc, upload=upload(data, name)
    )
    doc.refresh_from_db()
    assert doc.scan_sha256 == hashlib.sha256(data).hexdigest()
    assert doc.scan.read() == data
    event = AuditEvent.objects.get(event_type="pledge_document.scan_uploaded")
    assert event.after["scan_sha256"] == doc.scan_sha256


def test_an_upload_that_is_not_a_pdf_or_image_is_refused(company, admin, adopted, upload):
    doc = issue(admin, PersonFactory(organization=company))
    # a Word file renamed to .pdf: the name lies, the bytes do not
    with pytest.raises(ValidationError, match="PDF でも画像") as exc:
        services.document_attach_scan(
            actor=admin.user,
            membership=admin,
            document=doc,
            upload=upload(b"PK\x03\x04word", "signed.pdf"),
        )
    assert "signed.pdf" in str(exc.value)
    doc.refresh_from_db()
    assert doc.scan_sha256 == "" and not doc.scan
    assert not AuditEvent.objects.filter(event_type="pledge_document.scan_uploaded").exists()


def test_an_upload_that_is_too_large_is_refused(company, admin, adopted, upload, settings):
    settings.KIMITSU_MAX_UPLOAD_MB = 1
    doc = issue(admin, PersonFactory(organization=company))
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError, match="上限は 1 MB"):
        services.document_attach_scan(
            actor=admin.user, membership=admin, document=doc, upload=upload(big, "big.pdf")
        )
    doc.refresh_from_db()
    assert doc.scan_sha256 == ""


def test_the_upload_page_shows_the_refusal_in_japanese(
    company, admin, adopted, login_client, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.KIMITSU_MAX_UPLOAD_MB = 1
    doc = issue(admin, PersonFactory(organization=company))
    client = login_client(admin.user)
    url = reverse("pledges:document_detail", kwargs={"org_slug": company.slug, "pk": doc.pk})
    r = client.post(
        url,
        {"action": "scan", "scan": SimpleUploadedFile("memo.txt", b"hello", "text/plain")},
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert r.status_code == 200
    assert "PDF でも画像" in r.content.decode()
    r = client.post(
        url,
        {
            "action": "scan",
            "scan": SimpleUploadedFile(
                "big.pdf", PDF + b"0" * (1024 * 1024 + 10), "application/pdf"
            ),
        },
    )
    assert "上限は 1 MB" in r.content.decode()
    r = client.post(
        url, {"action": "scan", "scan": SimpleUploadedFile("ok.pdf", PDF, "application/pdf")}
    )
    assert r.status_code == 302
    doc.refresh_from_db()
    assert doc.scan_sha256 == hashlib.sha256(PDF).hexdigest()


def test_document_needs_an_adopted_template(company, admin):
    services.templates_install_defaults(actor=admin.user, organization=company)  # drafts only
    with pytest.raises(ValidationError, match="採用"):
        services.document_create(
            actor=admin.user,
            membership=admin,
            kind=TemplateKind.PLEDGE_HIRE,
            person=PersonFactory(organization=company),
        )


def test_templates_are_versioned_and_only_drafts_change(company, admin):
    created = services.templates_install_defaults(actor=admin.user, organization=company)
    assert len(created) == 6
    assert services.templates_install_defaults(actor=admin.user, organization=company) == []
    hire = next(t for t in created if t.kind == TemplateKind.PLEDGE_HIRE)
    assert any("前の勤務先" in c.body for c in hire.clauses.all())
    services.template_adopt(actor=admin.user, membership=admin, template=hire)
    clause = hire.clauses.first()
    with pytest.raises(ValidationError, match="下書き"):
        services.clause_update(
            actor=admin.user, membership=admin, clause=clause, data={"body": "変更"}
        )
    v2 = services.template_new_version(actor=admin.user, membership=admin, template=hire)
    assert v2.version == 2 and v2.clauses.count() == hire.clauses.count()
    c2 = v2.clauses.first()
    services.clause_update(
        actor=admin.user,
        membership=admin,
        clause=c2,
        data={"body": "私は、入社にあたり次のとおり誓約します（第2版）。"},
    )
    services.template_adopt(actor=admin.user, membership=admin, template=v2)
    hire.refresh_from_db()
    assert hire.status == VersionStatus.SUPERSEDED
    assert selectors.current_template(company, TemplateKind.PLEDGE_HIRE) == v2
    from kimitsu.pledges.documents import render_pledge_hire

    data, _ = render_pledge_hire(organization=company, fmt="docx")
    from kimitsu.pledges.tests.test_exit_pledge import docx_text

    assert "第2版" in docx_text(data)
    assert AuditEvent.objects.filter(event_type="pledge_clause.updated").count() == 1


def test_wareki_dates_when_the_company_prefers_them(company, admin, adopted):
    from kimitsu.pledges.documents import render_document
    from kimitsu.pledges.tests.test_exit_pledge import docx_text

    company.use_wareki = True
    company.save()
    person = PersonFactory(organization=company)
    doc = services.document_create(
        actor=admin.user,
        membership=admin,
        kind=TemplateKind.PLEDGE_HIRE,
        person=person,
        document_date=dt.date(2026, 4, 1),
    )
    doc.organization.refresh_from_db()
    assert "令和8年4月1日" in docx_text(render_document(doc, "docx")[0])
