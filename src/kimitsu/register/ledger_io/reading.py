"""Reading an uploaded file (.xlsx or CSV in UTF-8 or CP932) into rows, and its cells into
values (text, lists, 和暦 dates)."""

import datetime as dt
import io
import re
import unicodedata
import zipfile

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from kimitsu.core.text import csv_unescape
from kimitsu.documents import tables

from ..models import normalize
from .schema import COLUMNS, ERAS, SEPARATORS, SHEET_NAME, ImportRefused, max_upload_bytes

# --- reading a file -----------------------------------------------------------------------

PREFERRED_SHEETS = (SHEET_NAME, "Register", "register")


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


def read_table(filename: str, data: bytes) -> list[tuple[int, list]]:
    """(sheet row number, cell values) of every non-blank row, header included. Refuses what is
    not a spreadsheet, too large (in bytes, unpacked or in rows), or corrupt, with a message for
    the user (``ImportRefused``, which is ``tables.TableRefused``)."""
    limit = max_upload_bytes()
    if len(data) > limit:
        raise ImportRefused(
            _("The file is larger than the limit of %(mb)d MB.")
            % {"mb": settings.KIMITSU_MAX_UPLOAD_MB}
        )
    if not data:
        raise ImportRefused(_("The file is empty."))
    name = (filename or "").lower()
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportRefused(
            _("This is an old Excel file (.xls). Save it as an Excel workbook (.xlsx) or as CSV.")
        )
    if data[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    if name.endswith((".csv", ".txt")) or "." not in name.rsplit("/", 1)[-1]:
        return _read_csv(data)
    raise ImportRefused(
        _("This file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file.")
    )


def _read_xlsx(data: bytes) -> list[tuple[int, list]]:
    if not data.startswith(b"PK") and not zipfile.is_zipfile(io.BytesIO(data)):
        # not damaged: never an .xlsx at all (a CSV or text file renamed, say)
        raise ImportRefused(
            _("This file is not an Excel workbook (.xlsx). Save it from Excel as .xlsx, or as CSV.")
        )
    damaged = _("The Excel file is damaged and cannot be read. Save it again and retry.")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = zf.namelist()
    except zipfile.BadZipFile as exc:
        raise ImportRefused(damaged) from exc
    if "xl/workbook.xml" not in names:
        raise ImportRefused(_("This file is not an Excel workbook. Upload an .xlsx or a CSV file."))
    tables.check_unpacked(zf, len(data))
    try:
        first = None
        for _name, rows in tables.workbook_tables(zf, PREFERRED_SHEETS):
            table = list(rows)
            if first is None:
                first = table
            if _find_header(table) is not None:
                return table
        return first or []
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - an unusual but valid file: let openpyxl try
        return _read_xlsx_openpyxl(data, damaged)


def _read_xlsx_openpyxl(data: bytes, damaged: str) -> list[tuple[int, list]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ImportRefused(damaged) from exc
    try:
        ordered = sorted(
            wb.worksheets, key=lambda ws: 0 if ws.title in (SHEET_NAME, "Register") else 1
        )
        first = None
        for ws in ordered:
            rows = ((n, list(v)) for n, v in enumerate(ws.iter_rows(values_only=True), start=1))
            table = list(tables.bounded(rows, size=lambda ws=ws: ws.max_row))
            if first is None:
                first = table
            if _find_header(table) is not None:
                return table
        return first or []
    except ImportRefused:
        raise
    except Exception as exc:
        raise ImportRefused(damaged) from exc
    finally:
        wb.close()


def _read_csv(data: bytes) -> list[tuple[int, list]]:
    if b"\x00" in data[:4096] and tables.unsupported_encoding(data) is None:
        raise ImportRefused(
            _("This file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file.")
        )
    # numbered by record, not by physical line, as Excel shows a CSV
    return [(n, [csv_unescape(v) for v in values]) for n, values in tables.read_csv(data)]


HEADER_ALIASES: dict[str, str] = {}
for _col in COLUMNS:
    for _name in (_col.ja, _col.en, _col.key):
        HEADER_ALIASES[normalize(_name)] = _col.key
HEADER_ALIASES.update(
    {
        normalize(k): v
        for k, v in {
            "番号": "ledger_number",
            "台帳番号": "ledger_number",
            "情報資産名": "title",
            "アクセス可能な部署": "department_grants",
            "アクセス可能な者": "person_grants",
            "見直し日": "next_review_on",
            "開示元": "source_partner_name",
        }.items()
    }
)


def _find_header(rows) -> int | None:
    for index, (_n, values) in enumerate(rows[:10]):
        keys = {HEADER_ALIASES.get(normalize(str(v or ""))) for v in values}
        if "title" in keys:
            return index
    return None


# --- cell values --------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _split(value) -> list[str]:
    return [p.strip() for p in SEPARATORS.split(_text(value)) if p.strip()]


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    s = _nfkc(_text(value)).replace(" ", "").lower()
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(令和|平成|昭和|r|h|s)(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s)
    if m:
        year = 1 if m[2] == "元" else int(m[2])
        return dt.date(ERAS[m[1]] + year, int(m[3]), int(m[4]))
    if s.isdigit() and 20000 < int(s) < 80000:  # an Excel serial date saved as text
        from openpyxl.utils.datetime import from_excel

        return from_excel(int(s)).date()
    raise ValueError(s)


def _choice_map(ja: dict, extra: dict) -> dict[str, str]:
    out = {}
    for code, label in ja.items():
        out[normalize(code)] = str(code)
        out[normalize(label)] = str(code)
    with translation.override("en"):
        for code in ja:
            out[normalize(str(code.label))] = str(code)
    out.update({normalize(k): v for k, v in extra.items()})
    return out
