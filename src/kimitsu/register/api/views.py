"""The register through /api/v1/o/<slug>/register/: the same selectors, services and rules as
the pages (need-to-know visibility, manager scope, audit of 極秘 views, all-or-nothing import)."""

import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from kimitsu.api.base import ServiceUpdateMixin, WorkspaceAPIMixin
from kimitsu.organizations.choices import OrgKind
from kimitsu.organizations.selectors import person_get

from .. import ledger_io, selectors, services
from .. import permissions as P
from ..models import DepartmentGrant, PersonGrant
from . import serializers as s

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RegisterAPI(WorkspaceAPIMixin):
    org_kind = OrgKind.COMPANY
    read_permission = P.ENTRIES


class EntryMixin(RegisterAPI):
    def get_entry(self):
        return selectors.entry_get(self.membership, self.kwargs["pk"])

    def manageable_entry(self):
        entry = self.get_entry()
        if not selectors.can_manage_entry(self.membership, entry):
            raise PermissionDenied
        return entry


FILTERS = [
    OpenApiParameter(name, str, description=desc)
    for name, desc in [
        ("q", "search words (Japanese two-character words match)"),
        ("category", "technical | sales | management | third_party | other"),
        ("level", "level id, or 'none'"),
        ("department", "department id (with its subtree)"),
        ("status", "proposed | returned | approved | rejected | retired | all"),
        ("review", "due | overdue"),
        ("medium", "paper | electronic | object | knowhow"),
        ("sort", "number | -number | title | level | review | updated"),
    ]
]


class EntryList(RegisterAPI, generics.ListCreateAPIView):
    write_permission = P.PROPOSE
    serializer_class = s.RegisterEntrySerializer

    def get_queryset(self):
        return selectors.entry_filter(
            selectors.entry_list(self.membership), self.request.query_params, self.org
        )

    @extend_schema(parameters=FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=s.RegisterEntryWriteSerializer, responses={201: s.RegisterEntrySerializer}
    )
    def post(self, request, *args, **kwargs):
        serializer = s.RegisterEntryWriteSerializer(data=request.data, org=self.org)
        serializer.is_valid(raise_exception=True)
        entry = services.entry_propose(
            actor=request.user, membership=self.membership, data=dict(serializer.validated_data)
        )
        return Response(s.RegisterEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class EntryDetail(EntryMixin, generics.RetrieveUpdateAPIView):
    write_permission = P.PROPOSE
    serializer_class = s.RegisterEntrySerializer
    http_method_names = ["get", "patch", "head", "options"]

    def retrieve(self, request, *args, **kwargs):
        entry = self.get_entry()
        services.entry_viewed(actor=request.user, membership=self.membership, entry=entry)
        return Response(s.RegisterEntrySerializer(entry).data)

    @extend_schema(request=s.RegisterEntryWriteSerializer, responses=s.RegisterEntrySerializer)
    def patch(self, request, *args, **kwargs):
        entry = self.get_entry()
        serializer = s.RegisterEntryWriteSerializer(data=request.data, partial=True, org=self.org)
        serializer.is_valid(raise_exception=True)
        entry = services.entry_update(
            actor=request.user,
            membership=self.membership,
            entry=entry,
            data=dict(serializer.validated_data),
        )
        return Response(s.RegisterEntrySerializer(entry).data)


class EntryAction(EntryMixin, generics.GenericAPIView):
    """POST only; a GET answers 405 to those who may act, 403 to others."""

    read_permission = P.MANAGE
    write_permission = P.MANAGE

    def act(self, entry, data):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        entry = self.manageable_entry()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.act(entry, serializer.validated_data)
        entry.refresh_from_db()
        return Response(s.RegisterEntrySerializer(entry).data)

    def get_serializer(self, *args, **kwargs):
        return (
            self.serializer_class(*args, org=getattr(self, "org", None), **kwargs)
            if self.serializer_class not in (s.RegisterRetireSerializer,)
            else self.serializer_class(*args, **kwargs)
        )


@extend_schema(responses=s.RegisterEntrySerializer)
class EntryDecide(EntryAction):
    serializer_class = s.RegisterDecisionSerializer

    def act(self, entry, data):
        kw = {"actor": self.request.user, "membership": self.membership, "entry": entry}
        if data["action"] == "approve":
            services.entry_approve(
                **kw, comment=data["comment"], level=data.get("level"), reason=data["reason"]
            )
        elif data["action"] == "return":
            services.entry_return(**kw, comment=data["comment"])
        else:
            services.entry_reject(**kw, comment=data["comment"])


@extend_schema(responses=s.RegisterEntrySerializer)
class EntryClassify(EntryAction):
    serializer_class = s.RegisterClassificationSerializer

    def act(self, entry, data):
        services.entry_classify(
            actor=self.request.user,
            membership=self.membership,
            entry=entry,
            level=data["level"],
            reason=data["reason"],
            lowering_reason=data["lowering_reason"],
            assessment={k: v for k, v in data.items() if k in services.ASSESSMENT_FIELDS},
        )


@extend_schema(responses=s.RegisterEntrySerializer)
class EntryRetire(EntryAction):
    serializer_class = s.RegisterRetireSerializer

    def act(self, entry, data):
        services.entry_retire(
            actor=self.request.user, membership=self.membership, entry=entry, reason=data["reason"]
        )


@extend_schema(responses=s.RegisterEntrySerializer)
class EntryReview(EntryAction):
    serializer_class = s.RegisterReviewSerializer

    def act(self, entry, data):
        services.entry_review(
            actor=self.request.user, membership=self.membership, entry=entry, **data
        )


class EntryGrants(EntryMixin, generics.GenericAPIView):
    read_permission = P.MANAGE
    write_permission = P.MANAGE
    serializer_class = s.RegisterGrantsSerializer

    def payload(self, entry):
        return {
            "departments": [
                {
                    "id": g.pk,
                    "department": g.department_id,
                    "name": g.department.name,
                    "include_subdepartments": g.include_subdepartments,
                }
                for g in entry.department_grants.select_related("department")
            ],
            "people": [
                {
                    "id": g.pk,
                    "person": g.person_id,
                    "employee_number": g.person.employee_number,
                    "name": g.person.full_name,
                }
                for g in entry.person_grants.select_related("person")
            ],
        }

    @extend_schema(responses=s.RegisterGrantListSerializer)
    def get(self, request, *args, **kwargs):
        return Response(self.payload(self.manageable_entry()))

    @extend_schema(request=s.RegisterGrantsSerializer, responses=s.RegisterGrantListSerializer)
    def post(self, request, *args, **kwargs):
        entry = self.manageable_entry()
        serializer = s.RegisterGrantsSerializer(data=request.data, org=self.org)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        kw = {"actor": request.user, "membership": self.membership}
        if data.get("revoke_department_grant"):
            grant = DepartmentGrant.objects.filter(
                entry=entry, pk=data["revoke_department_grant"]
            ).first()
            if grant:
                services.grant_revoke(**kw, grant=grant)
        if data.get("revoke_person_grant"):
            grant = PersonGrant.objects.filter(entry=entry, pk=data["revoke_person_grant"]).first()
            if grant:
                services.grant_revoke(**kw, grant=grant)
        if data.get("department"):
            services.grant_department(
                **kw,
                entry=entry,
                department=data["department"],
                include_subdepartments=data["include_subdepartments"],
            )
        if data.get("person"):
            services.grant_person(**kw, entry=entry, person=data["person"])
        return Response(self.payload(entry))


class LevelList(RegisterAPI, generics.ListCreateAPIView):
    write_permission = P.LEVELS
    serializer_class = s.RegisterLevelSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.levels_for(self.org)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        level = services.level_create(
            actor=request.user, membership=self.membership, data=dict(serializer.validated_data)
        )
        return Response(s.RegisterLevelSerializer(level).data, status=status.HTTP_201_CREATED)


class LevelDetail(RegisterAPI, ServiceUpdateMixin, generics.RetrieveUpdateDestroyAPIView):
    """One level: read by anyone who reads the register; changed or deleted by administrators
    through the same services as the page (a level in use is not deleted)."""

    write_permission = P.LEVELS
    serializer_class = s.RegisterLevelSerializer

    def get_object(self):
        return selectors.level_get(self.org, self.kwargs["pk"])

    def update_object(self, *, instance, data):
        return services.level_update(
            actor=self.request.user, membership=self.membership, level=instance, data=data
        )

    def destroy(self, request, *args, **kwargs):
        services.level_delete(
            actor=request.user,
            membership=self.membership,
            level=self.get_object(),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class NumberingSettings(RegisterAPI, ServiceUpdateMixin, generics.RetrieveUpdateAPIView):
    """The ledger numbering (KM-00001): administrators read and change it, as on the page."""

    read_permission = P.LEVELS
    write_permission = P.LEVELS
    serializer_class = s.RegisterSettingsSerializer

    def get_object(self):
        return services.register_settings(self.org)

    def update_object(self, *, instance, data):
        return services.settings_update(
            actor=self.request.user,
            membership=self.membership,
            number_prefix=data.get("number_prefix", instance.number_prefix),
            number_digits=data.get("number_digits", instance.number_digits),
        )


class Counts(RegisterAPI, generics.GenericAPIView):
    """Counts only, never titles: external advisors may read them. With the overview's
    breakdowns: approved entries by level and category, and by owning department."""

    read_permission = P.VIEW
    serializer_class = s.RegisterCountsSerializer

    def get(self, request, *args, **kwargs):
        levels = dict(selectors.levels_for(self.org).values_list("id", "name"))
        body = selectors.register_counts(self.org)
        body["by_level_and_category"] = [
            {"level": levels.get(level_id, ""), "category": category, "count": n}
            for (level_id, category), n in sorted(
                selectors.counts_by_level_and_category(self.org).items(),
                key=lambda item: (str(item[0][0]), item[0][1]),
            )
        ]
        body["by_department"] = [
            {"department": name, "count": n} for name, n in selectors.counts_by_department(self.org)
        ]
        return Response(body)


class Template(RegisterAPI, generics.GenericAPIView):
    """The blank ledger (.xlsx) with this company's levels in its drop-down list."""

    read_permission = P.IMPORT

    @extend_schema(responses={(200, XLSX_TYPE): OpenApiTypes.BINARY})
    def get(self, request, *args, **kwargs):
        from ..views_io import XLSX, _attachment

        buf = io.BytesIO()
        ledger_io.template_xlsx(buf, self.org)
        return _attachment(HttpResponse(buf.getvalue(), content_type=XLSX), "ledger-template.xlsx")


PREVIEW_ROWS = 200


class Import(RegisterAPI, generics.GenericAPIView):
    read_permission = P.IMPORT
    write_permission = P.IMPORT
    serializer_class = s.RegisterImportSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=s.RegisterImportSerializer, responses=s.RegisterImportResultSerializer)
    def post(self, request, *args, **kwargs):
        serializer = s.RegisterImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        if upload.size > ledger_io.max_upload_bytes():
            from django.conf import settings
            from django.utils.translation import gettext as _

            message = _("The file is larger than the limit of %(mb)d MB.") % {
                "mb": settings.KIMITSU_MAX_UPLOAD_MB
            }
            return Response(
                {
                    "ok": False,
                    "applied": False,
                    "created": 0,
                    "updated": 0,
                    "unchanged": 0,
                    "unclassified": 0,
                    "creates": [],
                    "updates": [],
                    "errors": [{"row": 0, "column": "", "message": message}],
                },
                status=400,
            )
        data = upload.read()
        if serializer.validated_data["dry_run"]:
            result = ledger_io.plan_import(self.org, upload.name, data)
        else:
            result = ledger_io.apply_import(
                actor=request.user, organization=self.org, filename=upload.name, data=data
            )
        creates, updates = result.preview(PREVIEW_ROWS)
        body = {
            "ok": result.ok,
            "applied": result.applied,
            "created": len(result.creates),
            "updated": len(result.updates),
            "unchanged": result.unchanged,
            "unclassified": result.unclassified,
            # what would be (or was) created and changed, as the page's preview shows it
            "creates": creates,
            "updates": updates,
            "errors": [
                {
                    "row": e.row,
                    "column": ledger_io.column_label(e.column) if e.column else "",
                    "message": str(e),
                }
                for e in result.errors
            ],
            # shown in the preview, never blocking (a review date already past)
            "warnings": [
                {
                    "row": w.row,
                    "column": ledger_io.column_label(w.column) if w.column else "",
                    "message": str(w),
                }
                for w in result.warnings
            ],
        }
        return Response(body, status=status.HTTP_200_OK if result.ok else 400)


class Export(RegisterAPI, generics.GenericAPIView):
    read_permission = P.EXPORT

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["xlsx", "csv"]), *FILTERS],
        responses={
            (200, XLSX_TYPE): OpenApiTypes.BINARY,
            (200, "text/csv; charset=utf-8"): OpenApiTypes.BINARY,
        },
    )
    def get(self, request, *args, **kwargs):
        from kimitsu.audit import services as audit

        from ..views_io import XLSX, _attachment

        params = request.query_params
        qs = selectors.entry_filter(selectors.entry_list(self.membership), params, self.org)
        buf = io.BytesIO()
        if params.get("format") == "csv":
            n = ledger_io.export_csv(self.org, qs, buf)
            response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
            name = "register.csv"
        else:
            n = ledger_io.export_xlsx(self.org, qs, buf)
            response = HttpResponse(buf.getvalue(), content_type=XLSX)
            name = "register.xlsx"
        audit.record(
            event_type="register_export.downloaded",
            organization=self.org,
            actor=request.user,
            obj=self.org,
            after={"format": name.rsplit(".", 1)[1], "rows": n, "via": "api"},
        )
        return _attachment(response, name)


class PersonAccess(RegisterAPI, generics.GenericAPIView):
    """A person's effective access (what the exit pledge lists), limited to what the caller may
    see."""

    read_permission = P.ACCESS_VIEW
    serializer_class = s.RegisterPersonAccessSerializer
    pagination_class = None

    @extend_schema(responses=s.RegisterPersonAccessSerializer(many=True))
    def get(self, request, *args, **kwargs):
        person = person_get(self.membership, self.kwargs["pk"])
        rows = selectors.person_effective_access(person)
        visible = set(
            selectors.entry_list(self.membership)
            .filter(pk__in=[r["entry"].pk for r in rows])
            .values_list("pk", flat=True)
        )
        return Response(
            s.RegisterPersonAccessSerializer(
                [r for r in rows if r["entry"].pk in visible], many=True
            ).data
        )
