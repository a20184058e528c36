"""Export of the register (.xlsx and CSV, the same columns) and the blank template."""

import codecs
import csv
import datetime as dt
import io

from kimitsu.core.text import csv_safe
from kimitsu.documents import xlsx
from kimitsu.organizations.models import Person
from kimitsu.organizations.selectors import department_labels

from ..models import DepartmentGrant, Level, PersonGrant
from .schema import (
    CATEGORY_JA,
    COLUMNS,
    ENTRY_VALUE_KEYS,
    EXPORT_ONLY_HEADERS,
    MEDIUM_JA,
    ONLY_SUFFIX,
    REQUIREMENT_JA,
    SHEET_NAME,
    STATUS_JA,
    attname,
)

# --- writing ------------------------------------------------------------------------------


def export_rows(organization, entries):
    """Rows of cell values for the given entries (a queryset), in the file's vocabulary.
    A constant number of queries, whatever the number of entries."""
    levels = dict(Level.objects.filter(organization=organization).values_list("id", "name"))
    depts = department_labels(organization)
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
    value_fields = ["id", "ledger_number", "status", *map(attname, ENTRY_VALUE_KEYS)]
    # the order of the view exported (its sort), or the ledger's
    ordered = entries if entries.query.order_by else entries.order_by("ledger_number")
    for row in ordered.values_list(*value_fields).iterator(chunk_size=5000):
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
            r["source_agreement_ref"],
            r["remarks"],
            "\n".join(r["check_terms"].splitlines()),
            STATUS_JA.get(r["status"], ""),
        ]


def export_xlsx(organization, entries, out) -> int:
    return xlsx.write_table(
        out,
        SHEET_NAME,
        [*(c.ja for c in COLUMNS), *EXPORT_ONLY_HEADERS],
        export_rows(organization, entries),
        widths=[*(c.width for c in COLUMNS), 10],
        freeze_cols=2,
    )


def export_csv(organization, entries, out, encoding: str = "utf-8-sig") -> int:
    """UTF-8 with a byte order mark, so that Japanese Excel opens it correctly; or CP932
    (Shift_JIS) for older tools, with characters outside it replaced by ?. Text that a
    spreadsheet would run as a formula gets a leading apostrophe, which the import removes."""
    text = io.TextIOWrapper(out, encoding=encoding, newline="", errors="replace")
    writer = csv.writer(text)
    writer.writerow([*(c.ja for c in COLUMNS), *EXPORT_ONLY_HEADERS])
    # CP932 has no — (EM DASH) and would write ?; its look-alike ― reads back as the same text
    dashes = str.maketrans({"\u2014": "\u2015"}) if _is_cp932(encoding) else None
    n = 0
    for row in export_rows(organization, entries):
        row = [
            v.isoformat().replace("-", "/") if isinstance(v, dt.date) else csv_safe(v) for v in row
        ]
        if dashes:
            row = [v.translate(dashes) if isinstance(v, str) else v for v in row]
        writer.writerow(row)
        n += 1
    text.flush()
    text.detach()
    return n


def _is_cp932(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "cp932"
    except LookupError:
        return False


def template_xlsx(out, organization=None) -> None:
    """A blank ledger: instructions, the header row, and drop-down lists."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..services import DEFAULT_LEVELS

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
