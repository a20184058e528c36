"""The people behind the approver a rule names (承認者).

- 当該情報の管理者 (owner): the custodians of the entries whose cell decides; any one of them.
- 所属部門の長 (manager): the department manager of the requester's department — the nearest
  manager up the tree, so that the head of 製造部 decides for 製造一課 when it has none; the
  entries' owning department when the requester belongs to none.
- 情報管理責任者 (officer) and 代表取締役 (president): the members named in the approval settings;
  else those whose post in the people register is the one the regulation in force names for the
  officer (代表取締役 by default) or 代表取締役 for the president.
- Nobody found (or only the requester): the administrators. An administrator may also decide any
  request in the approver's place; the decision then says so.

The requester never decides their own request.
"""

from dataclasses import dataclass

from django.db.models import Q

from kimitsu.organizations.choices import PersonStatus, Role
from kimitsu.organizations.models import Membership, Person
from kimitsu.organizations.selectors import department_ancestor_ids
from kimitsu.rules.choices import Approver

from .choices import ApproverSource
from .permissions import DECIDER_ROLES

PRESIDENT_POST = "代表取締役"


@dataclass
class Approvers:
    role: str
    memberships: list
    source: str

    @property
    def users(self) -> list:
        return [m.user for m in self.memberships]


def deciders(organization):
    return Membership.objects.filter(
        organization=organization, is_active=True, role__in=DECIDER_ROLES
    ).select_related("user", "person")


def administrators(organization, exclude_user_id=None) -> list[Membership]:
    qs = deciders(organization).filter(role=Role.ADMIN).order_by("pk")
    if exclude_user_id:
        qs = qs.exclude(user_id=exclude_user_id)
    return list(qs)


def person_of(membership: Membership) -> Person | None:
    if membership.person_id:
        return membership.person
    return (
        Person.objects.filter(organization=membership.organization, user_id=membership.user_id)
        .exclude(status=PersonStatus.LEFT)
        .first()
    )


def _by_people(organization, people_q: Q) -> list[Membership]:
    """Deciders who are these people of the register (linked either way)."""
    people = Person.objects.filter(organization=organization).exclude(status=PersonStatus.LEFT)
    people = people.filter(people_q)
    ids = list(people.values_list("pk", flat=True))
    users = [u for u in people.values_list("user_id", flat=True) if u]
    if not ids:
        return []
    return list(
        deciders(organization).filter(Q(person_id__in=ids) | Q(user_id__in=users)).order_by("pk")
    )


def _settings(organization):
    from .models import ApproverSettings

    return ApproverSettings.objects.filter(organization=organization).first()


def officer_post(organization) -> str:
    from kimitsu.rules.selectors import regulation_in_force

    regulation = regulation_in_force(organization)
    return (regulation.officer_post if regulation else "") or PRESIDENT_POST


def _named(organization, which: str) -> tuple[list[Membership], str]:
    settings = _settings(organization)
    chosen = getattr(settings, which, None) if settings else None
    if chosen is not None and chosen.is_active and chosen.role in DECIDER_ROLES:
        return [chosen], ApproverSource.SETTING
    post = officer_post(organization) if which == "officer" else PRESIDENT_POST
    found = _by_people(organization, Q(job_title=post))
    return found, ApproverSource.POST


def _department_heads(organization, department_id, exclude_user_id) -> list[Membership]:
    if not department_id:
        return []
    chain = department_ancestor_ids(organization, department_id)
    managers = list(
        deciders(organization)
        .filter(role=Role.MANAGER, department_id__in=chain)
        .exclude(user_id=exclude_user_id)
        .order_by("pk")
    )
    for department in chain:  # the nearest department that has a manager
        heads = [m for m in managers if m.department_id == department]
        if heads:
            return heads
    return []


def resolve(organization, role: str, *, requester: Membership, entries) -> Approvers:
    """The members who decide a request that the rule sends to ``role``."""
    exclude = requester.user_id
    found: list[Membership] = []
    source = ""
    if role == Approver.OWNER:
        custodians = {e.custodian_id for e in entries if e.custodian_id}
        found = _by_people(organization, Q(pk__in=custodians))
        source = ApproverSource.CUSTODIAN
    elif role == Approver.MANAGER:
        person = person_of(requester)
        department = person.department_id if person else None
        found = _department_heads(organization, department, exclude)
        if not found:
            for entry in entries:
                found = _department_heads(organization, entry.owning_department_id, exclude)
                if found:
                    break
        source = ApproverSource.DEPARTMENT
    elif role == Approver.OFFICER:
        found, source = _named(organization, "officer")
    elif role == Approver.PRESIDENT:
        found, source = _named(organization, "president")
    found = [m for m in found if m.user_id != exclude]
    if not found:
        return Approvers(role, administrators(organization, exclude), ApproverSource.ADMINISTRATORS)
    return Approvers(role, found, source)


def current(organization) -> dict[str, tuple[list[Membership], str]]:
    """Who each named post is today (the settings page)."""
    return {
        Approver.OFFICER: _named(organization, "officer"),
        Approver.PRESIDENT: _named(organization, "president"),
    }
