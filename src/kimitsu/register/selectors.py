"""Reads of the register, always scoped by organization and, for entries, by need-to-know.

Visibility (who sees which entry):
- administrators: every entry;
- department managers: entries whose owning department is in the subtree they manage, in any
  status, plus what an employee sees;
- employees and auditors: approved (or retired) entries of a level without need-to-know, and
  need-to-know or unclassified ones only when granted (directly or through their department) or
  custodian; and their own proposals until they are approved (then need-to-know decides, as for anyone);
- external advisors: no entry at all, counts only (``register_counts``).
"""

import datetime as dt

from django.core.paginator import Page
from django.db import connection
from django.db.models import BooleanField, Count, Exists, F, Func, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from kimitsu.core.memo import recent
from kimitsu.core.paging import CappedPaginator
from kimitsu.organizations.choices import PersonStatus, Role
from kimitsu.organizations.models import Membership, Person
from kimitsu.organizations.selectors import (
    department_ancestor_ids,
    department_descendant_ids,
    department_labels,
)

from . import permissions as P
from .choices import CLOSED_STATUSES, Medium, Requirement, Status
from .models import DepartmentGrant, Entry, Level, PersonGrant, bigram_tokens, bigrams, normalize

REVIEW_SOON_DAYS = 30
LIVE_STATUSES = (Status.APPROVED,)
VISIBLE_STATUSES = (Status.APPROVED, Status.RETIRED)
OWN_PROPOSAL_STATUSES = (Status.PROPOSED, Status.RETURNED, Status.REJECTED)


# --- levels -------------------------------------------------------------------------------


def levels_for(organization) -> QuerySet[Level]:
    return Level.objects.filter(organization=organization).order_by("-rank", "id")


def levels_in_use(organization) -> QuerySet[Level]:
    """Levels of approved, non-retired entries (for handling rules and markings)."""
    # one index probe per level (``register_entry_state``), not a read of every approved entry
    used = Entry.objects.filter(
        organization=organization, status=Status.APPROVED, level=OuterRef("pk")
    )
    return levels_for(organization).filter(Exists(used))


def level_get(organization, pk) -> Level:
    level = levels_for(organization).filter(pk=pk).first()
    if level is None:
        raise Http404
    return level


# --- departments ----------------------------------------------------------------------------


def _department_grant_q(organization, department_id) -> Q:
    """Entries granted to this department directly, or to a department above it with its
    sub-departments. A non-correlated ``IN (subquery)``: evaluated once, not once per row."""
    ancestors = department_ancestor_ids(organization, department_id)
    grants = DepartmentGrant.objects.filter(
        Q(department_id=department_id)
        | Q(department_id__in=ancestors[1:], include_subdepartments=True)
    )
    return Q(pk__in=grants.values("entry_id"))


def _person_access_q(person: Person) -> Q:
    q = Q(custodian_id=person.pk) | Q(
        pk__in=PersonGrant.objects.filter(person_id=person.pk).values("entry_id")
    )
    if person.department_id:
        q |= _department_grant_q(person.organization_id, person.department_id)
    return q


# --- the exit pledge's list -----------------------------------------------------------------


def entries_accessible_by_person(person: Person) -> QuerySet[Entry]:
    """Approved entries the person can access through a direct grant, a department grant or as
    custodian. Nothing for a person who has left."""
    if person is None or person.status == PersonStatus.LEFT:
        return Entry.objects.none()
    return (
        Entry.objects.filter(organization_id=person.organization_id, status=Status.APPROVED)
        .filter(_person_access_q(person))
        .select_related("level", "owning_department")
        .order_by("ledger_number")
    )


def person_effective_access(person: Person) -> list[dict]:
    """Every approved entry the person can access, with how: for the person's access page."""
    entries = list(entries_accessible_by_person(person))
    if not entries:
        return []
    ids = [e.pk for e in entries]
    direct = set(
        PersonGrant.objects.filter(person=person, entry_id__in=ids).values_list(
            "entry_id", flat=True
        )
    )
    via: dict[int, list[str]] = {}
    if person.department_id:
        ancestors = department_ancestor_ids(person.organization_id, person.department_id)
        grants = DepartmentGrant.objects.filter(
            entry_id__in=ids, department_id__in=ancestors
        ).select_related("department")
        for g in grants:
            if g.department_id == person.department_id or g.include_subdepartments:
                via.setdefault(g.entry_id, []).append(g.department.name)
    out = []
    for e in entries:
        out.append(
            {
                "entry": e,
                "direct": e.pk in direct,
                "custodian": e.custodian_id == person.pk,
                "departments": via.get(e.pk, []),
            }
        )
    return out


# --- visibility ---------------------------------------------------------------------------


def sees_everything(membership: Membership) -> bool:
    # Auditors follow need-to-know like employees (issue 3 names who may see 極秘 and 秘); an
    # audit of a 極秘 entry's record is done with a grant, which is itself recorded.
    return membership.role == Role.ADMIN


def managed_ids(membership: Membership) -> set[int] | None:
    """None: the whole company; a set: the manager's subtree; empty: nothing to manage."""
    if membership.role == Role.ADMIN:
        return None
    if membership.role == Role.MANAGER and membership.department_id:
        return department_descendant_ids(membership.organization, [membership.department_id])
    return set()


def visibility_q(membership: Membership) -> Q | None:
    if sees_everything(membership):
        return None
    org = membership.organization
    open_levels = list(
        Level.objects.filter(organization=org, need_to_know=False).values_list("id", flat=True)
    )
    reach = Q(level_id__in=open_levels)
    person = membership.person
    if person is not None and person.status != PersonStatus.LEFT:
        reach |= _person_access_q(person)
    q = Q(status__in=VISIBLE_STATUSES) & reach
    # one's own proposals while they are being decided; once approved, need-to-know decides
    q |= Q(proposed_by_id=membership.user_id, status__in=OWN_PROPOSAL_STATUSES)
    scope = managed_ids(membership)
    if scope:
        q |= Q(owning_department_id__in=scope)
    return q


SELECT_RELATED = ("level", "owning_department", "custodian")
# what a list of entries shows (the register, the reviews due): a page of 50 full rows with their
# level, department and custodian costs 574 date conversions and twice the time
LIST_FIELDS = (
    "organization_id",
    "ledger_number",
    "title",
    "item_type",
    "category",
    "status",
    "next_review_on",
    "level__name",
    "level__color",
    "level__rank",
    "owning_department__name",
    "custodian__family_name",
    "custodian__given_name",
)


def person_access_seen_by(membership: Membership, person) -> tuple[list[dict], int]:
    """A person's effective access (``person_effective_access``) as the reader may see it: the
    rows of entries the reader may open, and how many more there are."""
    rows = person_effective_access(person)
    visible = set(
        entry_list(membership)
        .filter(pk__in=[r["entry"].pk for r in rows])
        .values_list("pk", flat=True)
    )
    shown = [r for r in rows if r["entry"].pk in visible]
    return shown, len(rows) - len(shown)


def entry_list(membership: Membership) -> QuerySet[Entry]:
    from kimitsu.organizations.access import require

    require(membership, P.ENTRIES)
    qs = Entry.objects.filter(organization=membership.organization)
    q = visibility_q(membership)
    if q is not None:
        qs = qs.filter(q)
    return qs.select_related(*SELECT_RELATED)


def entry_get(membership: Membership, pk) -> Entry:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    entry = entry_list(membership).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def can_manage_entry(membership: Membership, entry: Entry | None = None) -> bool:
    from kimitsu.organizations.access import has_perm

    if not has_perm(membership, P.MANAGE):
        return False
    scope = managed_ids(membership)
    if scope is None:
        return True
    if entry is None:
        return bool(scope)
    return entry.owning_department_id in scope


def can_edit_entry(membership: Membership, entry: Entry) -> bool:
    if entry.status in CLOSED_STATUSES:
        return False
    if can_manage_entry(membership, entry):
        return True
    return entry.proposed_by_id == membership.user_id and entry.status in (
        Status.PROPOSED,
        Status.RETURNED,
    )


# --- search, filters, sorting -------------------------------------------------------------

SORTS = {
    "number": ("ledger_number",),
    "-number": ("-ledger_number",),
    "title": ("title", "ledger_number"),
    "-title": ("-title", "ledger_number"),
    # entries without a level or a review date come last either way (both databases agree)
    "level": (F("level__rank").desc(nulls_last=True), "ledger_number"),
    "-level": (F("level__rank").asc(nulls_last=True), "ledger_number"),
    "review": (F("next_review_on").asc(nulls_last=True), "ledger_number"),
    "-review": (F("next_review_on").desc(nulls_last=True), "ledger_number"),
    "updated": ("-updated_at", "-id"),
}


class HasBigrams(Func):
    """``kimitsu_bigrams(search_text) @> {the word's bigrams}``: answered by the PostgreSQL GIN
    index of migration 0003."""

    output_field = BooleanField()

    def __init__(self, expression, grams):
        super().__init__(expression)
        self.grams = sorted(grams)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"kimitsu_bigrams({sql}) @> %s::text[]", (*params, self.grams)


def search_index_q(words: list[str], organization=None) -> Q | None:
    """Entries whose text holds every bigram of every word, from the database's bigram index
    (PostgreSQL: GIN, migration 0003; SQLite: FTS5, migration 0004). A necessary condition of
    the substring match, never a sufficient one: it narrows the rows that the ``LIKE`` looks at
    and never changes the result. Words of one character have no bigram and are only scanned."""
    words = [w for w in words if len(w) >= 2]
    if not words:
        return None
    if connection.vendor == "postgresql":
        return Q(*(HasBigrams(F("search_text"), bigrams(w)) for w in words))
    if connection.vendor == "sqlite":
        tokens = sorted({t for w in words for t in bigram_tokens(w).split()})
        match = " ".join(f'"{t}"' for t in tokens)
        # SQLite takes the candidates as a list of rowids, whatever their number, and looks each
        # one up (about 1 µs a row, where a scan costs 0.3), then sorts them all for the page.
        # Beyond about a tenth of the register, walking the sort order's index and stopping
        # after one page does better (20,000 entries, 図面 in a third: 0.8 ms for the page
        # against 7.4; 100,000 entries, 23,000 candidates: 3 ms against 33), so the index
        # serves only the words it narrows well.
        most = sqlite_max_candidates(organization)
        with connection.cursor() as cursor:
            cursor.execute(SQLITE_PROBE, (match, most + 1))
            if cursor.fetchone()[0] > most:
                return None
        return Q(pk__in=RawSQL(SQLITE_MATCH, (match,)))
    return None


SQLITE_MATCH = "SELECT rowid FROM register_entry_grams WHERE register_entry_grams MATCH %s"
SQLITE_PROBE = f"SELECT count(*) FROM ({SQLITE_MATCH} LIMIT %s)"
SQLITE_MAX_CANDIDATES = 12_000
SQLITE_MIN_CANDIDATES = 1_000


def sqlite_max_candidates(organization) -> int:
    """The most candidates for which the bigram index is worth it: a tenth of the workspace's
    register, between 1,000 and 12,000. The register's size steers only the plan, never the
    answer: it is counted once in ten minutes per process (``core.memo.recent``)."""
    if organization is None:
        return SQLITE_MAX_CANDIDATES
    size = recent(
        ("register.size", organization.pk),
        Entry.objects.filter(organization=organization).count,
        seconds=600,
    )
    return min(SQLITE_MAX_CANDIDATES, max(SQLITE_MIN_CANDIDATES, size // 10))


def entry_search(qs: QuerySet[Entry], text: str, organization=None) -> QuerySet[Entry]:
    """Every word must occur in the normalised search column (substring match, so that
    two-character Japanese words such as 図面 or 原価 match, with full-width and half-width
    forms unified). The bigram index finds the candidate rows first where it can."""
    words = normalize(text).split()
    hint = search_index_q(words, organization)
    if hint is not None:
        qs = qs.filter(hint)
    for word in words:
        qs = qs.filter(search_text__contains=word)
    return qs


def entry_filter(qs: QuerySet[Entry], params, organization, today=None) -> QuerySet[Entry]:
    today = today or timezone.localdate()
    qs = entry_search(qs, params.get("q", ""), organization)
    category = params.get("category")
    if category:
        qs = qs.filter(category=category)
    level = params.get("level")
    if level == "none":
        qs = qs.filter(level__isnull=True)
    elif level and str(level).isdigit():
        qs = qs.filter(level_id=int(level))
    dept = params.get("department")
    if dept and str(dept).isdigit():
        qs = qs.filter(
            owning_department_id__in=department_descendant_ids(organization, [int(dept)])
        )
    status = params.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    elif status != "all":  # the default, also for a value that is not a status
        qs = qs.exclude(status__in=CLOSED_STATUSES)
    review = params.get("review")
    if review == "overdue":
        qs = qs.filter(status=Status.APPROVED, next_review_on__lt=today)
    elif review == "due":
        qs = qs.filter(
            status=Status.APPROVED,
            next_review_on__lte=today + dt.timedelta(days=REVIEW_SOON_DAYS),
        )
    medium = params.get("medium")
    if medium in Medium.values:
        qs = qs.filter(media__contains=medium)
    custodian = params.get("custodian")
    if custodian and str(custodian).isdigit():
        qs = qs.filter(custodian_id=int(custodian))
    qualify = params.get("qualify")
    if qualify == "no":
        qs = qs.filter(not_qualifying_q())
    return qs.order_by(*SORTS.get(params.get("sort") or "number", SORTS["number"]))


def entry_page(qs: QuerySet[Entry], number, per_page: int) -> Page:
    """One page of a filtered, sorted list, in two steps: the page's ids first (the database
    filters, counts and sorts narrow rows, with no join), then those rows with their level,
    department and custodian. Joining before the ``LIMIT`` lets a planner with stale statistics
    join every matching row (seen on PostgreSQL: 150 ms instead of 10 for a page of 50). A long
    list is counted up to 1,000 (``core.paging``)."""
    page = CappedPaginator(qs.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    rows = (
        qs.model.objects.filter(pk__in=ids)
        .select_related(*SELECT_RELATED)
        .only(*LIST_FIELDS)
        .in_bulk()
    )
    page.object_list = [rows[pk] for pk in ids]
    return page


def not_qualifying_q() -> Q:
    """Entries that may not qualify as a trade secret as they stand: a requirement is not met,
    or only partly (一部 secrecy management is the usual weakness that courts find)."""
    weak = (Requirement.NOT_MET, Requirement.PARTLY)
    return Q(secrecy__in=weak) | Q(usefulness__in=weak) | Q(non_public__in=weak)


def reviews_due(organization, today=None, within_days=REVIEW_SOON_DAYS) -> QuerySet[Entry]:
    today = today or timezone.localdate()
    return Entry.objects.filter(
        organization=organization,
        status=Status.APPROVED,
        next_review_on__lte=today + dt.timedelta(days=within_days),
    )


# --- assessment ---------------------------------------------------------------------------


REQUIREMENT_FIELDS = ("secrecy", "usefulness", "non_public")


def qualification_problems(entry, result=Requirement.NOT_MET) -> list[str]:
    """Legal requirements (不正競争防止法 2条6項) that the assessment says are not met (or, with
    ``result=Requirement.PARTLY``, only partly met)."""
    from django.utils.translation import gettext as _

    names = {
        "secrecy": _("secrecy management"),
        "usefulness": _("usefulness"),
        "non_public": _("non-public nature"),
    }
    return [str(names[f]) for f in REQUIREMENT_FIELDS if getattr(entry, f) == result]


def would_not_qualify(entry) -> bool:
    """As assessed, not a trade secret as it stands: a requirement is not met, or partly."""
    return any(
        getattr(entry, f) in (Requirement.NOT_MET, Requirement.PARTLY) for f in REQUIREMENT_FIELDS
    )


def suggest_level(levels, value_score, damage_score, non_public: str = "") -> Level | None:
    """The level the assessment suggests: the highest-ranking level whose threshold
    max(value, damage) reaches. Publicly known information is not a trade secret, so it gets
    the lowest non-secret level if there is one. A person decides."""
    levels = sorted(levels, key=lambda lv: -lv.rank)
    if not levels:
        return None
    if non_public == Requirement.NOT_MET:
        public = [lv for lv in levels if not lv.is_secret]
        if public:
            return public[-1]
    if not value_score and not damage_score:
        return None
    score = max(value_score or 0, damage_score or 0)
    for level in levels:
        if score >= level.suggest_from_score:
            return level
    return levels[-1]


# --- counts (dashboards) ------------------------------------------------------------------


def register_counts(organization, today=None) -> dict:
    """Counts only, never titles: safe for dashboards and external advisors."""
    today = today or timezone.localdate()
    base = Entry.objects.filter(organization=organization)
    agg = base.aggregate(
        total=Count("id", filter=~Q(status__in=CLOSED_STATUSES)),
        approved=Count("id", filter=Q(status=Status.APPROVED)),
        proposed=Count("id", filter=Q(status=Status.PROPOSED)),
        returned=Count("id", filter=Q(status=Status.RETURNED)),
        retired=Count("id", filter=Q(status=Status.RETIRED)),
        unclassified=Count("id", filter=Q(status=Status.APPROVED, level__isnull=True)),
        reviews_due=Count("id", filter=Q(status=Status.APPROVED, next_review_on__lte=today)),
        # not yet due, due within 30 days (the ones already due are reviews_due)
        reviews_soon=Count(
            "id",
            filter=Q(
                status=Status.APPROVED,
                next_review_on__gt=today,
                next_review_on__lte=today + dt.timedelta(days=REVIEW_SOON_DAYS),
            ),
        ),
        not_qualifying=Count("id", filter=Q(status=Status.APPROVED) & not_qualifying_q()),
    )
    by_level_ids = dict(
        base.filter(status=Status.APPROVED, level__isnull=False)
        .values_list("level_id")
        .annotate(n=Count("id"))
        .values_list("level_id", "n")
    )
    by_level = {lv.name: by_level_ids.get(lv.pk, 0) for lv in levels_for(organization)}
    return {**agg, "by_level": by_level}


def counts_by_level_and_category(organization) -> dict[tuple[int | None, str], int]:
    rows = (
        Entry.objects.filter(organization=organization, status=Status.APPROVED)
        .values_list("level_id", "category")
        .annotate(n=Count("id"))
        .values_list("level_id", "category", "n")
    )
    return {(lv, cat): n for lv, cat, n in rows}


def counts_by_department(organization) -> list[tuple[str, int]]:
    """Approved entries per owning department, most first; departments that share a name (営業課
    under two branches) stay apart, labelled as the ledger file labels them."""
    rows = (
        Entry.objects.filter(organization=organization, status=Status.APPROVED)
        .values_list("owning_department_id")
        .annotate(n=Count("id"))
        .values_list("owning_department_id", "n")
        .order_by()
    )
    labels = department_labels(organization)
    out = [(labels.get(dept_id, "") if dept_id else "", n) for dept_id, n in rows]
    return sorted(out, key=lambda row: (-row[1], row[0]))
