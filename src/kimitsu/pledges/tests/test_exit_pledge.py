"""The exit pledge names exactly the register entries the person can access."""

import io
import re

import pytest
from docx import Document as Docx
from pypdf import PdfReader

from kimitsu.organizations.choices import PersonStatus
from kimitsu.pledges import documents, services
from kimitsu.pledges.choices import DocumentStatus, TemplateKind
from kimitsu.register.choices import Status
from kimitsu.register.models import DepartmentGrant, PersonGrant
from kimitsu.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    doc = Docx(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    parts += [p.text for p in doc.sections[0].header.paragraphs]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    # pypdf (a dependency already) rather than poppler's pdftotext, which a new machine lacks
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def scene(company, other_company, levels, tree, make_entry):
    worker = PersonFactory(
        organization=company,
        department=tree["line1"],
        employee_number="7001",
        family_name="森",
        given_name="和也",
        status=PersonStatus.LEAVING,
    )
    e = {
        "direct": make_entry(company, levels["top_secret"], title="見積原価の算定表"),
        "sub": make_entry(company, levels["secret"], title="工場の設備配置図"),
        "own": make_entry(company, levels["secret"], title="一課の加工条件表"),
        "custody": make_entry(
            company, levels["internal"], title="治具の管理台帳", custodian=worker
        ),
        # nothing below may appear
        "no_sub": make_entry(company, levels["secret"], title="製造部長の会議資料"),
        "sales": make_entry(company, levels["secret"], title="顧客名簿"),
        "proposed": make_entry(
            company, levels["secret"], status=Status.PROPOSED, title="提案中の資料"
        ),
        "retired": make_entry(
            company, levels["secret"], status=Status.RETIRED, title="廃止した資料"
        ),
    }
    other_entry = make_entry(other_company, None, title="他社の資料", ledger_number="KM-99999")
    PersonGrant.objects.create(organization=company, entry=e["direct"], person=worker)
    PersonGrant.objects.create(organization=company, entry=e["proposed"], person=worker)
    PersonGrant.objects.create(organization=company, entry=e["retired"], person=worker)
    DepartmentGrant.objects.create(
        organization=company,
        entry=e["sub"],
        department=tree["factory"],
        include_subdepartments=True,
    )
    DepartmentGrant.objects.create(
        organization=company,
        entry=e["no_sub"],
        department=tree["mfg"],
        include_subdepartments=False,
    )
    DepartmentGrant.objects.create(
        organization=company, entry=e["own"], department=tree["line1"], include_subdepartments=False
    )
    DepartmentGrant.objects.create(organization=company, entry=e["sales"], department=tree["sales"])
    return worker, e, other_entry


EXPECTED = ("direct", "sub", "own", "custody")
ABSENT = ("no_sub", "sales", "proposed", "retired")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_exit_pledge_lists_exactly_the_accessible_entries(company, scene, fmt):
    worker, e, other_entry = scene
    data, name = documents.render_pledge_exit(organization=company, fmt=fmt, person="7001")
    text = docx_text(data) if fmt == "docx" else pdf_text(data)
    assert name == f"退職時誓約書_7001.{fmt}"
    for key in EXPECTED:
        assert e[key].ledger_number in text, key
        assert e[key].title in text, key
    for key in ABSENT:
        assert e[key].title not in text, key
        assert e[key].ledger_number not in text, key
    assert other_entry.title not in text
    assert "極秘" in text and re.search(r"森\s*和也", text)
    # the marking is that of the most secret entry listed
    top = e["direct"].level.marking_text
    assert top and top in text


def test_exit_pledge_rows_in_docx_table_are_exactly_those(company, scene):
    worker, e, _ = scene
    data, _ = documents.render_pledge_exit(organization=company, fmt="docx", person="7001")
    table = Docx(io.BytesIO(data)).tables[0]
    rows = [tuple(c.text for c in r.cells) for r in table.rows][1:]
    assert rows == sorted(
        (x.ledger_number, x.title, x.level.name) for x in (e[k] for k in EXPECTED)
    )


def test_issued_exit_pledge_freezes_the_list(company, scene, admin, adopted):
    worker, e, _ = scene
    doc = services.document_create(
        actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_EXIT, person=worker
    )
    assert {r["ledger_number"] for r in doc.entries} == {e[k].ledger_number for k in EXPECTED}
    services.document_transition(
        actor=admin.user, membership=admin, document=doc, to_status=DocumentStatus.ISSUED
    )
    PersonGrant.objects.filter(person=worker).delete()  # access changes afterwards…
    data, _ = documents.render_document(doc, "pdf")
    assert e["direct"].title in pdf_text(data)  # …the handed-over paper does not


def test_unknown_person_is_a_clear_lookup_error(company):
    with pytest.raises(LookupError, match="9999"):
        documents.render_pledge_exit(organization=company, fmt="pdf", person="9999")


def test_noncompete_clause_and_warnings(company, scene, admin, adopted):
    from kimitsu.pledges.rendering import noncompete_warnings

    worker, _, _ = scene
    fields = {
        "noncompete": True,
        "nc_period_months": 36,
        "nc_region": "日本全国",
        "nc_scope": "全ての事業",
    }
    warnings = noncompete_warnings(fields)
    assert len(warnings) == 4  # period, region, scope, no compensation
    narrow = {
        "noncompete": True,
        "nc_period_months": 12,
        "nc_region": "新潟県内",
        "nc_scope": "公共土木工事の施工管理",
        "nc_compensation": "月額手当3万円を支給",
    }
    assert noncompete_warnings(narrow) == []
    doc = services.document_create(
        actor=admin.user,
        membership=admin,
        kind=TemplateKind.PLEDGE_EXIT,
        person=worker,
        fields=narrow,
    )
    text = pdf_text(documents.render_document(doc, "pdf")[0])
    assert "1年" in text and "新潟県内" in text and "公共土木工事の施工管理" in text
    plain = services.document_create(
        actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_EXIT, person=worker
    )
    assert "競業" not in pdf_text(documents.render_document(plain, "pdf")[0])


def test_an_exit_pledge_is_only_for_a_leaver(company, admin, adopted):
    from django.core.exceptions import ValidationError

    active = PersonFactory(organization=company)
    with pytest.raises(ValidationError, match="退職予定"):
        services.document_create(
            actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_EXIT, person=active
        )


def test_after_the_exit_the_command_prints_the_list_as_handed_over(company, scene, admin, adopted):
    worker, e, _ = scene
    doc = services.document_create(
        actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_EXIT, person=worker
    )
    services.document_transition(
        actor=admin.user, membership=admin, document=doc, to_status=DocumentStatus.ISSUED
    )
    worker.status = PersonStatus.LEFT
    worker.save()
    data, _ = documents.render_pledge_exit(organization=company, fmt="pdf", person="7001")
    assert e["direct"].title in pdf_text(data)
