"""Reads of workspace data, always scoped by the acting membership (see access.py)."""

import unicodedata
from collections import Counter

from django.db.models import Q, QuerySet
from django.http import Http404

from kimitsu.core.memo import memo

from .access import Perm, has_perm, require
from .choices import Role
from .models import Department, Invitation, Membership, Person


def _departments(organization) -> list[Department]:
    """Every department of the workspace, in display order: one query per request, however many
    parts of the page ask (``core.memo``)."""
    org_id = getattr(organization, "pk", organization)  # an organization or its id
    return memo(
        ("departments", org_id),
        lambda: list(Department.objects.filter(organization_id=org_id)),
    )


def department_descendant_ids(organization, root_ids) -> set[int]:
    """Ids of the given departments and everything below them."""
    children: dict[int | None, list[int]] = {}
    for d in _departments(organization):
        children.setdefault(d.parent_id, []).append(d.id)
    found: set[int] = set()
    stack = [r for r in root_ids if r is not None]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found


def department_ancestor_ids(organization, department_id) -> list[int]:
    """The department and every department above it, nearest first."""
    parents = {d.id: d.parent_id for d in _departments(organization)}
    return _ancestors(department_id, parents)


def _ancestors(department_id, parents: dict) -> list[int]:
    out: list[int] = []
    current = department_id
    while current is not None and current not in out:
        out.append(current)
        current = parents.get(current)
    return out


def department_paths(organization) -> dict[int, str]:
    """Every department's path from the top, as people write it (大阪支店/営業課)."""
    departments = _departments(organization)
    names = {d.id: d.name for d in departments}
    parents = {d.id: d.parent_id for d in departments}
    return {pk: "/".join(names[a] for a in reversed(_ancestors(pk, parents))) for pk in names}


def department_labels(organization) -> dict[int, str]:
    """A name for each department that no other shares: its name; where several departments
    share it (営業課 under two branches), its code, or failing that its path from the top."""
    departments = _departments(organization)
    shared = Counter(d.name for d in departments)
    paths = department_paths(organization) if len(shared) < len(departments) else {}
    return {d.id: d.name if shared[d.name] == 1 else (d.code or paths[d.id]) for d in departments}


def department_tree(organization) -> list[tuple[Department, int]]:
    """Departments in tree order with their depth, for display."""
    by_parent: dict[int | None, list[Department]] = {}
    for d in _departments(organization):
        by_parent.setdefault(d.parent_id, []).append(d)
    out: list[tuple[Department, int]] = []

    def walk(parent_id, depth):
        for d in sorted(by_parent.get(parent_id, []), key=lambda x: (x.sort_order, x.name)):
            out.append((d, depth))
            walk(d.id, depth + 1)

    walk(None, 0)
    return out


def department_name_key(name: str) -> str:
    """A department's name as compared with its siblings': 工事部, 工事部 with a trailing space,
    ｺｳｼﾞ and コウジ, ABC and ａｂｃ are the same name (NFKC, case and spacing folded)."""
    return "".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def department_sibling_named(organization, parent, name: str, exclude=None) -> Department | None:
    """The department beside which (same workspace, same parent) ``name`` would be a second
    one of the same name, if any."""
    parent_id = getattr(parent, "pk", parent)
    exclude_id = getattr(exclude, "pk", exclude)
    key = department_name_key(name)
    siblings = Department.objects.filter(organization=organization, parent_id=parent_id)
    if exclude_id is not None:
        siblings = siblings.exclude(pk=exclude_id)
    return next((d for d in siblings if department_name_key(d.name) == key), None)


def department_list(membership: Membership) -> QuerySet[Department]:
    require(membership, Perm.DEPARTMENTS_VIEW)
    return Department.objects.filter(organization=membership.organization).select_related("parent")


def department_get(membership: Membership, pk) -> Department:
    dept = department_list(membership).filter(pk=pk).first()
    if dept is None:
        raise Http404
    return dept


def managed_department_ids(membership: Membership) -> set[int] | None:
    """None means the whole organization; a set limits a manager to their subtree."""
    if membership.role == Role.MANAGER:
        return department_descendant_ids(membership.organization, [membership.department_id])
    return None


def person_list(membership: Membership) -> QuerySet[Person]:
    require(membership, Perm.PEOPLE_VIEW)
    qs = Person.objects.filter(organization=membership.organization).select_related(
        "department", "user"
    )
    scope = managed_department_ids(membership)
    if scope is not None:
        qs = qs.filter(department_id__in=scope)
    return qs


def person_get(membership: Membership, pk) -> Person:
    person = person_list(membership).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def person_search(qs: QuerySet[Person], text: str) -> QuerySet[Person]:
    for word in (text or "").split():
        qs = qs.filter(
            Q(employee_number__icontains=word)
            | Q(family_name__icontains=word)
            | Q(given_name__icontains=word)
            | Q(family_name_kana__icontains=word)
            | Q(given_name_kana__icontains=word)
            | Q(email__icontains=word)
        )
    return qs


def can_manage_person(membership: Membership, person: Person | None = None) -> bool:
    if not has_perm(membership, Perm.PEOPLE_MANAGE):
        return False
    scope = managed_department_ids(membership)
    if scope is None or person is None:
        return True
    return person.department_id in scope


def member_list(membership: Membership) -> QuerySet[Membership]:
    require(membership, Perm.MEMBERS_VIEW)
    return (
        Membership.objects.filter(organization=membership.organization)
        .select_related("user", "department", "person")
        .order_by("-is_active", "role", "user__email")
    )


def member_get(membership: Membership, pk) -> Membership:
    member = member_list(membership).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def invitation_list(membership: Membership) -> QuerySet[Invitation]:
    require(membership, Perm.MEMBERS_VIEW)
    return Invitation.objects.filter(
        organization=membership.organization, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by", "department")


def linked_companies(desk_membership: Membership):
    """Companies where a staff member of this desk is an invited external advisor."""
    from .choices import OrgKind
    from .models import Organization

    require(desk_membership, Perm.CLIENTS_VIEW)
    staff_ids = Membership.objects.filter(
        organization=desk_membership.organization, is_active=True
    ).values("user_id")
    return (
        Organization.objects.filter(
            kind=OrgKind.COMPANY,
            memberships__role=Role.ADVISOR,
            memberships__is_active=True,
            memberships__user_id__in=staff_ids,
        )
        .distinct()
        .order_by("name")
    )
