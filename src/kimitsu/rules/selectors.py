"""Reads of handling rules, regulations and distribution records, scoped by the workspace."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from kimitsu.organizations.access import has_perm
from kimitsu.organizations.models import Membership, Organization
from kimitsu.register import selectors as register

from .choices import Action, RegulationStatus, RuleSetStatus
from .models import Distribution, HandlingRule, ReadConfirmation, Regulation, RuleSet
from .permissions import READER_ROLES, VERSIONS
from .stamping import normalize_trace_code


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


# --- handling rules ---------------------------------------------------------------------------


def rule_sets(organization: Organization) -> QuerySet[RuleSet]:
    return RuleSet.objects.filter(organization=organization).order_by("-number")


def rule_set_get(organization: Organization, pk) -> RuleSet:
    rule_set = rule_sets(organization).filter(pk=_pk(pk)).first()
    if rule_set is None:
        raise Http404
    return rule_set


def rule_set_approved(organization: Organization) -> RuleSet | None:
    return rule_sets(organization).filter(status=RuleSetStatus.APPROVED).first()


def rule_set_in_force(organization: Organization, on: dt.date | None = None) -> RuleSet | None:
    """The rules that applied on a day: the latest version approved on or before it (today: the
    approved version, unless its approval date is still to come). A disclosure recorded today
    for a day before the company had rules is judged by none."""
    on = on or timezone.localdate()
    return (
        rule_sets(organization)
        .filter(
            status__in=[RuleSetStatus.APPROVED, RuleSetStatus.SUPERSEDED],
            approved_on__lte=on,
        )
        .order_by("-number")
        .first()
    )


def rule_set_draft(organization: Organization) -> RuleSet | None:
    return rule_sets(organization).filter(status=RuleSetStatus.DRAFT).first()


def rule_get(organization: Organization, pk) -> HandlingRule:
    rule = (
        HandlingRule.objects.filter(rule_set__organization=organization, pk=_pk(pk))
        .select_related("rule_set", "level")
        .first()
    )
    if rule is None:
        raise Http404
    return rule


@dataclass
class MatrixRow:
    action: str
    label: str
    cells: list  # HandlingRule or None, one per level


def matrix(rule_set: RuleSet | None, levels) -> list[MatrixRow]:
    """Rows = the twelve actions, columns = the levels (one query)."""
    levels = list(levels)
    by_cell = {}
    if rule_set is not None:
        for rule in rule_set.rules.all():
            by_cell[(rule.level_id, rule.action)] = rule
    return [
        MatrixRow(action, label, [by_cell.get((lv.pk, action)) for lv in levels])
        for action, label in Action.choices
    ]


def rules_for_level(rule_set: RuleSet | None, level) -> list[tuple[str, str, HandlingRule | None]]:
    if rule_set is None:
        return [(a, label, None) for a, label in Action.choices]
    by_action = {r.action: r for r in rule_set.rules.filter(level=level)}
    return [(a, label, by_action.get(a)) for a, label in Action.choices]


def missing_levels(rule_set: RuleSet | None, levels) -> list:
    """Levels for which the rule set does not say what to do for every action."""
    levels = list(levels)
    if rule_set is None:
        return levels
    counts: dict[int, int] = {}
    for level_id in rule_set.rules.values_list("level_id", flat=True):
        counts[level_id] = counts.get(level_id, 0) + 1
    return [lv for lv in levels if counts.get(lv.pk, 0) < len(Action.choices)]


# --- regulations ------------------------------------------------------------------------------


def regulations(organization: Organization) -> QuerySet[Regulation]:
    return Regulation.objects.filter(organization=organization).order_by("-number")


def regulation_get(organization: Organization, pk) -> Regulation:
    reg = regulations(organization).filter(pk=_pk(pk)).first()
    if reg is None:
        raise Http404
    return reg


def regulation_downloadable(membership: Membership, pk) -> Regulation:
    """A version to download: the one in force for everyone, the others only for those who may
    see versions (PermissionDenied otherwise)."""
    reg = regulation_get(membership.organization, pk)
    in_force = regulation_in_force(membership.organization)
    if (in_force is None or in_force.pk != reg.pk) and not has_perm(membership, VERSIONS):
        raise PermissionDenied
    return reg


def regulation_draft(organization: Organization) -> Regulation | None:
    return regulations(organization).filter(status=RegulationStatus.DRAFT).first()


def regulation_in_force(organization: Organization, today: dt.date | None = None):
    """The approved version whose date has come, the latest such (the one employees follow)."""
    today = today or timezone.localdate()
    return (
        regulations(organization)
        .filter(status=RegulationStatus.APPROVED, effective_on__lte=today)
        .order_by("-effective_on", "-number")
        .first()
    )


def regulation_state(reg: Regulation, in_force: Regulation | None, today=None) -> str:
    """draft / approved (waiting for its date) / in force / superseded."""
    today = today or timezone.localdate()
    if reg.status == RegulationStatus.DRAFT:
        return RegulationStatus.DRAFT
    if in_force is not None and reg.pk == in_force.pk:
        return RegulationStatus.IN_FORCE
    if reg.effective_on and reg.effective_on > today:
        return RegulationStatus.APPROVED
    return RegulationStatus.SUPERSEDED


def regulation_for_document(organization: Organization) -> tuple[Regulation | None, str]:
    """The version a document shows: the one in force, else the latest draft, else the latest
    approved (waiting for its date)."""
    in_force = regulation_in_force(organization)
    if in_force is not None:
        return in_force, RegulationStatus.IN_FORCE
    draft = regulation_draft(organization)
    if draft is not None:
        return draft, RegulationStatus.DRAFT
    approved = regulations(organization).filter(status=RegulationStatus.APPROVED).first()
    if approved is not None:
        return approved, RegulationStatus.APPROVED
    return None, ""


def annex_rule_set(reg: Regulation) -> RuleSet | None:
    """The rules printed as the annex: those fixed at approval, else the approved ones, else
    the draft (for a draft regulation)."""
    if reg.rule_set_id:
        return reg.rule_set
    return rule_set_approved(reg.organization) or rule_set_draft(reg.organization)


def reader_memberships(organization: Organization) -> QuerySet[Membership]:
    return Membership.objects.filter(
        organization=organization, is_active=True, role__in=READER_ROLES
    )


def readers(organization: Organization, regulation: Regulation) -> QuerySet[Membership]:
    """Every member expected to read the regulation, annotated with ``has_read`` (by their log-in
    or, for the person they are, through a personal link)."""
    confirmed = ReadConfirmation.objects.filter(regulation=regulation).filter(
        Q(user=OuterRef("user_id")) | Q(person_id=OuterRef("person_id"), person__isnull=False)
    )
    return (
        reader_memberships(organization)
        .select_related("user", "person", "person__department")
        .annotate(
            has_read=Exists(confirmed), read_at=Subquery(confirmed.values("confirmed_at")[:1])
        )
        .order_by("has_read", "user__email")
    )


def person_readers(organization: Organization, regulation: Regulation):
    """Every person of the people register expected to read it (not those who left), annotated
    with ``has_read`` and ``read_at``: with an account or without."""
    from kimitsu.organizations.choices import PersonStatus
    from kimitsu.organizations.models import Person

    confirmed = ReadConfirmation.objects.filter(regulation=regulation).filter(
        Q(person=OuterRef("pk")) | Q(user=OuterRef("user_id"), user__isnull=False)
    )
    return (
        Person.objects.filter(organization=organization)
        .exclude(status=PersonStatus.LEFT)
        .select_related("department", "user")
        .annotate(
            has_read=Exists(confirmed),
            read_at=Subquery(confirmed.order_by("confirmed_at").values("confirmed_at")[:1]),
            via_link=Subquery(confirmed.order_by("confirmed_at").values("via_link")[:1]),
        )
        .order_by("has_read", "employee_number")
    )


def has_confirmed(regulation: Regulation | None, user) -> ReadConfirmation | None:
    if regulation is None or not getattr(user, "is_authenticated", False):
        return None
    return ReadConfirmation.objects.filter(regulation=regulation, user=user).first()


# --- distribution records ---------------------------------------------------------------------


def distributions(organization: Organization) -> QuerySet[Distribution]:
    return (
        Distribution.objects.filter(organization=organization)
        .select_related("entry", "level", "created_by")
        .order_by("-created_at", "-id")
    )


def distribution_get(organization: Organization, pk) -> Distribution:
    found = distributions(organization).filter(pk=_pk(pk)).first()
    if found is None:
        raise Http404
    return found


def distribution_by_code(organization: Organization, code: str) -> Distribution | None:
    code = normalize_trace_code(code)
    if not code:
        return None
    return distributions(organization).filter(trace_code=code).first()


def levels(organization: Organization):
    return register.levels_for(organization)


def levels_in_use(organization: Organization):
    return register.levels_in_use(organization)


def read_confirmation_of(organization: Organization, person) -> ReadConfirmation | None:
    """The person's confirmation of having read the regulation in force (logged in, or through a
    personal link), if any: the joining checklist records it."""
    regulation = regulation_in_force(organization)
    if regulation is None:
        return None
    reader = Q(person=person)
    if person.user_id:
        reader |= Q(user_id=person.user_id)
    return (
        ReadConfirmation.objects.filter(regulation=regulation)
        .filter(reader)
        .select_related("regulation")
        .order_by("confirmed_at")
        .first()
    )
