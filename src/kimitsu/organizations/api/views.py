from rest_framework import generics, status
from rest_framework.response import Response

from kimitsu.api.base import (
    OrgSerializerMixin,
    ServiceCreateMixin,
    ServiceUpdateMixin,
    WorkspaceAPIMixin,
)

from .. import selectors, services
from ..access import Perm, memberships_of
from ..choices import OrgKind
from .serializers import DepartmentSerializer, PersonSerializer, WorkspaceMembershipSerializer


class WorkspaceList(generics.ListAPIView):
    """The workspaces the caller belongs to, with the caller's role in each."""

    serializer_class = WorkspaceMembershipSerializer
    pagination_class = None

    def get_queryset(self):
        return memberships_of(self.request.user)


class DepartmentList(
    WorkspaceAPIMixin, OrgSerializerMixin, ServiceCreateMixin, generics.ListCreateAPIView
):
    org_kind = OrgKind.COMPANY
    read_permission = Perm.DEPARTMENTS_VIEW
    write_permission = Perm.DEPARTMENTS_MANAGE
    serializer_class = DepartmentSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.department_list(self.membership).order_by("sort_order", "id")

    def create_object(self, data):
        return services.department_create(
            actor=self.request.user,
            membership=self.membership,
            name=data["name"],
            parent=data.get("parent"),
            code=data.get("code", ""),
            sort_order=data.get("sort_order", 0),
        )


class DepartmentDetail(
    WorkspaceAPIMixin, OrgSerializerMixin, ServiceUpdateMixin, generics.RetrieveUpdateDestroyAPIView
):
    org_kind = OrgKind.COMPANY
    read_permission = Perm.DEPARTMENTS_VIEW
    write_permission = Perm.DEPARTMENTS_MANAGE
    serializer_class = DepartmentSerializer

    def get_object(self):
        return selectors.department_get(self.membership, self.kwargs["pk"])

    def update_object(self, instance, data):
        return services.department_update(
            actor=self.request.user, membership=self.membership, department=instance, data=data
        )

    def destroy(self, request, *args, **kwargs):
        services.department_delete(
            actor=request.user,
            membership=self.membership,
            department=self.get_object(),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class PersonList(
    WorkspaceAPIMixin, OrgSerializerMixin, ServiceCreateMixin, generics.ListCreateAPIView
):
    """People of the register; filters: q (name, kana, number, e-mail), status."""

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

    def create_object(self, data):
        return services.person_create(
            actor=self.request.user, membership=self.membership, data=data
        )


class PersonDetail(
    WorkspaceAPIMixin, OrgSerializerMixin, ServiceUpdateMixin, generics.RetrieveUpdateAPIView
):
    org_kind = OrgKind.COMPANY
    read_permission = Perm.PEOPLE_VIEW
    write_permission = Perm.PEOPLE_MANAGE
    serializer_class = PersonSerializer

    def get_object(self):
        return selectors.person_get(self.membership, self.kwargs["pk"])

    def update_object(self, instance, data):
        return services.person_update(
            actor=self.request.user, membership=self.membership, person=instance, data=data
        )
