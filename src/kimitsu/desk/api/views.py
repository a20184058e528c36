from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from kimitsu.api.base import WorkspaceAPIMixin
from kimitsu.core.dates import fiscal_year
from kimitsu.organizations.choices import OrgKind

from .. import permissions as P
from .. import selectors, services
from .. import stats as desk_stats
from .serializers import (
    ClientSerializer,
    ConsultationSerializer,
    SeminarSerializer,
    StatsSerializer,
)


class DeskAPIMixin(WorkspaceAPIMixin):
    org_kind = OrgKind.DESK
    read_permission = P.VIEW

    def get_serializer(self, *args, **kwargs):
        kwargs["org"] = getattr(self, "org", None)
        return self.serializer_class(*args, **kwargs)


class _WriteMixin:
    """create/update through the services."""

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = self.create_service(
            actor=request.user, membership=self.membership, data=dict(serializer.validated_data)
        )
        return Response(self.get_serializer(self.reload(obj)).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        serializer = self.get_serializer(
            obj, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        obj = self.update_service(request.user, obj, dict(serializer.validated_data))
        return Response(self.get_serializer(self.reload(obj)).data)

    def reload(self, obj):
        return obj


class ClientList(DeskAPIMixin, _WriteMixin, generics.ListCreateAPIView):
    """Client companies of the desk."""

    write_permission = P.MANAGE
    serializer_class = ClientSerializer

    def get_queryset(self):
        return selectors.client_list(self.membership).order_by("name", "id")

    def create_service(self, **kwargs):
        return services.client_create(**kwargs)


class ClientDetail(DeskAPIMixin, _WriteMixin, generics.RetrieveUpdateAPIView):
    write_permission = P.MANAGE
    serializer_class = ClientSerializer

    def get_object(self):
        return selectors.client_get(self.membership, self.kwargs["pk"])

    def update_service(self, actor, obj, data):
        return services.client_update(
            actor=actor, membership=self.membership, client=obj, data=data
        )


class ConsultationList(DeskAPIMixin, _WriteMixin, generics.ListCreateAPIView):
    """Consultations; filter with ?fy=2020&status=open&kansai=1."""

    write_permission = P.RECORD
    serializer_class = ConsultationSerializer

    def get_queryset(self):
        return selectors.consultation_filter(
            selectors.consultation_list(self.membership), self.request.query_params
        )

    def create_service(self, **kwargs):
        return services.consultation_create(**kwargs)

    def reload(self, obj):
        return selectors.consultation_get(self.membership, obj.pk)


class ConsultationDetail(DeskAPIMixin, _WriteMixin, generics.RetrieveUpdateAPIView):
    write_permission = P.RECORD
    serializer_class = ConsultationSerializer

    def get_object(self):
        return selectors.consultation_get(self.membership, self.kwargs["pk"])

    def update_service(self, actor, obj, data):
        return services.consultation_update(
            actor=actor, membership=self.membership, consultation=obj, data=data
        )

    def reload(self, obj):
        return selectors.consultation_get(self.membership, obj.pk)


class SeminarList(DeskAPIMixin, _WriteMixin, generics.ListCreateAPIView):
    write_permission = P.MANAGE
    serializer_class = SeminarSerializer

    def get_queryset(self):
        qs = selectors.seminar_list(self.membership)
        # "²".isdigit() is true and int("²") fails: the desk's one parser says what a year is
        fy = desk_stats.parse_fiscal_year(
            self.request.query_params.get("fy"), default=None, field="fy"
        )
        return qs.filter(fiscal_year=fy) if fy else qs

    def create_service(self, **kwargs):
        return services.seminar_create(**kwargs)


class SeminarDetail(DeskAPIMixin, _WriteMixin, generics.RetrieveUpdateAPIView):
    write_permission = P.MANAGE
    serializer_class = SeminarSerializer

    def get_object(self):
        return selectors.seminar_get(self.membership, self.kwargs["pk"])

    def update_service(self, actor, obj, data):
        return services.seminar_update(
            actor=actor, membership=self.membership, seminar=obj, data=data
        )


class Stats(WorkspaceAPIMixin, APIView):
    """Statistics of a fiscal year (April–March), keys in Japanese as in the activity report."""

    org_kind = OrgKind.DESK
    read_permission = P.VIEW

    @extend_schema(
        parameters=[OpenApiParameter("fiscal_year", int, required=False)], responses=StatsSerializer
    )
    def get(self, request, *args, **kwargs):
        year = desk_stats.parse_fiscal_year(
            request.query_params.get("fiscal_year"),
            default=fiscal_year(timezone.localdate(), self.org.fiscal_year_start_month or 4),
        )
        return Response(desk_stats.as_json(desk_stats.desk_stats(self.membership, year)))
