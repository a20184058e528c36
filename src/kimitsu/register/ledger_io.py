"""The register as a spreadsheet: blank template, export (.xlsx / CSV) and import.

The file format is Japanese (headers 管理番号, 名称, …; English headers are accepted too). An import
reads and validates every row first; any error stops it and nothing is written. A plan (create /
update / unchanged) is shown before the user confirms, and the plan is computed again on confirm.
"""

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kimitsu.documents import xlsx
from kimitsu.organizations.models import Department, Person

from .bulk_audit import PendingEvent, record_many
from .choices import Category, Medium, Requirement, Status
from .fast_insert import insert_rows
from .models import Classification, DepartmentGrant, Entry, Level, PersonGrant, normalize
from .services import allocate_ledger_numbers, next_review_for


@dataclass(frozen=True)
class Column:
    key: str
    ja: str
    en: str
    width: int = 16
    note: str = ""


COLUMNS = [
    Column(
        "ledger_number",
        "管理番号",
        "Ledger number",
        12,
        "空欄なら自動で採番します。既存の番号の行はその項目を更新します。",
    ),
    Column("title", "名称", "Title", 30, "必須。秘密の中身が分からない名称にします。"),
    Column("summary", "概要", "Summary", 40, "秘密そのものは書かないでください。"),
    Column(
        "category", "区分", "Category", 14, "必須。技術・製造／営業／経営／他社から開示／その他"
    ),
    Column("item_type", "種別", "Item type", 18, "例：製品図面、取引先リスト、製造原価"),
    Column("media", "媒体", "Media", 16, "紙／電子データ／物件／記憶・ノウハウ（複数可）"),
    Column(
        "storage_locations",
        "保管場所",
        "Storage locations",
        30,
        "ファイルサーバのパス、キャビネット、部屋、業務システムなど（複数可）",
    ),
    Column("owning_department", "管理部署", "Owning department", 14, "部署名または部署コード"),
    Column("custodian", "管理責任者", "Custodian", 12, "社員番号"),
    Column("level", "格付け", "Level", 10, "登録されている格付けの名称"),
    Column(
        "classification_reason",
        "格付け理由",
        "Reason for the level",
        30,
        "格付けを付けるときは必須。格付けを下げるときは新しい理由を書きます。",
    ),
    Column("secrecy", "秘密管理性", "Secrecy management", 12, "満たす／一部／満たさない"),
    Column("usefulness", "有用性", "Usefulness", 12, "満たす／一部／満たさない"),
    Column("non_public", "非公知性", "Non-public nature", 12, "満たす／一部／満たさない"),
    Column(
        "department_grants",
        "アクセス可能部署",
        "Departments with access",
        24,
        "部署名（配下の部署を含みます。含めないときは「営業部のみ」）",
    ),
    Column("person_grants", "アクセス可能者", "People with access", 20, "社員番号（複数可）"),
    Column(
        "next_review_on",
        "次回見直し日",
        "Next review",
        14,
        "2026/4/1、2026年4月1日、令和8年4月1日のいずれでも可。空欄なら格付けから計算します。",
    ),
    Column("source_partner_name", "取得元", "Source", 20, "他社から開示された情報の開示元"),
    Column("remarks", "備考", "Remarks", 30, ""),
]
BY_KEY = {c.key: c for c in COLUMNS}
TEXT_LIMITS = {"ledger_number": 40, "title": 200, "item_type": 100, "source_partner_name": 200}
SHEET_NAME = "台帳"
ONLY_SUFFIX = "のみ"

CATEGORY_JA = {
    Category.TECHNICAL: "技術・製造",
    Category.SALES: "営業",
    Category.MANAGEMENT: "経営",
    Category.THIRD_PARTY: "他社から開示",
    Category.OTHER: "その他",
}
MEDIUM_JA = {
    Medium.PAPER: "紙",
    Medium.ELECTRONIC: "電子データ",
    Medium.OBJECT: "物件",
    Medium.KNOWHOW: "記憶・ノウハウ",
}
REQUIREMENT_JA = {
    Requirement.MET: "満たす",
    Requirement.PARTLY: "一部",
    Requirement.NOT_MET: "満たさない",
}
_EXTRA_ALIASES = {
    "category": {
        "技術": "technical",
        "製造": "technical",
        "他社": "third_party",
        "他社開示": "third_party",
        "他社から開示された情報": "third_party",
    },
    "media": {
        "電子": "electronic",
        "データ": "electronic",
        "記憶": "knowhow",
        "ノウハウ": "knowhow",
        "物": "object",
    },
    "requirement": {
        "○": "met",
        "〇": "met",
        "はい": "met",
        "△": "partly",
        "一部満たす": "partly",
        "×": "not_met",
        "いいえ": "not_met",
    },
}
SEPARATORS = re.compile(r"[、;\n\r]+")
ERAS = {"令和": 2018, "r": 2018, "平成": 1988, "h": 1988, "昭和": 1925, "s": 1925}


class ImportRefused(Exception):
    """The file as a whole cannot be read (not a spreadsheet, corrupt, too large…)."""


@dataclass
class RowError:
    row: int
    column: str  # column key, or "" for the whole row / file
    message: str

    def __str__(self):
        if not self.row:
            return self.message
        if not self.column:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": column_label(self.column),
            "message": self.message,
        }


@dataclass
class PlannedRow:
    row: int
    values: dict  # resolved values for the columns present
    entry_id: int | None = None
    ledger_number: str = ""
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    creates: list[PlannedRow] = field(default_factory=list)
    updates: list[PlannedRow] = field(default_factory=list)
    unchanged: int = 0
    applied: bool = False
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return _("%(created)d to create, %(updated)d to update, %(unchanged)d unchanged") % {
            "created": len(self.creates),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
        }


def column_label(key: str) -> str:
    col = BY_KEY.get(key)
    if col is None:
        return key
    return col.ja if (translation.get_language() or "ja").startswith("ja") else col.en


def max_upload_bytes() -> int:
    return int(getattr(settings, "KIMITSU_MAX_UPLOAD_MB", 20)) * 1024 * 1024


# --- reading a file -----------------------------------------------------------------------


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


def read_table(filename: str, data: bytes) -> list[tuple[int, list]]:
    """(sheet row number, cell values) of every row, header included. Refuses what is not a
    spreadsheet, too large, or corrupt, with a message for the user."""
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
    damaged = _("The Excel file is damaged and cannot be read. Save it again and retry.")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = zf.namelist()
    except zipfile.BadZipFile as exc:
        raise ImportRefused(damaged) from exc
    if "xl/workbook.xml" not in names:
        raise ImportRefused(_("This file is not an Excel workbook. Upload an .xlsx or a CSV file."))
    try:
        first = None
        for _name, rows in xlsx.read_workbook(zf):
            table = list(rows)
            if first is None:
                first = table
            if _find_header(table) is not None:
                return table
        return first or []
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
            table = [(n, list(v)) for n, v in enumerate(ws.iter_rows(values_only=True), start=1)]
            if first is None:
                first = table
            if _find_header(table) is not None:
                return table
        return first or []
    except Exception as exc:
        raise ImportRefused(damaged) from exc
    finally:
        wb.close()


def _read_csv(data: bytes) -> list[tuple[int, list]]:
    if b"\x00" in data[:4096]:
        raise ImportRefused(
            _("This file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file.")
        )
    text = xlsx.decode_text(data)
    if text is None:
        raise ImportRefused(_("The CSV file is neither UTF-8 nor Shift_JIS (CP932) text."))
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    try:
        for values in reader:
            rows.append((reader.line_num, values))
    except csv.Error as exc:
        raise ImportRefused(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc
    # csv line numbers count physical lines; report the record number instead, as Excel shows it
    return [(i, values) for i, (_line, values) in enumerate(rows, start=1)]


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


# --- the organization's lookups -----------------------------------------------------------


class Lookups:
    def __init__(self, organization):
        self.organization = organization
        self.levels: dict[str, Level] = {}
        for level in Level.objects.filter(organization=organization):
            for key in (level.name, level.code):
                self.levels[normalize(key)] = level
        self.levels_by_id = {lv.pk: lv for lv in self.levels.values()}
        self.departments: dict[str, list[int]] = {}
        self.department_names: dict[int, str] = {}
        for pk, name, code in Department.objects.filter(organization=organization).values_list(
            "id", "name", "code"
        ):
            self.department_names[pk] = name
            self.departments.setdefault(normalize(name), []).append(pk)
            if code:
                self.departments.setdefault(normalize(code), []).append(pk)
        self.people: dict[str, int] = {}
        self.person_numbers: dict[int, str] = {}
        for pk, number in Person.objects.filter(organization=organization).values_list(
            "id", "employee_number"
        ):
            self.people[normalize(number)] = pk
            self.person_numbers[pk] = number
        self.categories = _choice_map(CATEGORY_JA, _EXTRA_ALIASES["category"])
        self.media = _choice_map(MEDIUM_JA, _EXTRA_ALIASES["media"])
        self.requirements = _choice_map(REQUIREMENT_JA, _EXTRA_ALIASES["requirement"])
        self.memo: dict = {}

    def department(self, text: str):
        ids = self.departments.get(normalize(text), [])
        ids = list(dict.fromkeys(ids))
        if len(ids) == 1:
            return ids[0], None
        if not ids:
            return None, _("“%(value)s” is not a registered department.") % {"value": text}
        return None, _("Several departments are called “%(value)s”; use the department code.") % {
            "value": text
        }


# --- validating rows ----------------------------------------------------------------------


FREE_TEXT_KEYS = {
    "title",
    "summary",
    "item_type",
    "classification_reason",
    "source_partner_name",
    "remarks",
}


def _convert(key, raw, lk: Lookups) -> tuple:
    """One cell to its model value and the problems found (messages). Pure, hence memoised."""
    out: dict = {}
    messages: list[str] = []

    def err(_key, message):
        messages.append(message)

    if key in ("ledger_number",):
        out[key] = _nfkc(_text(raw)).strip()
    elif key in (
        "title",
        "summary",
        "item_type",
        "classification_reason",
        "source_partner_name",
        "remarks",
    ):
        out[key] = _text(raw)
    elif key == "category":
        text = _text(raw)
        code = lk.categories.get(normalize(text)) if text else ""
        if text and not code:
            err(
                key,
                _("“%(value)s” is not a category. Use one of: %(choices)s")
                % {"value": text, "choices": "、".join(CATEGORY_JA.values())},
            )
        out[key] = code or ""
    elif key == "media":
        codes = []
        for part in _split(raw):
            code = lk.media.get(normalize(part))
            if code is None:
                err(
                    key,
                    _("“%(value)s” is not a medium. Use: %(choices)s")
                    % {"value": part, "choices": "、".join(MEDIUM_JA.values())},
                )
            elif code not in codes:
                codes.append(code)
        out[key] = ",".join(m for m in Medium.values if m in codes)
    elif key == "storage_locations":
        out[key] = "\n".join(_split(raw))
    elif key == "owning_department":
        text = _text(raw)
        out[key] = None
        if text:
            pk, problem = lk.department(text)
            if problem:
                err(key, problem)
            out[key] = pk
    elif key == "custodian":
        text = _nfkc(_text(raw))
        out[key] = None
        if text:
            pk = lk.people.get(normalize(text))
            if pk is None:
                err(key, _("No person has the employee number “%(value)s”.") % {"value": text})
            out[key] = pk
    elif key == "level":
        text = _text(raw)
        out[key] = None
        if text:
            level = lk.levels.get(normalize(text))
            if level is None:
                err(key, _("“%(value)s” is not a registered level.") % {"value": text})
            else:
                out[key] = level.pk
    elif key in ("secrecy", "usefulness", "non_public"):
        text = _text(raw)
        code = lk.requirements.get(normalize(text)) if text else ""
        if text and not code:
            err(
                key,
                _("“%(value)s” is not understood. Use: %(choices)s")
                % {"value": text, "choices": "、".join(REQUIREMENT_JA.values())},
            )
        out[key] = code or ""
    elif key == "department_grants":
        grants = set()
        for part in _split(raw):
            include = True
            name = part
            if part.endswith(ONLY_SUFFIX) and normalize(part) not in lk.departments:
                name, include = part[: -len(ONLY_SUFFIX)].strip(), False
            pk, problem = lk.department(name)
            if problem:
                err(key, problem)
            else:
                grants.add((pk, include))
        out[key] = frozenset(grants)
    elif key == "person_grants":
        people = set()
        for part in _split(raw):
            pk = lk.people.get(normalize(part))
            if pk is None:
                err(
                    key,
                    _("No person has the employee number “%(value)s”.") % {"value": _nfkc(part)},
                )
            else:
                people.add(pk)
        out[key] = frozenset(people)
    elif key == "next_review_on":
        out[key] = None
        if _text(raw):
            try:
                out[key] = parse_date(raw)
            except (ValueError, OverflowError):
                err(
                    key,
                    _("“%(value)s” is not a date (e.g. 2026/4/1 or 令和8年4月1日).")
                    % {"value": _text(raw)},
                )
    return out.get(key), tuple(messages)


def _resolve_row(row_number, cells: dict, lk: Lookups, errors: list[RowError]) -> dict:
    """Turn the raw cells of one row into model values; errors go to ``errors``."""
    out: dict = {}
    memo = lk.memo
    for key, raw in cells.items():
        if key in FREE_TEXT_KEYS:
            out[key] = _text(raw)
            continue
        if key == "ledger_number":
            out[key] = _nfkc(_text(raw)).strip()
            continue
        if key == "storage_locations":
            out[key] = "\n".join(_split(raw))
            continue
        memo_key = (key, raw)
        hit = memo.get(memo_key)
        if hit is None:
            hit = memo[memo_key] = _convert(key, raw, lk)
        out[key] = hit[0]
        for message in hit[1]:
            errors.append(RowError(row_number, key, message))
    for key, limit in TEXT_LIMITS.items():
        if len(out.get(key) or "") > limit:
            errors.append(
                RowError(row_number, key, _("Too long (at most %(n)d characters).") % {"n": limit})
            )
    return out


def _existing_state(organization, numbers: list[str]) -> dict[str, dict]:
    """Current values of the entries the file names, keyed by ledger number (bulk reads)."""
    state: dict[str, dict] = {}
    fields = [
        "id",
        "ledger_number",
        "title",
        "summary",
        "category",
        "item_type",
        "media",
        "storage_locations",
        "owning_department_id",
        "custodian_id",
        "level_id",
        "classification_reason",
        "secrecy",
        "usefulness",
        "non_public",
        "next_review_on",
        "source_partner_name",
        "remarks",
        "status",
    ]
    for chunk_start in range(0, len(numbers), 5000):
        chunk = numbers[chunk_start : chunk_start + 5000]
        for row in Entry.objects.filter(organization=organization, ledger_number__in=chunk).values(
            *fields
        ):
            row["owning_department"] = row.pop("owning_department_id")
            row["custodian"] = row.pop("custodian_id")
            row["level"] = row.pop("level_id")
            row["department_grants"] = set()
            row["person_grants"] = set()
            state[row["ledger_number"]] = row
    by_id = {row["id"]: row for row in state.values()}
    ids = list(by_id)
    for chunk_start in range(0, len(ids), 5000):
        chunk = ids[chunk_start : chunk_start + 5000]
        for entry_id, dept_id, include in DepartmentGrant.objects.filter(
            entry_id__in=chunk
        ).values_list("entry_id", "department_id", "include_subdepartments"):
            by_id[entry_id]["department_grants"].add((dept_id, include))
        for entry_id, person_id in PersonGrant.objects.filter(entry_id__in=chunk).values_list(
            "entry_id", "person_id"
        ):
            by_id[entry_id]["person_grants"].add(person_id)
    return state


def plan_import(organization, filename: str, data: bytes) -> ImportResult:
    """Read and validate the whole file; nothing is written."""
    result = ImportResult()
    try:
        table = read_table(filename, data)
    except ImportRefused as exc:
        result.errors.append(RowError(0, "", str(exc)))
        return result
    header_index = _find_header(table)
    if header_index is None:
        result.errors.append(
            RowError(
                1,
                "",
                _("The header row was not found: the file needs the columns “%(a)s” and “%(b)s”.")
                % {"a": column_label("title"), "b": column_label("category")},
            )
        )
        return result
    header_row, header = table[header_index]
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        key = HEADER_ALIASES.get(normalize(_text(name)))
        if key and key not in positions:
            positions[key] = index
    missing = [k for k in ("ledger_number", "title", "category") if k not in positions]
    if missing:
        for key in missing:
            result.errors.append(RowError(header_row, key, _("This required column is missing.")))
        return result
    lk = Lookups(organization)
    raw_rows = []
    seen: dict[str, int] = {}
    for number, values in table[header_index + 1 :]:
        if not any(_text(v) for v in values):
            continue  # blank rows are skipped
        cells = {key: values[pos] if pos < len(values) else None for key, pos in positions.items()}
        resolved = _resolve_row(number, cells, lk, result.errors)
        ledger = resolved.get("ledger_number", "")
        if ledger:
            if ledger in seen:
                result.errors.append(
                    RowError(
                        number,
                        "ledger_number",
                        _("“%(value)s” also appears on row %(row)d of this file.")
                        % {"value": ledger, "row": seen[ledger]},
                    )
                )
            else:
                seen[ledger] = number
        raw_rows.append((number, resolved))
    result.rows = len(raw_rows)
    existing = _existing_state(organization, list(seen))
    today = timezone.localdate()
    for number, values in raw_rows:
        ledger = values.get("ledger_number", "")
        current = existing.get(ledger) if ledger else None
        planned = PlannedRow(row=number, values=values, ledger_number=ledger)
        if current is None:
            for key in ("title", "category"):
                if not values.get(key):
                    result.errors.append(RowError(number, key, _("This field is required.")))
            if values.get("level") and not values.get("classification_reason"):
                result.errors.append(
                    RowError(number, "classification_reason", _("Write the reason for the level."))
                )
            if values.get("level") and not values.get("next_review_on"):
                values["next_review_on"] = next_review_for(lk.levels_by_id[values["level"]], today)
            result.creates.append(planned)
            continue
        planned.entry_id = current["id"]
        for key in ("title", "category"):
            if key in values and not values[key]:
                result.errors.append(RowError(number, key, _("This field is required.")))
        new_level = values.get("level", current["level"])
        if "level" in values and new_level != current["level"]:
            reason = values.get("classification_reason", current["classification_reason"])
            if new_level and not reason:
                result.errors.append(
                    RowError(number, "classification_reason", _("Write the reason for the level."))
                )
            old = lk.levels_by_id.get(current["level"])
            new = lk.levels_by_id.get(new_level)
            if old and new and new.rank < old.rank and (reason == current["classification_reason"]):
                result.errors.append(
                    RowError(
                        number,
                        "classification_reason",
                        _("Lowering the level from %(old)s to %(new)s needs a new reason.")
                        % {"old": old.name, "new": new.name},
                    )
                )
            if new and not values.get("next_review_on"):
                values["next_review_on"] = next_review_for(new, today)
        elif "next_review_on" in values and values["next_review_on"] is None:
            values["next_review_on"] = current["next_review_on"]
        for key, value in values.items():
            old_value = current.get(key)
            if key in ("department_grants", "person_grants"):
                old_value = frozenset(old_value)
            if key == "ledger_number":
                continue
            if (old_value if old_value is not None else "") != (value if value is not None else ""):
                planned.changes.append(key)
        if planned.changes:
            if current["status"] in (Status.RETIRED, Status.REJECTED):
                result.errors.append(
                    RowError(
                        number,
                        "",
                        _(
                            "Entry %(number)s is retired or rejected and cannot be changed by an import."
                        )
                        % {"number": ledger},
                    )
                )
            result.updates.append(planned)
        else:
            result.unchanged += 1
    result.errors.sort(
        key=lambda e: (e.row, list(BY_KEY).index(e.column) if e.column in BY_KEY else -1)
    )
    return result


# --- applying -----------------------------------------------------------------------------

CHUNK = 5000  # rows per batch when applying an import
ENTRY_VALUE_KEYS = [
    "title",
    "summary",
    "category",
    "item_type",
    "media",
    "storage_locations",
    "owning_department",
    "custodian",
    "level",
    "classification_reason",
    "secrecy",
    "usefulness",
    "non_public",
    "next_review_on",
    "source_partner_name",
    "remarks",
]
FK_KEYS = {"owning_department", "custodian", "level"}


def _assign(entry: Entry, values: dict):
    for key in ENTRY_VALUE_KEYS:
        if key not in values:
            continue
        value = values[key]
        if key in FK_KEYS:
            setattr(entry, f"{key}_id", value)
        else:
            setattr(entry, key, value if value is not None or key == "next_review_on" else "")


@transaction.atomic
def apply_import(*, actor, organization, filename: str, data: bytes) -> ImportResult:
    """Validate, then write everything or nothing."""
    result = plan_import(organization, filename, data)
    if not result.ok:
        return result
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    level_names = dict(Level.objects.filter(organization=organization).values_list("id", "name"))
    ranks = dict(Level.objects.filter(organization=organization).values_list("id", "rank"))
    org_id, user_id = organization.pk, getattr(user, "pk", None)
    blanks = [p for p in result.creates if not p.ledger_number]
    for planned, number in zip(
        blanks, allocate_ledger_numbers(organization, len(blanks)), strict=True
    ):
        planned.ledger_number = number
    events: list[PendingEvent] = []
    # creations, in chunks so that memory stays flat whatever the size of the file
    entry_columns = [f.attname for f in Entry._meta.concrete_fields if not f.primary_key]
    decision_comment = _("Registered by import")
    classifications, dept_grants, person_grants = [], [], []
    for start in range(0, len(result.creates), CHUNK):
        chunk = result.creates[start : start + CHUNK]
        new_entries = []
        for planned in chunk:
            entry = Entry(
                organization_id=org_id,
                ledger_number=planned.ledger_number,
                status=Status.APPROVED,
                proposed_by_id=user_id,
                proposed_at=now,
                decided_by_id=user_id,
                decided_at=now,
                decision_comment=decision_comment,
            )
            _assign(entry, planned.values)
            if entry.level_id:
                entry.classified_at = now
            entry.search_text = entry.build_search_text()
            entry.created_at = entry.updated_at = now
            new_entries.append(entry)
        insert_rows(
            Entry, entry_columns, ([getattr(e, c) for c in entry_columns] for e in new_entries)
        )
        ids = dict(
            Entry.objects.filter(
                organization=organization, ledger_number__in=[e.ledger_number for e in new_entries]
            ).values_list("ledger_number", "id")
        )
        chunk_events = []
        for planned, entry in zip(chunk, new_entries, strict=True):
            entry.pk = entry.id = planned.entry_id = ids[entry.ledger_number]
            if entry.level_id:
                classifications.append(
                    (
                        org_id,
                        entry.pk,
                        None,
                        entry.level_id,
                        entry.classification_reason,
                        "",
                        user_id,
                        now,
                    )
                )
            for dept_id, include in planned.values.get("department_grants", ()):
                dept_grants.append((org_id, entry.pk, dept_id, include, user_id, now))
            for person_id in planned.values.get("person_grants", ()):
                person_grants.append((org_id, entry.pk, person_id, user_id, now))
            chunk_events.append(
                PendingEvent(
                    "register_entry.imported",
                    "register.entry",
                    entry.pk,
                    str(entry),
                    None,
                    {
                        "ledger_number": entry.ledger_number,
                        "title": entry.title,
                        "category": entry.category,
                        "level": level_names.get(entry.level_id),
                    },
                )
            )
        record_many(organization=organization, actor=actor, events=chunk_events)
        _flush_children(classifications, dept_grants, person_grants)
    # updates
    if result.updates:
        update_ids = [p.entry_id for p in result.updates]
        current = {}
        for i in range(0, len(update_ids), CHUNK):
            current.update(
                (e.pk, e)
                for e in Entry.objects.filter(pk__in=update_ids[i : i + CHUNK]).select_for_update()
            )
        changed_fields: set[str] = set()
        touched = []
        regrant_dept, regrant_person = [], []
        for planned in result.updates:
            entry = current[planned.entry_id]
            before = {
                k: _plain(getattr(entry, f"{k}_id" if k in FK_KEYS else k, None))
                for k in planned.changes
                if k in ENTRY_VALUE_KEYS
            }
            old_level = entry.level_id
            _assign(entry, {k: planned.values[k] for k in planned.changes if k in ENTRY_VALUE_KEYS})
            if entry.level_id != old_level and entry.level_id:
                entry.classified_at = now
                lowering = (
                    entry.classification_reason
                    if old_level and ranks[entry.level_id] < ranks[old_level]
                    else ""
                )
                classifications.append(
                    (
                        org_id,
                        entry.pk,
                        old_level,
                        entry.level_id,
                        entry.classification_reason,
                        lowering,
                        user_id,
                        now,
                    )
                )
                changed_fields.add("classified_at")
            entry.search_text = entry.build_search_text()
            entry.updated_at = now
            changed_fields.update(
                (f"{k}_id" if k in FK_KEYS else k) for k in planned.changes if k in ENTRY_VALUE_KEYS
            )
            touched.append(entry)
            after = {k: _plain(planned.values[k]) for k in planned.changes if k in ENTRY_VALUE_KEYS}
            if "department_grants" in planned.changes:
                regrant_dept.append(entry.pk)
                after["department_grants"] = sorted(
                    f"{d}{'' if inc else ONLY_SUFFIX}"
                    for d, inc in planned.values["department_grants"]
                )
                for dept_id, include in planned.values["department_grants"]:
                    dept_grants.append((org_id, entry.pk, dept_id, include, user_id, now))
            if "person_grants" in planned.changes:
                regrant_person.append(entry.pk)
                after["person_grants"] = sorted(planned.values["person_grants"])
                for person_id in planned.values["person_grants"]:
                    person_grants.append((org_id, entry.pk, person_id, user_id, now))
            events.append(
                PendingEvent(
                    "register_entry.imported", "register.entry", entry.pk, str(entry), before, after
                )
            )
        if touched:
            Entry.objects.bulk_update(
                touched, sorted(changed_fields | {"search_text", "updated_at"}), batch_size=500
            )
        for i in range(0, max(len(regrant_dept), len(regrant_person)), CHUNK):
            DepartmentGrant.objects.filter(entry_id__in=regrant_dept[i : i + CHUNK]).delete()
            PersonGrant.objects.filter(entry_id__in=regrant_person[i : i + CHUNK]).delete()
    _flush_children(classifications, dept_grants, person_grants)
    events.append(
        PendingEvent(
            "register_import.completed",
            "organizations.organization",
            organization.pk,
            str(organization),
            None,
            {
                "file": filename,
                "sha256": hashlib.sha256(data).hexdigest(),
                "created": len(result.creates),
                "updated": len(result.updates),
                "unchanged": result.unchanged,
            },
        )
    )
    record_many(organization=organization, actor=actor, events=events)
    if len(result.creates) + len(result.updates) >= ANALYZE_AFTER:
        refresh_statistics()
    result.applied = True
    return result


ANALYZE_AFTER = 5000


def refresh_statistics():
    """After a large import, let the database planner see the new distribution of rows (without
    statistics SQLite walks an index on organization_id row by row instead of scanning). ANALYZE
    of a table is understood by SQLite and PostgreSQL alike; a backend without it is skipped."""
    from django.db import DatabaseError

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for model in (Entry, DepartmentGrant, PersonGrant):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    except DatabaseError:
        pass


def _flush_children(classifications, dept_grants, person_grants):
    """Insert the collected classification and grant rows, and empty the lists."""
    insert_rows(
        Classification,
        [
            "organization_id",
            "entry_id",
            "from_level_id",
            "to_level_id",
            "reason",
            "lowering_reason",
            "classified_by_id",
            "created_at",
        ],
        classifications,
    )
    insert_rows(
        DepartmentGrant,
        [
            "organization_id",
            "entry_id",
            "department_id",
            "include_subdepartments",
            "granted_by_id",
            "created_at",
        ],
        dept_grants,
    )
    insert_rows(
        PersonGrant,
        ["organization_id", "entry_id", "person_id", "granted_by_id", "created_at"],
        person_grants,
    )
    classifications.clear()
    dept_grants.clear()
    person_grants.clear()


def _plain(value):
    if isinstance(value, frozenset | set):
        return sorted(value, key=str)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- writing ------------------------------------------------------------------------------


def export_rows(organization, entries):
    """Rows of cell values for the given entries (a queryset), in the file's vocabulary.
    A constant number of queries, whatever the number of entries."""
    levels = dict(Level.objects.filter(organization=organization).values_list("id", "name"))
    depts = dict(Department.objects.filter(organization=organization).values_list("id", "name"))
    people = dict(
        Person.objects.filter(organization=organization).values_list("id", "employee_number")
    )
    entry_ids = entries.values("pk")
    dept_grants: dict[int, list[str]] = {}
    for entry_id, dept_id, include in (
        DepartmentGrant.objects.filter(entry_id__in=entry_ids)
        .values_list("entry_id", "department_id", "include_subdepartments")
        .order_by("entry_id", "department_id")
    ):
        dept_grants.setdefault(entry_id, []).append(
            depts.get(dept_id, "") + ("" if include else ONLY_SUFFIX)
        )
    person_grants: dict[int, list[str]] = {}
    for entry_id, person_id in (
        PersonGrant.objects.filter(entry_id__in=entry_ids)
        .values_list("entry_id", "person_id")
        .order_by("entry_id", "person_id")
    ):
        person_grants.setdefault(entry_id, []).append(people.get(person_id, ""))
    fields = [
        "id",
        "ledger_number",
        "title",
        "summary",
        "category",
        "item_type",
        "media",
        "storage_locations",
        "owning_department_id",
        "custodian_id",
        "level_id",
        "classification_reason",
        "secrecy",
        "usefulness",
        "non_public",
        "department_grants",
        "person_grants",
        "next_review_on",
        "source_partner_name",
        "remarks",
    ]
    value_fields = [f for f in fields if f not in ("department_grants", "person_grants")]
    for row in (
        entries.order_by("ledger_number").values_list(*value_fields).iterator(chunk_size=5000)
    ):
        r = dict(zip(value_fields, row, strict=True))
        yield [
            r["ledger_number"],
            r["title"],
            r["summary"],
            CATEGORY_JA.get(r["category"], ""),
            r["item_type"],
            "、".join(MEDIUM_JA[m] for m in r["media"].split(",") if m),
            r["storage_locations"],
            depts.get(r["owning_department_id"], ""),
            people.get(r["custodian_id"], ""),
            levels.get(r["level_id"], ""),
            r["classification_reason"],
            REQUIREMENT_JA.get(r["secrecy"], ""),
            REQUIREMENT_JA.get(r["usefulness"], ""),
            REQUIREMENT_JA.get(r["non_public"], ""),
            "、".join(dept_grants.get(r["id"], [])),
            "、".join(person_grants.get(r["id"], [])),
            r["next_review_on"],
            r["source_partner_name"],
            r["remarks"],
        ]


def export_xlsx(organization, entries, out) -> int:
    return xlsx.write_table(
        out,
        SHEET_NAME,
        [c.ja for c in COLUMNS],
        export_rows(organization, entries),
        widths=[c.width for c in COLUMNS],
        freeze_cols=2,
    )


def export_csv(organization, entries, out, encoding: str = "utf-8-sig") -> int:
    """UTF-8 with a byte order mark, so that Japanese Excel opens it correctly; or CP932
    (Shift_JIS) for older tools, with characters outside it replaced by ?."""
    text = io.TextIOWrapper(out, encoding=encoding, newline="", errors="replace")
    writer = csv.writer(text)
    writer.writerow([c.ja for c in COLUMNS])
    n = 0
    for row in export_rows(organization, entries):
        row = [v.isoformat().replace("-", "/") if isinstance(v, dt.date) else v for v in row]
        writer.writerow(row)
        n += 1
    text.flush()
    text.detach()
    return n


def template_xlsx(out, organization=None) -> None:
    """A blank ledger: instructions, the header row, and drop-down lists."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .services import DEFAULT_LEVELS

    if organization is not None and Level.objects.filter(organization=organization).exists():
        level_names = list(
            Level.objects.filter(organization=organization)
            .order_by("-rank")
            .values_list("name", flat=True)
        )
    else:
        level_names = [row[1] for row in DEFAULT_LEVELS]
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "説明"
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 90
    lines = [
        ("秘密情報管理台帳 取込用ひな形", ""),
        ("", ""),
        (
            "使い方",
            "「台帳」シートの2行目から、1行に1件ずつ記入します。1行目の見出しは変えないでください。",
        ),
        (
            "",
            "台帳には秘密そのものを書かず、名称・保管場所・責任者・アクセスできる人だけを書きます。",
        ),
        ("", "複数の値は「、」「;」または改行で区切ります。空行は読み飛ばします。"),
        ("", "日付は 2026/4/1、2026年4月1日、令和8年4月1日 のいずれでも構いません。"),
        ("", "取り込む前に全行を確認し、誤りが1件でもあれば何も登録しません。"),
        ("", ""),
        ("列", "書き方"),
    ]
    lines += [(c.ja, c.note) for c in COLUMNS]
    for row in lines:
        info.append(list(row))
    info["A1"].font = Font(bold=True, size=14)
    info["A9"].font = info["B9"].font = Font(bold=True)
    ws = wb.create_sheet(SHEET_NAME)
    ws.append([c.ja for c in COLUMNS])
    fill = PatternFill("solid", fgColor="DDE6F0")
    for index, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = col.width
    ws.freeze_panes = "C2"
    wb.active = 1

    def dropdown(key, values, strict=True):
        letter = get_column_letter([c.key for c in COLUMNS].index(key) + 1)
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            showErrorMessage=strict,
        )
        dv.error = "一覧から選んでください。"
        dv.add(f"{letter}2:{letter}5000")
        ws.add_data_validation(dv)

    dropdown("category", list(CATEGORY_JA.values()))
    dropdown("level", level_names)
    # several media may be written in one cell, so the list only helps and never refuses
    dropdown("media", list(MEDIUM_JA.values()), strict=False)
    for key in ("secrecy", "usefulness", "non_public"):
        dropdown(key, list(REQUIREMENT_JA.values()))
    wb.save(out)
