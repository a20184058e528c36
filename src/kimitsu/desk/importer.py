"""Import of consultations and seminars from .xlsx or CSV (UTF-8 or CP932).

Every row is validated before anything is written; any error stops the import and every error is
reported by row and column in the user's language. The write is one transaction."""

import datetime as dt
import functools
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.core.bulk import insert_rows
from kimitsu.documents import tables
from kimitsu.organizations.choices import Industry, Prefecture

from . import services
from .choices import JA_LABELS, Attribute, Channel, SeminarKind, Subject
from .models import Client, Consultation, Seminar

CONSULTATION_COLUMNS = [
    "受付日",
    "受付方法",
    "相談者名",
    "属性",
    "従業員数",
    "業種",
    "都道府県",
    "相談内容",
    "担当",
    "概要",
]
CONSULTATION_REQUIRED = ["受付日", "受付方法", "相談者名", "相談内容"]
SEMINAR_COLUMNS = ["開催日", "名称", "種別", "形式", "参加者数", "講師"]
SEMINAR_REQUIRED = ["開催日", "名称", "種別", "形式", "参加者数"]
MAX_ERRORS_SHOWN = 200


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        if not self.row and self.column == "-":
            return self.message  # the file as a whole
        if self.row:
            return _("Row %(row)d, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Column %(column)s: %(message)s") % {
            "column": self.column,
            "message": self.message,
        }


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@functools.lru_cache(maxsize=8192)
def _norm_cached(text: str) -> str:
    """NFKC (full-width digits and brackets to half-width), no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _norm(text) -> str:
    return _norm_cached(str(text or ""))


def _lookup(choices, extra: dict | None = None) -> dict[str, str]:
    table = {}
    for value, label in choices.choices:
        table[_norm(value)] = value
        table[_norm(label)] = value
        table[_norm(JA_LABELS[choices][value])] = value
    for alias, value in (extra or {}).items():
        table[_norm(alias)] = value
    return table


CHANNELS = _lookup(
    Channel,
    {
        "web": "web_form",
        "webフォーム": "web_form",
        "web会議": "online",
        "出張訪問": "visit",
        "来所": "walk_in",
        "窓口": "walk_in",
        "電子メール": "mail",
        "tel": "phone",
    },
)
ATTRIBUTES = _lookup(
    Attribute, {"中小": "sme", "大学": "academic", "研究機関": "academic", "個人": "sole"}
)
SUBJECTS = _lookup(
    Subject,
    {
        "知財戦略": "strategy",
        "権利化・秘匿化": "strategy",
        "漏えい": "leak",
        "漏洩": "leak",
        "流出": "leak",
        "漏洩・流出": "leak",
        "セキュリティ": "security",
    },
)
SEMINAR_KINDS = _lookup(
    SeminarKind,
    {
        "初級": "beginner",
        "中級": "intermediate",
        "初中級": "beginner_intermediate",
        "ワークショップ": "workshop",
        "社内": "in_house",
        "他機関": "external",
        "営業秘密・知財戦略セミナー初級": "beginner",
        "営業秘密・知財戦略セミナー中級": "intermediate",
        "営業秘密・知財戦略セミナー初中級": "beginner_intermediate",
        "営業秘密・知財戦略セミナーワークショップ": "workshop",
    },
)
INDUSTRIES = _lookup(Industry)
PREFECTURES = _lookup(Prefecture)
for _code, _name in JA_LABELS[Prefecture].items():
    PREFECTURES[_norm(_name.rstrip("都府県") if _name != "北海道" else _name)] = _code
    PREFECTURES[_norm(str(int(_code)))] = _code
for _code, _name in JA_LABELS[Industry].items():
    INDUSTRIES[_norm(_name.replace("，", "・"))] = _code
ONLINE_WORDS = {_norm(w): True for w in ("オンライン", "online", "web", "web会議")}
ONLINE_WORDS.update({_norm(w): False for w in ("対面", "on-site", "onsite", "会場", "来場")})


# --- reading ------------------------------------------------------------------------------


def read_table(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, list]]]:
    """Header and data rows (with their row number as the user sees it, header = 1). A file
    too large (in bytes, unpacked or in rows) or unreadable is refused as a whole."""
    try:
        tables.check_size(len(data))
        if filename.lower().endswith((".xlsx", ".xlsm")):
            rows = _read_xlsx(data)
        else:
            rows = list(tables.read_csv(data))
    except tables.TableRefused as exc:
        raise ImportFailed([RowError(0, "-", str(exc))]) from exc
    return _split(rows)


def _read_xlsx(data: bytes) -> list[tuple[int, list]]:
    cannot_read = ImportFailed([RowError(0, "-", _("The file cannot be read as .xlsx."))])
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise cannot_read from exc
    tables.check_unpacked(zf, len(data))
    try:
        _name, rows = next(tables.workbook_tables(zf))
        return list(rows)
    except tables.TableRefused:
        raise
    except Exception as exc:  # a broken zip or workbook raises many kinds
        raise cannot_read from exc


def _split(rows):
    rows = [(i, r) for i, r in rows if any(v not in (None, "") for v in r)]
    if not rows:
        raise ImportFailed([RowError(0, "-", _("The file has no rows."))])
    header = [str(v or "").strip() for v in rows[0][1]]
    return header, rows[1:]


def _columns(header, expected, required) -> dict[str, int]:
    index = {}
    for i, name in enumerate(header):
        if name in expected and name not in index:
            index[name] = i
    missing = [c for c in required if c not in index]
    if missing:
        raise ImportFailed(
            [RowError(1, c, _("This column is missing from the header row.")) for c in missing]
        )
    return index


# --- values -------------------------------------------------------------------------------

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
WAREKI = re.compile(r"^(令和|平成|R|H)(\d+|元)[年./-](\d+)[月./-](\d+)日?")
SEIREKI = re.compile(r"^(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2}))?")


def parse_datetime(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        # an Excel date: days since 1899-12-30 (the fraction is the time of day)
        if not 20000 < value < 80000:
            raise ValueError
        moment = EXCEL_EPOCH + dt.timedelta(days=value)
        moment = moment.replace(second=0, microsecond=0)
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time(9, 0))
    else:
        text = unicodedata.normalize("NFKC", str(value or "")).strip()
        m = SEIREKI.match(text)
        w = WAREKI.match(text)
        if m:
            y, mo, d = int(m[1]), int(m[2]), int(m[3])
            hh, mm = (int(m[4]), int(m[5])) if m[4] else (9, 0)
        elif w:
            n = 1 if w[2] == "元" else int(w[2])
            y = n + (2018 if w[1] in ("令和", "R") else 1988)
            mo, d, hh, mm = int(w[3]), int(w[4]), 9, 0
        else:
            raise ValueError
        moment = dt.datetime(y, mo, d, hh, mm)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _int(value) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value) != int(value) or value < 0:
            raise ValueError
        return int(value)
    text = unicodedata.normalize("NFKC", _text(value)).replace(",", "").rstrip("人名")
    if not text.isdigit():
        raise ValueError
    return int(text)


class _Row:
    def __init__(self, number, values, index, errors):
        self.number, self.values, self.index, self.errors = number, values, index, errors

    def get(self, column):
        i = self.index.get(column)
        if i is None or i >= len(self.values):
            return None
        return self.values[i]

    def error(self, column, message):
        self.errors.append(RowError(self.number, column, message))

    def text(self, column, *, multiline=False) -> str:
        """The cell as text; a control character in it is an error of the row. ``multiline``
        for a text that may hold line breaks (a summary), not for a name."""
        value = _text(self.get(column))
        problem = tables.cell_problem(value, multiline=multiline)
        if problem:
            self.error(column, problem)
        return value

    def check(self, column, field, value):
        """The model field's own checks (its range, length or dates) on the value of a cell."""
        try:
            field.run_validators(value)
        except ValidationError as exc:
            self.error(column, " ".join(exc.messages))


def _choice(row: _Row, column: str, table: dict, required=False):
    raw = _text(row.get(column))
    if not raw:
        if required:
            row.error(column, _("A value is required."))
        return ""
    value = table.get(_norm(raw))
    if value is None:
        row.error(column, _("%(value)s is not a known value.") % {"value": raw})
        return ""
    return value


# --- consultations ------------------------------------------------------------------------


def _no_progress(step: str, done: int, total: int) -> None:
    pass


PROGRESS_EVERY = 1000  # rows between two progress reports


def validate_consultations(header, rows, staff: dict[str, object], progress=_no_progress):
    index = _columns(header, CONSULTATION_COLUMNS, CONSULTATION_REQUIRED)
    errors: list[RowError] = []
    out = []
    for done, (number, values) in enumerate(rows):
        if done % PROGRESS_EVERY == 0:
            progress("checking", done, len(rows))
        row = _Row(number, values, index, errors)
        before = len(errors)
        try:
            received_at = parse_datetime(row.get("受付日"))
        except (ValueError, TypeError):
            raw = _text(row.get("受付日"))
            row.error(
                "受付日",
                _("%(value)s is not a date (write 2020/4/1).") % {"value": raw}
                if raw
                else _("A value is required."),
            )
            received_at = None
        if received_at is not None:
            row.check("受付日", Consultation._meta.get_field("received_at"), received_at)
        channel = _choice(row, "受付方法", CHANNELS, required=True)
        name = row.text("相談者名")
        if not name:
            row.error("相談者名", _("A value is required."))
        elif len(name) > 200:
            row.error("相談者名", _("At most 200 characters."))
        attribute = _choice(row, "属性", ATTRIBUTES) or Attribute.OTHER
        employees = None
        if _text(row.get("従業員数")):
            try:
                employees = _int(row.get("従業員数"))
            except (ValueError, TypeError):
                row.error(
                    "従業員数",
                    _("%(value)s is not a whole number of staff.")
                    % {"value": _text(row.get("従業員数"))},
                )
            else:
                row.check("従業員数", Consultation._meta.get_field("employee_count"), employees)
        industry = _choice(row, "業種", INDUSTRIES)
        prefecture = _choice(row, "都道府県", PREFECTURES)
        subjects = []
        raw_subjects = _text(row.get("相談内容"))
        for part in re.split(r"[、,，;；\n]", raw_subjects):
            if not part.strip():
                continue
            code = SUBJECTS.get(_norm(part))
            if code is None:
                row.error("相談内容", _("%(value)s is not a known subject.") % {"value": part})
            elif code not in subjects:
                subjects.append(code)
        if not raw_subjects:
            row.error("相談内容", _("A value is required."))
        assignee = row.text("担当")
        advisors = [staff[_norm(n)] for n in re.split(r"[、,，]", assignee) if _norm(n) in staff]
        checked = len(errors)
        summary = row.text("概要", multiline=True)
        if len(errors) == checked:  # the characters are right: the length, then
            row.check("概要", Consultation._meta.get_field("summary"), summary)
        if len(errors) == before:
            out.append(
                {
                    "received_at": received_at,
                    "channel": channel,
                    "client_name": name,
                    "attribute": attribute,
                    "employee_count": employees,
                    "industry": industry,
                    "prefecture": prefecture,
                    "subjects": subjects,
                    "advisor_names": assignee[:200],
                    "advisors": advisors,
                    "summary": summary,
                }
            )
    return out, errors


def import_consultations(
    *, actor, membership, data: bytes, filename: str, progress=_no_progress
) -> dict:
    from . import selectors

    progress("reading", 0, 1)
    header, rows = read_table(data, filename)
    staff = {}
    for user in selectors.desk_staff(membership.organization):
        for key in (user.display_name, user.email):
            if key:
                staff[_norm(key)] = user
    valid, errors = validate_consultations(header, rows, staff, progress)
    if errors:
        raise ImportFailed(errors)
    if not valid:
        raise ImportFailed([RowError(0, "-", _("The file has no data rows."))])
    org = membership.organization
    with transaction.atomic():
        clients = dict(Client.objects.filter(organization=org).values_list("name", "id"))
        new = {}
        for r in valid:
            if r["client_name"] not in clients and r["client_name"] not in new:
                new[r["client_name"]] = r
        if new:
            now = timezone.now()
            insert_rows(
                Client,
                [
                    "organization_id",
                    "name",
                    "attribute",
                    "employee_count",
                    "industry",
                    "prefecture",
                    "contact",
                    "notes",
                    "created_at",
                    "updated_at",
                ],
                (
                    (
                        org.pk,
                        name,
                        r["attribute"],
                        r["employee_count"],
                        r["industry"],
                        r["prefecture"],
                        "",
                        "",
                        now,
                        now,
                    )
                    for name, r in new.items()
                ),
            )
            clients = dict(Client.objects.filter(organization=org).values_list("name", "id"))
        advisor_lists = []
        payload = []
        for r in valid:
            advisor_lists.append(r.pop("advisors"))
            r["client_id"] = clients[r.pop("client_name")]
            payload.append(r)
        created = services.consultations_bulk_create(
            actor=actor,
            membership=membership,
            rows=payload,
            source=filename,
            advisor_lists=advisor_lists,
            clients_created=len(new),
            progress=progress,
        )
    return {"consultations": created, "clients_created": len(new)}


# --- seminars -----------------------------------------------------------------------------


def validate_seminars(header, rows, progress=_no_progress):
    index = _columns(header, SEMINAR_COLUMNS, SEMINAR_REQUIRED)
    errors: list[RowError] = []
    out = []
    for done, (number, values) in enumerate(rows):
        if done % PROGRESS_EVERY == 0:
            progress("checking", done, len(rows))
        row = _Row(number, values, index, errors)
        before = len(errors)
        try:
            held_on = parse_datetime(row.get("開催日")).date()
        except (ValueError, TypeError):
            raw = _text(row.get("開催日"))
            row.error(
                "開催日",
                _("%(value)s is not a date (write 2020/4/1).") % {"value": raw}
                if raw
                else _("A value is required."),
            )
            held_on = None
        if held_on is not None:
            row.check("開催日", Seminar._meta.get_field("held_on"), held_on)
        title = row.text("名称")
        if not title:
            row.error("名称", _("A value is required."))
        kind = _choice(row, "種別", SEMINAR_KINDS, required=True)
        raw_format = _text(row.get("形式"))
        online = ONLINE_WORDS.get(_norm(raw_format))
        if online is None:
            row.error(
                "形式", _("Write オンライン or 対面.") if raw_format else _("A value is required.")
            )
        participants = 0
        try:
            participants = _int(row.get("参加者数"))
        except (ValueError, TypeError):
            raw = _text(row.get("参加者数"))
            row.error(
                "参加者数",
                _("%(value)s is not a whole number.") % {"value": raw}
                if raw
                else _("A value is required."),
            )
        else:
            row.check("参加者数", Seminar._meta.get_field("participants"), participants)
        lecturer = row.text("講師")
        if len(errors) == before:
            out.append(
                {
                    "held_on": held_on,
                    "title": title[:200],
                    "kind": kind,
                    "online": online,
                    "participants": participants,
                    "lecturer": lecturer[:200],
                }
            )
    return out, errors


def import_seminars(
    *, actor, membership, data: bytes, filename: str, progress=_no_progress
) -> dict:
    progress("reading", 0, 1)
    header, rows = read_table(data, filename)
    valid, errors = validate_seminars(header, rows, progress)
    if errors:
        raise ImportFailed(errors)
    if not valid:
        raise ImportFailed([RowError(0, "-", _("The file has no data rows."))])
    progress("writing", 0, len(valid))
    with transaction.atomic():
        created = services.seminars_bulk_create(
            actor=actor, membership=membership, rows=valid, source=filename
        )
    progress("writing", created, created)
    return {"seminars": created}


def run(*, kind: str, actor, membership, data: bytes, filename: str, progress=None) -> dict:
    """Import a file of consultations or seminars, all or nothing. ``progress(step, done,
    total)`` hears how far it got: reading, checking row by row, writing."""
    kw = {"actor": actor, "membership": membership, "data": data, "filename": filename}
    kw["progress"] = progress or _no_progress
    try:
        if kind == "consultations":
            return import_consultations(**kw)
        return import_seminars(**kw)
    except ValidationError as exc:
        raise ImportFailed([RowError(0, "-", m) for m in exc.messages]) from exc
