"""The one choke point for access to a workspace.

Every view, API endpoint and command that reads domain data resolves the acting membership here and
then reads through the app's selectors, which scope by that membership. An object of another workspace
is never found (404); an action the role does not allow is forbidden (403).
"""

import functools
import importlib

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kimitsu.core.memo import memo

from .choices import Role
from .models import Membership, Organization


class Perm:
    ORG_VIEW = "org.view"
    PROFILE_VIEW = "profile.view"
    PROFILE_EDIT = "profile.edit"
    DEPARTMENTS_VIEW = "departments.view"
    DEPARTMENTS_MANAGE = "departments.manage"
    PEOPLE_VIEW = "people.view"
    PEOPLE_MANAGE = "people.manage"
    MEMBERS_VIEW = "members.view"
    MEMBERS_MANAGE = "members.manage"
    AUDIT_VIEW = "audit.view"
    CLIENTS_VIEW = "clients.view"


_COMPANY_ADMIN = {
    Perm.ORG_VIEW,
    Perm.PROFILE_VIEW,
    Perm.PROFILE_EDIT,
    Perm.DEPARTMENTS_VIEW,
    Perm.DEPARTMENTS_MANAGE,
    Perm.PEOPLE_VIEW,
    Perm.PEOPLE_MANAGE,
    Perm.MEMBERS_VIEW,
    Perm.MEMBERS_MANAGE,
    Perm.AUDIT_VIEW,
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(_COMPANY_ADMIN),
    # A manager sees and maintains the people of the department subtree they manage.
    Role.MANAGER: frozenset(
        {
            Perm.ORG_VIEW,
            Perm.PROFILE_VIEW,
            Perm.DEPARTMENTS_VIEW,
            Perm.PEOPLE_VIEW,
            Perm.PEOPLE_MANAGE,
        }
    ),
    Role.MEMBER: frozenset({Perm.ORG_VIEW, Perm.DEPARTMENTS_VIEW}),
    # The auditor reads what an administrator reads, changes nothing; in the register,
    # need-to-know still decides which entries (register.selectors.visibility_q).
    Role.AUDITOR: frozenset(
        {
            Perm.ORG_VIEW,
            Perm.PROFILE_VIEW,
            Perm.DEPARTMENTS_VIEW,
            Perm.PEOPLE_VIEW,
            Perm.MEMBERS_VIEW,
            Perm.AUDIT_VIEW,
        }
    ),
    # A desk advisor invited by the company: progress and profiles, not people or secrets.
    Role.ADVISOR: frozenset({Perm.ORG_VIEW, Perm.PROFILE_VIEW, Perm.DEPARTMENTS_VIEW}),
    Role.DESK_ADMIN: frozenset(
        {
            Perm.ORG_VIEW,
            Perm.PROFILE_VIEW,
            Perm.PROFILE_EDIT,
            Perm.MEMBERS_VIEW,
            Perm.MEMBERS_MANAGE,
            Perm.AUDIT_VIEW,
            Perm.CLIENTS_VIEW,
        }
    ),
    Role.DESK_ADVISOR: frozenset(
        {Perm.ORG_VIEW, Perm.PROFILE_VIEW, Perm.MEMBERS_VIEW, Perm.CLIENTS_VIEW}
    ),
    Role.LAWYER: frozenset(
        {Perm.ORG_VIEW, Perm.PROFILE_VIEW, Perm.MEMBERS_VIEW, Perm.CLIENTS_VIEW}
    ),
}


@functools.cache
def _app_permissions() -> dict[str, frozenset[str]]:
    """Permissions that domain apps define for the roles, in ``kimitsu/<app>/permissions.py`` as
    ``ROLE_PERMISSIONS = {Role.X: {"app.action", ...}}``. Read once, from installed apps only."""
    merged: dict[str, set[str]] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("kimitsu."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.permissions":
                raise
            continue
        for role, perms in module.ROLE_PERMISSIONS.items():
            merged.setdefault(str(role), set()).update(perms)
    return {role: frozenset(perms) for role, perms in merged.items()}


def has_perm(membership: Membership | None, perm: str) -> bool:
    if membership is None or not membership.is_active:
        return False
    return role_has_perm(membership.role, perm)


def role_has_perm(role: str, perm: str) -> bool:
    """What ``has_perm`` decides for an active membership: a matrix of roles, nothing else."""
    return perm in ROLE_PERMISSIONS.get(role, frozenset()) or perm in _app_permissions().get(
        role, frozenset()
    )


def require(membership: Membership, perm: str) -> None:
    if not has_perm(membership, perm):
        raise PermissionDenied


def memberships_of(user):
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, is_active=True, organization__isnull=False)
        .select_related("organization", "department", "person")
        .order_by("organization__kind", "organization__name")
    )


def my_memberships(user) -> list[Membership]:
    """``memberships_of`` as a list, read once per request (the workspace menu and the view both
    need it)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return memo(("memberships", user.pk), lambda: list(memberships_of(user)))


def resolve_membership(user, org_slug: str, kind: str | None = None) -> Membership:
    """The user's active membership in the workspace, or 404 (another workspace is invisible)."""
    membership = next((m for m in my_memberships(user) if m.organization.slug == org_slug), None)
    if membership is None:
        raise Http404
    if kind is not None and membership.organization.kind != kind:
        raise Http404
    return membership


def organization_for(membership: Membership) -> Organization:
    return membership.organization
