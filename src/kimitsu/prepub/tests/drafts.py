"""Drafts built in memory, as a company would write them: a PDF with lines on pages, a Word
document with a table, a deck with speaker's notes, a workbook."""

import io


def pdf(pages: list[list[str]], *, encrypt: str = "", image_only: bool = False) -> bytes:
    """A PDF whose page i holds the lines ``pages[i]`` (Japanese glyphs embedded)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from kimitsu.documents.fonts import register_reportlab_font

    font = register_reportlab_font()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, encrypt=encrypt or None)
    for lines in pages:
        if image_only:
            c.rect(50, 600, 200, 100, fill=1)  # a drawing, no text layer
        c.setFont(font, 11)
        y = 780
        for line in lines if not image_only else []:
            c.drawString(60, y, line)
            y -= 16
        c.showPage()
    c.save()
    return out.getvalue()


def docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pptx(slides: list[tuple[str, str]]) -> bytes:
    """(text on the slide, speaker's notes) per slide."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    for body, notes in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1))
        box.text_frame.text = body
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
