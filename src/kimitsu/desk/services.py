"""Writes of the desk. Keyword-only, atomic, and each writes its audit event in the same
transaction (kimitsu.audit.services.record)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kimitsu.audit import services as audit
from kimitsu.core.bulk import insert_rows
from kimitsu.core.dates import fiscal_year
from kimitsu.organizations.access import require
from kimitsu.organizations.choices import OrgKind
from kimitsu.organizations.models import Membership, Organization

from . import permissions as P
from . import selectors
from .choices import KANSAI_DESK_NAME, Outcome, Referral, Status, Subject
from .models import (
    Client,
    Consultation,
    ConsultationSubject,
    DeskSettings,
    Engagement,
    Seminar,
    Visit,
)
from .sizebands import parse_bounds

CLIENT_FIELDS = [
    "name",
    "attribute",
    "employee_count",
    "industry",
    "prefecture",
    "contact",
    "linked_organization",
    "notes",
]
CONSULTATION_FIELDS = [
    "received_at",
    "channel",
    "client",
    "attribute",
    "employee_count",
    "industry",
    "prefecture",
    "summary",
    "advisor_names",
    "lawyer_involved",
    "referrals",
    "status",
    "follow_up_on",
    "follow_up_note",
]
ENGAGEMENT_FIELDS = [
    "client",
    "title",
    "started_on",
    "ended_on",
    "planned_steps",
    "completed_steps",
    "outcomes",
    "plan_note",
]
VISIT_FIELDS = ["visited_on", "mode", "attendees", "minutes"]
SEMINAR_FIELDS = [
    "held_on",
    "title",
    "kind",
    "online",
    "participants",
    "lecturer",
    "client",
    "host",
]


def snapshot(obj, fields) -> dict:
    return audit.to_jsonable(model_to_dict(obj, fields=fields))


def _check_desk(membership: Membership, perm: str):
    if membership.organization.kind != OrgKind.DESK:
        raise PermissionDenied
    require(membership, perm)


def _fy(org: Organization, day: dt.date) -> int:
    return fiscal_year(day, org.fiscal_year_start_month or 4)


def _local_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


# --- settings -----------------------------------------------------------------------------


@transaction.atomic
def settings_update(*, actor, membership: Membership, size_bounds: str) -> DeskSettings:
    _check_desk(membership, P.ADMIN)
    bounds = parse_bounds(size_bounds)
    row, _created = DeskSettings.objects.get_or_create(organization=membership.organization)
    before = {"size_bounds": row.size_bounds}
    row.size_bounds = ",".join(str(b) for b in bounds)
    row.save()
    audit.record(
        event_type="desk_settings.updated",
        organization=membership.organization,
        actor=actor,
        obj=row,
        before=before,
        after={"size_bounds": row.size_bounds},
    )
    return row


# --- clients ------------------------------------------------------------------------------


def _check_link(membership: Membership, client: Client):
    linked = client.linked_organization
    if linked is None:
        return
    if not selectors.invited_companies(membership.organization).filter(pk=linked.pk).exists():
        raise ValidationError(
            {
                "linked_organization": _(
                    "Only a company that invited this desk can be linked: one of the desk's staff "
                    "must be an active external advisor in its workspace."
                )
            }
        )


@transaction.atomic
def client_create(*, actor, membership: Membership, data: dict) -> Client:
    _check_desk(membership, P.MANAGE)
    client = Client(
        organization=membership.organization,
        **{k: v for k, v in data.items() if k in CLIENT_FIELDS},
    )
    _check_link(membership, client)
    client.full_clean()
    client.save()
    audit.record(
        event_type="desk_client.created",
        organization=membership.organization,
        actor=actor,
        obj=client,
        after=snapshot(client, CLIENT_FIELDS),
    )
    return client


@transaction.atomic
def client_update(*, actor, membership: Membership, client: Client, data: dict) -> Client:
    _check_desk(membership, P.MANAGE)
    client = selectors.client_get(membership, client.pk)
    before = snapshot(client, CLIENT_FIELDS)
    for key, value in data.items():
        if key in CLIENT_FIELDS:
            setattr(client, key, value)
    if client.linked_organization_id != before["linked_organization"]:
        _check_link(membership, client)
    client.full_clean()
    client.save()
    after = snapshot(client, CLIENT_FIELDS)
    event = "desk_client.updated"
    if before["linked_organization"] != after["linked_organization"]:
        event = "desk_client.linked" if after["linked_organization"] else "desk_client.unlinked"
    b, a = audit.diff(before, after)
    audit.record(
        event_type=event,
        organization=membership.organization,
        actor=actor,
        obj=client,
        before=b,
        after=a,
    )
    return client


# --- consultations ------------------------------------------------------------------------


def _clean_codes(values, choices, field, required=False) -> list[str]:
    values = list(dict.fromkeys(str(v) for v in (values or [])))
    bad = [v for v in values if v not in choices.values]
    if bad:
        raise ValidationError({field: _("Unknown value: %(v)s") % {"v": "、".join(bad)}})
    if required and not values:
        raise ValidationError({field: _("Choose at least one.")})
    return values


def _check_advisors(membership: Membership, advisors):
    staff = set(selectors.desk_staff(membership.organization).values_list("pk", flat=True))
    if any(a.pk not in staff for a in advisors):
        raise ValidationError({"advisors": _("Advisors must be staff of this desk.")})


def _save_subjects(consultation: Consultation, subjects: list[str]):
    ConsultationSubject.objects.filter(consultation=consultation).delete()
    ConsultationSubject.objects.bulk_create(
        [
            ConsultationSubject(
                consultation=consultation,
                organization_id=consultation.organization_id,
                fiscal_year=consultation.fiscal_year,
                subject=s,
            )
            for s in subjects
        ]
    )


def _consultation_snapshot(c: Consultation, subjects=None, advisors=None) -> dict:
    data = snapshot(c, [f for f in CONSULTATION_FIELDS])
    data["subjects"] = list(
        subjects if subjects is not None else c.subject_rows.values_list("subject", flat=True)
    )
    data["advisors"] = sorted(
        a.pk for a in (advisors if advisors is not None else c.advisors.all())
    )
    return data


@transaction.atomic
def consultation_create(*, actor, membership: Membership, data: dict) -> Consultation:
    """data: received_at, channel, client, subjects, summary, advisors, lawyer_involved,
    referrals, status, follow_up_on, follow_up_note; the client's profile is copied unless
    attribute/employee_count/industry/prefecture are given."""
    _check_desk(membership, P.RECORD)
    org = membership.organization
    client = data["client"]
    if client.organization_id != org.pk:
        raise ValidationError({"client": _("Unknown client.")})
    subjects = _clean_codes(data.get("subjects"), Subject, "subjects", required=True)
    referrals = _clean_codes(data.get("referrals"), Referral, "referrals")
    advisors = list(data.get("advisors") or [])
    _check_advisors(membership, advisors)
    c = Consultation(
        organization=org,
        received_at=data["received_at"],
        channel=data["channel"],
        client=client,
        summary=data.get("summary", ""),
        advisor_names=data.get("advisor_names", ""),
        lawyer_involved=bool(data.get("lawyer_involved")),
        referrals=referrals,
        status=data.get("status") or Status.OPEN,
        follow_up_on=data.get("follow_up_on"),
        follow_up_note=data.get("follow_up_note", ""),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for key in ("attribute", "employee_count", "industry", "prefecture"):
        setattr(c, key, data[key] if key in data else getattr(client, key))
    c.fiscal_year = _fy(org, _local_date(c.received_at))
    c.full_clean(exclude=["fiscal_year"])
    c.save()
    c.advisors.set(advisors)
    _save_subjects(c, subjects)
    audit.record(
        event_type="consultation.created",
        organization=org,
        actor=actor,
        obj=c,
        after=_consultation_snapshot(c, subjects, advisors),
    )
    return c


@transaction.atomic
def consultation_update(
    *, actor, membership: Membership, consultation: Consultation, data: dict
) -> Consultation:
    _check_desk(membership, P.RECORD)
    c = selectors.consultation_get(membership, consultation.pk)
    if c.status == Status.HANDED_OVER:
        raise ValidationError(_("A consultation handed over to another desk cannot be changed."))
    before = _consultation_snapshot(c)
    if "client" in data and data["client"].organization_id != c.organization_id:
        raise ValidationError({"client": _("Unknown client.")})
    for key in CONSULTATION_FIELDS:
        if key in data and key != "referrals":
            setattr(c, key, data[key])
    if "referrals" in data:
        c.referrals = _clean_codes(data["referrals"], Referral, "referrals")
    subjects = before["subjects"]
    if "subjects" in data:
        subjects = _clean_codes(data["subjects"], Subject, "subjects", required=True)
    advisors = None
    if "advisors" in data:
        advisors = list(data["advisors"])
        _check_advisors(membership, advisors)
    c.fiscal_year = _fy(c.organization, _local_date(c.received_at))
    c.full_clean(exclude=["fiscal_year"])
    c.save()
    if advisors is not None:
        c.advisors.set(advisors)
    _save_subjects(c, subjects)
    after = _consultation_snapshot(c, subjects, advisors if advisors is not None else None)
    b, a = audit.diff(before, after)
    audit.record(
        event_type="consultation.updated",
        organization=c.organization,
        actor=actor,
        obj=c,
        before=b,
        after=a,
    )
    return c


def _history(membership, c: Consultation) -> list[dict]:
    history = list(c.handover_history or [])
    for e in selectors.consultation_history(membership, c):
        history.append(
            {
                "at": e.created_at.isoformat(),
                "event": e.event_type,
                "actor": e.actor_label,
                "desk": membership.organization.name,
                "before": e.before,
                "after": e.after,
            }
        )
    return history


@transaction.atomic
def consultation_hand_over(
    *,
    actor,
    membership: Membership,
    consultation: Consultation,
    target: Organization | None = None,
    target_name: str = "",
    note: str = "",
) -> Consultation | None:
    """Hand a consultation over to another desk.

    When the other desk is a kimitsu workspace, a copy is created there (client found or
    created by name, subjects, summary, and the history of the consultation so far) and both
    chains record the hand-over. Otherwise the consultation is marked handed over to the named
    desk (by default the Kansai desk) and the staff pass it on by phone or mail. Either way the
    original stays, read-only, with status 'handed over'. Returns the copy, if any."""
    _check_desk(membership, P.MANAGE)
    c = selectors.consultation_get(membership, consultation.pk)
    if c.status == Status.HANDED_OVER:
        raise ValidationError(_("This consultation was already handed over."))
    if target is not None:
        if target.kind != OrgKind.DESK or target.pk == c.organization_id:
            raise ValidationError({"target": _("Choose another desk workspace.")})
        target_name = target.name
    target_name = (target_name or "").strip() or KANSAI_DESK_NAME
    before = _consultation_snapshot(c)
    history = _history(membership, c)
    copy = None
    if target is not None:
        client = Client.objects.filter(organization=target, name=c.client.name).first()
        if client is None:
            client = Client.objects.create(
                organization=target,
                name=c.client.name,
                attribute=c.client.attribute,
                employee_count=c.client.employee_count,
                industry=c.client.industry,
                prefecture=c.client.prefecture,
                contact=c.client.contact,
            )
            audit.record(
                event_type="desk_client.created",
                organization=target,
                actor=actor,
                obj=client,
                after=snapshot(client, CLIENT_FIELDS),
            )
        subjects = before["subjects"]
        copy = Consultation.objects.create(
            organization=target,
            received_at=c.received_at,
            fiscal_year=_fy(target, _local_date(c.received_at)),
            channel=c.channel,
            client=client,
            attribute=c.attribute,
            employee_count=c.employee_count,
            industry=c.industry,
            prefecture=c.prefecture,
            summary=c.summary
            + (f"\n\n【{membership.organization.name}より移管】{note}" if note else ""),
            lawyer_involved=c.lawyer_involved,
            referrals=c.referrals,
            status=Status.OPEN,
            advisor_names=", ".join(u.display_name or u.email for u in c.advisors.all()),
            received_from=c.organization,
            handover_history=history,
        )
        _save_subjects(copy, subjects)
        audit.record(
            event_type="consultation.received",
            organization=target,
            actor=actor,
            obj=copy,
            after={
                **_consultation_snapshot(copy, subjects, []),
                "from": membership.organization.name,
                "from_id": c.pk,
                "note": note,
            },
        )
    c.status = Status.HANDED_OVER
    c.handed_over_to = target
    c.handed_over_to_name = target_name
    c.handed_over_at = timezone.now()
    c.save(
        update_fields=[
            "status",
            "handed_over_to",
            "handed_over_to_name",
            "handed_over_at",
            "updated_at",
        ]
    )
    audit.record(
        event_type="consultation.handed_over",
        organization=c.organization,
        actor=actor,
        obj=c,
        before={"status": before["status"]},
        after={
            "status": c.status,
            "to": target_name,
            "to_id": target.pk if target else None,
            "copy_id": copy.pk if copy else None,
            "note": note,
        },
    )
    return copy


CONSULTATION_BULK_COLUMNS = [
    "organization_id",
    "received_at",
    "fiscal_year",
    "channel",
    "client_id",
    "attribute",
    "employee_count",
    "industry",
    "prefecture",
    "summary",
    "advisor_names",
    "lawyer_involved",
    "referrals",
    "status",
    "follow_up_on",
    "follow_up_note",
    "handed_over_to_name",
    "handover_history",
    "import_batch",
    "import_row",
    "created_by_id",
    "created_at",
    "updated_at",
]


def consultations_bulk_create(
    *,
    actor,
    membership: Membership,
    rows: list[dict],
    source: str = "",
    advisor_lists=None,
    clients_created: int = 0,
    progress=None,
) -> int:
    """Create many consultations at once (import, demo). Rows are validated dicts with
    client_id (a client of this desk), received_at, channel, subjects and the profile fields;
    advisor_lists, if given, holds each row's advisor users. The rows share an import batch id;
    one audit event records the batch. Call inside a transaction."""
    import uuid

    _check_desk(membership, P.RECORD)
    org = membership.organization
    if not rows:
        return 0
    ids = {r["client_id"] for r in rows}
    if Client.objects.filter(organization=org, pk__in=ids).count() != len(ids):
        raise ValidationError(_("Unknown client."))
    batch = uuid.uuid4().hex
    now = timezone.now()
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    start_month = org.fiscal_year_start_month or 4
    years = []

    def values():
        for i, r in enumerate(rows):
            if progress and i % 1000 == 0:
                progress("writing", i, len(rows))
            year = fiscal_year(_local_date(r["received_at"]), start_month)
            years.append(year)
            yield (
                org.pk,
                r["received_at"],
                year,
                r["channel"],
                r["client_id"],
                r.get("attribute", ""),
                r.get("employee_count"),
                r.get("industry", ""),
                r.get("prefecture", ""),
                r.get("summary", ""),
                r.get("advisor_names", ""),
                bool(r.get("lawyer_involved")),
                list(r.get("referrals") or []),
                r.get("status") or Status.OPEN,
                r.get("follow_up_on"),
                r.get("follow_up_note", ""),
                "",
                [],
                batch,
                i,
                actor_id,
                now,
                now,
            )

    insert_rows(Consultation, CONSULTATION_BULK_COLUMNS, values())
    pk_of = dict(Consultation.objects.filter(import_batch=batch).values_list("import_row", "pk"))
    insert_rows(
        ConsultationSubject,
        ["consultation_id", "organization_id", "fiscal_year", "subject"],
        (
            (pk_of[i], org.pk, years[i], s)
            for i, r in enumerate(rows)
            for s in dict.fromkeys(r["subjects"])
        ),
    )
    if advisor_lists:
        insert_rows(
            Consultation.advisors.through,
            ["consultation_id", "user_id"],
            (
                (pk_of[i], u.pk)
                for i, users in enumerate(advisor_lists)
                for u in {u.pk: u for u in users}.values()
            ),
        )
    audit.record(
        event_type="consultation.imported",
        organization=org,
        actor=actor,
        object_type="desk.consultation",
        object_repr=source or "import",
        after={
            "count": len(rows),
            "fiscal_years": sorted(set(years)),
            "source": source,
            "batch": batch,
            "clients_created": clients_created,
        },
    )
    if progress:
        progress("writing", len(rows), len(rows))
    return len(rows)


def seminars_bulk_create(
    *, actor, membership: Membership, rows: list[dict], source: str = ""
) -> int:
    _check_desk(membership, P.MANAGE)
    org = membership.organization
    objs = [Seminar(organization=org, fiscal_year=_fy(org, row["held_on"]), **row) for row in rows]
    Seminar.objects.bulk_create(objs, batch_size=2000)
    audit.record(
        event_type="seminar.imported",
        organization=org,
        actor=actor,
        object_type="desk.seminar",
        object_repr=source or "import",
        after={"count": len(objs), "source": source},
    )
    return len(objs)


# --- support engagements ------------------------------------------------------------------


def _clean_steps(values, field) -> list[int]:
    try:
        steps = sorted({int(v) for v in (values or [])})
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: _("Steps are numbered 1 to 7.")}) from exc
    if any(s < 1 or s > 7 for s in steps):
        raise ValidationError({field: _("Steps are numbered 1 to 7.")})
    return steps


def _apply_engagement(e: Engagement, data: dict):
    for key in ("title", "started_on", "ended_on", "plan_note"):
        if key in data:
            setattr(e, key, data[key])
    if "client" in data:
        if data["client"].organization_id != e.organization_id:
            raise ValidationError({"client": _("Unknown client.")})
        e.client = data["client"]
    for key in ("planned_steps", "completed_steps"):
        if key in data:
            setattr(e, key, _clean_steps(data[key], key))
    if "outcomes" in data:
        e.outcomes = _clean_codes(data["outcomes"], Outcome, "outcomes")
    if e.ended_on and e.started_on and e.ended_on < e.started_on:
        raise ValidationError(
            {"ended_on": pgettext("desk", "The end date is before the start date.")}
        )


@transaction.atomic
def engagement_create(*, actor, membership: Membership, data: dict) -> Engagement:
    _check_desk(membership, P.MANAGE)
    e = Engagement(organization=membership.organization)
    _apply_engagement(e, data)
    e.full_clean()
    e.save()
    if "advisors" in data:
        _check_advisors(membership, data["advisors"])
        e.advisors.set(data["advisors"])
    audit.record(
        event_type="engagement.created",
        organization=e.organization,
        actor=actor,
        obj=e,
        after=snapshot(e, ENGAGEMENT_FIELDS),
    )
    return e


@transaction.atomic
def engagement_update(
    *, actor, membership: Membership, engagement: Engagement, data: dict
) -> Engagement:
    _check_desk(membership, P.MANAGE)
    e = selectors.engagement_get(membership, engagement.pk)
    before = snapshot(e, ENGAGEMENT_FIELDS)
    _apply_engagement(e, data)
    e.full_clean()
    e.save()
    if "advisors" in data:
        _check_advisors(membership, data["advisors"])
        e.advisors.set(data["advisors"])
    b, a = audit.diff(before, snapshot(e, ENGAGEMENT_FIELDS))
    audit.record(
        event_type="engagement.updated",
        organization=e.organization,
        actor=actor,
        obj=e,
        before=b,
        after=a,
    )
    return e


@transaction.atomic
def visit_create(*, actor, membership: Membership, engagement: Engagement, data: dict) -> Visit:
    _check_desk(membership, P.MANAGE)
    e = selectors.engagement_get(membership, engagement.pk)
    v = Visit(
        organization=e.organization,
        engagement=e,
        **{k: v for k, v in data.items() if k in VISIT_FIELDS},
    )
    v.full_clean()
    v.save()
    audit.record(
        event_type="visit.created",
        organization=e.organization,
        actor=actor,
        obj=v,
        after={**snapshot(v, VISIT_FIELDS), "engagement": e.pk},
    )
    return v


def support_period(engagement: Engagement, today: dt.date | None = None) -> dict:
    """Days and months (rounded to halves, as the brochure says 'about 3 months') of support."""
    end = engagement.ended_on or (today or timezone.localdate())
    days = max((end - engagement.started_on).days, 0) + 1
    return {
        "days": days,
        "months": round(days / 30.4 * 2) / 2,
        "ongoing": engagement.ended_on is None,
    }


# --- seminars -----------------------------------------------------------------------------


@transaction.atomic
def seminar_create(*, actor, membership: Membership, data: dict) -> Seminar:
    _check_desk(membership, P.MANAGE)
    s = Seminar(
        organization=membership.organization,
        **{k: v for k, v in data.items() if k in SEMINAR_FIELDS},
    )
    if s.client_id and s.client.organization_id != s.organization_id:
        raise ValidationError({"client": _("Unknown client.")})
    s.fiscal_year = _fy(s.organization, s.held_on) if s.held_on else 0
    s.full_clean(exclude=["fiscal_year"])
    s.save()
    audit.record(
        event_type="seminar.created",
        organization=s.organization,
        actor=actor,
        obj=s,
        after=snapshot(s, SEMINAR_FIELDS),
    )
    return s


@transaction.atomic
def seminar_update(*, actor, membership: Membership, seminar: Seminar, data: dict) -> Seminar:
    _check_desk(membership, P.MANAGE)
    s = selectors.seminar_get(membership, seminar.pk)
    before = snapshot(s, SEMINAR_FIELDS)
    for key, value in data.items():
        if key in SEMINAR_FIELDS:
            setattr(s, key, value)
    if s.client_id and s.client.organization_id != s.organization_id:
        raise ValidationError({"client": _("Unknown client.")})
    s.fiscal_year = _fy(s.organization, s.held_on)
    s.full_clean(exclude=["fiscal_year"])
    s.save()
    b, a = audit.diff(before, snapshot(s, SEMINAR_FIELDS))
    audit.record(
        event_type="seminar.updated",
        organization=s.organization,
        actor=actor,
        obj=s,
        before=b,
        after=a,
    )
    return s
