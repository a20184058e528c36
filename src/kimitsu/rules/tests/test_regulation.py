"""The regulation: contents that follow the company's choices, versions, diffs, read
confirmations, the Word and PDF documents, step 3."""

import datetime as dt
import io
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from kimitsu.audit.models import AuditEvent
from kimitsu.core.steps import DONE, IN_PROGRESS, NOT_STARTED
from kimitsu.organizations.choices import Role
from kimitsu.register.models import Level
from kimitsu.register.services import levels_ensure_defaults
from kimitsu.rules import documents, selectors, services
from kimitsu.rules.choices import RegulationStatus
from kimitsu.rules.clauses import OPTIONS, kanji_number, numbered_lines
from kimitsu.rules.steps import step3_status
from kimitsu.rules.views import regulation_diff

from .helpers import approved_rules, draft_regulation, in_force_regulation

ALL_ON = {key: True for key in OPTIONS}


def _texts(reg):
    return {a.key: a.body for a in reg.articles.all()}


def _docx_text(data: bytes) -> tuple[str, str]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    body = "\n".join(p.text for p in doc.paragraphs)
    body += "\n" + "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    return body, header


def _pdf_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.django_db
def test_articles_follow_the_company_and_its_levels(company):
    levels_ensure_defaults(organization=company)
    Level.objects.filter(organization=company, name="秘").update(
        name="関係者外秘", marking_text="関係者外秘"
    )
    reg = draft_regulation(
        company,
        officer_post="総務部長",
        officer_name="佐藤 花子",
        manager_post="各課の課長",
        approving_body="代表取締役",
        options=ALL_ON,
    )
    texts = _texts(reg)
    assert company.name in texts["purpose"]
    assert "・関係者外秘　" in texts["designation"]
    assert "「関係者外秘」" in texts["marking"]
    assert "・秘　" not in texts["designation"]
    assert "「公開」" in texts["designation"]
    assert "総務部長（佐藤 花子）をもって充てる" in texts["organization"]
    assert "各課の課長をもって充てる" in texts["organization"]
    assert "代表取締役の承認を得て" in texts["amendment"]
    # review periods come from the levels
    assert "極秘にあっては6か月" in texts["designation"]
    # 20 articles with every option; chapters in order, numbers continuous
    assert [a.position for a in reg.articles.all()] == list(range(1, 21))


@pytest.mark.django_db
def test_options_add_or_leave_out_articles(company):
    levels_ensure_defaults(organization=company)
    reg = draft_regulation(company, options={**ALL_ON, "generative_ai": False, "telework": False})
    keys = [a.key for a in reg.articles.all()]
    assert "generative_ai" not in keys and "telework" not in keys
    assert all("生成AI" not in body for body in _texts(reg).values())
    # cross-references follow the numbering actually printed
    numbers = {a.key: a.position for a in reg.articles.all()}
    assert f"第{numbers['disclosure']}条の定めるところ" in _texts(reg)["scope"]
    approved_rules(company)
    docx_body, _header = _docx_text(documents.render(reg, "docx")[0])
    assert "生成AIの利用" not in docx_body and "テレワーク" not in docx_body
    assert "生成AIへの入力" in docx_body  # the annex still says what may go into AI

    services.regulation_update(
        actor=None, organization=company, regulation=reg, data={"options": ALL_ON}
    )
    keys = [a.key for a in reg.articles.all()]
    assert "generative_ai" in keys and "telework" in keys
    assert "（生成AIの利用）" in _docx_text(documents.render(reg, "docx")[0])[0]


@pytest.mark.django_db
@pytest.mark.parametrize("combo", list(itertools.product([False, True], repeat=len(OPTIONS))))
def test_no_placeholder_in_any_combination(company, combo):
    levels_ensure_defaults(organization=company)
    reg = draft_regulation(company, options=dict(zip(OPTIONS, combo, strict=True)))
    for article in reg.articles.all():
        for mark in ("{", "}", "○○", "〇〇", "None", "本規程の定めるところ"):
            assert mark not in article.body, (article.key, mark)
        assert article.body.strip()


def test_numbering():
    lines = numbered_lines(7, "甲は乙とする。\n次に掲げる。\n・一つ目\n・二つ目")
    assert lines == [
        ("article", "第7条　甲は乙とする。"),
        ("paragraph", "２　次に掲げる。"),
        ("item", "一　一つ目"),
        ("item", "二　二つ目"),
    ]
    assert [kanji_number(n) for n in (1, 9, 10, 11, 20, 23)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十三",
    ]


@pytest.mark.django_db
def test_versions_diff_and_state(company, member_of):
    admin = member_of(company, Role.ADMIN)
    reg = services.regulation_create(actor=admin.user, membership=admin)
    with pytest.raises(ValidationError):  # the rules are its annex: approve them first
        services.regulation_approve(
            actor=admin.user, membership=admin, regulation=reg, effective_on=timezone.localdate()
        )
    approved_rules(company)
    with pytest.raises(ValidationError):
        services.regulation_create(actor=admin.user, membership=admin)  # one draft at a time
    services.regulation_approve(
        actor=admin.user, membership=admin, regulation=reg, effective_on=timezone.localdate()
    )
    reg.refresh_from_db()
    assert reg.status == RegulationStatus.APPROVED and reg.approved_by == admin.user
    assert selectors.regulation_in_force(company) == reg
    assert reg.rule_set == selectors.rule_set_approved(company)

    second = services.regulation_create(actor=admin.user, membership=admin)
    assert second.number == 2
    training = second.articles.get(key="training")
    with pytest.raises(ValidationError):
        services.article_update(
            actor=admin.user,
            membership=admin,
            article=training,
            title="教育",
            body="○○に従い教育を行う。",
        )
    services.article_update(
        actor=admin.user,
        membership=admin,
        article=training,
        title="教育及び誓約",
        body=training.body.replace("年1回", "年2回"),
    )
    services.regulation_update(
        actor=admin.user,
        membership=admin,
        regulation=second,
        data={"options": {**second.options, "generative_ai": False}},
    )
    second.refresh_from_db()
    assert second.articles.get(key="training").edited  # edited wording survives
    assert "年2回" in second.articles.get(key="training").body
    changes = {c["title"]: c for c in regulation_diff(reg, second)}
    assert changes["教育及び誓約"]["kind"] == "changed"
    ops = {op for op, _text in changes["教育及び誓約"]["lines"]}
    assert {"+", "-"} <= ops
    assert changes["生成AIの利用"]["kind"] == "removed"
    # approved for a future date: version 1 stays in force until then
    future = timezone.localdate() + dt.timedelta(days=30)
    second = services.regulation_approve(
        actor=admin.user, membership=admin, regulation=second, effective_on=future
    )
    assert selectors.regulation_in_force(company) == reg
    assert selectors.regulation_state(second, reg) == RegulationStatus.APPROVED
    assert selectors.regulation_in_force(company, today=future) == second
    assert selectors.regulation_state(reg, second, today=future) == RegulationStatus.SUPERSEDED
    with pytest.raises(ValidationError):  # an approved version is no longer editable
        services.article_update(
            actor=admin.user, membership=admin, article=second.articles.first(), title="x", body="y"
        )
    types = set(
        AuditEvent.objects.filter(organization=company).values_list("event_type", flat=True)
    )
    assert {
        "regulation.created",
        "regulation.article_updated",
        "regulation.updated",
        "regulation.approved",
    } <= types


@pytest.mark.django_db
def test_read_confirmations(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    member = member_of(company, Role.MEMBER)
    other = member_of(company, Role.MANAGER)
    member_of(company, Role.ADVISOR)  # not an employee: not expected to confirm
    draft = draft_regulation(company)
    with pytest.raises(ValidationError):
        services.regulation_confirm_read(actor=member.user, membership=member, regulation=draft)
    approved_rules(company)
    reg = services.regulation_approve(
        actor=None, organization=company, regulation=draft, effective_on=timezone.localdate()
    )
    first = services.regulation_confirm_read(actor=member.user, membership=member, regulation=reg)
    again = services.regulation_confirm_read(actor=member.user, membership=member, regulation=reg)
    assert first.pk == again.pk
    assert AuditEvent.objects.filter(event_type="regulation.read_confirmed").count() == 1
    rows = {m.user_id: m.has_read for m in selectors.readers(company, reg)}
    assert rows == {admin.user_id: False, member.user_id: True, other.user_id: False}

    # the read-status page lists the people register: with an account or without
    from kimitsu.testing.factories import PersonFactory

    PersonFactory(organization=company, employee_number="3001", user=other.user)
    PersonFactory(organization=company, employee_number="3002", user=member.user)
    site = PersonFactory(organization=company, employee_number="3003")  # no account
    PersonFactory(organization=company, employee_number="3004", status="left")
    client = login_client(admin.user)
    page = client.get(f"/o/{company.slug}/rules/regulation/readers/")
    html = page.content.decode()
    assert page.status_code == 200
    assert other.user.email in html and member.user.email not in html  # unread by default
    assert "3003" in html and site.full_name in html and "3004" not in html
    assert page.context["read_count"] == 1 and page.context["reader_count"] == 3
    # an employee confirms through the page
    other_client = login_client(other.user)
    response = other_client.post(f"/o/{company.slug}/rules/regulation/{reg.pk}/confirm/")
    assert response.status_code == 302
    assert selectors.has_confirmed(reg, other.user) is not None


@pytest.mark.django_db
def test_readers_query_count_does_not_grow(
    company, member_of, login_client, django_assert_max_num_queries
):
    admin = member_of(company, Role.ADMIN)
    in_force_regulation(company)
    client = login_client(admin.user)
    url = f"/o/{company.slug}/rules/regulation/readers/?show=all"
    for _ in range(3):
        member_of(company, Role.MEMBER)
    with django_assert_max_num_queries(25) as few:
        client.get(url)
    for _ in range(30):
        member_of(company, Role.MEMBER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_docx_and_pdf_contain_the_articles(company, tmp_path):
    company.use_wareki = True
    company.save()
    reg = in_force_regulation(company, effective_on=dt.date(2026, 4, 1))
    data, filename = documents.render(reg, "docx")
    assert filename == "情報管理規程_第1版.docx"
    body, header = _docx_text(data)
    for text in (
        "情報管理規程",
        company.name,
        "第1章　総則",
        "（目的）",
        "第1条　本規程は",
        "（秘密情報の指定及び格付け）",
        "（漏えい時の対応）",
        "（改廃）",
        "本規程は、令和8年4月1日から施行する。",
        "別表　秘密情報取扱基準",
        "承認制（所属部門の長）",
        "第1版　令和8年4月1日施行",
    ):
        assert text in body, text
    assert "社外秘" in header and company.name in header

    pages = _pdf_text(documents.render(reg, "pdf")[0])
    full = "\n".join(pages)
    for text in ("情報管理規程", "第1条", "目的", "附", "令和8年4月1日から施行する", "別表"):
        assert text in full, text
    assert all("社外秘" in page for page in pages)  # the document's own marking on every page


@pytest.mark.django_db
def test_document_says_when_it_is_a_draft(company):
    levels_ensure_defaults(organization=company)
    draft_regulation(company)
    data, filename = documents.render_regulation(organization=company, fmt="docx")
    body, _header = _docx_text(data)
    assert "草案（承認前のため効力を有しない）" in body and filename.endswith("_草案.docx")
    assert "承認を得て、その定める日から施行する" in body


@pytest.mark.django_db
def test_documents_render_command(company, tmp_path):
    reg = in_force_regulation(company)
    out = tmp_path / "reg.pdf"
    call_command(
        "documents",
        "render",
        "--org",
        company.slug,
        "--kind",
        "regulation",
        "--format",
        "pdf",
        "-o",
        str(out),
    )
    text = "\n".join(_pdf_text(out.read_bytes()))
    assert f"第{reg.number}版" in text and "施行" in text


@pytest.mark.django_db
def test_step3_from_real_data(company):
    assert step3_status(company)["status"] == NOT_STARTED
    reg = draft_regulation(company)
    assert step3_status(company)["status"] == IN_PROGRESS
    approved_rules(company)
    services.regulation_approve(
        actor=None,
        organization=company,
        regulation=reg,
        effective_on=timezone.localdate() + dt.timedelta(days=10),
    )
    assert step3_status(company)["status"] == IN_PROGRESS
    in_force_regulation(company, effective_on=timezone.localdate(), note="改定")
    status = step3_status(company)
    assert status["status"] == DONE and status["evidence"]
    # the date in the evidence is written as the reader's language writes dates
    from django.utils import formats, translation

    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日" in status["evidence"][0]
    with translation.override("en"):
        evidence = step3_status(company)["evidence"][0]
        assert formats.date_format(today, "DATE_FORMAT") in evidence and "年" not in evidence


@pytest.mark.django_db
def test_other_company_regulation_is_invisible(company, other_company, member_of, login_client):
    reg = in_force_regulation(other_company)
    admin = member_of(company, Role.ADMIN)
    client = login_client(admin.user)
    assert client.get(f"/o/{company.slug}/rules/regulation/{reg.pk}/").status_code == 404
    assert (
        client.get(f"/o/{company.slug}/rules/regulation/{reg.pk}/download/pdf/").status_code == 404
    )
