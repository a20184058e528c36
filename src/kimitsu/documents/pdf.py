"""Small building blocks for Japanese PDFs with reportlab (platypus), font embedded.

Every PDF of kimitsu sets its text with this module's ``Paragraph``: reportlab's own, with
Japanese line breaking (行頭・行末禁則, see ``linebreak``) in place of its CJK wrap.
"""

import io
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle
from reportlab.platypus import paragraph as rl_paragraph

from .fonts import register_reportlab_font
from .linebreak import line_breaks


class Paragraph(rl_paragraph.Paragraph):
    """A paragraph whose CJK lines break by the Japanese rules.

    reportlab calls ``breakLinesCJK`` for a style with ``wordWrap="CJK"`` (all of ``styles()``);
    this one measures every glyph as reportlab does and lets ``line_breaks`` choose the breaks.
    Styles with another ``wordWrap`` keep reportlab's behaviour."""

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        rl_paragraph._handleBulletWidth(self.bulletText, style, maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara  # the second half of a paragraph split across pages
        if not self.frags:
            return rl_paragraph.ParaLines(
                kind=0,
                fontSize=style.fontSize,
                fontName=style.fontName,
                textColor=style.textColor,
                lines=[],
                ascent=style.fontSize,
                descent=-0.2 * style.fontSize,
            )
        auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        calc_bounds = auto_leading not in ("", "off")
        glyphs = []
        for frag in self.frags:
            text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
            if text:
                glyphs.extend(rl_paragraph.cjkU(ch, frag, "utf8") for ch in text)
            else:  # an image, or a <br/>
                glyphs.append(rl_paragraph.cjkU(text, frag, "utf8"))
        widths = []
        for glyph in glyphs:
            width = glyph.width
            if hasattr(width, "normalizedValue"):  # a width in per cent of the line
                width._normalizer = maxWidths[0]
                width = width.normalizedValue(maxWidths[0])
            widths.append(width)
        hard = frozenset(i for i, g in enumerate(glyphs) if hasattr(g.frag, "lineBreak"))
        lines = []
        for number, (start, end) in enumerate(
            line_breaks(glyphs, widths, maxWidths, hard_breaks=hard)
        ):
            max_width = maxWidths[min(number, len(maxWidths) - 1)]
            used = sum(widths[start:end])
            lines.append(
                rl_paragraph.makeCJKParaLine(
                    glyphs[start:end],
                    max_width,
                    used,
                    max_width - used,
                    (end - 1) in hard,
                    calc_bounds,
                )
            )
        return rl_paragraph.ParaLines(kind=1, lines=lines)


def styles() -> dict[str, ParagraphStyle]:
    font = register_reportlab_font()
    base = ParagraphStyle("base", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle(
            "title", parent=base, fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=8 * mm
        ),
        "h1": ParagraphStyle(
            "h1", parent=base, fontSize=14, leading=20, spaceBefore=5 * mm, spaceAfter=3 * mm
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontSize=12, leading=18, spaceBefore=3 * mm, spaceAfter=2 * mm
        ),
        "article": ParagraphStyle("article", parent=base, leftIndent=0, spaceAfter=1.5 * mm),
        "item": ParagraphStyle("item", parent=base, leftIndent=6 * mm, firstLineIndent=-4 * mm),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
    }


MARKING_RED = colors.HexColor("#b02a37")


def marking_painter(marking: str = "", footer: str = "", color=MARKING_RED) -> Callable:
    """A page callback drawing the marking text top-right and a footer with the page number."""
    font = register_reportlab_font()

    def paint(canvas, doc):
        canvas.saveState()
        width, height = doc.pagesize
        if marking:
            canvas.setFont(font, 11)
            canvas.setFillColor(color)
            canvas.drawRightString(width - 15 * mm, height - 12 * mm, marking)
        canvas.setFillColor(colors.black)
        canvas.setFont(font, 8)
        text = f"{footer}　{doc.page}" if footer else f"{doc.page}"
        canvas.drawCentredString(width / 2, 10 * mm, text)
        if marking:
            canvas.setFillColor(color)
            canvas.drawRightString(width - 15 * mm, 10 * mm, marking)
        canvas.restoreState()

    return paint


def build(
    flowables: Iterable,
    *,
    title: str,
    author: str = "kimitsu",
    on_page: Callable | None = None,
    pagesize=A4,
    progress: Callable | None = None,
) -> bytes:
    """The PDF of ``flowables``; ``progress(done, total)`` hears how far the layout is, for the
    page of a long job."""
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        title=title,
        author=author,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
    )
    painter = on_page or marking_painter()
    if progress is not None:
        total = [1]

        def heard(kind, value):
            if kind == "SIZE_EST":
                total[0] = max(1, value)
            elif kind == "PROGRESS":
                progress(min(value, total[0]), total[0])

        doc.setProgressCallBack(heard)
    doc.build(list(flowables), onFirstPage=painter, onLaterPages=painter)
    return buf.getvalue()


def cell(text, style) -> Paragraph:
    """A table cell's text, escaped; a dash when there is none."""
    return Paragraph(escape(str(text if text not in (None, "") else "—")), style)


def grid(rows, widths_mm, st, header: bool = True) -> Table:
    """A ruled table of small text, its first row a shaded header repeated on every page."""
    data = [[cell(c, st["small"]) for c in row] for row in rows]
    table = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")))
    table.setStyle(TableStyle(style))
    return table
