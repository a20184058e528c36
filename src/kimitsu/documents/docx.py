"""Small building blocks for Japanese Word documents with python-docx."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

JP_FONT = "游明朝"
JP_GOTHIC = "游ゴシック"


def _east_asian(style_or_run, name: str) -> None:
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def new_document(*, marking: str = "", header_left: str = "") -> Document:
    """An A4 document in a Japanese font, with the level's marking in the header (right)."""
    doc = Document()
    section = doc.sections[0]
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(22)
    normal = doc.styles["Normal"]
    normal.font.name = JP_FONT
    normal.font.size = Pt(10.5)
    _east_asian(normal, JP_FONT)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        style.font.name = JP_GOTHIC
        style.font.color.rgb = RGBColor(0, 0, 0)
        _east_asian(style, JP_GOTHIC)
    header = section.header
    para = header.paragraphs[0]
    if header_left:
        para.add_run(header_left)
    if marking:
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = para.add_run(("\t" if header_left else "") + marking)
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x2A, 0x37)
        _east_asian(run, JP_GOTHIC)
    return doc


def to_bytes(doc: Document) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
