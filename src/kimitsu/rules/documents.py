"""The regulation as a Word or PDF document, built from its stored articles and the annexed
handling rules (別表). The document says which version it shows: in force, approved and waiting
for its date, or a draft without effect."""

import datetime as dt
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from kimitsu.core import dates

from . import selectors
from .choices import ACTION_JA, RegulationStatus, rule_summary_ja
from .clauses import Context, LevelInfo, numbered_lines, profile_for

DOCX = "docx"
PDF = "pdf"
CONTENT_TYPES = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PDF: "application/pdf",
}


# --- context -----------------------------------------------------------------------------------


def _register_default_descriptions() -> dict[str, str]:
    """The register's stock descriptions are written for the screen; the regulation words the
    usual levels formally unless the company wrote its own description."""
    try:
        from kimitsu.register.services import DEFAULT_LEVELS
    except ImportError:  # pragma: no cover - the register defines them
        return {}
    return {row[1]: row[-1] for row in DEFAULT_LEVELS}


def level_info(level) -> LevelInfo:
    description = level.description or ""
    if _register_default_descriptions().get(level.name) == description:
        description = ""
    return LevelInfo(
        name=level.name,
        rank=level.rank,
        marking_text=level.marking_text,
        description=description,
        review_months=level.review_months if level.is_secret else None,
        is_public=not level.is_secret,
    )


def level_profile(level, levels) -> str:
    secret = [level_info(lv) for lv in levels if lv.is_secret]
    return profile_for(level_info(level), secret)


def build_context(reg) -> Context:
    levels = list(selectors.levels(reg.organization))
    secret = [level_info(lv) for lv in levels if lv.is_secret]
    public = next((level_info(lv) for lv in levels if not lv.is_secret), None)
    return Context(
        company=reg.organization.name,
        levels=secret,
        public_level=public,
        officer_post=reg.officer_post,
        officer_name=reg.officer_name,
        manager_post=reg.manager_post,
        approving_body=reg.approving_body,
        options=dict(reg.options or {}),
    )


# --- the document's content, independent of the format -------------------------------------------


@dataclass
class Block:
    kind: str  # title, subtitle, status, chapter, heading, article, paragraph, item, supp, right
    text: str


def _date(org, day: dt.date) -> str:
    return dates.wareki(day) if org.use_wareki else dates.seireki(day)


def status_line(reg, state: str) -> str:
    org = reg.organization
    if state == RegulationStatus.IN_FORCE:
        return f"第{reg.number}版　{_date(org, reg.effective_on)}施行"
    if state == RegulationStatus.APPROVED:
        return (
            f"第{reg.number}版　{_date(org, reg.approved_on)}承認・"
            f"{_date(org, reg.effective_on)}施行予定"
        )
    if state == RegulationStatus.SUPERSEDED:
        return f"第{reg.number}版　{_date(org, reg.effective_on)}施行（改定により失効）"
    return f"第{reg.number}版　草案（承認前のため効力を有しない）"


def supplementary(reg) -> list[Block]:
    """附則: one for each version that came into force up to this one, as 社内規程 keep them."""
    org = reg.organization
    history = list(
        selectors.regulations(org)
        .filter(
            status__in=[RegulationStatus.APPROVED, RegulationStatus.SUPERSEDED],
            number__lte=reg.number,
            effective_on__isnull=False,
        )
        .order_by("number")
    )
    blocks: list[Block] = []
    for index, version in enumerate(history):
        day = _date(org, version.effective_on)
        if index == 0:
            blocks.append(Block("supp", "附　則"))
            blocks.append(Block("article", f"本規程は、{day}から施行する。"))
        else:
            blocks.append(Block("supp", f"附　則（{day}改定）"))
            blocks.append(Block("article", f"この改定は、{day}から施行する。"))
    if reg.status == RegulationStatus.DRAFT:
        if history:
            blocks.append(Block("supp", "附　則（改定）"))
            blocks.append(
                Block(
                    "article",
                    f"この改定は、{reg.approving_body}の承認を得て、その定める日から施行する。",
                )
            )
        else:
            blocks.append(Block("supp", "附　則"))
            blocks.append(
                Block(
                    "article",
                    f"本規程は、{reg.approving_body}の承認を得て、その定める日から施行する。",
                )
            )
    return blocks


def content(reg, state: str) -> list[Block]:
    blocks = [
        Block("title", reg.title),
        Block("subtitle", reg.organization.name),
        Block("status", status_line(reg, state)),
    ]
    chapter = None
    for number, article in enumerate(reg.articles.all().order_by("position"), start=1):
        if article.chapter != chapter:
            chapter = article.chapter
            blocks.append(Block("chapter", f"第{chapter}章　{article.chapter_title}"))
        blocks.append(Block("heading", f"（{article.title}）"))
        for kind, text in numbered_lines(number, article.body):
            blocks.append(Block(kind, text))
    blocks.extend(supplementary(reg))
    return blocks


def annex(reg) -> tuple[list[str], list[list[tuple[str, str]]]]:
    """別表: header (取扱い + level names) and rows of (summary, note) per level."""
    rule_set = selectors.annex_rule_set(reg)
    levels = list(selectors.levels(reg.organization))
    header = ["取扱い"] + [lv.name for lv in levels]
    rows = []
    for row in selectors.matrix(rule_set, levels):
        cells = [(ACTION_JA[row.action], "")]
        for rule in row.cells:
            cells.append((rule_summary_ja(rule), rule.note) if rule else ("（未設定）", ""))
        rows.append(cells)
    return header, rows


def marking_of(reg) -> str:
    level = reg.marking_level
    return (level.marking_text or level.name) if level else ""


# --- Word ------------------------------------------------------------------------------------


def render_docx(reg, state: str) -> bytes:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from kimitsu.documents.docx import new_document, to_bytes

    doc = new_document(marking=marking_of(reg), header_left=f"{reg.organization.name}　{reg.title}")

    def para(
        text, *, size=None, align=None, indent=None, hanging=None, before=0, after=2, bold=False
    ):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if align is not None:
            p.alignment = align
        if indent is not None:
            fmt.left_indent = Mm(indent)
        if hanging is not None:
            fmt.first_line_indent = Mm(-hanging)
        return p

    for block in content(reg, state):
        if block.kind == "title":
            doc.add_heading(block.text, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "subtitle":
            para(block.text, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif block.kind == "status":
            para(block.text, size=9, align=WD_ALIGN_PARAGRAPH.RIGHT, after=12)
        elif block.kind == "chapter":
            doc.add_heading(block.text, level=1)
        elif block.kind in ("heading", "supp"):
            align = WD_ALIGN_PARAGRAPH.CENTER if block.kind == "supp" else None
            para(
                block.text,
                before=6 if block.kind == "supp" else 4,
                after=0,
                align=align,
                bold=block.kind == "supp",
            )
        elif block.kind in ("article", "paragraph"):
            para(block.text, indent=3.7, hanging=3.7)
        elif block.kind == "item":
            para(block.text, indent=7.4, hanging=3.7, after=1)
    para("以上", align=WD_ALIGN_PARAGRAPH.RIGHT, before=6)

    header, rows = annex(reg)
    doc.add_page_break()
    doc.add_heading(
        "別表　秘密情報取扱基準（第{}版）".format(
            selectors.annex_rule_set(reg).number if selectors.annex_rule_set(reg) else "－"
        ),
        level=1,
    )
    para(
        "秘密情報の区分ごとに、取扱いの可否と条件を次のとおり定める。"
        "「承認制」は括弧内の者の事前の承認を要することを示す。",
        size=9,
    )
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(8.5)
    for row in rows:
        cells = table.add_row().cells
        for cell, (summary, note) in zip(cells, row, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(summary)
            run.font.size = Pt(8)
            if note:
                extra = cell.add_paragraph().add_run(note)
                extra.font.size = Pt(7)
    return to_bytes(doc)


# --- PDF -------------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_pdf(reg, state: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

    from kimitsu.documents.pdf import Paragraph, build, marking_painter, styles

    st = styles()
    base = st["base"]
    article = ParagraphStyle(
        "art", parent=base, leftIndent=5 * mm, firstLineIndent=-5 * mm, spaceAfter=1 * mm
    )
    item = ParagraphStyle(
        "itm", parent=base, leftIndent=10 * mm, firstLineIndent=-5 * mm, spaceAfter=0.6 * mm
    )
    heading = ParagraphStyle("hd", parent=base, spaceBefore=2.5 * mm)
    supp = ParagraphStyle("supp", parent=st["center"], spaceBefore=6 * mm, spaceAfter=2 * mm)
    chapter = ParagraphStyle("ch", parent=st["h2"], alignment=1)
    status = ParagraphStyle("status", parent=st["small"], alignment=2, spaceAfter=6 * mm)
    cell = ParagraphStyle("cell", parent=base, fontSize=7.5, leading=10)
    note = ParagraphStyle(
        "note", parent=cell, fontSize=6.5, leading=8.5, textColor=colors.HexColor("#444444")
    )

    flow = []
    for block in content(reg, state):
        text = _escape(block.text)
        if block.kind == "title":
            flow.append(Paragraph(text, st["title"]))
        elif block.kind == "subtitle":
            flow.append(Paragraph(text, st["center"]))
            flow.append(Spacer(1, 2 * mm))
        elif block.kind == "status":
            flow.append(Paragraph(text, status))
        elif block.kind == "chapter":
            flow.append(Paragraph(text, chapter))
        elif block.kind == "heading":
            flow.append(Paragraph(text, heading))
        elif block.kind == "supp":
            flow.append(Paragraph(text, supp))
        elif block.kind in ("article", "paragraph"):
            flow.append(Paragraph(text, article))
        elif block.kind == "item":
            flow.append(Paragraph(text, item))
    flow.append(Spacer(1, 4 * mm))
    flow.append(Paragraph("以上", st["right"]))

    header, rows = annex(reg)
    rule_set = selectors.annex_rule_set(reg)
    flow.append(PageBreak())
    flow.append(
        Paragraph(
            f"別表　秘密情報取扱基準（第{rule_set.number if rule_set else '－'}版）", st["h1"]
        )
    )
    flow.append(
        Paragraph(
            "秘密情報の区分ごとに、取扱いの可否と条件を次のとおり定める。"
            "「承認制」は括弧内の者の事前の承認を要することを示す。",
            st["small"],
        )
    )
    flow.append(Spacer(1, 3 * mm))
    data = [[Paragraph(_escape(h), cell) for h in header]]
    for row in rows:
        line = []
        for index, (summary, extra) in enumerate(row):
            parts = [Paragraph(_escape(summary), cell)]
            if extra and index:
                parts.append(Paragraph(_escape(extra), note))
            line.append(parts)
        data.append(line)
    usable = 166 * mm
    first = 24 * mm
    other = (usable - first) / max(len(header) - 1, 1)
    table = Table(data, colWidths=[first] + [other] * (len(header) - 1), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("BACKGROUND", (0, 1), (0, -1), colors.HexColor("#f6f6f6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    flow.append(table)
    painter = marking_painter(marking_of(reg), footer=f"{reg.title}（第{reg.number}版）")
    return build(flow, title=f"{reg.organization.name} {reg.title}", on_page=painter)


def render(reg, fmt: str, state: str | None = None) -> tuple[bytes, str]:
    if state is None:
        in_force = selectors.regulation_in_force(reg.organization)
        state = selectors.regulation_state(reg, in_force)
    if fmt == DOCX:
        data = render_docx(reg, state)
    elif fmt == PDF:
        data = render_pdf(reg, state)
    else:
        raise ValueError(f"Unknown format {fmt!r}: use docx or pdf.")
    suffix = (
        ""
        if state == RegulationStatus.IN_FORCE
        else ("_草案" if state == RegulationStatus.DRAFT else "")
    )
    return data, f"{reg.title}_第{reg.number}版{suffix}.{fmt}"


def attachment(reg, fmt: str) -> HttpResponse:
    """The rendered version as a download, for the page and the API alike."""
    data, filename = render(reg, fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def render_regulation(*, organization, fmt, person=None, partner=None, actor=None):
    """For `kimitsu documents render --kind regulation`: the version in force, else the latest
    draft (else an approved version waiting for its date)."""
    reg, state = selectors.regulation_for_document(organization)
    if reg is None:
        raise LookupError(
            f"{organization.name} has no information management regulation yet; "
            "create a draft on the regulation page first."
        )
    return render(reg, fmt, state)
