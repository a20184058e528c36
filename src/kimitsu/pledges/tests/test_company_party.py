"""The company's own address, representative and way of signing on the documents it signs (the
NDA, the outsourcing clauses) and receives (the pledges) — never 「＿＿」 once the profile has them."""

import io

import pytest
from pypdf import PdfReader

from kimitsu.organizations.choices import ContractSigning
from kimitsu.pledges import documents, services
from kimitsu.pledges.choices import DocumentStatus, TemplateKind
from kimitsu.pledges.rendering import BLANK
from kimitsu.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    from docx import Document as Docx

    return "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)


@pytest.fixture
def profiled(company):
    company.postal_code = "950-0087"
    company.address = "新潟県新潟市中央区東大通一丁目1番1号"
    company.representative_title = "代表取締役"
    company.representative_name = "山本　一郎"
    company.save()
    return company


@pytest.fixture
def partner(company, admin):
    return services.partner_create(
        actor=admin.user,
        membership=admin,
        data={"name": "北陸測量株式会社", "address": "新潟県長岡市", "representative": "青木　修"},
    )


def _nda(admin, partner):
    return services.document_create(
        actor=admin.user,
        membership=admin,
        kind=TemplateKind.NDA,
        partner=partner,
        fields={"purpose": "市民会館改修工事の測量", "court": "新潟地方裁判所"},
    )


def _party_block(text: str) -> str:
    return text[text.index("（甲）") : text.index("（乙）")]


def test_the_nda_prints_the_company_address_and_representative(profiled, admin, adopted, partner):
    doc = _nda(admin, partner)
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(documents.render_document(doc, fmt)[0])
        block = _party_block(text)
        assert "〒950-0087" in block and "新潟県新潟市中央区東大通一丁目1番1号" in block
        assert "代表取締役" in block and "山本" in block and "印" in block
        assert "＿" not in block, block
        assert "甲乙記名押印の上" in text


def test_a_company_that_signs_by_hand_gets_a_signature_line_and_says_so(
    profiled, admin, adopted, partner
):
    profiled.contract_signing = ContractSigning.SIGNATURE
    profiled.save()
    text = docx_text(documents.render_document(_nda(admin, partner), "docx")[0])
    block = _party_block(text)
    assert "代表者：代表取締役　山本　一郎" in block and f"署名：{BLANK}" in block
    assert "印" not in block
    assert "甲乙署名の上" in text and "記名押印" not in text


def test_an_electronic_contract_has_no_seal_and_its_own_closing_words(
    profiled, admin, adopted, partner
):
    profiled.contract_signing = ContractSigning.ELECTRONIC
    profiled.save()
    text = docx_text(documents.render_document(_nda(admin, partner), "docx")[0])
    assert "印" not in text[text.index("（甲）") :]
    assert "電磁的記録を作成し、甲乙電子署名を施した上" in text


def test_the_handed_over_nda_keeps_the_profile_of_that_day(profiled, admin, adopted, partner):
    doc = _nda(admin, partner)
    services.document_transition(
        actor=admin.user, membership=admin, document=doc, to_status=DocumentStatus.ISSUED
    )
    profiled.address = "東京都千代田区丸の内一丁目1番1号"
    profiled.representative_name = "佐藤　健太"
    profiled.save()
    doc.refresh_from_db()
    text = docx_text(documents.render_document(doc, "docx")[0])
    assert "新潟県新潟市中央区東大通一丁目1番1号" in text and "山本　一郎" in text
    assert "丸の内" not in text
    # a draft follows the profile as it is now
    draft = _nda(admin, partner)
    assert "佐藤　健太" in docx_text(documents.render_document(draft, "docx")[0])


def test_a_pledge_is_addressed_to_the_representative(profiled, admin, adopted):
    person = PersonFactory(organization=profiled, employee_number="1501")
    text = docx_text(
        documents.render_pledge_hire(organization=profiled, fmt="docx", person="1501")[0]
    )
    assert f"{profiled.name}\n代表取締役　山本　一郎　殿" in text
    assert "御中" not in text
    assert person.full_name in text and "印" in text.split("署名：")[-1]


def test_without_a_representative_the_pledge_goes_to_the_company(company, admin, adopted):
    PersonFactory(organization=company, employee_number="1501")
    text = docx_text(
        documents.render_pledge_hire(organization=company, fmt="docx", person="1501")[0]
    )
    assert f"{company.name}　御中" in text


def test_pledges_without_a_seal_box_when_the_company_chose_so(profiled, admin, adopted):
    profiled.pledge_seal = False
    profiled.save()
    PersonFactory(organization=profiled, employee_number="1501")
    for render in (documents.render_pledge_hire, documents.render_hire_check):
        text = docx_text(render(organization=profiled, fmt="docx", person="1501")[0])
        signature = text.split("署名：")[-1]
        assert "印" not in signature
