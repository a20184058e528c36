"""Workbooks written by hand, as Excel saves them, for the readers' tests: openpyxl cannot write
a formula's saved result or ふりがな runs."""

import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def handmade_xlsx(sheet_xml: str, shared_xml: str = "", sheet_name: str = "相談") -> bytes:
    """A one-sheet workbook: ``sheet_xml`` is the <sheetData>'s rows, ``shared_xml`` the shared
    strings' <si> items."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            f'<sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="x" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        zf.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{shared_xml}</sst>')
        zf.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_xml}</sheetData></worksheet>',
        )
    return buf.getvalue()
