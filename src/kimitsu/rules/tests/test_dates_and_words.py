"""Dates and words of the rules pages and the marked copies (issue 16): the handling-rule matrix,
the distribution log and the watermark follow the company's 和暦; the watermark addresses its
recipient once (田村様, never 田村様 様); 「…に、この版を読んだことを確認しました。」 with no English
full stop."""

import datetime as dt
import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from kimitsu.core.text import addressee
from kimitsu.organizations.choices import Role
from kimitsu.register.services import levels_ensure_defaults
from kimitsu.rules import services

from .helpers import approved_rules, in_force_regulation, sample_pdf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("北陸測量株式会社 田村様", "北陸測量株式会社 田村様"),
        ("北陸測量株式会社 田村 様", "北陸測量株式会社 田村 様"),
        ("田村", "田村 様"),
        ("北陸測量株式会社 田村", "北陸測量株式会社 田村 様"),
        ("株式会社北陸設備 工事課", "株式会社北陸設備 工事課 御中"),
        ("北陸測量株式会社", "北陸測量株式会社 御中"),
        ("北陸測量（株）", "北陸測量（株） 御中"),
        ("株式会社北陸設備", "株式会社北陸設備 御中"),
        ("北陸測量株式会社 御中", "北陸測量株式会社 御中"),
        ("株式会社北陸設備 工事課御中", "株式会社北陸設備 工事課御中"),
        ("山本先生", "山本先生"),
        ("関係者各位", "関係者各位"),
        ("阿部", "阿部 様"),  # a family name that ends like a department
        ("北陸測量 服部", "北陸測量 服部 様"),
        ("  田村　太郎  ", "田村 太郎 様"),
        ("", ""),
    ],
)
def test_the_recipient_is_addressed_once(typed, printed):
    assert addressee(typed) == printed


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_the_watermark_names_the_recipient_once_and_dates_the_copy_in_the_era(company, member_of):
    company.use_wareki = True
    company.save()
    manager = member_of(company, Role.MANAGER)
    level = levels_ensure_defaults(organization=company)[1]
    record, stamped = services.distribution_stamp(
        actor=manager.user,
        membership=manager,
        data=sample_pdf(1),
        filename="図面.pdf",
        level=level,
        recipient="北陸測量株式会社 田村様",
        watermark=True,
        today=dt.date(2026, 12, 2),
    )
    text = _text(stamped)
    assert "北陸測量株式会社 田村様" in text
    assert "様 様" not in text and "様様" not in text
    assert "令和8年12月2日" in text and "2026-12-02" not in text
    assert record.recipient == "北陸測量株式会社 田村様"  # the log keeps what was typed


def test_a_company_without_a_person_is_written_to_as_onchu(company, member_of):
    manager = member_of(company, Role.MANAGER)
    level = levels_ensure_defaults(organization=company)[1]
    _record, stamped = services.distribution_stamp(
        actor=manager.user,
        membership=manager,
        data=sample_pdf(1),
        filename="a.pdf",
        level=level,
        recipient="北陸測量株式会社",
        watermark=True,
        today=dt.date(2026, 12, 2),
    )
    text = _text(stamped)
    assert "北陸測量株式会社 御中" in text and "様" not in text
    assert "2026年12月2日" in text  # the western calendar when the company does not write the era


def test_the_matrix_and_the_distribution_log_follow_the_era(company, member_of, login_client):
    company.use_wareki = True
    company.save()
    admin = member_of(company, Role.ADMIN)
    rule_set = approved_rules(company)
    rule_set.approved_on = dt.date(2026, 12, 2)
    rule_set.save()
    level = levels_ensure_defaults(organization=company)[1]
    services.distribution_stamp(
        actor=admin.user, membership=admin, data=sample_pdf(1), filename="a.pdf", level=level
    )
    client = login_client(admin.user)
    matrix = client.get("/o/acme/rules/matrix/").content.decode()
    assert "承認日 令和8年12月2日" in matrix and "2026-12-02" not in matrix
    log = client.get("/o/acme/rules/distributions/").content.decode()
    assert "令和8年" in log and not _iso(log)
    guide = client.get("/o/acme/rules/").content.decode()
    assert "承認日 令和8年12月2日" in guide
    with translation.override("en"):
        client.post("/accounts/language/", {"language": "en", "next": "/"})
        matrix = client.get("/o/acme/rules/matrix/").content.decode()
    assert "on Dec. 2, 2026" in matrix


def _iso(text: str) -> bool:
    import re

    return bool(re.search(r"\b20\d\d-\d\d-\d\d\b", re.sub(r"<[^>]+>", " ", text)))


def test_the_read_confirmation_is_one_japanese_sentence(company, member_of, login_client):
    company.use_wareki = True
    company.save()
    member = member_of(company, Role.MEMBER)
    regulation = in_force_regulation(company, effective_on=dt.date(2026, 4, 1))
    services.regulation_confirm_read(actor=member.user, membership=member, regulation=regulation)
    page = login_client(member.user).get("/o/acme/rules/regulation/").content.decode()
    assert "に、この版を読んだことを確認しました。" in page
    assert "確認日：" not in page and "日.</div>" not in page
    assert "第1版・令和8年4月1日施行" in page
