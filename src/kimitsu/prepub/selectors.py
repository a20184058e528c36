"""Reads of the pre-publication check, always through the reader's membership."""

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from kimitsu.awareness.choices import Decision
from kimitsu.awareness.models import PatentDecision
from kimitsu.organizations.access import has_perm, require
from kimitsu.organizations.models import Membership
from kimitsu.register.choices import Status
from kimitsu.register.models import Entry

from . import permissions as P
from .choices import State
from .matching import Matcher
from .models import CheckRequest, CheckVersion

# Terms of entries still kept secret: a rejected proposal or a retired entry protects nothing.
CHECKED_STATUSES = [s for s in Status.values if s not in (Status.REJECTED, Status.RETIRED)]
ENTRY = "entry"
DECISION = "decision"


def request_list(membership: Membership) -> QuerySet[CheckRequest]:
    """Every request of the company for administrators, managers and auditors; otherwise a
    reader's own, and those whose drafts hit an entry in the reader's custody."""
    require(membership, P.VIEW)
    qs = CheckRequest.objects.filter(organization=membership.organization)
    if has_perm(membership, P.ALL):
        return qs
    mine = Q(created_by=membership.user)
    if membership.person_id:
        custody = CheckVersion.objects.filter(
            request__organization=membership.organization,
            entries__custodian_id=membership.person_id,
        ).values("request_id")
        mine |= Q(pk__in=custody)
    return qs.filter(mine)


def request_get(membership: Membership, pk: int) -> CheckRequest:
    return get_object_or_404(request_list(membership), pk=pk)


def latest_version(request: CheckRequest) -> CheckVersion | None:
    return request.versions.order_by("-number").first()


def with_latest(qs: QuerySet[CheckRequest]) -> QuerySet[CheckRequest]:
    """The requests with their latest version's id and number of hits (for the list's state,
    in one query)."""
    latest = CheckVersion.objects.filter(request=OuterRef("pk")).order_by("-number")
    return qs.annotate(
        latest_pk=Subquery(latest.values("pk")[:1]),
        latest_hits=Subquery(latest.values("hit_count")[:1]),
        latest_number=Subquery(latest.values("number")[:1]),
    )


def in_state(qs: QuerySet[CheckRequest], state: str) -> QuerySet[CheckRequest]:
    """Filter ``with_latest`` requests by where they stand (``models.state_of``)."""
    decided = Q(decided_version_id=F("latest_pk")) & ~Q(verdict="")
    if state == State.DECIDED:
        return qs.filter(decided)
    if state == State.CLEAN:
        return qs.exclude(decided).filter(Q(latest_hits=0) | Q(latest_hits__isnull=True))
    return qs.exclude(decided).filter(latest_hits__gt=0)


def annotated_state(request: CheckRequest) -> str:
    if request.verdict and request.decided_version_id == request.latest_pk:
        return State.DECIDED
    return State.PENDING if request.latest_hits else State.CLEAN


def may_recheck(membership: Membership, request: CheckRequest) -> bool:
    """Who checks a corrected draft: the one who asked, or an administrator."""
    if not has_perm(membership, P.CHECK):
        return False
    return request.created_by_id == membership.user_id or has_perm(membership, P.DECIDE)


def may_decide(membership: Membership, version: CheckVersion | None) -> bool:
    """An administrator, or the custodian of an entry the draft hits (who knows what may be
    said of it)."""
    if version is None or version.clean:
        return False
    if has_perm(membership, P.DECIDE):
        return True
    return bool(
        membership.person_id
        and has_perm(membership, P.CHECK)
        and version.entries.filter(custodian_id=membership.person_id).exists()
    )


def terms_of(organization):
    """(term, source) for every check term of the company: entries still secret, and the
    technologies a 権利化・秘匿化 decision keeps secret (counted to their entry when linked)."""
    rows = (
        Entry.objects.filter(organization=organization, status__in=CHECKED_STATUSES)
        .exclude(check_terms="")
        .values_list("id", "check_terms")
    )
    for pk, text in rows.iterator(chunk_size=5000):
        source = (ENTRY, pk)
        for term in text.split("\n"):
            yield term, source
    decisions = (
        PatentDecision.objects.filter(
            organization=organization, decision__in=[Decision.SECRET, Decision.BOTH]
        )
        .exclude(check_terms="")
        .values_list("id", "register_entry_id", "check_terms")
    )
    for pk, entry_id, text in decisions:
        source = (ENTRY, entry_id) if entry_id else (DECISION, pk)
        for term in text.split("\n"):
            yield term, source


# One matcher per workspace and process, rebuilt when a term may have changed: building the
# automaton for 300,000 terms costs a second, looking through a draft with it milliseconds.
_matchers: dict[int, tuple[tuple, Matcher]] = {}


def _terms_version(organization) -> tuple:
    entries = Entry.objects.filter(organization=organization).aggregate(
        n=Count("id"), top=Max("id"), changed=Max("updated_at")
    )
    # decisions are few, and have no time of change: their terms themselves are the stamp
    decided = PatentDecision.objects.filter(organization=organization).values_list(
        "id", "decision", "check_terms", "register_entry_id"
    )
    return (*entries.values(), hash(tuple(decided)))


def matcher_for(organization) -> Matcher:
    version = _terms_version(organization)
    cached = _matchers.get(organization.pk)
    if cached and cached[0] == version:
        return cached[1]
    matcher = Matcher(terms_of(organization))
    _matchers[organization.pk] = (version, matcher)
    return matcher
