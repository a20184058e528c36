"""Browser flow: edit a rule, approve the rules, prepare and approve the regulation, download
it as Word and check what it says."""

import io

import pytest

from kimitsu.organizations.choices import Role
from kimitsu.register.services import levels_ensure_defaults
from kimitsu.rules import selectors
from kimitsu.rules.choices import Action, RuleSetStatus
from kimitsu.testing.browser import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_edit_rule_approve_and_download_regulation(page, company, member_of):
    from docx import Document

    admin = member_of(company, Role.ADMIN)
    levels_ensure_defaults(organization=company)
    base = page.base_url
    log_in(page, base, admin.user)

    page.goto(f"{base}/o/{company.slug}/rules/matrix/")
    page.click("#start-draft")
    page.wait_for_selector("#matrix")
    page.click(f".edit-rule[data-level='秘'][data-action='{Action.GENERATIVE_AI}']")
    page.select_option("select[name=verdict]", "conditional")
    page.fill("input[name=condition]", "社内専用の生成AI環境に限り、要約目的で入力できる。")
    page.click("#rule-save")
    page.wait_for_selector("#matrix")
    assert "社内専用の生成AI環境に限り" in page.inner_text("#matrix")
    page.click("#approve-rules-submit")
    page.wait_for_selector("#rule-set-status")
    assert selectors.rule_set_approved(company).status == RuleSetStatus.APPROVED

    page.goto(f"{base}/o/{company.slug}/rules/regulation/")
    page.click("#new-draft")
    page.fill("input[name=officer_post]", "総務部長")
    page.uncheck("input[name=option_generative_ai]")
    page.click("#regulation-settings-save")
    page.wait_for_selector("#articles")
    assert "（生成AIの利用）" not in page.inner_text("#articles")
    assert "総務部長をもって充てる" in page.inner_text("#articles")
    page.click("#approve-regulation-submit")
    page.wait_for_selector("#regulation-state")
    assert page.inner_text("#regulation-state").strip() in ("施行中", "In force")

    with page.expect_download() as info:
        page.click("#download-docx")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    doc = Document(io.BytesIO(open(download.path(), "rb").read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert company.name in text and "第1条" in text and "総務部長" in text
    assert "（生成AIの利用）" not in text
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "社内専用の生成AI環境に限り" in cells
