import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kimitsu.audit import services as audit
from kimitsu.core.dates import for_reader
from kimitsu.core.validators import check_fields
from kimitsu.organizations import services as org_services
from kimitsu.organizations.access import require
from kimitsu.organizations.choices import PersonStatus
from kimitsu.organizations.models import Membership

from .. import permissions as P
from .. import registry, selectors
from ..choices import (
    JOINING_STEPS,
    LEAVING_STEPS,
    MID_CAREER_STEPS,
    ChecklistKind,
    DocumentStatus,
    StepCode,
    TemplateKind,
)
from ..models import Checklist, ChecklistStep, Document, ReturnItem
from .common import same_org

NOTE_REQUIRED = {
    StepCode.TRAINING,
    StepCode.EXIT_INTERVIEW,
    StepCode.PRIOR_DUTIES,
    StepCode.ACCESS_GRANTED,
}


def _open(*, actor, membership, person, kind, codes, **extra) -> Checklist:
    existing = Checklist.objects.filter(person=person, kind=kind).first()
    if existing is not None:
        return existing
    checklist = Checklist.objects.create(
        organization=membership.organization, person=person, kind=kind, opened_by=actor, **extra
    )
    ChecklistStep.objects.bulk_create(
        [ChecklistStep(checklist=checklist, code=code, position=i) for i, code in enumerate(codes)]
    )
    audit.record(
        event_type="pledge_checklist.opened",
        organization=membership.organization,
        actor=actor,
        obj=checklist,
        after={
            "kind": kind,
            "person": person.employee_number,
            "steps": [str(c) for c in codes],
            **{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in extra.items()},
        },
    )
    return checklist


@transaction.atomic
def joining_open(
    *, actor, membership, person, from_other_company=False, former_employer="", training=""
) -> Checklist:
    """The joining checklist: the hiring pledge signed and its original filed; when the person
    comes from another company, the signed confirmation and the check of their duties to the
    former employer; accounts and access for the role; the handling rules explained; the
    training to attend."""
    require(membership, P.MANAGE)
    same_org(membership, person)
    selectors.person_get(membership, person.pk)
    if from_other_company and not former_employer.strip():
        raise ValidationError({"former_employer": _("Name the former employer.")})
    codes = [c for c in JOINING_STEPS if from_other_company or c not in MID_CAREER_STEPS]
    return _open(
        actor=actor,
        membership=membership,
        person=person,
        kind=ChecklistKind.JOINING,
        codes=codes,
        from_other_company=from_other_company,
        former_employer=former_employer.strip(),
        training=training.strip(),
    )


@transaction.atomic
def leaving_open(*, actor, membership, person) -> Checklist:
    """The exit checklist of a person who is 退職予定."""
    require(membership, P.MANAGE)
    same_org(membership, person)
    selectors.person_get(membership, person.pk)
    if person.status != PersonStatus.LEAVING:
        raise ValidationError(_("Mark the person as leaving first."))
    return _open(
        actor=actor,
        membership=membership,
        person=person,
        kind=ChecklistKind.LEAVING,
        codes=LEAVING_STEPS,
        last_day=person.left_on,
    )


@transaction.atomic
def leaving_start(*, actor, membership, person, last_day: dt.date) -> Checklist:
    """Mark the person 退職予定 with their last day (through the people register's service)
    and open the exit checklist."""
    require(membership, P.MANAGE)
    same_org(membership, person)
    if person.status == PersonStatus.LEFT:
        raise ValidationError(_("This person has already left."))
    if last_day is None:
        raise ValidationError({"last_day": _("Enter the last working day.")})
    check_fields(Checklist(last_day=last_day), "last_day")
    person = org_services.person_update(
        actor=actor,
        membership=membership,
        person=person,
        data={"status": PersonStatus.LEAVING, "left_on": last_day},
    )
    checklist = leaving_open(actor=actor, membership=membership, person=person)
    if checklist.last_day != last_day:
        checklist.last_day = last_day
        checklist.save(update_fields=["last_day"])
    return checklist


def _signed_or_refused(person, kind):
    return (
        Document.objects.filter(person=person, kind=kind)
        .filter(status__in=[DocumentStatus.SIGNED, DocumentStatus.REFUSED])
        .order_by("-status")
        .first()
    )  # "signed" sorts after "refused": prefer it


def _do_step(*, actor, membership, step: ChecklistStep, note: str) -> str:
    """Carry out the step; return what is recorded about it."""
    checklist = step.checklist
    person = checklist.person
    org = membership.organization
    code = step.code
    if code in NOTE_REQUIRED and not note:
        raise ValidationError({"note": _("Write down what was done.")})
    if code in (StepCode.HIRE_PLEDGE, StepCode.HIRE_CHECK):
        kind = TemplateKind.PLEDGE_HIRE if code == StepCode.HIRE_PLEDGE else TemplateKind.HIRE_CHECK
        if not Document.objects.filter(
            person=person, kind=kind, status=DocumentStatus.SIGNED
        ).exists():
            raise ValidationError(
                _("There is no signed %(doc)s for this person yet.")
                % {"doc": TemplateKind(kind).label}
            )
        return note
    if code == StepCode.PLEDGE_FILED:
        return _pledge_filed(checklist, person, note)
    if code == StepCode.ACCESS_GRANTED:
        return _access_granted(org, person, note)
    if code == StepCode.RULES_BRIEFING:
        return _rules_briefing(org, person, note)
    if code == StepCode.REVIEW_ACCESS:
        custody = registry.custody_count(person)
        summary = _reachable_summary(person)
        if custody:
            summary += "\n" + ngettext(
                "Custodian of %(n)d entry: choose a new custodian in the register.",
                "Custodian of %(n)d entries: choose a new custodian in the register.",
                custody,
            ) % {"n": custody}
        return "\n".join(x for x in (summary, note) if x)
    if code == StepCode.REVOKE_GRANTS:
        review = checklist.steps.filter(code=StepCode.REVIEW_ACCESS).first()
        if review is not None and not review.is_done:
            raise ValidationError(_("Review what the person could access first."))
        n = registry.revoke_grants(
            actor=actor,
            organization=org,
            person=person,
            reason=_("Exit of %(name)s") % {"name": person.full_name},
        )
        return "\n".join(x for x in (_revoked(n), note) if x)
    if code == StepCode.COLLECT_ITEMS:
        items = list(checklist.items.all())
        missing = [i.description for i in items if i.returned_on is None]
        if missing:
            raise ValidationError(_("Not returned yet: %(items)s") % {"items": "、".join(missing)})
        if not items and not note:
            raise ValidationError(
                {"note": _("List the items to return, or write down that there were none.")}
            )
        listed = "、".join(f"{i.description}（{for_reader(i.returned_on, org)}）" for i in items)
        return "\n".join(x for x in (listed, note) if x)
    if code == StepCode.EXIT_PLEDGE:
        doc = _signed_or_refused(person, TemplateKind.PLEDGE_EXIT)
        if doc is None:
            raise ValidationError(_("There is no signed (or refused) exit pledge yet."))
        if doc.status == DocumentStatus.REFUSED and not note:
            raise ValidationError(
                {"note": _("The exit pledge was refused: write down how this was handled.")}
            )
        return "\n".join(x for x in (doc.get_status_display(), note) if x)
    if code == StepCode.ACCOUNT_DISABLED:
        q = Q(person=person)
        if person.user_id:
            q |= Q(user_id=person.user_id)
        accounts = list(Membership.objects.filter(organization=org, is_active=True).filter(q))
        for member in accounts:
            if member.pk == membership.pk:
                raise PermissionDenied
            org_services.member_update(
                actor=actor,
                membership=membership,
                member=member,
                role=member.role,
                department=member.department,
                is_active=False,
            )
        done = (
            _("Disabled: %(accounts)s") % {"accounts": ", ".join(m.user.email for m in accounts)}
            if accounts
            else _("The person had no system account.")
        )
        return "\n".join(x for x in (done, note) if x)
    return note


def _reachable_summary(person) -> str:
    rows = registry.accessible_rows(person)
    listed = "、".join(f"{r['ledger_number']} {r['title']}（{r['level']}）" for r in rows)
    return ngettext(
        "%(n)d register entry reachable: %(list)s",
        "%(n)d register entries reachable: %(list)s",
        len(rows),
    ) % {"n": len(rows), "list": listed or "—"}


def _revoked(n: int) -> str:
    return ngettext("%(n)d direct grant revoked.", "%(n)d direct grants revoked.", n) % {"n": n}


def _pledge_filed(checklist, person, note: str) -> str:
    """Every joining document signed, and each one's signed original back with the company: its
    scan in kimitsu, or a note of where the paper is kept."""
    kinds = [TemplateKind.PLEDGE_HIRE]
    if checklist.from_other_company:
        kinds.append(TemplateKind.HIRE_CHECK)
    lines = []
    for kind in kinds:
        doc = (
            Document.objects.filter(person=person, kind=kind, status=DocumentStatus.SIGNED)
            .order_by("-signed_on", "-pk")
            .first()
        )
        if doc is None:
            raise ValidationError(
                _("There is no signed %(doc)s for this person yet.")
                % {"doc": TemplateKind(kind).label}
            )
        if doc.scan_sha256:
            lines.append(
                _("%(doc)s: signed copy stored (SHA-256 %(digest)s…).")
                % {"doc": TemplateKind(kind).label, "digest": doc.scan_sha256[:12]}
            )
        elif not note:
            raise ValidationError(
                {
                    "note": _(
                        "Attach the scan of the signed %(doc)s to the document, or write down "
                        "where the signed original is kept."
                    )
                    % {"doc": TemplateKind(kind).label}
                }
            )
    return "\n".join(x for x in (*lines, note) if x)


def _access_granted(org, person, note: str) -> str:
    """What kimitsu knows of the person's access (their department, the register entries it
    opens, their kimitsu account); the note says what was given elsewhere."""
    if not person.department_id:
        raise ValidationError(
            _(
                "Set the person's department in the people register first: access to the "
                "register follows it."
            )
        )
    q = Q(person=person)
    if person.user_id:
        q |= Q(user_id=person.user_id)
    accounts = list(
        Membership.objects.filter(organization=org, is_active=True).filter(q).select_related("user")
    )
    lines = [
        _("Department: %(department)s") % {"department": person.department.name},
        _reachable_summary(person),
        _("kimitsu account: %(accounts)s")
        % {"accounts": ", ".join(f"{m.user.email}（{m.get_role_display()}）" for m in accounts)}
        if accounts
        else _("No kimitsu account."),
    ]
    return "\n".join(x for x in (*lines, note) if x)


def _rules_briefing(org, person, note: str) -> str:
    from kimitsu.rules.selectors import read_confirmation_of

    confirmation = read_confirmation_of(org, person)
    if confirmation is None:
        if not note:
            raise ValidationError(
                {
                    "note": _(
                        "Write down who explained the handling rules and when (the person has "
                        "not confirmed reading the regulation in force)."
                    )
                }
            )
        return note
    read = _("Confirmed reading the regulation in force (version %(number)d) on %(day)s.") % {
        "number": confirmation.regulation.number,
        "day": for_reader(confirmation.confirmed_at, org),
    }
    return "\n".join(x for x in (read, note) if x)


@transaction.atomic
def checklist_step_complete(*, actor, membership, step: ChecklistStep, note: str = ""):
    require(membership, P.MANAGE)
    checklist = step.checklist
    same_org(membership, checklist)
    step = ChecklistStep.objects.select_for_update().get(pk=step.pk)
    if step.is_done:
        raise ValidationError(_("This step is already done."))
    if checklist.completed_at is not None:
        raise ValidationError(_("This checklist is already completed."))
    note = (note or "").strip()
    check_fields(ChecklistStep(note=note), "note")  # before the step's work is done
    step.note = _do_step(actor=actor, membership=membership, step=step, note=note)
    step.done_at = timezone.now()
    step.done_by = actor
    step.save(update_fields=["note", "done_at", "done_by"])
    audit.record(
        event_type="pledge_checklist.step_done",
        organization=checklist.organization,
        actor=actor,
        obj=checklist,
        object_repr=f"{checklist} — {step.get_code_display()}",
        after={"step": step.code, "note": step.note},
    )
    if not checklist.steps.filter(required=True, done_at__isnull=True).exists():
        _complete(actor=actor, membership=membership, checklist=checklist)
    return step


def _complete(*, actor, membership, checklist):
    checklist.completed_at = timezone.now()
    checklist.save(update_fields=["completed_at"])
    person = checklist.person
    after = {"kind": checklist.kind}
    if checklist.kind == ChecklistKind.LEAVING:
        # The exit is done: the person has left and reaches nothing in the register any more.
        org_services.person_update(
            actor=actor, membership=membership, person=person, data={"status": PersonStatus.LEFT}
        )
        after["person_status"] = PersonStatus.LEFT
        after["entries_reachable"] = len(registry.accessible_rows(person))
    audit.record(
        event_type="pledge_checklist.completed",
        organization=checklist.organization,
        actor=actor,
        obj=checklist,
        after=after,
    )


@transaction.atomic
def checklist_item_add(*, actor, membership, checklist, kind, description, identifier=""):
    require(membership, P.MANAGE)
    same_org(membership, checklist)
    if checklist.completed_at is not None:
        raise ValidationError(_("This checklist is already completed."))
    item = ReturnItem(
        checklist=checklist,
        kind=kind,
        description=(description or "").strip(),
        identifier=(identifier or "").strip(),
    )
    item.full_clean()
    item.save()
    audit.record(
        event_type="pledge_checklist.item_added",
        organization=checklist.organization,
        actor=actor,
        obj=checklist,
        object_repr=f"{checklist} — {item.description}",
        after={"kind": kind, "item": item.description, "identifier": item.identifier},
    )
    return item


@transaction.atomic
def checklist_item_returned(*, actor, membership, item, returned_on=None, note=""):
    require(membership, P.MANAGE)
    checklist = item.checklist
    same_org(membership, checklist)
    if item.returned_on is not None:
        raise ValidationError(_("This item is already marked as returned."))
    item.returned_on = returned_on or dt.date.today()
    item.received_by = actor
    item.note = (note or "")[:200]
    check_fields(item, "returned_on", "note")
    item.save(update_fields=["returned_on", "received_by", "note"])
    audit.record(
        event_type="pledge_checklist.item_returned",
        organization=checklist.organization,
        actor=actor,
        obj=checklist,
        object_repr=f"{checklist} — {item.description}",
        after={"item": item.description, "returned_on": item.returned_on.isoformat()},
    )
    return item


@transaction.atomic
def revoke_due(*, organization, today: dt.date | None = None) -> list:
    """On (or after) a leaver's last working day, revoke their personal grants — for every exit
    checklist whose access review is done. Run daily (`kimitsu pledges revoke-due`); recorded as
    done by the system. A checklist for which this would be the last open step is left to a
    person, who completes it (and with it the exit) by hand."""
    today = today or dt.date.today()
    steps = ChecklistStep.objects.filter(
        checklist__organization=organization,
        checklist__kind=ChecklistKind.LEAVING,
        checklist__completed_at__isnull=True,
        checklist__last_day__lte=today,
        code=StepCode.REVOKE_GRANTS,
        done_at__isnull=True,
    ).select_related("checklist", "checklist__person")
    done = []
    for step in steps:
        checklist = step.checklist
        open_steps = set(
            checklist.steps.filter(done_at__isnull=True).values_list("code", flat=True)
        )
        if StepCode.REVIEW_ACCESS in open_steps or open_steps == {StepCode.REVOKE_GRANTS}:
            continue
        person = checklist.person
        n = registry.revoke_grants(
            actor=None,
            organization=organization,
            person=person,
            reason=_("Exit of %(name)s") % {"name": person.full_name},
        )
        step.note = _revoked(n) + "\n" + _("Automatically, on the last working day.")
        step.done_at = timezone.now()
        step.save(update_fields=["note", "done_at"])
        audit.record(
            event_type="pledge_checklist.step_done",
            organization=organization,
            actor=None,
            obj=checklist,
            object_repr=f"{checklist} — {step.get_code_display()}",
            after={"step": step.code, "note": step.note, "automatic": True},
        )
        done.append(checklist)
    return done
