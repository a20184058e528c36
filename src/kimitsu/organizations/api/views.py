from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from kimitsu.api.base import WorkspaceAPIMixin

from .. import selectors, services
from ..access import Perm, memberships_of
from ..choices import OrgKind
from .serializers import DepartmentSerializer, PersonSerializer, WorkspaceMembershipSerializer


def _drf_error(exc: DjangoValidationError):
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


class WorkspaceList(generics.ListAPIView):
    """The workspaces the caller belongs to, with the caller's role in each."""

    serializer_class = WorkspaceMembershipSerializer
    pagination_class = None

    def get_queryset(self):
        return memberships_of(self.request.user)


class DepartmentList(WorkspaceAPIMixin, generics.ListCreateAPIView):
    org_kind = OrgKind.COMPANY
    read_permission = Perm.DEPARTMENTS_VIEW
    write_permission = Perm.DEPARTMENTS_MANAGE
    serializer_class = DepartmentSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.department_list(self.membership).order_by("sort_order", "id")

    def get_serializer(self, *args, **kwargs):
        return DepartmentSerializer(*args, org=getattr(self, "org", None), **kwargs)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            dept = services.department_create(
                actor=request.user,
                membership=self.membership,
                name=data["name"],
                parent=data.get("parent"),
                code=data.get("code", ""),
                sort_order=data.get("sort_order", 0),
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(self.get_serializer(dept).data, status=status.HTTP_201_CREATED)


class DepartmentDetail(WorkspaceAPIMixin, generics.RetrieveUpdateDestroyAPIView):
    org_kind = OrgKind.COMPANY
    read_permission = Perm.DEPARTMENTS_VIEW
    write_permission = Perm.DEPARTMENTS_MANAGE
    serializer_class = DepartmentSerializer

    def get_object(self):
        return selectors.department_get(self.membership, self.kwargs["pk"])

    def get_serializer(self, *args, **kwargs):
        return DepartmentSerializer(*args, org=getattr(self, "org", None), **kwargs)

    def update(self, request, *args, **kwargs):
        dept = self.get_object()
        serializer = self.get_serializer(
            dept, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        try:
            dept = services.department_update(
                actor=request.user,
                membership=self.membership,
                department=dept,
                data=dict(serializer.validated_data),
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(self.get_serializer(dept).data)

    def destroy(self, request, *args, **kwargs):
        try:
            services.department_delete(
                actor=request.user, membership=self.membership, department=self.get_object()
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)


class PersonList(WorkspaceAPIMixin, generics.ListCreateAPIView):
    org_kind = OrgKind.COMPANY
    read_permission = Perm.PEOPLE_VIEW
    write_permission = Perm.PEOPLE_MANAGE
    serializer_class = PersonSerializer

    def get_queryset(self):
        qs = selectors.person_list(self.membership)
        qs = selectors.person_search(qs, self.request.query_params.get("q", ""))
        if self.request.query_params.get("status"):
            qs = qs.filter(status=self.request.query_params["status"])
        return qs.order_by("employee_number")

    def get_serializer(self, *args, **kwargs):
        return PersonSerializer(*args, org=getattr(self, "org", None), **kwargs)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            person = services.person_create(
                actor=request.user, membership=self.membership, data=dict(serializer.validated_data)
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(self.get_serializer(person).data, status=status.HTTP_201_CREATED)


class PersonDetail(WorkspaceAPIMixin, generics.RetrieveUpdateAPIView):
    org_kind = OrgKind.COMPANY
    read_permission = Perm.PEOPLE_VIEW
    write_permission = Perm.PEOPLE_MANAGE
    serializer_class = PersonSerializer

    def get_object(self):
        return selectors.person_get(self.membership, self.kwargs["pk"])

    def get_serializer(self, *args, **kwargs):
        return PersonSerializer(*args, org=getattr(self, "org", None), **kwargs)

    def update(self, request, *args, **kwargs):
        person = self.get_object()
        serializer = self.get_serializer(
            person, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        try:
            person = services.person_update(
                actor=request.user,
                membership=self.membership,
                person=person,
                data=dict(serializer.validated_data),
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(self.get_serializer(person).data)
