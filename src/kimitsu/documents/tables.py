"""Reading an uploaded table (CSV or .xlsx) within bounds, and refusing clearly what cannot be
read: the part that the register's, the desk's and the attendance imports share. Each importer
keeps its own messages for files that are not spreadsheets at all, and its own columns.

A file is refused with ``TableRefused`` (its text is the message for the user) when it has
- more rows than ``KIMITSU_MAX_IMPORT_ROWS`` besides its header row: rows are counted while they
  are read and the reading stops at the first row past the limit, so that a 1,048,576-row sheet
  costs what the limit costs, not what the sheet would;
- an encoding kimitsu does not read (UTF-16, ISO-2022-JP), named, in a CSV;
- members that unpack to far more than the upload (a zip bomb), checked before any is read;
- formulas whose results were never saved (written by a program, never opened in Excel).
"""

import csv
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kimitsu.core.validators import validate_name, validate_text

from . import xlsx

SUPPORTED_ENCODINGS = "UTF-8、Shift_JIS（CP932）"
# A worksheet's XML shrinks 5–20 times in the zip (a 200,000-row ledger of 20 MB unpacks to
# 280 MB). Far more is not a spreadsheet but a zip bomb, whatever its rows would say.
MAX_RATIO = 100
RATIO_FLOOR = 10 * 1024 * 1024  # a small member may shrink as much as it likes
UNPACKED_PER_UPLOAD = 25  # at most 25 times the upload limit in all: 500 MB for 20 MB


class TableRefused(Exception):
    """The file as a whole cannot be imported; ``str()`` is the message for the user."""


def max_rows() -> int:
    """Rows an import takes at most, besides the header row (``KIMITSU_MAX_IMPORT_ROWS``)."""
    return int(getattr(settings, "KIMITSU_MAX_IMPORT_ROWS", 200_000))


def _upload_limit_bytes() -> int:
    return int(getattr(settings, "KIMITSU_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def _too_large() -> str:
    return _("The file is larger than the limit of %(mb)d MB.") % {
        "mb": int(getattr(settings, "KIMITSU_MAX_UPLOAD_MB", 20))
    }


def check_size(size: int) -> None:
    """Refuse a file larger than ``KIMITSU_MAX_UPLOAD_MB``."""
    if size > _upload_limit_bytes():
        raise TableRefused(_too_large())


def validate_upload_size(upload) -> None:
    """A form field's validator: an upload over ``KIMITSU_MAX_UPLOAD_MB`` is refused before it
    is read into memory."""
    if upload is not None and upload.size > _upload_limit_bytes():
        raise ValidationError(_too_large(), code="too_large")


# --- rows ---------------------------------------------------------------------------------


def too_many_rows(limit: int, rows: int | None = None) -> TableRefused:
    if rows:
        text = _(
            "The file has %(rows)s rows; at most %(limit)s rows can be imported at once. "
            "Split it into smaller files."
        )
    else:
        text = _(
            "The file has more than %(limit)s rows; at most %(limit)s rows can be imported at "
            "once. Split it into smaller files."
        )
    return TableRefused(text % {"rows": f"{rows or 0:,}", "limit": f"{limit:,}"})


def bounded(rows, *, size=None):
    """The non-blank rows of ``rows`` ((number, values) pairs, read lazily), refusing the file
    at the first row past ``max_rows()`` and a header row. ``size()``, asked then, gives the
    file's size in rows, its header included, when it can tell (None when it cannot)."""
    limit = max_rows()
    count = 0
    try:
        for row in rows:
            for value in row[1]:
                if value is not None and value != "":
                    break
            else:
                continue  # a blank row costs nothing and is not kept
            count += 1
            if count > limit + 1:
                known = size() if size else None  # the header included
                raise too_many_rows(limit, known - 1 if known and known >= count else None)
            yield row
    except xlsx.FormulaWithoutValue as exc:
        raise TableRefused(
            _(
                "Cell %(cell)s holds a formula whose result was never saved: the file was "
                "written by a program and not opened in Excel. Open it in Excel and save it "
                "(or paste the values instead of the formulas), then import it again."
            )
            % {"cell": exc.cell}
        ) from exc
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()  # stop the reading of the sheet there


# --- CSV ----------------------------------------------------------------------------------


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text holds a NUL beside every ASCII character (digits, commas, line breaks), on
    the same side of each pair; binary data holds them anywhere."""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 4 and odd > 4 * even:
        return "UTF-16LE"
    if even >= 4 and even > 4 * odd:
        return "UTF-16BE"
    return None


def unsupported_encoding(data: bytes) -> str | None:
    """The name of an encoding that a CSV is recognisably in and that kimitsu does not read."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    if b"\x00" in data[:4096]:
        return _utf16_without_bom(data[:4096])
    # ISO-2022-JP (JIS) is 7-bit: it decodes as UTF-8, into escape sequences and nonsense
    if b"\x1b$B" in data or b"\x1b$@" in data or b"\x1b(J" in data or b"\x1b$(D" in data:
        return "ISO-2022-JP"
    return None


def decode_csv(data: bytes) -> str:
    """CSV text as Japanese users save it: UTF-8 (with or without BOM) or Shift_JIS (CP932, as
    Japanese Excel writes it). Any other encoding is refused, by its name when it is known."""
    encoding = unsupported_encoding(data)
    if encoding is not None:
        raise TableRefused(
            _(
                "The CSV file is in %(encoding)s, which cannot be imported. Save it in one of "
                "the supported encodings: %(supported)s (in Excel: “CSV UTF-8”)."
            )
            % {"encoding": encoding, "supported": SUPPORTED_ENCODINGS}
        )
    text = xlsx.decode_text(data)
    if text is None:
        raise TableRefused(
            _(
                "The CSV file is in an encoding that cannot be imported. Save it in one of the "
                "supported encodings: %(supported)s (in Excel: “CSV UTF-8”)."
            )
            % {"supported": SUPPORTED_ENCODINGS}
        )
    return text


def _lines(text: str) -> int:
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + (1 if text and not text.endswith(("\n", "\r")) else 0)


def read_csv(data: bytes):
    """(record number, values) of the non-blank records of a CSV, numbered from 1 as a
    spreadsheet shows them, at most ``max_rows()`` and a header (see ``bounded``)."""
    text = decode_csv(data)
    reader = csv.reader(io.StringIO(text, newline=""))

    def size():
        # a quoted cell may hold line breaks: then lines are not rows, and the size is unknown
        return None if '"' in text else _lines(text)

    try:
        yield from bounded(enumerate(reader, start=1), size=size)
    except csv.Error as exc:
        raise TableRefused(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc


# --- .xlsx --------------------------------------------------------------------------------


def check_unpacked(zf: zipfile.ZipFile, size: int) -> None:
    """Refuse a workbook whose members declare far more than the upload when unpacked, before
    any is read. What is read is bounded by the same figures: ``zipfile`` never gives more of a
    member than its declared size (and a member that holds more fails its CRC check)."""
    infos = zf.infolist()
    unpacked = sum(info.file_size for info in infos)
    bomb = unpacked > UNPACKED_PER_UPLOAD * _upload_limit_bytes() or any(
        info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if bomb:
        raise TableRefused(
            _(
                "The file is too large when unpacked (%(mb)s MB of contents in a file of "
                "%(size)s MB): it is not an ordinary Excel workbook. Check that it is the "
                "right file, or save the data again from Excel as .xlsx or CSV."
            )
            % {"mb": f"{unpacked / 1024 / 1024:,.0f}", "size": f"{size / 1024 / 1024:,.1f}"}
        )


def workbook_tables(zf: zipfile.ZipFile, prefer=()):
    """(sheet name, its non-blank rows, read lazily and bounded) of every sheet, the sheets
    named in ``prefer`` first. The size of a sheet in rows, for the message, is its
    ``<dimension>``: it may be missing or false, so only the rows read decide."""
    for name, path, rows in xlsx.read_workbook(zf, prefer):

        def size(path=path):
            return xlsx.declared_rows(zf, path)

        yield name, bounded(rows, size=size)


# --- cells --------------------------------------------------------------------------------


def cell_problem(value, *, multiline: bool = False) -> str | None:
    """What is wrong with imported text (a control character), or None. ``multiline`` for a
    text that may hold line breaks and tabs (a summary); a name (a title) is one line."""
    if not isinstance(value, str) or value.isprintable():
        return None  # the fast path: printable text holds no control character
    try:
        (validate_text if multiline else validate_name)(value)
    except ValidationError as exc:
        return exc.messages[0]
    return None
