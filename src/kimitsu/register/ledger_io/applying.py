"""Writing a checked file: everything or nothing, in one transaction, fast enough for 100,000
rows (plain INSERTs or COPY, audit events in batches)."""

import datetime as dt
import hashlib

from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.audit.bulk import PendingEvent, record_many
from kimitsu.core.bulk import insert_rows
from kimitsu.organizations.models import Department, Person

from ..choices import Status
from ..models import Classification, DepartmentGrant, Entry, Level, PersonGrant
from ..services import allocate_ledger_numbers
from .checking import _no_progress, number_key, plan_import
from .schema import ENTRY_VALUE_KEYS, FK_KEYS, ONLY_SUFFIX, ImportResult, attname

# --- applying -----------------------------------------------------------------------------

CHUNK = 5000  # rows per batch when applying an import


def _assign(entry: Entry, values: dict):
    for key in ENTRY_VALUE_KEYS:
        if key not in values:
            continue
        value = values[key]
        if key in FK_KEYS:
            setattr(entry, f"{key}_id", value)
        else:
            setattr(entry, key, value if value is not None or key == "next_review_on" else "")


def apply_import(*, actor, organization, filename: str, data: bytes, progress=None) -> ImportResult:
    """Check the file, then write everything or nothing (``progress`` as for ``plan_import``,
    then "writing" row by row).

    The check runs before the write transaction: on SQLite that transaction keeps every other
    writer waiting, and checking 100,000 rows takes about 10 s. Inside it, the plan is made again
    only if the register or what the check looks up has changed in the meantime."""
    progress = progress or _no_progress
    before = register_stamp(organization)
    result = plan_import(organization, filename, data, progress)
    if not result.ok:
        return result
    with transaction.atomic():
        if register_stamp(organization) != before:
            result = plan_import(organization, filename, data, progress)
            if not result.ok:
                return result
        _write(
            result,
            actor=actor,
            organization=organization,
            filename=filename,
            data=data,
            progress=progress,
        )
    result.applied = True
    return result


def register_stamp(organization) -> tuple:
    """What a plan depends on, in a few small queries: the entries, their grants, the levels,
    departments and people of the company. Equal stamps: the plan still holds."""
    org = organization.pk
    stamp = []
    for model, changed in ((Entry, "updated_at"), (Person, "updated_at")):
        stamp.append(
            tuple(
                model.objects.filter(organization_id=org)
                .aggregate(n=Count("id"), top=Max("id"), last=Max(changed))
                .values()
            )
        )
    for model in (DepartmentGrant, PersonGrant):
        stamp.append(
            tuple(
                model.objects.filter(organization_id=org)
                .aggregate(n=Count("id"), top=Max("id"))
                .values()
            )
        )
    stamp.append(tuple(Level.objects.filter(organization_id=org).order_by("id").values_list()))
    stamp.append(
        tuple(
            Department.objects.filter(organization_id=org)
            .order_by("id")
            .values_list("id", "name", "code", "parent_id")
        )
    )
    return tuple(stamp)


def _write(result, *, actor, organization, filename, data, progress) -> None:
    to_write = len(result.creates) + len(result.updates)
    progress("writing", 0, to_write)
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    level_names = dict(Level.objects.filter(organization=organization).values_list("id", "name"))
    ranks = dict(Level.objects.filter(organization=organization).values_list("id", "rank"))
    org_id, user_id = organization.pk, getattr(user, "pk", None)
    blanks = [p for p in result.creates if not p.ledger_number]
    typed = _NumberKeys(number_key(p.ledger_number) for p in result.creates if p.ledger_number)
    for planned, number in zip(
        blanks, allocate_ledger_numbers(organization, len(blanks), reserved=typed), strict=True
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
        progress("writing", start + len(chunk), to_write)
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
                k: _plain(getattr(entry, attname(k), None))
                for k in planned.changes
                if k in ENTRY_VALUE_KEYS
            }
            old_level = entry.level_id
            _assign(entry, {k: planned.values[k] for k in planned.changes if k in ENTRY_VALUE_KEYS})
            # a new level, or a new reason for the same level, is a decision of its own in the
            # classification history, as when it is made on the entry's page
            reclassified = entry.level_id != old_level or "classification_reason" in planned.changes
            if reclassified and entry.level_id:
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
            changed_fields.update(attname(k) for k in planned.changes if k in ENTRY_VALUE_KEYS)
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
    if to_write >= ANALYZE_AFTER:
        refresh_statistics()
    progress("writing", to_write, to_write)


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


class _NumberKeys(frozenset):
    """Numbers typed in the file, which the numbering must not give again in another case."""

    def __contains__(self, number):
        return super().__contains__(number_key(number))


def _plain(value):
    if isinstance(value, frozenset | set):
        return sorted(value, key=str)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
