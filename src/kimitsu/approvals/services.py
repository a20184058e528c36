"""Requests under the handling rules: made, confirmed, decided, withdrawn, returned — each with its
audit event in the same transaction, naming entries by ledger number only. And the check that the
disclosure log makes before it records a disclosure (``disclosure_clearance``)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.core.validators import check_fields
from kimitsu.organizations.access import has_perm, require
from kimitsu.organizations.models import Membership, Organization
from kimitsu.rules.choices import Action, Verdict

from . import approvers as people
from . import permissions as P
from . import selectors
from .choices import (
    DESTINATION_REQUIRED,
    OUT_STATUSES,
    REQUESTABLE_ACTIONS,
    RETURNABLE,
    Status,
)
from .models import ApprovalRequest, ApproverSettings


def _label(user) -> str:
    return (getattr(user, "display_name", "") or user.email) if user else ""


def _numbers(entries) -> list[str]:
    return sorted(e.ledger_number for e in entries)


def verdict_text(ruling) -> str:
    """「承認制（所属部門の長）」, 「禁止」… in the reader's language."""
    verdict = Verdict(ruling.verdict).label
    if ruling.needs_approval and ruling.approver:
        from kimitsu.rules.choices import Approver

        return f"{verdict}（{Approver(ruling.approver).label}）"
    return str(verdict)


def forbidden_message(ruling) -> str:
    cells = ruling.deciding
    numbers = "、".join(
        f"{c.entry.ledger_number}（{c.level_name}）" if c.level_name else c.entry.ledger_number
        for c in cells
    )
    values = {
        "entries": numbers,
        "action": Action(ruling.action).label,
        "note": "".join(ruling.notes),
    }
    if ruling.notes:
        return _("The handling rules forbid this: %(action)s of %(entries)s. %(note)s") % values
    return _("The handling rules forbid this: %(action)s of %(entries)s.") % values


def _check_request(*, action, entries, purpose, destination, starts_on, ends_on, return_due):
    errors = {}
    if action not in REQUESTABLE_ACTIONS:
        errors["action"] = _("Choose one of the actions a request can be made for.")
    if not entries:
        errors["entries"] = _("Name at least one register entry.")
    if not (purpose or "").strip():
        errors["purpose"] = _("State the purpose.")
    if action in DESTINATION_REQUIRED and not (destination or "").strip():
        errors["destination"] = _("Say to whom or where.")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end of the period is before its start.")
    if action in RETURNABLE:
        if return_due is None:
            errors["return_due"] = _("Say by when it comes back.")
        elif starts_on and return_due < starts_on:
            errors["return_due"] = _("The return date is before the period starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def request_create(
    *,
    actor,
    membership: Membership,
    action: str,
    entries,
    purpose: str,
    destination: str = "",
    partner=None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    return_due: dt.date | None = None,
    confirmed: bool = False,
) -> ApprovalRequest:
    """A request as the rules in force say: 禁止 refuses it with the rule's words (nothing is
    kept); 許可 needs none (nothing is kept); 条件付き許可 is kept once the requester confirms the
    conditions (no one decides); 承認制 waits for the approver the rule names."""
    require(membership, P.REQUEST)
    org = membership.organization
    entries = list(entries)
    starts_on = starts_on or timezone.localdate()
    ends_on = ends_on or starts_on
    if action not in RETURNABLE:
        return_due = None
    _check_request(
        action=action,
        entries=entries,
        purpose=purpose,
        destination=destination,
        starts_on=starts_on,
        ends_on=ends_on,
        return_due=return_due,
    )
    visible = set(
        selectors.requestable_entries(membership)
        .filter(pk__in=[e.pk for e in entries])
        .values_list("pk", flat=True)
    )
    if len(visible) != len({e.pk for e in entries}):
        raise ValidationError({"entries": _("Name approved register entries you may open.")})
    if partner is not None and partner.organization_id != org.pk:
        raise PermissionDenied
    ruling = selectors.ruling(org, action, entries)
    if not ruling.has_rules:
        raise ValidationError(
            _(
                "The company has not approved its handling rules yet, so there is nothing to "
                "request against. Ask the administrator."
            ),
            code="no_rules",
        )
    if ruling.forbidden:
        raise ValidationError(forbidden_message(ruling), code="forbidden")
    if ruling.allowed:
        raise ValidationError(
            _("The handling rules allow this without a request: nothing needs to be recorded."),
            code="allowed",
        )
    if ruling.needs_confirmation and not confirmed:
        raise ValidationError({"confirm": _("Confirm that you will follow the conditions.")})
    Organization.objects.select_for_update().filter(pk=org.pk).first()  # numbers in order
    number = (
        ApprovalRequest.objects.filter(organization=org).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    request = ApprovalRequest(
        organization=org,
        number=number,
        action=action,
        purpose=(purpose or "").strip(),
        destination=(destination or "").strip(),
        partner=partner,
        starts_on=starts_on,
        ends_on=ends_on,
        return_due=return_due,
        verdict=ruling.verdict,
        approver_role=ruling.approver,
        rule_set=ruling.rule_set,
        rule_snapshot=ruling.snapshot(),
        requested_by=actor,
        requested_by_label=_label(actor),
    )
    check_fields(request, "purpose", "destination", "starts_on", "ends_on", "return_due", "action")
    found = None
    if ruling.needs_approval:
        deciding = [c.entry for c in ruling.approver_cells]
        found = people.resolve(org, ruling.approver, requester=membership, entries=deciding)
        request.approver_source = found.source
    else:
        request.status = Status.CONFIRMED
        request.conditions_confirmed_at = timezone.now()
    request.save(force_insert=True)
    request.entries.set(entries)
    if found is not None:
        request.approvers.set(found.users)
    after = {
        "number": request.code,
        "action": action,
        "entries": _numbers(entries),
        "purpose": request.purpose,
        "destination": request.destination,
        "partner": partner.name if partner else None,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "return_due": return_due,
        "verdict": ruling.verdict,
        "rule_set": ruling.rule_set.pk,
        "status": request.status,
    }
    if found is not None:
        after["approver_role"] = ruling.approver
        after["approver_source"] = found.source
        after["approvers"] = [u.email for u in found.users]
    else:
        after["condition"] = ruling.conditions
    audit.record(
        event_type="approvals.requested" if found is not None else "approvals.confirmed",
        organization=org,
        actor=actor,
        obj=request,
        object_repr=request.code,
        after=after,
    )
    if found is not None:
        _notify(request, "requested")
    return request


def can_decide(membership: Membership, request: ApprovalRequest) -> bool:
    """The person the rule named (never the requester), or an administrator in their place."""
    if not request.is_pending or membership.organization_id != request.organization_id:
        return False
    if not membership.is_active or membership.user_id == request.requested_by_id:
        return False
    if membership.role not in P.DECIDER_ROLES:
        return False
    named = any(u.pk == membership.user_id for u in request.approvers.all())
    return named or has_perm(membership, P.DECIDE_ANY)


def is_named(membership: Membership, request: ApprovalRequest) -> bool:
    return any(u.pk == membership.user_id for u in request.approvers.all())


@transaction.atomic
def request_decide(
    *, actor, membership: Membership, request: ApprovalRequest, approve: bool, comment: str = ""
) -> ApprovalRequest:
    request = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
    if membership.organization_id != request.organization_id:
        raise PermissionDenied
    if not request.is_pending:
        raise ValidationError(_("This request has been decided already."))
    if membership.user_id == request.requested_by_id:
        raise PermissionDenied(_("You cannot decide your own request."))
    if not can_decide(membership, request):
        raise PermissionDenied
    comment = (comment or "").strip()
    if not approve and not comment:
        raise ValidationError({"comment": _("Say why the request is refused.")})
    request.status = Status.APPROVED if approve else Status.REFUSED
    request.decided_by = actor
    request.decided_by_label = _label(actor)
    request.decided_as_administrator = not is_named(membership, request)
    request.decided_at = timezone.now()
    request.decision_comment = comment
    check_fields(request, "decision_comment", report_as={"decision_comment": "comment"})
    request.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_by_label",
            "decided_as_administrator",
            "decided_at",
            "decision_comment",
        ]
    )
    audit.record(
        event_type="approvals.approved" if approve else "approvals.refused",
        organization=request.organization,
        actor=actor,
        obj=request,
        object_repr=request.code,
        before={"status": Status.PENDING},
        after={
            "status": request.status,
            "entries": _numbers(request.entries.all()),
            "action": request.action,
            "decision_comment": comment,
            "decided_as_administrator": request.decided_as_administrator,
        },
    )
    _notify(request, "decided")
    return request


@transaction.atomic
def request_withdraw(*, actor, membership: Membership, request: ApprovalRequest):
    request = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
    if membership.organization_id != request.organization_id:
        raise PermissionDenied
    if membership.user_id != request.requested_by_id:
        raise PermissionDenied(_("Only the requester may withdraw a request."))
    if not request.is_pending:
        raise ValidationError(_("Only a request waiting for a decision can be withdrawn."))
    request.status = Status.WITHDRAWN
    request.save(update_fields=["status"])
    audit.record(
        event_type="approvals.withdrawn",
        organization=request.organization,
        actor=actor,
        obj=request,
        object_repr=request.code,
        before={"status": Status.PENDING},
        after={"status": Status.WITHDRAWN, "entries": _numbers(request.entries.all())},
    )
    return request


def can_return(membership: Membership, request: ApprovalRequest) -> bool:
    """The requester, whoever decided or was named to, or an administrator records the return."""
    if not request.returnable or request.status not in OUT_STATUSES:
        return False
    if membership.organization_id != request.organization_id or not membership.is_active:
        return False
    if membership.role not in P.DECIDER_ROLES:
        return False
    return (
        membership.user_id in (request.requested_by_id, request.decided_by_id)
        or is_named(membership, request)
        or has_perm(membership, P.DECIDE_ANY)
    )


@transaction.atomic
def request_return(
    *,
    actor,
    membership: Membership,
    request: ApprovalRequest,
    returned_on: dt.date | None = None,
    note: str = "",
) -> ApprovalRequest:
    request = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
    if not can_return(membership, request):
        if request.returnable and request.status == Status.RETURNED:
            raise ValidationError(_("The return has been recorded already."))
        raise PermissionDenied
    returned_on = returned_on or timezone.localdate()
    if returned_on > timezone.localdate():
        raise ValidationError({"returned_on": _("The return date is in the future.")})
    if returned_on < request.starts_on:
        raise ValidationError({"returned_on": _("The return date is before the period starts.")})
    before = {"status": request.status}
    request.status = Status.RETURNED
    request.returned_on = returned_on
    request.returned_by = actor
    request.return_note = (note or "").strip()
    check_fields(request, "returned_on", "return_note", report_as={"return_note": "note"})
    request.save(update_fields=["status", "returned_on", "returned_by", "return_note"])
    audit.record(
        event_type="approvals.returned",
        organization=request.organization,
        actor=actor,
        obj=request,
        object_repr=request.code,
        before=before,
        after={
            "status": Status.RETURNED,
            "entries": _numbers(request.entries.all()),
            "returned_on": returned_on,
            "return_due": request.return_due,
            "return_note": request.return_note,
        },
    )
    return request


@transaction.atomic
def mark_overdue(*, organization, today: dt.date | None = None) -> int:
    """Note, once, each take-out whose return date has passed: an audit event, and the date it
    became overdue (the task and the reminders follow from the data). Idempotent."""
    today = today or timezone.localdate()
    late = list(
        selectors.overdue(ApprovalRequest.objects.filter(organization=organization), today)
        .filter(overdue_since__isnull=True)
        .select_for_update()
    )
    for request in late:
        request.overdue_since = request.return_due + dt.timedelta(days=1)
        request.save(update_fields=["overdue_since"])
        audit.record(
            event_type="approvals.return_overdue",
            organization=organization,
            actor=None,
            obj=request,
            object_repr=request.code,
            after={
                "entries": _numbers(request.entries.all()),
                "return_due": request.return_due,
                "overdue_since": request.overdue_since,
            },
        )
    return len(late)


@transaction.atomic
def settings_update(*, actor, membership: Membership, officer=None, president=None):
    require(membership, P.SETTINGS)
    org = membership.organization
    for chosen in (officer, president):
        if chosen is not None and (
            chosen.organization_id != org.pk or chosen.role not in P.DECIDER_ROLES
        ):
            raise ValidationError(_("Choose a member of this workspace who may decide."))
    found, _created = ApproverSettings.objects.select_for_update().get_or_create(organization=org)
    before = {
        "officer": found.officer.user.email if found.officer_id else None,
        "president": found.president.user.email if found.president_id else None,
    }
    found.officer = officer
    found.president = president
    found.save()
    after = {
        "officer": officer.user.email if officer else None,
        "president": president.user.email if president else None,
    }
    b, a = audit.diff(before, after)
    if a:
        audit.record(
            event_type="approvals.settings_changed",
            organization=org,
            actor=actor,
            obj=found,
            object_repr="approvers",
            before=b,
            after=a,
        )
    return found


def _notify(request: ApprovalRequest, what: str) -> None:
    """E-mail the approvers of a new request, or the requester of a decision, once committed."""
    from .tasks import notify_task

    pk = request.pk
    transaction.on_commit(lambda: notify_task(pk, what))


# --- the disclosure log ------------------------------------------------------------------------


@dataclass
class Clearance:
    """What the handling rules said about a disclosure being recorded."""

    verdict: str = ""  # "" when the company had no rules that day
    rule_set: int | None = None
    approver: str = ""
    approval: ApprovalRequest | None = None
    override_reason: str = ""
    conditions: tuple = ()


def disclosure_clearance(
    *,
    membership: Membership,
    partner,
    entry,
    disclosed_on: dt.date,
    approval: ApprovalRequest | None = None,
    override_reason: str = "",
    may_override: bool = False,
) -> Clearance:
    """Before the disclosure log records a disclosure: 禁止 refuses it; 承認制 needs an approved
    request to disclose that covers the entry, the partner and the day (given, or found), or an
    administrator's override with a reason."""
    org = membership.organization
    ruling = selectors.ruling(org, Action.DISCLOSE, [entry], on=disclosed_on)
    if not ruling.has_rules:
        return Clearance()
    clearance = Clearance(
        verdict=ruling.verdict,
        rule_set=ruling.rule_set.number,
        approver=ruling.approver,
        conditions=tuple(ruling.conditions),
    )
    if ruling.forbidden:
        raise ValidationError({"entry": forbidden_message(ruling)})
    if approval is not None:
        _check_approval(approval, org=org, partner=partner, entry=entry, day=disclosed_on)
        clearance.approval = approval
        return clearance
    if not ruling.needs_approval:
        return clearance
    found = selectors.approved_disclosures(org, entry, disclosed_on).filter(partner=partner)
    clearance.approval = found.first()
    if clearance.approval is not None:
        return clearance
    reason = (override_reason or "").strip()
    if not reason:
        from kimitsu.rules.choices import Approver

        raise ValidationError(
            {
                "approval": _(
                    "The handling rules ask for the approval of %(approver)s to disclose "
                    "%(number)s (%(level)s). Link the approved request, or record it as an "
                    "administrator with the reason why it went out without one."
                )
                % {
                    "approver": Approver(ruling.approver).label,
                    "number": entry.ledger_number,
                    "level": entry.level.name if entry.level_id else "—",
                }
            }
        )
    if not may_override:
        raise ValidationError(
            {
                "approval_override_reason": _(
                    "Only an administrator may record a disclosure without the approval the "
                    "handling rules ask for."
                )
            }
        )
    clearance.override_reason = reason
    return clearance


def _check_approval(approval, *, org, partner, entry, day):
    problem = None
    if approval.organization_id != org.pk:
        raise PermissionDenied
    if approval.action != Action.DISCLOSE:
        problem = _("%(number)s is not a request to disclose.")
    elif approval.status != Status.APPROVED:
        problem = _("%(number)s has not been approved.")
    elif not approval.entries.filter(pk=entry.pk).exists():
        problem = _("%(number)s does not cover this register entry.")
    elif approval.partner_id and approval.partner_id != partner.pk:
        problem = _("%(number)s was approved for another partner.")
    elif not (approval.starts_on <= day <= approval.ends_on):
        problem = _("%(number)s does not cover the day of the disclosure.")
    if problem:
        raise ValidationError({"approval": problem % {"number": approval.code}})
