"""Reads of the awareness app, always scoped by the acting membership (or its organization)."""

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from kimitsu.organizations.access import require
from kimitsu.organizations.choices import PersonStatus
from kimitsu.organizations.models import Membership, Person
from kimitsu.organizations.selectors import managed_department_ids

from . import permissions as P
from . import scoring
from .choices import STEP2_KINDS, CheckKind
from .models import Attendance, PatentDecision, QuizResult, SelfCheck, TrainingSession

# --- self-checks ------------------------------------------------------------------------------


def check_list(membership: Membership, kind: str | None = None) -> QuerySet[SelfCheck]:
    require(membership, P.RESULTS_VIEW)
    qs = SelfCheck.objects.filter(organization=membership.organization).select_related("department")
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def check_get(membership: Membership, pk) -> SelfCheck:
    check = check_list(membership).filter(pk=pk).first()
    if check is None:
        raise Http404
    return check


def latest_checks(organization) -> dict[str, SelfCheck]:
    """The latest company-wide check of each kind (security: company-wide or any department)."""
    found: dict[str, SelfCheck] = {}
    for kind in CheckKind.values:
        check = (
            SelfCheck.objects.filter(organization=organization, kind=kind)
            .order_by("-answered_on", "-id")
            .first()
        )
        if check is not None:
            found[kind] = check
    return found


def latest_security_by_department(organization) -> list[SelfCheck]:
    """The latest security check of each department that answered one (one query)."""
    latest: dict[int, SelfCheck] = {}
    qs = (
        SelfCheck.objects.filter(
            organization=organization, kind=CheckKind.SECURITY, department__isnull=False
        )
        .select_related("department")
        .order_by("-answered_on", "-id")
    )
    for check in qs:
        latest.setdefault(check.department_id, check)
    return sorted(latest.values(), key=lambda c: (c.department.sort_order, c.department.name))


def trend(organization, kind: str, limit: int = 12) -> list[SelfCheck]:
    """Company-wide checks of a kind, oldest first (the last ``limit``). The security check's
    company figure is an aggregate of departments: see ``security_trend``."""
    qs = SelfCheck.objects.filter(
        organization=organization, kind=kind, department__isnull=True
    ).order_by("-answered_on", "-id")[:limit]
    return list(reversed(list(qs)))


def company_security(organization) -> scoring.CompanySecurity:
    """The company-wide figure of the security check (``scoring.company_security``)."""
    company_check = (
        SelfCheck.objects.filter(
            organization=organization, kind=CheckKind.SECURITY, department__isnull=True
        )
        .order_by("-answered_on", "-id")
        .first()
    )
    return scoring.company_security(latest_security_by_department(organization), company_check)


def security_trend(organization, limit: int = 12) -> list[tuple]:
    """(date, company figure) of the security check over time, oldest first (one query)."""
    rows = (
        SelfCheck.objects.filter(organization=organization, kind=CheckKind.SECURITY)
        .order_by("answered_on", "id")
        .values_list("department_id", "answered_on", "score")
    )
    return scoring.company_security_trend(rows, limit=limit)


# --- training ---------------------------------------------------------------------------------


def training_list(membership: Membership) -> QuerySet[TrainingSession]:
    require(membership, P.RESULTS_VIEW)
    return (
        TrainingSession.objects.filter(organization=membership.organization)
        .annotate(attendee_count=Count("attendances", distinct=True))
        .order_by("-held_on", "-id")
    )


def training_get(membership: Membership, pk) -> TrainingSession:
    session = TrainingSession.objects.filter(organization=membership.organization, pk=pk).first()
    if session is None:
        raise Http404
    return session


def attendance_list(membership: Membership, session: TrainingSession) -> QuerySet[Attendance]:
    require(membership, P.PEOPLE_VIEW)
    qs = (
        Attendance.objects.filter(session=session)
        .select_related("person", "person__department")
        .order_by("person__employee_number")
    )
    scope = managed_department_ids(membership)
    if scope is not None:
        qs = qs.filter(person__department_id__in=scope)
    return qs


def training_figures(session: TrainingSession) -> dict:
    """Counts only (no names): attendees, quizzes taken, their average percentage."""
    results = list(QuizResult.objects.filter(session=session).values_list("score", "total"))
    percents = [scoring.percent(s, t) for s, t in results if t]
    return {
        "attendees": session.attendances.count(),
        "quiz_count": len(results),
        "quiz_average": scoring.half_up(sum(percents) / len(percents)) if percents else None,
    }


def quiz_results(membership: Membership, session: TrainingSession) -> dict[int, QuizResult]:
    require(membership, P.PEOPLE_VIEW)
    return {r.person_id: r for r in QuizResult.objects.filter(session=session)}


def active_people(organization) -> QuerySet[Person]:
    return Person.objects.filter(organization=organization).exclude(status=PersonStatus.LEFT)


def _attended_required(organization):
    today = timezone.localdate()
    return Attendance.objects.filter(
        person=OuterRef("pk"),
        session__organization=organization,
        session__required=True,
        session__held_on__lte=today,
    )


def missing_people(membership: Membership) -> QuerySet[Person]:
    """Active staff (in the manager's subtree) who attended no required session held so far."""
    require(membership, P.PEOPLE_VIEW)
    org = membership.organization
    qs = (
        active_people(org)
        .select_related("department")
        .annotate(attended=Exists(_attended_required(org)))
        .filter(attended=False)
    )
    scope = managed_department_ids(membership)
    if scope is not None:
        qs = qs.filter(department_id__in=scope)
    return qs.order_by("employee_number")


def training_coverage(organization) -> dict:
    """How many active staff attended at least one required session held so far."""
    people = active_people(organization)
    active = people.count()
    attended = people.filter(Exists(_attended_required(organization))).count()
    return {
        "active": active,
        "attended": attended,
        "missing": active - attended,
        "percent": scoring.percent(attended, active),
    }


def step2_sessions(organization) -> QuerySet[TrainingSession]:
    return (
        TrainingSession.objects.filter(organization=organization, kind__in=STEP2_KINDS)
        .annotate(attendee_count=Count("attendances"))
        .order_by("-held_on", "-id")
    )


def sessions_for_person(person: Person) -> QuerySet[TrainingSession]:
    """Sessions the person attended, with their quiz result if any (for the quiz list)."""
    return TrainingSession.objects.filter(attendances__person=person).order_by("-held_on", "-id")


# --- patent or secret -------------------------------------------------------------------------


def decision_list(membership: Membership) -> QuerySet[PatentDecision]:
    require(membership, P.DECISION_VIEW)
    return PatentDecision.objects.filter(organization=membership.organization)


def decision_get(membership: Membership, pk) -> PatentDecision:
    decision = decision_list(membership).filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision
