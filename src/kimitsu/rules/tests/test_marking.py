"""Marking: stamping PDFs, refusing bad ones, the distribution log and trace codes."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, landscape

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.choices import Role
from kimitsu.register.models import Level
from kimitsu.register.services import levels_ensure_defaults
from kimitsu.rules import selectors, services
from kimitsu.rules.models import Distribution
from kimitsu.rules.stamping import StampError, normalize_trace_code, stamp_pdf

from .helpers import sample_pdf

MB = 1024 * 1024


def _pages(data):
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def _encrypted(data):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_stamping_preserves_pages_and_marks_every_page():
    original = sample_pdf(7)
    stamped, count = stamp_pdf(
        original,
        marking="㊙ 秘",
        watermark=["山田 太郎 様", "2026-11-22", "AB12-CD34"],
        footer_note="配布番号 AB12-CD34",
        max_bytes=20 * MB,
    )
    assert count == 7
    pages = _pages(stamped)
    assert len(pages) == 7
    for number, text in enumerate(pages, start=1):
        assert f"Sample page {number}" in text  # the original content is still there
        assert text.count("㊙ 秘") >= 2  # header and footer
        assert "山田 太郎 様" in text and "AB12-CD34" in text


def test_mixed_page_sizes_and_rotation():
    portrait = sample_pdf(1)
    wide = sample_pdf(1, size=landscape(A4))
    writer = PdfWriter()
    for data in (portrait, wide):
        writer.append(PdfReader(io.BytesIO(data)))
    writer.pages[0].rotate(90)
    buf = io.BytesIO()
    writer.write(buf)
    stamped, count = stamp_pdf(buf.getvalue(), marking="社外秘", max_bytes=20 * MB)
    assert count == 2
    assert all("社外秘" in text for text in _pages(stamped))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello, not a pdf", "not a PDF"),
        (b"%PDF-1.7\n%garbage without objects", "damaged"),
    ],
)
def test_bad_files_are_refused(data, message):
    with translation.override("en"), pytest.raises(StampError, match=message):
        stamp_pdf(data, marking="秘", max_bytes=20 * MB)


def test_encrypted_and_oversize_are_refused():
    with translation.override("en"):
        with pytest.raises(StampError, match="password"):
            stamp_pdf(_encrypted(sample_pdf(1)), marking="秘", max_bytes=20 * MB)
        with pytest.raises(StampError, match="largest accepted is 0 MB"):
            stamp_pdf(sample_pdf(1), marking="秘", max_bytes=100)
    with translation.override("ja"), pytest.raises(StampError, match="パスワードで保護"):
        stamp_pdf(_encrypted(sample_pdf(1)), marking="秘", max_bytes=20 * MB)


def test_trace_codes_are_normalised():
    assert normalize_trace_code(" ab12cd34 ") == "AB12-CD34"
    assert normalize_trace_code("ab12-cd34") == "AB12-CD34"
    assert normalize_trace_code("") == ""


@pytest.mark.django_db
def test_distribution_record_and_trace(company, other_company, member_of):
    manager = member_of(company, Role.MANAGER)
    level = levels_ensure_defaults(organization=company)[1]
    record, stamped = services.distribution_stamp(
        actor=manager.user,
        membership=manager,
        data=sample_pdf(3),
        filename="図面.pdf",
        level=level,
        recipient="株式会社北陸設備",
        watermark=True,
    )
    assert record.page_count == 3 and record.level_name == "秘"
    assert record.sha256 == hashlib.sha256(stamped).hexdigest()
    assert not record.stamped_file  # not kept unless asked
    assert record.trace_code in "".join(_pages(stamped))
    event = AuditEvent.objects.get(event_type="distribution.created")
    assert event.after["trace_code"] == record.trace_code and event.actor == manager.user
    # the code resolves, however it is typed; not from another workspace
    typed = record.trace_code.lower().replace("-", "")
    assert selectors.distribution_by_code(company, typed) == record
    assert selectors.distribution_by_code(other_company, record.trace_code) is None

    kept, data = services.distribution_stamp(
        actor=manager.user,
        membership=manager,
        data=sample_pdf(1),
        filename="a.pdf",
        level=level,
        keep_file=True,
    )
    with kept.stamped_file.open("rb") as fh:
        assert fh.read() == data
    kept.stamped_file.delete(save=False)


@pytest.mark.django_db
def test_distribution_refuses_bad_input_and_records_nothing(company, other_company, member_of):
    admin = member_of(company, Role.ADMIN)
    level = levels_ensure_defaults(organization=company)[0]
    foreign = levels_ensure_defaults(organization=other_company)[0]
    with pytest.raises(ValidationError) as exc:
        services.distribution_stamp(
            actor=admin.user,
            membership=admin,
            data=_encrypted(sample_pdf(1)),
            filename="x.pdf",
            level=level,
        )
    assert "file" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.distribution_stamp(
            actor=admin.user, membership=admin, data=sample_pdf(1), filename="x.pdf", level=foreign
        )
    with pytest.raises(ValidationError) as exc:
        services.distribution_stamp(
            actor=admin.user,
            membership=admin,
            data=sample_pdf(1),
            filename="x.pdf",
            level=level,
            watermark=True,
        )
    assert "recipient" in exc.value.message_dict
    assert not selectors.distributions(company).exists()


@pytest.mark.django_db
def test_mark_page_trace_page_and_log(
    company, member_of, login_client, settings, django_assert_max_num_queries
):
    settings.LANGUAGE_CODE = "en"
    admin = member_of(company, Role.ADMIN)
    client = login_client(admin.user)
    level = levels_ensure_defaults(organization=company)[1]
    upload = io.BytesIO(sample_pdf(2))
    upload.name = "report.pdf"
    response = client.post(
        f"/o/{company.slug}/rules/mark/",
        {"file": upload, "level": level.pk, "recipient": "取引先 太郎", "watermark": "on"},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    code = response["X-Trace-Code"]
    assert len(_pages(response.content)) == 2
    page = client.get(f"/o/{company.slug}/rules/distributions/trace/", {"code": code.lower()})
    assert page.context["record"].recipient == "取引先 太郎"
    missing = client.get(f"/o/{company.slug}/rules/distributions/trace/", {"code": "ZZZZ-ZZZZ"})
    assert missing.context["record"] is None and missing.context["searched"]
    # an encrypted upload: the form says why, nothing is recorded
    bad = io.BytesIO(_encrypted(sample_pdf(1)))
    bad.name = "locked.pdf"
    response = client.post(f"/o/{company.slug}/rules/mark/", {"file": bad, "level": level.pk})
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert selectors.distributions(company).count() == 1
    # the log: bounded queries whatever the number of rows
    for _ in range(30):
        services.distribution_stamp(
            actor=admin.user, membership=admin, data=sample_pdf(1), filename="a.pdf", level=level
        )
    with django_assert_max_num_queries(15):
        assert client.get(f"/o/{company.slug}/rules/distributions/").status_code == 200
    # a member may not stamp
    member = member_of(company, Role.MEMBER)
    assert login_client(member.user).get(f"/o/{company.slug}/rules/mark/").status_code == 403


@pytest.mark.django_db
def test_api_mark_and_lookup(company, member_of):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    manager = member_of(company, Role.MANAGER)
    levels_ensure_defaults(organization=company)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=manager.user).key}")
    upload = io.BytesIO(sample_pdf(4))
    upload.name = "spec.pdf"
    response = client.post(
        f"/api/v1/o/{company.slug}/rules/mark/",
        {"file": upload, "level": "極秘", "recipient": "協力会社"},
        format="multipart",
    )
    assert response.status_code == 201
    code = response["X-Trace-Code"]
    found = client.get(f"/api/v1/o/{company.slug}/rules/distributions/{code}/")
    assert found.status_code == 200 and found.json()["page_count"] == 4
    assert client.get(f"/api/v1/o/{company.slug}/rules/distributions/AAAA-AAAA/").status_code == 404
    # bad input: a clear Japanese message per field, and nothing recorded
    count = Distribution.objects.count()
    for fields, key, message in [
        ({"level": "極秘密"}, "level", "「極秘密」は登録されていない格付けです。"),
        ({"level": "極秘", "entry": "KM-99999"}, "entry", "この台帳番号の登録情報はありません。"),
    ]:
        upload = io.BytesIO(sample_pdf(1))
        upload.name = "spec.pdf"
        response = client.post(
            f"/api/v1/o/{company.slug}/rules/mark/", {"file": upload, **fields}, format="multipart"
        )
        assert response.status_code == 400 and response.json()[key] == [message]
    assert Distribution.objects.count() == count


@pytest.mark.django_db
def test_mark_command(company, tmp_path):
    levels_ensure_defaults(organization=company)
    source = tmp_path / "in.pdf"
    source.write_bytes(sample_pdf(5))
    out = tmp_path / "out.pdf"
    stdout = io.StringIO()
    call_command(
        "mark",
        str(source),
        "-o",
        str(out),
        "--org",
        company.slug,
        "--level",
        "秘",
        "--recipient",
        "山田 様",
        stdout=stdout,
    )
    pages = _pages(out.read_bytes())
    assert len(pages) == 5 and all("㊙ 秘" in p and "山田 様" in p for p in pages)
    record = selectors.distributions(company).get()
    assert record.trace_code in stdout.getvalue() and record.watermark
    assert record.created_by is None and record.created_by_label
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(_encrypted(sample_pdf(1)))
    with pytest.raises(CommandError, match="パスワードで保護"):
        call_command("mark", str(locked), "-o", str(out), "--org", company.slug, "--level", "秘")
    with pytest.raises(CommandError, match="No level"):
        call_command(
            "mark", str(source), "-o", str(out), "--org", company.slug, "--level", "極極秘"
        )
    assert Level.objects.filter(organization=company).count() == 4
    assert selectors.distributions(company).count() == 1
