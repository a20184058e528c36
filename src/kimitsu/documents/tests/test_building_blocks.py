import io

from docx import Document
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from kimitsu.documents import charts, docx, pdf


def test_pdf_embeds_japanese_font_and_text_extracts():
    st = pdf.styles()
    data = pdf.build(
        [Paragraph("第1条（目的）　営業秘密を守る。", st["article"])],
        title="規程",
        on_page=pdf.marking_painter("極秘", footer="株式会社テスト"),
    )
    reader = PdfReader(io.BytesIO(data))
    text = reader.pages[0].extract_text()
    assert "第1条" in text and "営業秘密" in text and "極秘" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    japanese = [
        f.get_object() for f in fonts.values() if "IPAexGothic" in str(f.get_object()["/BaseFont"])
    ]
    assert japanese
    assert "/FontFile2" in japanese[0]["/FontDescriptor"].get_object()  # TrueType embedded


def test_docx_has_marking_in_header():
    doc = docx.new_document(marking="社外秘", header_left="株式会社テスト")
    doc.add_paragraph("本文")
    reopened = Document(io.BytesIO(docx.to_bytes(doc)))
    assert "社外秘" in reopened.sections[0].header.paragraphs[0].text


def test_chart_is_png():
    png = charts.bar_chart(["電話", "メール"], [3, 5], title="受付方法")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
