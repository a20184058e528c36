"""A small, fast .xlsx reader and writer for the ledger's plain tables.

openpyxl spends 20–30 µs per cell, which makes a 100,000-row register (1.9 million cells) take
minutes. A ledger is one plain table, so here the sheet XML is streamed directly: lxml's iterparse
to read (shared strings, inline strings, numbers, booleans, date-formatted numbers), and a zip
stream of inline-string cells to write. openpyxl remains the fallback reader and builds the
template (drop-down lists).
"""

import datetime as dt
import posixpath
import re
import zipfile
from xml.sax.saxutils import escape

from lxml import etree

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Built-in number formats that are dates (incl. the Japanese-locale ones 27–36 and 50–58).
DATE_FORMAT_IDS = set(range(14, 23)) | set(range(27, 37)) | {45, 46, 47} | set(range(50, 59))
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# --- reading ------------------------------------------------------------------------------


def _text_of(si) -> str:
    """The text of a shared/inline string, without phonetic (furigana) runs."""
    parts = []
    for node in si.iter(f"{NS}t"):
        parent = node.getparent()
        if parent is not None and parent.tag == f"{NS}rPh":
            continue
        parts.append(node.text or "")
    return "".join(parts)


def _is_date_code(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return bool(re.search(r"[ymdeg]", code)) and "general" not in code


def _col_index(ref: str) -> int:
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        else:
            break
    return n - 1


def _from_serial(value: float) -> dt.datetime:
    return EXCEL_EPOCH + dt.timedelta(days=value)


def sheets(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, path inside the zip), in workbook order."""
    rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PKG_REL_NS}Relationship")}
    wb = etree.fromstring(zf.read("xl/workbook.xml"))
    out = []
    for sheet in wb.iter(f"{NS}sheet"):
        target = targets[sheet.get(f"{REL_NS}id")]
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("xl", target))
        )
        out.append((sheet.get("name"), path))
    return out


def _shared_strings(zf) -> list[str]:
    if "xl/sharedStrings.xml" not in zf.namelist():
        return []
    out = []
    with zf.open("xl/sharedStrings.xml") as f:
        for _event, si in etree.iterparse(f, tag=f"{NS}si"):
            out.append(_text_of(si))
            si.clear()
    return out


def _date_styles(zf) -> set[int]:
    if "xl/styles.xml" not in zf.namelist():
        return set()
    root = etree.fromstring(zf.read("xl/styles.xml"))
    custom = {int(n.get("numFmtId")): n.get("formatCode", "") for n in root.iter(f"{NS}numFmt")}
    dates = set()
    xfs = root.find(f"{NS}cellXfs")
    for index, xf in enumerate(xfs if xfs is not None else []):
        fmt = int(xf.get("numFmtId", 0))
        if fmt in DATE_FORMAT_IDS or (fmt in custom and _is_date_code(custom[fmt])):
            dates.add(index)
    return dates


class FormulaWithoutValue(ValueError):
    """A cell holds a formula but not its result: the file was written by a program (openpyxl,
    a script) and never calculated by Excel, so what the cell shows is unknown."""

    def __init__(self, cell: str):
        super().__init__(cell)
        self.cell = cell


def declared_rows(zf, path) -> int | None:
    """The last row of a sheet's ``<dimension ref="A1:R1048576">``, read from the start of the
    sheet only; None when it is missing. A program may write it false: use it to say how large
    a sheet is, never to decide what is read."""
    try:
        with zf.open(path) as f:
            for _event, node in etree.iterparse(f, events=("start",)):
                if node.tag == f"{NS}dimension":
                    last = (
                        (node.get("ref") or "")
                        .rpartition(":")[2]
                        .lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ$")
                    )
                    return int(last) if last.isdigit() else None
                if node.tag == f"{NS}sheetData":
                    return None
    except (etree.XMLSyntaxError, KeyError, OSError, zipfile.BadZipFile):
        return None
    return None


def read_sheet(zf, path, shared, date_styles):
    """Yield (row number, [values]) of one sheet. The inner loop is kept lean: it runs for every
    cell of a 100,000-row file. A formula without its result raises ``FormulaWithoutValue``."""
    v_tag, t_tag, c_tag, f_tag = f"{NS}v", f"{NS}t", f"{NS}c", f"{NS}f"
    columns: dict[str, int] = {}
    digits = "0123456789"
    with zf.open(path) as f:
        for _event, row in etree.iterparse(f, tag=f"{NS}row"):
            number = int(row.get("r") or 0)
            values: list = []
            for c in row:
                if c.tag != c_tag:
                    continue
                attrib = c.attrib
                ref = attrib.get("r")
                if ref:
                    letters = ref.rstrip(digits)
                    index = columns.get(letters)
                    if index is None:
                        index = columns[letters] = _col_index(letters)
                else:
                    index = len(values)
                t = attrib.get("t")
                if t == "inlineStr":
                    value = None
                    if len(c):
                        node = c[0]
                        if len(node) == 1 and node[0].tag == t_tag:
                            value = node[0].text or ""
                        else:
                            value = _text_of(node)
                else:
                    # <v> is the last child (a formula cell has <f> first); index access is
                    # several times faster than findtext
                    last = c[-1] if len(c) else None
                    text = last.text if last is not None and last.tag == v_tag else None
                    if text is None:
                        # Excel saves every result (an empty text as t="str" with <v></v>)
                        if last is not None and t != "str" and c[0].tag == f_tag:
                            raise FormulaWithoutValue(ref or f"{_col_letter(index)}{number}")
                        value = None
                    elif t == "s":
                        value = shared[int(text)]
                    elif t is None or t == "n":
                        num = float(text)
                        if date_styles and int(attrib.get("s") or 0) in date_styles:
                            value = _from_serial(num)
                        else:
                            value = int(num) if num.is_integer() else num
                    elif t == "b":
                        value = text == "1"
                    elif t == "d":
                        value = dt.datetime.fromisoformat(text)
                    else:  # "str" (formula result), "e" (error)
                        value = text
                if index == len(values):
                    values.append(value)
                else:
                    if index > len(values):
                        values.extend([None] * (index - len(values)))
                        values.append(value)
                    else:
                        values[index] = value
            row.clear()
            while row.getprevious() is not None:
                del row.getparent()[0]
            yield number, values


def first_sheet_rows(data: bytes) -> list[tuple[int, list]]:
    """(row number, [values]) of the workbook's first sheet; date-formatted cells as datetimes."""
    import io

    zf = zipfile.ZipFile(io.BytesIO(data))
    shared, date_styles = _shared_strings(zf), _date_styles(zf)
    _name, path = sheets(zf)[0]
    return list(read_sheet(zf, path, shared, date_styles))


def decode_text(data: bytes) -> str | None:
    """CSV text as Japanese users save it: UTF-8 (with or without BOM) or Shift_JIS (CP932, as
    Japanese Excel writes it). None when it is neither."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_workbook(zf, prefer=("台帳", "Register", "register")):
    """(name, path inside the zip, rows) of every sheet, the preferred names first; rows are
    read lazily."""
    shared = _shared_strings(zf)
    date_styles = _date_styles(zf)
    ordered = sheets(zf)
    ordered.sort(key=lambda item: 0 if item[0] in prefer else 1)
    for name, path in ordered:
        yield name, path, read_sheet(zf, path, shared, date_styles)


# --- writing ------------------------------------------------------------------------------

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>"""
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/></Relationships>"""
_WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
Target="styles.xml"/></Relationships>"""
# style 0: normal, 1: bold header with a fill, 2: date (yyyy/m/d), 3: wrapped text
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Yu Gothic"/></font>\
<font><b/><sz val="11"/><name val="Yu Gothic"/></font></fonts>\
<fills count="3"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFDDE6F0"/></patternFill></fill></fills>\
<borders count="1"><border/></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">\
<alignment wrapText="1" vertical="top"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""


def _col_letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _cell(ref: str, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.date):
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        serial = (value - EXCEL_EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="2"><v>{serial:g}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = escape(_ILLEGAL_XML.sub("", str(value)))
    style = ' s="3"' if "\n" in text else ""
    return f'<c r="{ref}" t="inlineStr"{style}><is><t xml:space="preserve">{text}</t></is></c>'


def write_table(
    out, sheet_name: str, header: list[str], rows, widths=None, freeze_cols: int = 0
) -> int:
    """Write one sheet: a bold header row, then the rows (str, int, float, date, None)."""
    letters = [_col_letter(i) for i in range(len(header))]
    n = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        zf.writestr("xl/styles.xml", _STYLES)
        zf.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        )
        with zf.open("xl/worksheets/sheet1.xml", "w") as sheet:
            buf = [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            ]
            pane = _col_letter(freeze_cols) + "2"
            buf.append(
                '<sheetViews><sheetView workbookViewId="0"><pane '
                + (f'xSplit="{freeze_cols}" ' if freeze_cols else "")
                + f'ySplit="1" topLeftCell="{pane}" activePane="bottomRight" state="frozen"/>'
                "</sheetView></sheetViews>"
            )
            if widths:
                buf.append(
                    "<cols>"
                    + "".join(
                        f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
                        for i, w in enumerate(widths)
                    )
                    + "</cols>"
                )
            buf.append('<sheetData><row r="1">')
            buf.append(
                "".join(
                    f'<c r="{letters[i]}1" t="inlineStr" s="1"><is><t>{escape(h)}</t></is></c>'
                    for i, h in enumerate(header)
                )
            )
            buf.append("</row>")
            sheet.write("".join(buf).encode())
            chunk = []
            for n, values in enumerate(rows, start=1):
                r = n + 1
                chunk.append(
                    f'<row r="{r}">'
                    + "".join(_cell(f"{letters[i]}{r}", v) for i, v in enumerate(values))
                    + "</row>"
                )
                if len(chunk) >= 1000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            chunk.append("</sheetData></worksheet>")
            sheet.write("".join(chunk).encode())
    return n
