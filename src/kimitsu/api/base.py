"""The API's side of the access choke point: the same membership resolution and permissions."""

from rest_framework import permissions

from kimitsu.organizations.access import has_perm, resolve_membership


class WorkspacePermission(permissions.BasePermission):
    """Resolves the membership from the URL (404 outside it), then checks the view's permission:
    ``read_permission`` for safe methods, ``write_permission`` otherwise (403 without it)."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        membership = resolve_membership(
            request.user, view.kwargs["org_slug"], getattr(view, "org_kind", None)
        )
        view.membership = membership
        view.org = membership.organization
        if request.method in permissions.SAFE_METHODS:
            needed = view.read_permission
        else:
            needed = getattr(view, "write_permission", None)
        return needed is not None and has_perm(membership, needed)


class WorkspaceAPIMixin:
    permission_classes = [permissions.IsAuthenticated, WorkspacePermission]
    org_kind = None
    read_permission: str
    write_permission: str | None = None
