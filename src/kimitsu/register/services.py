"""State changes of the register. Keyword-only, atomic, each writes its audit event.

Entries are never deleted: they are rejected or retired with a reason and stay in the history.
"""

import calendar
import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.core.validators import check_fields
from kimitsu.organizations.access import require
from kimitsu.organizations.models import Department, Person
from kimitsu.organizations.services import snapshot

from . import permissions as P
from .choices import CLOSED_STATUSES, Category, Medium, ReviewResult, Status
from .models import (
    Classification,
    DepartmentGrant,
    Entry,
    Level,
    PersonGrant,
    RegisterSettings,
    Review,
)
from .selectors import can_edit_entry, can_manage_entry
from .terms import clean_terms

LEVEL_FIELDS = [
    "code",
    "name",
    "rank",
    "color",
    "marking_text",
    "description",
    "review_months",
    "is_secret",
    "need_to_know",
    "audit_views",
    "suggest_from_score",
]
ENTRY_FIELDS = [
    "ledger_number",
    "title",
    "summary",
    "category",
    "item_type",
    "media",
    "storage_locations",
    "owning_department",
    "custodian",
    "secrecy",
    "secrecy_note",
    "usefulness",
    "usefulness_note",
    "non_public",
    "non_public_note",
    "value_score",
    "damage_score",
    "source_partner_name",
    "source_agreement_ref",
    "remarks",
    "check_terms",
]
STATE_FIELDS = ["status", "level", "classification_reason", "next_review_on"]

# code, name, rank, colour, marking, review months, secret, need-to-know, audit views, score
DEFAULT_LEVELS = [
    (
        "top_secret",
        "極秘",
        40,
        "#b02a37",
        "㊙ 極秘",
        6,
        True,
        True,
        True,
        5,
        "特定の指名された者だけが扱う情報。漏えいすると会社に重大な損害が生じる。",
    ),
    (
        "secret",
        "秘",
        30,
        "#fd7e14",
        "㊙ 秘",
        12,
        True,
        True,
        False,
        4,
        "関係する部署・担当者だけが扱う情報。",
    ),
    (
        "internal",
        "社外秘",
        20,
        "#0d6efd",
        "社外秘",
        24,
        True,
        False,
        False,
        2,
        "社内の者は見てよいが、社外には出さない情報。",
    ),
    (
        "public",
        "公開",
        10,
        "#6c757d",
        "",
        None,
        False,
        False,
        False,
        1,
        "公開済み、または公開してよい情報。営業秘密としては管理しない。",
    ),
]


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review_for(level: Level | None, start: dt.date | None = None) -> dt.date | None:
    if level is None or not level.review_months:
        return None
    return add_months(start or timezone.localdate(), level.review_months)


def _entry_snapshot(entry: Entry) -> dict:
    return snapshot(entry, ENTRY_FIELDS + STATE_FIELDS)


def _check_manage(membership, entry):
    require(membership, P.MANAGE)
    if entry.organization_id != membership.organization_id or not can_manage_entry(
        membership, entry
    ):
        raise PermissionDenied


def _validated_save(obj, **kwargs):
    obj.full_clean(**kwargs)
    obj.save()
    return obj


# --- levels -------------------------------------------------------------------------------


@transaction.atomic
def levels_ensure_defaults(*, organization, actor=None) -> list[Level]:
    """Create the four default levels if the company has none. Idempotent."""
    existing = list(Level.objects.filter(organization=organization).order_by("-rank"))
    if existing:
        return existing
    created = []
    for code, name, rank, color, marking, months, secret, ntk, views, score, desc in DEFAULT_LEVELS:
        level = Level.objects.create(
            organization=organization,
            code=code,
            name=name,
            rank=rank,
            color=color,
            marking_text=marking,
            review_months=months,
            is_secret=secret,
            need_to_know=ntk,
            audit_views=views,
            suggest_from_score=score,
            description=desc,
        )
        audit.record(
            event_type="register_level.created",
            organization=organization,
            actor=actor,
            obj=level,
            after=snapshot(level, LEVEL_FIELDS),
        )
        created.append(level)
    return created


@transaction.atomic
def level_create(*, actor, membership, data: dict) -> Level:
    require(membership, P.LEVELS)
    level = Level(organization=membership.organization)
    for key in LEVEL_FIELDS:
        if key in data:
            setattr(level, key, data[key])
    _validated_save(level)
    audit.record(
        event_type="register_level.created",
        organization=membership.organization,
        actor=actor,
        obj=level,
        after=snapshot(level, LEVEL_FIELDS),
    )
    return level


@transaction.atomic
def level_update(*, actor, membership, level: Level, data: dict) -> Level:
    require(membership, P.LEVELS)
    if level.organization_id != membership.organization_id:
        raise PermissionDenied
    before = snapshot(level, LEVEL_FIELDS)
    for key in LEVEL_FIELDS:
        if key in data:
            setattr(level, key, data[key])
    _validated_save(level)
    b, a = audit.diff(before, snapshot(level, LEVEL_FIELDS))
    if a:
        audit.record(
            event_type="register_level.updated",
            organization=membership.organization,
            actor=actor,
            obj=level,
            before=b,
            after=a,
        )
    return level


@transaction.atomic
def level_delete(*, actor, membership, level: Level) -> None:
    require(membership, P.LEVELS)
    if level.organization_id != membership.organization_id:
        raise PermissionDenied
    if (
        Entry.objects.filter(level=level).exists()
        or Classification.objects.filter(to_level=level).exists()
    ):
        raise ValidationError(
            _("This level is used by register entries; change their level first.")
        )
    # Other modules' records (handling rules of approved versions, distribution records…) are
    # evidence; a level they refer to is never deleted from under them.
    for relation in level._meta.related_objects:
        if relation.related_model._meta.app_label == "register":
            continue
        accessor = relation.get_accessor_name()
        if getattr(level, accessor).exists():
            raise ValidationError(
                _("This level is used by %(what)s; it cannot be deleted.")
                % {"what": relation.related_model._meta.verbose_name_plural}
            )
    audit.record(
        event_type="register_level.deleted",
        organization=membership.organization,
        actor=actor,
        obj=level,
        before=snapshot(level, LEVEL_FIELDS),
    )
    level.delete()


# --- numbering ----------------------------------------------------------------------------


def register_settings(organization) -> RegisterSettings:
    obj, _created = RegisterSettings.objects.get_or_create(organization=organization)
    return obj


def allocate_ledger_numbers(organization, count: int = 1, reserved=frozenset()) -> list[str]:
    """The next ledger numbers of the company's sequence, skipping numbers already taken and the
    ``reserved`` ones (typed in the same import file)."""
    settings_obj = register_settings(organization)
    settings_obj = RegisterSettings.objects.select_for_update().get(pk=settings_obj.pk)
    out: list[str] = []
    n = settings_obj.last_number
    while len(out) < count:
        batch = []
        for _i in range(count - len(out)):
            n += 1
            batch.append(f"{settings_obj.number_prefix}{n:0{settings_obj.number_digits}d}")
        # a number typed earlier in another case (km-00012, Km-00012) is the same number
        taken = set(
            Entry.objects.filter(organization=organization)
            .annotate(key=Upper("ledger_number"))
            .filter(key__in=[x.upper() for x in batch])
            .values_list("key", flat=True)
        )
        out.extend(x for x in batch if x.upper() not in taken and x not in reserved)
    RegisterSettings.objects.filter(pk=settings_obj.pk).update(last_number=n)
    return out


@transaction.atomic
def settings_update(*, actor, membership, number_prefix: str, number_digits: int):
    require(membership, P.LEVELS)
    obj = register_settings(membership.organization)
    before = {"number_prefix": obj.number_prefix, "number_digits": obj.number_digits}
    obj.number_prefix, obj.number_digits = number_prefix, number_digits
    obj.full_clean(exclude=["organization", "last_number"])
    obj.save()
    b, a = audit.diff(before, {"number_prefix": number_prefix, "number_digits": number_digits})
    if a:
        audit.record(
            event_type="register_settings.updated",
            organization=membership.organization,
            actor=actor,
            obj=obj,
            before=b,
            after=a,
        )
    return obj


# --- entries ------------------------------------------------------------------------------


def clean_media(values) -> str:
    if isinstance(values, str):
        values = [v for v in values.split(",") if v]
    out = [m for m in Medium.values if m in set(values or [])]
    return ",".join(out)


def _apply_entry_data(entry: Entry, data: dict, organization):
    source_before = (entry.category, entry.source_partner_name) if entry.pk else None
    for key in ENTRY_FIELDS:
        if key not in data:
            continue
        value = data[key]
        if key == "media":
            value = clean_media(value)
        elif key == "storage_locations":
            lines = value if isinstance(value, list | tuple) else (value or "").splitlines()
            value = "\n".join(v.strip() for v in lines if v and v.strip())
        elif key == "check_terms":
            value = clean_terms(value)
        elif isinstance(value, str):
            # a textarea sends CRLF; the register keeps LF, as its files do
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        elif value is None and key not in (
            "owning_department",
            "custodian",
            "value_score",
            "damage_score",
        ):
            value = ""
        setattr(entry, key, value)
    if entry.owning_department_id and entry.owning_department.organization_id != organization.pk:
        raise ValidationError({"owning_department": _("The department must be in this workspace.")})
    if entry.custodian_id and entry.custodian.organization_id != organization.pk:
        raise ValidationError({"custodian": _("The person must be in this workspace.")})
    if entry.category not in Category.values:
        raise ValidationError({"category": _("Choose a category.")})
    source_after = (entry.category, entry.source_partner_name)
    if (
        entry.category == Category.THIRD_PARTY
        and not entry.source_partner_name.strip()
        and source_after != source_before  # an entry saved earlier without one stays editable
    ):
        # whose secret it is, and under which agreement, is what the duty of secrecy rests on
        raise ValidationError(
            {"source_partner_name": _("Name the company that disclosed the information.")}
        )


@transaction.atomic
def entry_propose(*, actor, membership, data: dict) -> Entry:
    """Any employee proposes an entry (提案); a manager or administrator decides on it."""
    require(membership, P.PROPOSE)
    org = membership.organization
    entry = Entry(
        organization=org, status=Status.PROPOSED, proposed_by=actor, proposed_at=timezone.now()
    )
    _apply_entry_data(entry, data, org)
    if not entry.ledger_number:
        entry.ledger_number = allocate_ledger_numbers(org)[0]
    elif Entry.objects.filter(organization=org, ledger_number__iexact=entry.ledger_number).exists():
        raise ValidationError({"ledger_number": _("This ledger number is already used.")})
    _validated_save(entry, exclude=["organization"])
    audit.record(
        event_type="register_entry.proposed",
        organization=org,
        actor=actor,
        obj=entry,
        after=_entry_snapshot(entry),
    )
    return entry


@transaction.atomic
def entry_update(*, actor, membership, entry: Entry, data: dict) -> Entry:
    if entry.organization_id != membership.organization_id or not can_edit_entry(membership, entry):
        raise PermissionDenied
    org = membership.organization
    before = _entry_snapshot(entry)
    old_number = entry.ledger_number
    _apply_entry_data(entry, data, org)
    if entry.ledger_number != old_number:
        if not can_manage_entry(membership, entry):
            raise PermissionDenied
        if (
            Entry.objects.filter(organization=org, ledger_number__iexact=entry.ledger_number)
            .exclude(pk=entry.pk)
            .exists()
        ):
            raise ValidationError({"ledger_number": _("This ledger number is already used.")})
    resubmitted = False
    if entry.status == Status.RETURNED and entry.proposed_by_id == getattr(actor, "pk", None):
        entry.status = Status.PROPOSED  # the proposer answered the comment: back to approval
        entry.proposed_at = timezone.now()
        entry.decided_at = entry.decided_by = None  # the return is in the history; none pending
        resubmitted = True
    _validated_save(entry, exclude=["organization"])
    b, a = audit.diff(before, _entry_snapshot(entry))
    if a or resubmitted:
        audit.record(
            event_type="register_entry.updated",
            organization=org,
            actor=actor,
            obj=entry,
            before=b,
            after=a,
        )
    return entry


def _classify(
    *,
    actor,
    entry: Entry,
    level: Level,
    reason: str,
    lowering_reason: str = "",
    start: dt.date | None = None,
) -> Classification | None:
    """Set the level with its reason; lowering needs a reason of its own. No audit here."""
    reason = (reason or "").strip()
    lowering_reason = (lowering_reason or "").strip()
    if level.organization_id != entry.organization_id:
        raise ValidationError({"level": _("The level must be in this workspace.")})
    if not reason:
        raise ValidationError({"reason": _("Write the reason for the level.")})
    old = entry.level
    if old is not None and level.rank < old.rank and not lowering_reason:
        raise ValidationError({"lowering_reason": _("Lowering a level needs a reason of its own.")})
    if old is not None and old.pk == level.pk and entry.classification_reason == reason:
        return None
    classification = Classification(
        organization_id=entry.organization_id,
        entry=entry,
        from_level=old,
        to_level=level,
        reason=reason,
        lowering_reason=lowering_reason if old and level.rank < old.rank else "",
        classified_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    check_fields(classification, "reason", "lowering_reason")
    entry.level = level
    entry.classification_reason = reason
    entry.classified_at = timezone.now()
    entry.next_review_on = next_review_for(level, start)
    classification.save()
    return classification


ASSESSMENT_FIELDS = [
    "secrecy",
    "secrecy_note",
    "usefulness",
    "usefulness_note",
    "non_public",
    "non_public_note",
    "value_score",
    "damage_score",
]


@transaction.atomic
def entry_classify(
    *,
    actor,
    membership,
    entry: Entry,
    level: Level,
    reason: str,
    lowering_reason: str = "",
    assessment: dict | None = None,
) -> Entry:
    _check_manage(membership, entry)
    if entry.status in CLOSED_STATUSES:
        raise ValidationError(_("A retired or rejected entry cannot be classified."))
    before = _entry_snapshot(entry)
    for key, value in (assessment or {}).items():
        if key in ASSESSMENT_FIELDS:
            setattr(entry, key, value if value is not None or key.endswith("score") else "")
    record = _classify(
        actor=actor, entry=entry, level=level, reason=reason, lowering_reason=lowering_reason
    )
    _validated_save(entry, exclude=["organization"])
    b, a = audit.diff(before, _entry_snapshot(entry))
    if record is not None and record.lowering_reason:
        a["lowering_reason"] = record.lowering_reason
    if a:
        audit.record(
            event_type="register_entry.classified",
            organization=entry.organization,
            actor=actor,
            obj=entry,
            before=b,
            after=a,
        )
    return entry


@transaction.atomic
def entry_approve(
    *, actor, membership, entry: Entry, comment: str = "", level=None, reason: str = ""
) -> Entry:
    _check_manage(membership, entry)
    if entry.status not in (Status.PROPOSED, Status.RETURNED):
        raise ValidationError(_("Only a proposed entry can be approved."))
    before = _entry_snapshot(entry)
    if level is not None:
        _classify(actor=actor, entry=entry, level=level, reason=reason)
    entry.status = Status.APPROVED
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.decision_comment = (comment or "").strip()
    if entry.level_id and entry.next_review_on is None:
        entry.next_review_on = next_review_for(entry.level)
    _validated_save(entry, exclude=["organization"])
    b, a = audit.diff(before, _entry_snapshot(entry))
    if entry.decision_comment:
        a["comment"] = entry.decision_comment
    audit.record(
        event_type="register_entry.approved",
        organization=entry.organization,
        actor=actor,
        obj=entry,
        before=b,
        after=a,
    )
    return entry


@transaction.atomic
def _decide_against(*, actor, membership, entry, comment, status, event) -> Entry:
    _check_manage(membership, entry)
    if entry.status not in (Status.PROPOSED, Status.RETURNED):
        raise ValidationError(_("Only a proposed entry can be sent back or rejected."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Write a comment for the proposer.")})
    entry.decision_comment = comment
    check_fields(entry, "decision_comment", report_as={"decision_comment": "comment"})
    before = entry.status
    entry.status = status
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.save()
    audit.record(
        event_type=event,
        organization=entry.organization,
        actor=actor,
        obj=entry,
        before={"status": before},
        after={"status": status, "comment": comment},
    )
    return entry


def entry_return(*, actor, membership, entry: Entry, comment: str) -> Entry:
    return _decide_against(
        actor=actor,
        membership=membership,
        entry=entry,
        comment=comment,
        status=Status.RETURNED,
        event="register_entry.returned",
    )


def entry_reject(*, actor, membership, entry: Entry, comment: str) -> Entry:
    return _decide_against(
        actor=actor,
        membership=membership,
        entry=entry,
        comment=comment,
        status=Status.REJECTED,
        event="register_entry.rejected",
    )


@transaction.atomic
def entry_retire(*, actor, membership, entry: Entry, reason: str) -> Entry:
    _check_manage(membership, entry)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write the reason for retiring the entry.")})
    if entry.status == Status.RETIRED:
        raise ValidationError(_("The entry is already retired."))
    entry.retired_reason = reason
    check_fields(entry, "retired_reason", report_as={"retired_reason": "reason"})
    before = entry.status
    entry.status = Status.RETIRED
    entry.retired_at = timezone.now()
    entry.next_review_on = None
    entry.save()
    audit.record(
        event_type="register_entry.retired",
        organization=entry.organization,
        actor=actor,
        obj=entry,
        before={"status": before},
        after={"status": Status.RETIRED, "reason": reason},
    )
    return entry


@transaction.atomic
def entry_review(
    *,
    actor,
    membership,
    entry: Entry,
    result: str,
    note: str = "",
    level: Level | None = None,
    reason: str = "",
    lowering_reason: str = "",
    reviewed_on: dt.date | None = None,
) -> Review:
    """Record a review (見直し): keep, change the level, or retire; it moves the review date."""
    _check_manage(membership, entry)
    if entry.status != Status.APPROVED:
        raise ValidationError(_("Only an approved entry can be reviewed."))
    if result not in ReviewResult.values:
        raise ValidationError({"result": _("Choose a result.")})
    today = timezone.localdate()
    reviewed_on = reviewed_on or today
    note = (note or "").strip()
    check_fields(Review(reviewed_on=reviewed_on, note=note), "reviewed_on", "note")
    if reviewed_on > today:
        # a review in the future would push the next one years away by a typo
        raise ValidationError({"reviewed_on": _("A review cannot be dated in the future.")})
    before = _entry_snapshot(entry)
    level_before = entry.level
    if result == ReviewResult.RETIRE:
        if not note:
            raise ValidationError({"note": _("Write the reason for retiring the entry.")})
        entry.status = Status.RETIRED
        entry.retired_reason = note
        entry.retired_at = timezone.now()
        entry.next_review_on = None
    elif result == ReviewResult.RELEVEL:
        if level is None:
            raise ValidationError({"level": _("Choose the new level.")})
        _classify(
            actor=actor,
            entry=entry,
            level=level,
            reason=reason or note,
            lowering_reason=lowering_reason,
            start=reviewed_on,
        )
        entry.next_review_on = next_review_for(entry.level, reviewed_on)
    else:
        entry.next_review_on = next_review_for(entry.level, reviewed_on)
    entry.save()
    review = Review.objects.create(
        organization_id=entry.organization_id,
        entry=entry,
        reviewer=actor,
        reviewed_on=reviewed_on,
        result=result,
        note=note,
        level_before=level_before,
        level_after=entry.level,
        next_review_on=entry.next_review_on,
    )
    b, a = audit.diff(before, _entry_snapshot(entry))
    a["result"] = result
    if note:
        a["note"] = note
    audit.record(
        event_type="register_entry.reviewed",
        organization=entry.organization,
        actor=actor,
        obj=entry,
        before=b,
        after=a,
    )
    return review


def entry_viewed(*, actor, membership, entry: Entry) -> bool:
    """Opening an entry of a level that records views (極秘 by default) is an audit event."""
    if entry.level is None or not entry.level.audit_views:
        return False
    with transaction.atomic():
        audit.record(
            event_type="register_entry.viewed",
            organization=entry.organization,
            actor=actor,
            obj=entry,
            after={"level": entry.level.name},
        )
    return True


# --- grants -------------------------------------------------------------------------------


def _check_open_for_grants(entry: Entry) -> None:
    if entry.status in CLOSED_STATUSES:
        raise ValidationError(_("A retired or rejected entry cannot be given new access."))


@transaction.atomic
def grant_department(
    *, actor, membership, entry: Entry, department: Department, include_subdepartments: bool = True
) -> DepartmentGrant:
    _check_manage(membership, entry)
    _check_open_for_grants(entry)
    if department.organization_id != entry.organization_id:
        raise ValidationError({"department": _("The department must be in this workspace.")})
    grant, created = DepartmentGrant.objects.get_or_create(
        entry=entry,
        department=department,
        defaults={
            "organization_id": entry.organization_id,
            "include_subdepartments": include_subdepartments,
            "granted_by": actor,
        },
    )
    if not created and grant.include_subdepartments == include_subdepartments:
        return grant
    if not created:
        grant.include_subdepartments = include_subdepartments
        grant.save(update_fields=["include_subdepartments"])
    audit.record(
        event_type="register_grant.added",
        organization=entry.organization,
        actor=actor,
        obj=entry,
        after={"department": department.name, "include_subdepartments": include_subdepartments},
    )
    return grant


@transaction.atomic
def grant_person(*, actor, membership, entry: Entry, person: Person) -> PersonGrant:
    _check_manage(membership, entry)
    _check_open_for_grants(entry)
    if person.organization_id != entry.organization_id:
        raise ValidationError({"person": _("The person must be in this workspace.")})
    grant, created = PersonGrant.objects.get_or_create(
        entry=entry,
        person=person,
        defaults={"organization_id": entry.organization_id, "granted_by": actor},
    )
    if created:
        audit.record(
            event_type="register_grant.added",
            organization=entry.organization,
            actor=actor,
            obj=entry,
            after={"person": person.employee_number, "name": person.full_name},
        )
    return grant


@transaction.atomic
def grant_revoke(*, actor, membership, grant, reason: str = "") -> None:
    _check_manage(membership, grant.entry)
    before = (
        {"person": grant.person.employee_number, "name": grant.person.full_name}
        if isinstance(grant, PersonGrant)
        else {"department": grant.department.name}
    )
    audit.record(
        event_type="register_grant.revoked",
        organization=grant.entry.organization,
        actor=actor,
        obj=grant.entry,
        before=before,
        after={"reason": reason} if reason else None,
    )
    grant.delete()


@transaction.atomic
def grants_revoke_for_person(*, actor, organization, person: Person, reason: str) -> int:
    """Revoke every direct grant of the person (e.g. at exit); each revocation is audited.
    Custody is left to a human: a new custodian must be chosen deliberately."""
    if person.organization_id != organization.pk:
        raise PermissionDenied
    grants = list(
        PersonGrant.objects.filter(organization=organization, person=person).select_related("entry")
    )
    for grant in grants:
        audit.record(
            event_type="register_grant.revoked",
            organization=organization,
            actor=actor,
            obj=grant.entry,
            before={"person": person.employee_number, "name": person.full_name},
            after={"reason": reason},
        )
    PersonGrant.objects.filter(pk__in=[g.pk for g in grants]).delete()
    return len(grants)


def touch_search_text(organization) -> int:
    """Rebuild the search column (after a change of normalisation)."""
    n = 0
    for entry in Entry.objects.filter(organization=organization).iterator():
        Entry.objects.filter(pk=entry.pk).update(search_text=entry.build_search_text())
        n += 1
    return n
