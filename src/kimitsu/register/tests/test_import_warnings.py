"""An import warns, without stopping, of a next review date that has already passed."""

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone, translation

from kimitsu.organizations.choices import Role
from kimitsu.register import ledger_io, services
from kimitsu.register.models import Entry

pytestmark = pytest.mark.django_db

HEADER = ["管理番号", "名称", "区分", "格付け", "格付け理由", "次回見直し日"]


def _reiwa(day: dt.date) -> str:
    """「R8.10.1」, as people type it."""
    return f"R{day.year - 2018}.{day.month}.{day.day}"


def _file(*rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台帳"
    ws.append(HEADER)
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def levels(company):
    services.levels_ensure_defaults(organization=company)


@pytest.fixture
def past():
    return timezone.localdate() - dt.timedelta(days=66)


def test_a_past_review_date_is_a_warning_naming_row_and_column(company, levels, past):
    future = timezone.localdate() + dt.timedelta(days=100)
    data = _file(
        ["W-1", "製品図面", "技術・製造", "秘", "競争力", _reiwa(past)],
        ["W-2", "見積書", "営業", "秘", "価格", _reiwa(future)],
    )
    with translation.override("ja"):
        plan = ledger_io.plan_import(company, "台帳.xlsx", data)
        warnings = [str(w) for w in plan.warnings]
    assert plan.ok and len(plan.creates) == 2
    day = f"{past.year}年{past.month}月{past.day}日"
    assert warnings == [
        f"2行目「次回見直し日」: {day}は既に過ぎています。取り込むとすぐに見直し期限切れになります。"
        "年を確かめてください。"
    ]
    result = ledger_io.apply_import(actor=None, organization=company, filename="x.xlsx", data=data)
    assert result.ok and Entry.objects.get(ledger_number="W-1").next_review_on == past


def test_an_overdue_entry_imported_back_unchanged_is_not_warned_again(company, levels, past):
    data = _file(["W-1", "製品図面", "技術・製造", "秘", "競争力", _reiwa(past)])
    ledger_io.apply_import(actor=None, organization=company, filename="x.xlsx", data=data)
    again = ledger_io.plan_import(company, "x.xlsx", data)
    assert again.ok and again.warnings == []


def test_the_preview_page_shows_the_warning_and_still_offers_the_import(
    company, levels, member_of, login_client, past
):
    admin = member_of(company, Role.ADMIN)
    client = login_client(admin.user)
    upload = io.BytesIO(_file(["W-1", "製品図面", "技術・製造", "秘", "競争力", _reiwa(past)]))
    upload.name = "台帳.xlsx"
    response = client.post(f"/o/{company.slug}/register/import/", {"file": upload}, follow=True)
    body = response.content.decode()
    assert 'id="import-warnings"' in body
    assert "2行目「次回見直し日」" in body and "既に過ぎています" in body
    assert 'id="import-confirm"' in body


def test_the_api_lists_the_warnings(company, levels, member_of, past):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from rest_framework.authtoken.models import Token

    admin = member_of(company, Role.ADMIN)
    token, _ = Token.objects.get_or_create(user=admin.user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    data = _file(["W-1", "製品図面", "技術・製造", "秘", "競争力", _reiwa(past)])
    response = client.post(
        f"/api/v1/o/{company.slug}/register/import/",
        {"file": SimpleUploadedFile("a.xlsx", data), "dry_run": "true"},
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert response.status_code == 200
    (warning,) = response.json()["warnings"]
    assert warning["row"] == 2 and warning["column"] == "次回見直し日"
