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


def exception_handler(exc, context):
    """DRF's handler, which also answers a Django ValidationError (what every service raises for
    bad input) with a 400 and its field messages, as it does for a serializer's. Views call
    services directly; no view converts the error by hand."""
    from django.core.exceptions import ValidationError as DjangoValidationError
    from rest_framework.exceptions import ValidationError
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    return drf_exception_handler(exc, context)


class OrgSerializerMixin:
    """Serializers that limit their related-object choices to the workspace take ``org``."""

    def get_serializer(self, *args, **kwargs):
        return self.serializer_class(*args, org=getattr(self, "org", None), **kwargs)


class ServiceCreateMixin:
    """POST validates with the serializer, then creates through ``create_object(data)``."""

    def create(self, request, *args, **kwargs):
        from rest_framework import status
        from rest_framework.response import Response

        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = self.create_object(data=dict(serializer.validated_data))
        return Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED)


class ServiceUpdateMixin:
    """PUT/PATCH validate with the serializer, then update through ``update_object``."""

    def update(self, request, *args, **kwargs):
        from rest_framework.response import Response

        instance = self.get_object()
        serializer = self.get_serializer(
            instance, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        obj = self.update_object(instance=instance, data=dict(serializer.validated_data))
        return Response(self.get_serializer(obj).data)
