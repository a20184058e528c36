"""The text of a draft, part by part: a PDF page by page, a slide deck slide by slide (and its
notes), a workbook cell by cell, a Word document paragraph by paragraph and table cell by table
cell, with the page each part is on.

A draft is read on the server, by the libraries kimitsu already has (pypdf, python-docx,
python-pptx, openpyxl); nothing is sent anywhere. What cannot be read is refused with the reason
(``DraftRefused``), and nothing is recorded.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_PAGES = 2000
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # an Office file is a zip: refuse a bomb before opening it

# Where in a document a part of its text is (stored with each hit, shown in the reader's language
# by ``views.place_label``).
PAGE = "page"
PARAGRAPH = "paragraph"
TABLE = "table"
HEADER = "header"
NOTE = "note"  # a footnote, an endnote or a comment of a Word document
SLIDE = "slide"
NOTES = "notes"  # the speaker's notes of a slide
CELL = "cell"
TEXT = "text"

KINDS = {
    "pdf": "PDF",
    "docx": "Word",
    "pptx": "PowerPoint",
    "xlsx": "Excel",
    "text": gettext_lazy("Text"),
}


class DraftRefused(Exception):
    """A draft that cannot be checked; ``message`` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Part:
    page: int  # the page, slide or sheet (from 1)
    place: str  # one of the constants above
    ref: str  # a cell (B4), a sheet name, a paragraph's number…
    text: str


@dataclass
class Draft:
    kind: str
    pages: int
    parts: list[Part]
    pages_without_text: list[int]


def max_bytes() -> int:
    return int(getattr(settings, "KIMITSU_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def too_large() -> DraftRefused:
    return DraftRefused(
        _("The file is larger than %(mb)d MB.") % {"mb": max_bytes() // (1024 * 1024)}
    )


def kind_of(filename: str, data: bytes) -> str:
    name = (filename or "").lower()
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise DraftRefused(
            _(
                "This is an older Office file (.doc, .ppt or .xls). Save it as .docx, .pptx or "
                ".xlsx (or as a PDF) and check it again."
            )
        )
    if data[:2] == b"PK":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            raise DraftRefused(_("The file is damaged: it cannot be opened.")) from None
        for kind, main in (
            ("docx", "word/document.xml"),
            ("pptx", "ppt/presentation.xml"),
            ("xlsx", "xl/workbook.xml"),
        ):
            if main in names:
                return kind
        raise DraftRefused(_("This kind of file cannot be checked. %(kinds)s") % _kinds())
    if name.endswith((".pdf", ".docx", ".pptx", ".xlsx")):
        raise DraftRefused(_("The file is damaged: it cannot be opened."))
    if name.endswith((".txt", ".md", ".csv", ".html", ".htm")) or not name or "." not in name:
        return "text"
    raise DraftRefused(_("This kind of file cannot be checked. %(kinds)s") % _kinds())


def _kinds() -> dict:
    return {"kinds": _("Use a PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx) or text file.")}


def read(filename: str, data: bytes) -> Draft:
    if not data:
        raise DraftRefused(_("The file is empty."))
    if len(data) > max_bytes():
        raise too_large()
    kind = kind_of(filename, data)
    if kind in ("docx", "pptx", "xlsx"):
        _check_zip(data)
    reader = {"pdf": _pdf, "docx": _docx, "pptx": _pptx, "xlsx": _xlsx, "text": _text}[kind]
    try:
        draft = reader(data)
    except DraftRefused:
        raise
    except Exception:  # every library has its own errors for a damaged file
        raise DraftRefused(_("The file is damaged: it cannot be opened.")) from None
    if draft.pages > MAX_PAGES:
        raise DraftRefused(_("The file has more than %(n)d pages.") % {"n": MAX_PAGES})
    if not any(p.text.strip() for p in draft.parts):
        if kind == "pdf":
            raise DraftRefused(
                _(
                    "The PDF holds no text, only images (a scan?). The check reads text: use the "
                    "file the PDF was made from, or a PDF with a text layer."
                )
            )
        raise DraftRefused(_("The file holds no text to check."))
    return draft


def read_text(text: str) -> Draft:
    """Pasted text: one page, or pages separated by form feeds."""
    return _text(text.encode())


def _check_zip(data: bytes) -> None:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise DraftRefused(_("The file is damaged: it cannot be opened.")) from None
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise DraftRefused(_("The file unpacks to more than %(mb)d MB.") % {"mb": 300})


# --- PDF ------------------------------------------------------------------------------------


def _pdf(data: bytes) -> Draft:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DraftRefused(_encrypted())
        pages = reader.pages
        count = len(pages)
        if count > MAX_PAGES:
            raise DraftRefused(_("The file has more than %(n)d pages.") % {"n": MAX_PAGES})
        parts, empty = [], []
        for number, page in enumerate(pages, start=1):
            text = page.extract_text() or ""
            if text.strip():
                parts.append(Part(number, PAGE, "", text))
            else:
                empty.append(number)
    except FileNotDecryptedError:
        raise DraftRefused(_encrypted()) from None
    except PdfReadError:
        raise DraftRefused(_("The PDF is damaged: it cannot be read.")) from None
    return Draft("pdf", count, parts, empty)


def _encrypted() -> str:
    return _(
        "The PDF is protected by a password. Check the unprotected file (the check keeps "
        "nothing unless you ask)."
    )


# --- Word -----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _run_text(element) -> str:
    """The text of a Word element as it reads: w:t, tabs and breaks, text boxes included."""
    out = []
    for node in element.iter():
        tag = node.tag
        if tag == _W + "t":
            out.append(node.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "p":
            out.append("\n")
    return "".join(out).strip("\n")


def _page_breaks(element) -> int:
    n = 0
    for node in element.iter(_W + "br", _W + "lastRenderedPageBreak"):
        if node.tag == _W + "lastRenderedPageBreak" or node.get(_W + "type") == "page":
            n += 1
    return n


def _docx(data: bytes) -> Draft:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts: list[Part] = []
    page, paragraph, table = 1, 0, 0
    for block in document.element.body.iterchildren():
        if block.tag == _W + "p":
            paragraph += 1
            text = _run_text(block)
            if text.strip():
                parts.append(Part(page, PARAGRAPH, str(paragraph), text))
        elif block.tag == _W + "tbl":
            table += 1
            for r, row in enumerate(block.iterchildren(_W + "tr"), start=1):
                for c, cell in enumerate(row.iterchildren(_W + "tc"), start=1):
                    text = _run_text(cell)
                    if text.strip():
                        parts.append(Part(page, TABLE, f"{table}:{r}:{c}", text))
        page += _page_breaks(block)
    seen = set()
    for section in document.sections:
        for hf in (section.header, section.footer, section.first_page_header):
            if hf.is_linked_to_previous or id(hf.part) in seen:
                continue
            seen.add(id(hf.part))
            text = _run_text(hf._element)
            if text.strip():
                parts.append(Part(1, HEADER, "", text))
    for rel in document.part.rels.values():
        if rel.reltype.rsplit("/", 1)[-1] in ("footnotes", "endnotes", "comments"):
            from lxml import etree

            root = etree.fromstring(rel.target_part.blob)
            for note in root:
                text = _run_text(note)
                if text.strip():
                    parts.append(Part(1, NOTE, "", text))
    return Draft("docx", page, parts, [])


# --- PowerPoint -----------------------------------------------------------------------------


def _shape_texts(shapes) -> Iterator[str]:
    for shape in shapes:
        if shape.shape_type == 6:  # a group: its shapes
            yield from _shape_texts(shape.shapes)
            continue
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    yield cell.text
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            yield shape.text_frame.text


def _pptx(data: bytes) -> Draft:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    parts: list[Part] = []
    count = 0
    for number, slide in enumerate(deck.slides, start=1):
        count = number
        for text in _shape_texts(slide.shapes):
            if text.strip():
                parts.append(Part(number, SLIDE, "", text))
        if slide.has_notes_slide:
            text = slide.notes_slide.notes_text_frame.text if slide.notes_slide else ""
            if text and text.strip():
                parts.append(Part(number, NOTES, "", text))
    return Draft("pptx", count, parts, [])


# --- Excel ----------------------------------------------------------------------------------


def _xlsx(data: bytes) -> Draft:
    import datetime as dt

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts: list[Part] = []
    try:
        for number, sheet in enumerate(book.worksheets, start=1):
            if sheet.title.strip():
                parts.append(Part(number, CELL, sheet.title, sheet.title))
            for row in sheet.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None or isinstance(value, dt.datetime | dt.date | dt.time):
                        continue
                    text = str(value)
                    if text.strip():
                        ref = f"{sheet.title}!{get_column_letter(cell.column)}{cell.row}"
                        parts.append(Part(number, CELL, ref, text))
        return Draft("xlsx", len(book.worksheets), parts, [])
    finally:
        book.close()


# --- text -----------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DraftRefused(_("The text is neither UTF-8 nor Shift_JIS: save it as UTF-8."))


def _text(data: bytes) -> Draft:
    text = _decode(data)
    if "\x00" in text:
        raise DraftRefused(_("This kind of file cannot be checked. %(kinds)s") % _kinds())
    pages = re.split("\f", text)
    parts = [Part(n, TEXT, "", t) for n, t in enumerate(pages, start=1) if t.strip()]
    return Draft("text", len(pages), parts, [])
