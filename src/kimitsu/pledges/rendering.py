"""From a clause library and the filled fields to a document, then to .docx or PDF.

``compose`` turns a template (its clauses), the parties and the fields into a neutral list of
blocks; ``to_docx`` and ``to_pdf`` are small writers over those blocks. Nothing here patches a
binary template.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from kimitsu.core.dates import seireki, wareki

from .choices import PARTNER_KINDS, ClauseVariant, NdaDirection, TemplateKind

BLANK = "＿＿＿＿＿＿"
BLANK_DATE = "＿＿＿＿年＿＿月＿＿日"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
ITEM = re.compile(r"^[一二三四五六七八九十]+\u3000")

# The placeholders a clause may use, for the clause editor's help.
PLACEHOLDERS = {
    "company": "会社名",
    "date": "文書の日付",
    "person": "氏名",
    "employee_number": "社員番号",
    "department": "所属",
    "last_day": "退職日",
    "project": "プロジェクト名",
    "former_employer": "前の勤務先",
    "former_duties": "前の勤務先に負う義務",
    "not_to_bring": "持ち込まないもの",
    "own_knowledge": "本人の知識・経験",
    "nc_period": "競業制限の期間",
    "nc_region": "競業制限の地域",
    "nc_scope": "競業制限の業務範囲",
    "nc_compensation": "代償措置",
    "partner": "取引先名",
    "purpose": "目的",
    "discloser": "開示する当事者",
    "recipient": "受領する当事者",
    "term_years": "有効期間（年）",
    "survival_years": "存続期間（年）",
    "court": "管轄裁判所",
    "execution": "締結の方法（記名押印・署名・電子署名。プロフィールの設定による）",
}

# The closing words of a contract, by how the company signs (Organization.contract_signing).
EXECUTION = {
    "name_seal": "本書2通を作成し、甲乙記名押印の上、各1通を保有する",
    "signature": "本書2通を作成し、甲乙署名の上、各1通を保有する",
    "electronic": "本書の電磁的記録を作成し、甲乙電子署名を施した上、各自その電磁的記録を保管する",
}
SEAL = "印"

NATIONWIDE = ("全国", "日本国内", "国内全域", "日本全国", "全世界", "世界", "国内")
BROAD_SCOPE = ("全て", "すべて", "一切", "全般", "あらゆる")


@dataclass
class ClauseSource:
    heading: str
    body: str
    variant: str = ""
    lists_entries: bool = False


@dataclass
class Composed:
    title: str
    marking: str
    blocks: list = field(default_factory=list)


def company_party(organization) -> dict:
    """The company as a party to its documents, from its profile. An issued document keeps the
    values of the day it was issued (``Document.fields["company_party"]``)."""
    return {
        "postal_code": organization.postal_code,
        "address": organization.address,
        "representative_title": organization.representative_title,
        "representative_name": organization.representative_name,
        "contract_signing": organization.contract_signing,
        "pledge_seal": organization.pledge_seal,
    }


def party_address(postal_code: str, address: str) -> str:
    if not address:
        return BLANK
    return f"〒{postal_code}　{address}" if postal_code else address


def representative(party: dict) -> str:
    """「代表取締役　山本　一郎」, or what of it is known."""
    return "　".join(
        p for p in (party.get("representative_title"), party.get("representative_name")) if p
    )


def _signatory_rows(address: str, name: str, rep: str, signing: str) -> list:
    """住所・名称・代表者 (and a line to sign on) of one party, as the company signs."""
    rows = [("住所", address or BLANK), ("名称", name or BLANK)]
    if signing == "signature":
        rows += [("代表者", rep or BLANK), ("署名", BLANK + BLANK)]
    elif signing == "electronic":
        rows.append(("代表者", rep or BLANK))
    else:  # 記名押印
        rows.append(("代表者", f"{rep or BLANK}　{SEAL}"))
    return rows


def format_date(organization, day: dt.date | None) -> str:
    if not day:
        return BLANK_DATE
    return wareki(day) if organization.use_wareki else seireki(day)


def period_label(months) -> str:
    try:
        months = int(months)
    except (TypeError, ValueError):
        return BLANK
    if months % 12 == 0:
        return f"{months // 12}年"
    return f"{months}か月"


def noncompete_warnings(fields: dict) -> list[str]:
    """Why a court could find this non-compete too broad (shown, never blocking)."""
    from django.utils.translation import gettext as _

    if not fields.get("noncompete"):
        return []
    warnings = []
    try:
        months = int(fields.get("nc_period_months") or 0)
    except (TypeError, ValueError):
        months = 0
    if months > 24:
        warnings.append(_("The period is longer than two years; courts rarely uphold that."))
    region = (fields.get("nc_region") or "").strip()
    if not region or any(word in region for word in NATIONWIDE):
        warnings.append(
            _(
                "The region is nationwide or not limited; name the area where the "
                "company actually competes."
            )
        )
    scope = (fields.get("nc_scope") or "").strip()
    if not scope or any(word in scope for word in BROAD_SCOPE):
        warnings.append(
            _("The business scope is not limited; name the business the person actually worked in.")
        )
    if not (fields.get("nc_compensation") or "").strip():
        warnings.append(
            _("No compensation is stated; without one a non-compete is hard to enforce.")
        )
    return warnings


def _fill(text: str, values: dict) -> str:
    def sub(match):
        value = values.get(match.group(1))
        return str(value) if value not in (None, "") else BLANK

    return PLACEHOLDER.sub(sub, text)


def _variant_wanted(kind: str, fields: dict) -> set[str]:
    wanted = {ClauseVariant.ALWAYS}
    if kind == TemplateKind.NDA:
        direction = fields.get("direction") or NdaDirection.MUTUAL
        wanted.add(
            ClauseVariant.MUTUAL if direction == NdaDirection.MUTUAL else ClauseVariant.ONE_WAY
        )
    if fields.get("noncompete"):
        wanted.add(ClauseVariant.NONCOMPETE)
    return wanted


def values_for(
    *, organization, kind, person=None, partner=None, fields=None, document_date=None, party=None
) -> dict:
    fields = fields or {}
    party = party or company_party(organization)
    values = {k: v for k, v in fields.items() if isinstance(v, str | int)}
    values["company"] = organization.name
    values["date"] = format_date(organization, document_date)
    values["execution"] = EXECUTION.get(party.get("contract_signing"), EXECUTION["name_seal"])
    if person is not None:
        values.update(
            {
                "person": person.full_name,
                "employee_number": person.employee_number,
                "department": person.department.name if person.department_id else "",
                "last_day": format_date(organization, person.left_on),
            }
        )
    if partner is not None:
        values["partner"] = partner.name
    if kind == TemplateKind.NDA:
        direction = fields.get("direction") or NdaDirection.MUTUAL
        a, b = "甲", "乙"
        values["discloser"], values["recipient"] = (
            (b, a) if direction == NdaDirection.THEY_DISCLOSE else (a, b)
        )
    if fields.get("noncompete"):
        values["nc_period"] = period_label(fields.get("nc_period_months"))
        values["nc_compensation"] = fields.get("nc_compensation") or "別途協議して定めます。"
    return values


def compose(
    *,
    organization,
    kind,
    title,
    marking,
    clauses,
    person=None,
    partner=None,
    fields=None,
    entries=None,
    document_date=None,
) -> Composed:
    """Blocks: ("right", text), ("addressee", text), ("title", text), ("para", text),
    ("clause", heading, [lines]), ("entries", rows), ("signature", [(label, value)]),
    ("parties", [(party, [(label, value)])]).

    The company's address, representative and way of signing come from ``fields
    ["company_party"]`` when the document was issued with them, else from the profile."""
    fields = fields or {}
    party = fields.get("company_party") or company_party(organization)
    values = values_for(
        organization=organization,
        kind=kind,
        person=person,
        partner=partner,
        fields=fields,
        document_date=document_date,
        party=party,
    )
    wanted = _variant_wanted(kind, fields)
    entries = entries or []
    if kind == TemplateKind.PLEDGE_EXIT and entries:
        top = max(entries, key=lambda e: e.get("rank") or 0)
        marking = top.get("marking") or marking
    doc = Composed(title=title, marking=marking)
    is_contract = kind in PARTNER_KINDS
    if not is_contract:
        doc.blocks.append(("right", values["date"]))
        rep = representative(party)
        if party.get("representative_name"):  # to a person: 殿; to the company alone: 御中
            doc.blocks.append(("addressee", organization.name))
            doc.blocks.append(("addressee", f"{rep}　殿"))
        else:
            doc.blocks.append(("addressee", f"{organization.name}　御中"))
    doc.blocks.append(("title", title))
    number = 0
    for clause in clauses:
        if (clause.variant or "") not in wanted:
            continue
        lines = _fill(clause.body, values).splitlines()
        if clause.heading:
            number += 1
            doc.blocks.append(("clause", f"第{number}条（{clause.heading}）", lines))
        else:
            for line in lines:
                doc.blocks.append(("para", line))
        if clause.lists_entries:
            doc.blocks.append(
                (
                    "entries",
                    [
                        (e.get("ledger_number", ""), e.get("title", ""), e.get("level", ""))
                        for e in entries
                    ],
                )
            )
    if is_contract:
        signing = party.get("contract_signing") or "name_seal"
        doc.blocks.append(("right", values["date"]))
        doc.blocks.append(
            (
                "parties",
                [
                    (
                        "甲",
                        _signatory_rows(
                            party_address(party.get("postal_code", ""), party.get("address", "")),
                            organization.name,
                            representative(party),
                            signing,
                        ),
                    ),
                    (
                        "乙",
                        _signatory_rows(
                            partner.address if partner else "",
                            partner.name if partner else "",
                            partner.representative if partner else "",
                            signing,
                        ),
                    ),
                ],
            )
        )
    else:
        rows = []
        if person is not None:
            rows += [
                ("所属", values.get("department") or BLANK),
                ("社員番号", person.employee_number),
                ("氏名", person.full_name),
            ]
        seal = f"　{SEAL}" if party.get("pledge_seal", True) else ""
        rows += [("住所", BLANK), ("署名", f"{BLANK}{BLANK}{seal}")]
        doc.blocks.append(("signature", rows))
    return doc


def is_item(line: str) -> bool:
    return bool(ITEM.match(line))


# --- writers ---------------------------------------------------------------------------------

ENTRY_HEADERS = ("管理番号", "名称", "格付け")
NO_ENTRIES = "（該当する登録情報はありません）"


def to_docx(doc: Composed, *, header_left: str) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from kimitsu.documents.docx import new_document, to_bytes

    out = new_document(marking=doc.marking, header_left=header_left)
    for block in doc.blocks:
        kind = block[0]
        if kind == "title":
            p = out.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(block[1])
            run.bold = True
            run.font.size = Pt(16)
        elif kind == "right":
            out.add_paragraph(block[1]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind in ("addressee", "para"):
            out.add_paragraph(block[1])
        elif kind == "clause":
            p = out.add_paragraph()
            p.add_run(block[1]).bold = True
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.keep_with_next = True
            for line in block[2]:
                para = out.add_paragraph(line)
                if is_item(line):
                    para.paragraph_format.left_indent = Mm(8)
                    para.paragraph_format.first_line_indent = Mm(-5)
        elif kind == "entries":
            rows = block[1]
            if not rows:
                out.add_paragraph(NO_ENTRIES)
                continue
            table = out.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, ENTRY_HEADERS, strict=True):
                cell.text = text
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = str(text)
        elif kind == "signature":
            out.add_paragraph()
            for label, value in block[1]:
                p = out.add_paragraph(f"{label}：{value}")
                p.paragraph_format.left_indent = Mm(70)
        elif kind == "parties":
            for party, rows in block[1]:
                out.add_paragraph()
                out.add_paragraph(f"（{party}）")
                for label, value in rows:
                    p = out.add_paragraph(f"{label}：{value}")
                    p.paragraph_format.left_indent = Mm(20)
    return to_bytes(out)


def to_pdf(doc: Composed, *, footer: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    from kimitsu.documents import pdf
    from kimitsu.documents.pdf import Paragraph

    st = pdf.styles()
    sig = st["base"].clone("sig", leftIndent=70 * mm)
    party = st["base"].clone("party", leftIndent=20 * mm)
    heading = st["h2"].clone("clause_heading", keepWithNext=1)
    flow = []

    def para(text, style):
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        flow.append(Paragraph(escaped, style))

    for block in doc.blocks:
        kind = block[0]
        if kind == "title":
            para(block[1], st["title"])
        elif kind == "right":
            para(block[1], st["right"])
        elif kind in ("addressee", "para"):
            para(block[1], st["article"])
        elif kind == "clause":
            para(block[1], heading)
            for line in block[2]:
                para(line, st["item"] if is_item(line) else st["article"])
        elif kind == "entries":
            rows = block[1]
            if not rows:
                para(NO_ENTRIES, st["article"])
                continue
            data = [[Paragraph(h, st["small"]) for h in ENTRY_HEADERS]]
            data += [
                [
                    Paragraph(str(c).replace("&", "&amp;").replace("<", "&lt;"), st["small"])
                    for c in row
                ]
                for row in rows
            ]
            table = Table(data, colWidths=[30 * mm, 106 * mm, 28 * mm], repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            flow.append(table)
            flow.append(Spacer(1, 3 * mm))
        elif kind == "signature":
            flow.append(Spacer(1, 8 * mm))
            for label, value in block[1]:
                para(f"{label}：{value}", sig)
        elif kind == "parties":
            for party_label, rows in block[1]:
                flow.append(Spacer(1, 5 * mm))
                para(f"（{party_label}）", st["base"])
                for label, value in rows:
                    para(f"{label}：{value}", party)
    return pdf.build(flow, title=doc.title, on_page=pdf.marking_painter(doc.marking, footer))
