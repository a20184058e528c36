"""Checking every row of a file against the company (levels, departments, people) and the
register, into a plan: what would be created, changed or left as is, or every error."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.core import dates
from kimitsu.core.validators import validate_sane_date
from kimitsu.documents.tables import cell_problem
from kimitsu.organizations.choices import PersonStatus
from kimitsu.organizations.models import Department, Person
from kimitsu.organizations.selectors import department_paths

from ..choices import Category, Medium, Status
from ..models import DepartmentGrant, Entry, Level, PersonGrant, normalize
from ..services import next_review_for
from ..terms import split_terms, term_problem
from .reading import (
    HEADER_ALIASES,
    _choice_map,
    _find_header,
    _nfkc,
    _split,
    _text,
    parse_date,
    read_table,
)
from .schema import (
    _EXTRA_ALIASES,
    BY_KEY,
    CATEGORY_JA,
    ENTRY_VALUE_KEYS,
    FK_KEYS,
    MEDIUM_JA,
    ONLY_SUFFIX,
    REQUIREMENT_JA,
    TEXT_LIMITS,
    ImportRefused,
    ImportResult,
    PlannedRow,
    RowError,
    attname,
    column_label,
)

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
        paths = department_paths(organization)  # 大阪支店/営業課, as the export may write it
        for pk, name, code in Department.objects.filter(organization=organization).values_list(
            "id", "name", "code"
        ):
            self.department_names[pk] = name
            for key in {normalize(name), normalize(code), normalize(paths[pk])} - {""}:
                self.departments.setdefault(key, []).append(pk)
        self.people: dict[str, int] = {}
        self.person_numbers: dict[int, str] = {}
        self.left: set[int] = set()  # people who have left: not to be given a register role
        for pk, number, status in Person.objects.filter(organization=organization).values_list(
            "id", "employee_number", "status"
        ):
            self.people[normalize(number)] = pk
            self.person_numbers[pk] = number
            if status == PersonStatus.LEFT:
                self.left.add(pk)
        self.categories = _choice_map(CATEGORY_JA, _EXTRA_ALIASES["category"])
        self.media = _choice_map(MEDIUM_JA, _EXTRA_ALIASES["media"])
        self.requirements = _choice_map(REQUIREMENT_JA, _EXTRA_ALIASES["requirement"])
        self.memo: dict = {}

    def person(self, text: str):
        """The person with this employee number (full-width digits and spaces allowed)."""
        pk = self.people.get(normalize(text))
        if pk is None:
            return None, _("No person has the employee number “%(value)s”.") % {
                "value": _nfkc(text)
            }
        return pk, None

    def department(self, text: str):
        ids = self.departments.get(normalize(text), [])
        ids = list(dict.fromkeys(ids))
        if len(ids) == 1:
            return ids[0], None
        if not ids:
            return None, _("“%(value)s” is not a registered department.") % {"value": text}
        return None, _(
            "Several departments are called “%(value)s”; use the department code or its path "
            "from the top (e.g. 大阪支店/営業課)."
        ) % {"value": text}


# --- validating rows ----------------------------------------------------------------------


FREE_TEXT_KEYS = {
    "title",
    "summary",
    "item_type",
    "classification_reason",
    "source_partner_name",
    "source_agreement_ref",
    "remarks",
}
# Texts that may hold line breaks and tabs; the other text columns are one-line names (a title,
# a ledger number). A control character in either is an error of its cell.
MULTILINE_KEYS = {"summary", "classification_reason", "storage_locations", "remarks", "check_terms"}


def _convert(key, raw, lk: Lookups) -> tuple:
    """One cell to its model value and the problems found (messages). Pure, hence memoised."""
    out: dict = {}
    messages: list[str] = []

    def err(_key, message):
        messages.append(message)

    if key in ("ledger_number",):
        out[key] = _nfkc(_text(raw)).strip()
    elif key in FREE_TEXT_KEYS:
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
        text = _text(raw)
        out[key] = None
        if text:
            out[key], problem = lk.person(text)
            if problem:
                err(key, problem)
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
            pk, problem = lk.person(part)
            if problem:
                err(key, problem)
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
            else:
                try:
                    validate_sane_date(out[key])
                except ValidationError as exc:
                    out[key] = None
                    err(key, exc.messages[0])
    return out.get(key), tuple(messages)


def _resolve_row(row_number, cells: dict, lk: Lookups, errors: list[RowError]) -> dict:
    """Turn the raw cells of one row into model values; errors go to ``errors``."""
    out: dict = {}
    memo = lk.memo
    for key, raw in cells.items():
        if key in FREE_TEXT_KEYS:
            out[key] = text = _text(raw)
        elif key == "ledger_number":
            out[key] = text = _nfkc(_text(raw)).strip()
        elif key == "storage_locations":
            out[key] = text = "\n".join(_split(raw))
        elif key == "check_terms":
            terms = split_terms(_text(raw))
            out[key] = text = "\n".join(terms)
            problem = term_problem(terms)
            if problem:
                errors.append(RowError(row_number, key, problem))
                continue
        else:
            text = None
        if text is not None:
            problem = cell_problem(text, multiline=key in MULTILINE_KEYS)
            if problem:
                errors.append(RowError(row_number, key, problem))
            continue
        memo_key = (key, raw)
        hit = memo.get(memo_key)
        if hit is None:
            hit = memo[memo_key] = _convert(key, raw, lk)
        out[key] = hit[0]
        if hit[1]:  # the first problem of a cell is enough to fix it
            errors.append(RowError(row_number, key, hit[1][0]))
    for key, limit in TEXT_LIMITS.items():
        if len(out.get(key) or "") > limit:
            errors.append(
                RowError(row_number, key, _("Too long (at most %(n)d characters).") % {"n": limit})
            )
    return out


def number_key(number: str) -> str:
    """Ledger numbers are one number whatever their case: km-00001 is KM-00001."""
    return number.upper()


def _stored_numbers(organization, keys) -> list[str]:
    """The ledger numbers as stored of the entries whose number has one of these keys. The
    company's numbers are read once and compared here rather than with UPPER() in the database,
    whose idea of upper case differs between SQLite (ASCII only) and PostgreSQL."""
    keys = set(keys)
    if not keys:
        return []
    numbers = Entry.objects.filter(organization=organization).values_list(
        "ledger_number", flat=True
    )
    return [n for n in numbers.iterator(chunk_size=5000) if number_key(n) in keys]


def _existing_state(organization, keys) -> dict[str, dict]:
    """Current values of the entries the file names, keyed by ``number_key`` (bulk reads)."""
    state: dict[str, dict] = {}
    fields = ["id", "ledger_number", "status", *map(attname, ENTRY_VALUE_KEYS)]
    numbers = _stored_numbers(organization, keys)
    for chunk_start in range(0, len(numbers), 5000):
        chunk = numbers[chunk_start : chunk_start + 5000]
        for row in Entry.objects.filter(organization=organization, ledger_number__in=chunk).values(
            *fields
        ):
            for key in FK_KEYS:
                row[key] = row.pop(attname(key))
            row["department_grants"] = set()
            row["person_grants"] = set()
            state[number_key(row["ledger_number"])] = row
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


def _no_progress(step: str, done: int, total: int) -> None:
    pass


PROGRESS_EVERY = 1000  # rows between two progress reports


def plan_import(organization, filename: str, data: bytes, progress=None) -> ImportResult:
    """Read and validate the whole file; nothing is written. ``progress(step, done, total)``
    hears how far it got ("reading", then "checking" row by row)."""
    progress = progress or _no_progress
    result = ImportResult()
    progress("reading", 0, 1)
    try:
        table = read_table(filename, data)
    except ImportRefused as exc:
        result.errors.append(RowError(0, "", str(exc)))
        return result
    progress("reading", 1, 1)
    header_index = _find_header(table)
    if header_index is None:
        result.errors.append(
            RowError(
                1,
                "",
                _(
                    "The header row was not found: none of the first ten rows has the column "
                    "“%(title)s”, which every ledger file needs."
                )
                % {"title": column_label("title")},
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
    result.level_names = {pk: level.name for pk, level in lk.levels_by_id.items()}
    raw_rows = []
    seen: dict[str, int] = {}
    body = table[header_index + 1 :]
    for done, (number, values) in enumerate(body):
        if done % PROGRESS_EVERY == 0:
            progress("checking", done, len(body))
        if not any(_text(v) for v in values):
            continue  # blank rows are skipped
        cells = {key: values[pos] if pos < len(values) else None for key, pos in positions.items()}
        first_error = len(result.errors)
        resolved = _resolve_row(number, cells, lk, result.errors)
        failed = {e.column for e in result.errors[first_error:]}
        ledger = resolved.get("ledger_number", "")
        if ledger:
            key = number_key(ledger)
            if key in seen:
                result.errors.append(
                    RowError(
                        number,
                        "ledger_number",
                        _("“%(value)s” also appears on row %(row)d of this file.")
                        % {"value": ledger, "row": seen[key]},
                    )
                )
            else:
                seen[key] = number
        raw_rows.append((number, resolved, failed))
    progress("checking", len(body), len(body))
    result.rows = len(raw_rows)
    if not raw_rows:
        result.errors.append(RowError(0, "", _("The file has no rows to import.")))
        return result
    existing = _existing_state(organization, seen)
    today = timezone.localdate()
    for number, values, failed in raw_rows:
        ledger = values.get("ledger_number", "")
        current = existing.get(number_key(ledger)) if ledger else None
        _warn_past_review(number, values, current, today, organization, result.warnings)
        planned = PlannedRow(row=number, values=values, ledger_number=ledger)
        if current is None:
            for key in ("title", "category"):
                if not values.get(key) and key not in failed:
                    result.errors.append(RowError(number, key, _("This field is required.")))
            _check_source(number, values, None, result.errors)
            if values.get("level") and not values.get("classification_reason"):
                result.errors.append(
                    RowError(number, "classification_reason", _("Write the reason for the level."))
                )
            if values.get("level") and not values.get("next_review_on"):
                values["next_review_on"] = next_review_for(lk.levels_by_id[values["level"]], today)
            _check_leavers(number, values, None, lk, result.errors)
            result.creates.append(planned)
            continue
        planned.entry_id = current["id"]
        planned.ledger_number = current["ledger_number"]  # as stored, whatever the file's case
        _keep_equivalent_text(values, current)
        for key in ("title", "category"):
            if key in values and not values[key] and key not in failed:
                result.errors.append(RowError(number, key, _("This field is required.")))
        _check_source(number, values, current, result.errors)
        new_level = values.get("level", current["level"])
        if "level" in failed:
            pass  # already reported; what the level would become is unknown
        elif "level" in values and new_level is None and current["level"] is not None:
            # lowering needs a new reason and leaves a line in the classification history;
            # a blank cell would do neither
            result.errors.append(
                RowError(
                    number,
                    "level",
                    _(
                        "An import cannot remove a level (%(old)s). To lower it, name a lower "
                        "level with a new reason."
                    )
                    % {"old": lk.levels_by_id[current["level"]].name},
                )
            )
        elif "level" in values and new_level != current["level"]:
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
        else:
            if (
                new_level
                and values.get("classification_reason", "x") == ""
                and current["classification_reason"]
            ):
                # the reason is the evidence for the level: it may change, not disappear
                result.errors.append(
                    RowError(number, "classification_reason", _("Write the reason for the level."))
                )
            if "next_review_on" in values and values["next_review_on"] is None:
                values["next_review_on"] = current["next_review_on"]
        for key, value in values.items():
            old_value = current.get(key)
            if key in ("department_grants", "person_grants"):
                old_value = frozenset(old_value)
            if key == "ledger_number":
                continue
            if (old_value if old_value is not None else "") != (value if value is not None else ""):
                planned.changes.append(key)
        _check_leavers(number, values, current, lk, result.errors)
        if planned.changes:
            if current["status"] in (Status.RETIRED, Status.REJECTED):
                result.errors.append(
                    RowError(
                        number,
                        "",
                        _(
                            "Entry %(number)s is retired or rejected and cannot be changed by an import."
                        )
                        % {"number": planned.ledger_number},
                    )
                )
            result.updates.append(planned)
        else:
            result.unchanged += 1
    result.errors.sort(
        key=lambda e: (e.row, list(BY_KEY).index(e.column) if e.column in BY_KEY else -1)
    )
    return result


def _warn_past_review(number, values, current, today, organization, warnings: list[RowError]):
    """A next review date from the file that has already passed (「R8.10.1」 typed in December):
    it may be meant — the review is overdue — or a typo for next year, so the preview says so and
    the import goes on. A date the entry already has (an export imported back) is not repeated."""
    day = values.get("next_review_on")
    if day is None or day >= today:
        return
    if current is not None and current.get("next_review_on") == day:
        return
    warnings.append(
        RowError(
            number,
            "next_review_on",
            _(
                "%(day)s has already passed: the entry will be due for review as soon as it "
                "is imported. Check the year."
            )
            % {"day": dates.for_reader(day, organization)},
        )
    )


# Characters that CP932 (Shift_JIS as Windows and Excel write it) cannot tell apart: one of each
# pair comes back as the other after a round trip through a Shift_JIS file.
CP932_LOOKALIKES = str.maketrans(
    {
        "\u301c": "\uff5e",  # 〜 WAVE DASH → ～ FULLWIDTH TILDE
        "\u2016": "\u2225",  # ‖ → ∥
        "\u2212": "\uff0d",  # − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
        "\u00a2": "\uffe0",  # ¢ → ￠
        "\u00a3": "\uffe1",  # £ → ￡
        "\u00ac": "\uffe2",  # ¬ → ￢
        "\u2014": "\u2015",  # — EM DASH → ― HORIZONTAL BAR
    }
)


def _same_text(new: str, old: str) -> bool:
    """Equal but for the CP932 look-alikes and the style of line ending (a textarea sends CRLF,
    the files give LF); or the new text is the stored one as a Shift_JIS export wrote it, with
    ? for each character CP932 lacks (𠮷, emoji): the file could not say more."""
    if new == old:
        return True

    def fold(s: str) -> str:
        return s.replace("\r\n", "\n").replace("\r", "\n").translate(CP932_LOOKALIKES)

    if fold(new) == fold(old):
        return True
    lossy = fold(old).encode("cp932", errors="replace").decode("cp932")
    return "?" in new and fold(new) == fold(lossy)


def _keep_equivalent_text(values: dict, current: dict) -> None:
    """Text that only differs from the stored value by ``_same_text`` keeps the stored value,
    so that an exported file imports back unchanged."""
    for key in (*FREE_TEXT_KEYS, "storage_locations", "check_terms"):
        new, old = values.get(key), current.get(key)
        if isinstance(new, str) and isinstance(old, str) and new != old and _same_text(new, old):
            values[key] = old


def _check_source(number, values, current, errors: list[RowError]) -> None:
    """Information disclosed by another company names its source, as on the entry's page. An
    entry already registered without one still imports back unchanged."""
    current = current or {}
    category = values.get("category", current.get("category"))
    source = values.get("source_partner_name", current.get("source_partner_name")) or ""
    touched = "category" in values or "source_partner_name" in values
    unchanged = category == current.get("category") and source == (
        current.get("source_partner_name") or ""
    )
    if category == Category.THIRD_PARTY and not source.strip() and touched and not unchanged:
        errors.append(
            RowError(
                number, "source_partner_name", _("Name the company that disclosed the information.")
            )
        )


def _check_leavers(number, values, current, lk: Lookups, errors: list[RowError]):
    """A person who has left is not made custodian nor granted access by an import (the exit
    process revoked their grants); an unchanged row that still names them passes, so that an
    export imports back unchanged."""
    custodian = values.get("custodian")
    if custodian in lk.left and (current is None or custodian != current["custodian"]):
        errors.append(RowError(number, "custodian", _left_message(lk, custodian)))
    before = current["person_grants"] if current else frozenset()
    for pk in sorted(values.get("person_grants", frozenset()) - before):
        if pk in lk.left:
            errors.append(RowError(number, "person_grants", _left_message(lk, pk)))


def _left_message(lk: Lookups, pk: int) -> str:
    return _("The person with the employee number “%(value)s” has left the company.") % {
        "value": lk.person_numbers[pk]
    }
