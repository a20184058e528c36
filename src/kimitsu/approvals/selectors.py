"""Reads: what the handling rules say for an action on some entries (``ruling``), the requests a
reader sees, and the tasks that requests give people (for わたしのやること and the reminders)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.core import dates
from kimitsu.organizations.access import has_perm, require
from kimitsu.organizations.models import Membership
from kimitsu.register.choices import Status as EntryStatus
from kimitsu.register.models import Entry
from kimitsu.register.selectors import entry_list
from kimitsu.rules.choices import Approver, Verdict
from kimitsu.rules.models import HandlingRule, RuleSet
from kimitsu.rules.selectors import rule_set_in_force

from . import permissions as P
from .choices import APPROVER_RANK, OUT_STATUSES, RETURNABLE, STRICTNESS, Status
from .models import ApprovalRequest

# --- what the rules say -----------------------------------------------------------------------


@dataclass
class Cell:
    """The rule for one entry: its level's cell of the matrix for the action."""

    entry: Entry
    verdict: str
    approver: str = ""
    condition: str = ""
    note: str = ""
    missing: bool = False  # the rules say nothing for this entry's level

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def level_name(self) -> str:
        return self.entry.level.name if self.entry.level_id else ""

    def as_snapshot(self) -> dict:
        return {
            "ledger_number": self.entry.ledger_number,
            "level": self.level_name,
            "verdict": self.verdict,
            "approver": self.approver,
            "condition": self.condition,
            "note": self.note,
            "missing": self.missing,
        }


@dataclass
class Ruling:
    """What the rules in force say for doing ``action`` with these entries together: the strictest
    of their cells (forbidden > approval > conditional > allowed), and for approval the highest of
    the approvers named (代表取締役 > 情報管理責任者 > 所属部門の長 > 当該情報の管理者)."""

    action: str
    rule_set: RuleSet | None
    cells: list[Cell] = field(default_factory=list)
    verdict: str = ""
    approver: str = ""

    @property
    def has_rules(self) -> bool:
        return self.rule_set is not None

    @property
    def deciding(self) -> list[Cell]:
        """The cells that make the verdict (those of the strictest kind)."""
        return [c for c in self.cells if c.verdict == self.verdict]

    @property
    def conditions(self) -> list[str]:
        """Every condition that applies (of conditional cells, whatever decides), once each."""
        return list(dict.fromkeys(c.condition for c in self.cells if c.condition))

    @property
    def notes(self) -> list[str]:
        return list(dict.fromkeys(c.note for c in self.deciding if c.note))

    @property
    def approver_cells(self) -> list[Cell]:
        """The cells whose approver decides (the custodians of these entries, for 管理者)."""
        return [c for c in self.deciding if c.approver == self.approver]

    @property
    def forbidden(self) -> bool:
        return self.verdict == Verdict.FORBIDDEN

    @property
    def needs_approval(self) -> bool:
        return self.verdict == Verdict.APPROVAL

    @property
    def needs_confirmation(self) -> bool:
        return self.verdict == Verdict.CONDITIONAL

    @property
    def allowed(self) -> bool:
        return self.verdict == Verdict.ALLOWED

    def snapshot(self) -> dict:
        return {
            "rule_set": self.rule_set.number if self.rule_set else None,
            "verdict": self.verdict,
            "approver": self.approver,
            "conditions": self.conditions,
            "notes": self.notes,
            "cells": [c.as_snapshot() for c in self.cells],
        }


def strictest(cells: list[Cell]) -> tuple[str, str]:
    """(verdict, approver) of several cells taken together."""
    if not cells:
        return "", ""
    verdict = max((c.verdict for c in cells), key=lambda v: STRICTNESS[v])
    approver = ""
    if verdict == Verdict.APPROVAL:
        approver = max(
            (c.approver for c in cells if c.verdict == verdict and c.approver),
            key=lambda a: APPROVER_RANK[a],
            default=Approver.OFFICER,
        )
    return verdict, approver


def _cell(entry, rule: HandlingRule | None) -> Cell:
    if rule is None:
        # A level the rules do not cover (added after they were approved) or an entry without a
        # level: kimitsu does not guess that it is allowed; the officer decides.
        return Cell(
            entry,
            Verdict.APPROVAL,
            Approver.OFFICER,
            note=_(
                "The handling rules say nothing for this level yet: the information management "
                "officer decides."
            ),
            missing=True,
        )
    return Cell(
        entry,
        rule.verdict,
        rule.approver if rule.verdict == Verdict.APPROVAL else "",
        rule.condition if rule.verdict == Verdict.CONDITIONAL else "",
        rule.note,
    )


def ruling(organization, action: str, entries, on: dt.date | None = None) -> Ruling:
    """What the rules in force on ``on`` (today) say for ``action`` on ``entries`` (one query for
    the rule set, one for its cells)."""
    rule_set = rule_set_in_force(organization, on)
    result = Ruling(action, rule_set)
    entries = list(entries)
    if rule_set is None or not entries:
        return result
    level_ids = {e.level_id for e in entries if e.level_id}
    by_level = {
        r.level_id: r
        for r in HandlingRule.objects.filter(
            rule_set=rule_set, action=action, level_id__in=level_ids
        )
    }
    result.cells = [_cell(e, by_level.get(e.level_id)) for e in entries]
    result.verdict, result.approver = strictest(result.cells)
    return result


def level_rule(organization, action: str, level) -> HandlingRule | None:
    """The cell for one level (the form's preview, before entries are chosen)."""
    rule_set = rule_set_in_force(organization)
    if rule_set is None or level is None:
        return None
    return (
        HandlingRule.objects.filter(rule_set=rule_set, action=action, level=level)
        .select_related("level")
        .first()
    )


# --- requests ---------------------------------------------------------------------------------


def requestable_entries(membership: Membership) -> QuerySet[Entry]:
    """The entries a requester may name: approved ones they may open."""
    return entry_list(membership).filter(status=EntryStatus.APPROVED)


def request_list(membership: Membership) -> QuerySet[ApprovalRequest]:
    """The administrator and the auditor see every request of the company; everyone else those
    they made and those they are named to decide."""
    require(membership, P.VIEW)
    qs = ApprovalRequest.objects.filter(organization=membership.organization)
    if not has_perm(membership, P.ALL):
        mine = Q(requested_by_id=membership.user_id) | Q(approvers__id=membership.user_id)
        if has_perm(membership, "pledges.disclose"):
            # who keeps the disclosure log links the approvals to disclose: they see those
            from kimitsu.rules.choices import Action

            mine |= Q(action=Action.DISCLOSE, status=Status.APPROVED)
        qs = qs.filter(
            pk__in=ApprovalRequest.objects.filter(organization=membership.organization)
            .filter(mine)
            .values("pk")
        )
    return qs.select_related("requested_by", "decided_by", "partner", "rule_set").prefetch_related(
        Prefetch(
            "entries", queryset=Entry.objects.select_related("level").order_by("ledger_number")
        ),
        "approvers",
    )


def request_get(membership: Membership, pk) -> ApprovalRequest:
    return get_object_or_404(request_list(membership), pk=pk)


def to_decide(membership: Membership) -> QuerySet[ApprovalRequest]:
    """Pending requests the member is named to decide (not their own)."""
    return (
        request_list(membership)
        .filter(status=Status.PENDING, approvers__id=membership.user_id)
        .exclude(requested_by_id=membership.user_id)
    )


def overdue(qs: QuerySet[ApprovalRequest], today: dt.date | None = None):
    today = today or timezone.localdate()
    return qs.filter(action__in=RETURNABLE, status__in=OUT_STATUSES, return_due__lt=today)


def filter_requests(qs, params, membership, today=None):
    status = params.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    if params.get("show") == "decide":
        qs = qs.filter(status=Status.PENDING, approvers__id=membership.user_id).exclude(
            requested_by_id=membership.user_id
        )
    elif params.get("show") == "mine":
        qs = qs.filter(requested_by_id=membership.user_id)
    elif params.get("show") == "overdue":
        qs = overdue(qs, today)
    number = (params.get("q") or "").strip().upper()
    if number:
        if number.startswith("AP-") and number[3:].isdigit() and len(number) <= 12:
            qs = qs.filter(number=int(number[3:]))
        else:
            qs = qs.filter(entries__ledger_number__iexact=number[:40])
    return qs.distinct()


def approved_disclosures(organization, entry, on: dt.date) -> QuerySet[ApprovalRequest]:
    """Approved requests to disclose ``entry`` whose period covers the day."""
    from kimitsu.rules.choices import Action

    return ApprovalRequest.objects.filter(
        organization=organization,
        action=Action.DISCLOSE,
        status=Status.APPROVED,
        entries=entry,
        starts_on__lte=on,
        ends_on__gte=on,
    ).order_by("-number")


def disclosure_approvals(organization) -> QuerySet[ApprovalRequest]:
    """What the disclosure form offers to link: every approved request to disclose."""
    from kimitsu.rules.choices import Action

    return ApprovalRequest.objects.filter(
        organization=organization, action=Action.DISCLOSE, status=Status.APPROVED
    ).order_by("-number")


# --- tasks for わたしのやること and the reminders ------------------------------------------------

TASK_RETURN = "approval_return"
TASK_DECIDE = "approval_decide"


def open_tasks(org, people, today: dt.date) -> dict[int, list]:
    """person id -> tasks: return what was taken out once its date has passed (the requester),
    decide a request one is named for (the approver). Named by number only, as reminders are
    read by people who may not open the entries. Two queries for everyone."""
    from kimitsu.reach.selectors import Task

    users = {p.user_id: p.pk for p in people if p.user_id}
    out: dict[int, list] = {}
    if not users:
        return out
    late = (
        overdue(ApprovalRequest.objects.filter(organization=org), today)
        .filter(requested_by_id__in=list(users))
        .only("pk", "number", "action", "return_due", "requested_by_id")
    )
    for request in late:
        out.setdefault(users[request.requested_by_id], []).append(
            Task(
                TASK_RETURN,
                users[request.requested_by_id],
                request.pk,
                _("Return what you took out under %(number)s (due %(due)s) and record it")
                % {"number": request.code, "due": dates.for_reader(request.return_due, org)},
                request.return_due + dt.timedelta(days=1),
                _url(org, request),
            )
        )
    through = ApprovalRequest.approvers.through
    pending = (
        through.objects.filter(
            approvalrequest__organization=org,
            approvalrequest__status=Status.PENDING,
            user_id__in=list(users),
        )
        .select_related("approvalrequest")
        .order_by("approvalrequest__number")
    )
    for link in pending:
        request = link.approvalrequest
        if request.requested_by_id == link.user_id:
            continue
        out.setdefault(users[link.user_id], []).append(
            Task(
                TASK_DECIDE,
                users[link.user_id],
                request.pk,
                _("Decide the request %(number)s (%(action)s)")
                % {"number": request.code, "action": request.get_action_display()},
                timezone.localtime(request.created_at).date(),
                _url(org, request),
            )
        )
    return out


def _url(org, request) -> str:
    return reverse("approvals:request", kwargs={"org_slug": org.slug, "pk": request.pk})
