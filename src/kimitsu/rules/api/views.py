from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from kimitsu.api.base import ServiceUpdateMixin, WorkspaceAPIMixin
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind

from .. import documents, selectors, services
from .. import permissions as P
from .serializers import (
    ApproveRulesSerializer,
    ApproveSerializer,
    ArticleSerializer,
    ConfirmationSerializer,
    DistributionSerializer,
    HandlingRuleSerializer,
    InForceSerializer,
    MarkSerializer,
    ReadersSerializer,
    RegulationDetailSerializer,
    RegulationSerializer,
    RuleSetDetailSerializer,
    RuleSetSerializer,
)


class RulesAPI(WorkspaceAPIMixin):
    org_kind = OrgKind.COMPANY
    read_permission = P.VERSIONS
    write_permission = P.MANAGE


def _with_state(org, regs):
    in_force = selectors.regulation_in_force(org)
    for reg in regs:
        reg.state = selectors.regulation_state(reg, in_force)
    return regs


class RuleSetList(RulesAPI, generics.ListCreateAPIView):
    """Versions of the handling rules. POST starts (or returns) the draft."""

    serializer_class = RuleSetSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.rule_sets(self.org)

    def create(self, request, *args, **kwargs):
        rule_set = services.rule_set_start(actor=request.user, membership=self.membership)
        return Response(RuleSetDetailSerializer(rule_set).data, status=status.HTTP_201_CREATED)


class RuleSetDetail(RulesAPI, generics.RetrieveAPIView):
    serializer_class = RuleSetDetailSerializer

    def get_object(self):
        return selectors.rule_set_get(self.org, self.kwargs["pk"])


class RuleSetApprove(RulesAPI, APIView):
    @extend_schema(request=ApproveRulesSerializer, responses=RuleSetSerializer)
    def post(self, request, *args, **kwargs):
        rule_set = selectors.rule_set_get(self.org, kwargs["pk"])
        rule_set = services.rule_set_approve(
            actor=request.user,
            membership=self.membership,
            rule_set=rule_set,
            note=str(request.data.get("note", "")),
        )
        return Response(RuleSetSerializer(rule_set).data)


class RuleDetail(RulesAPI, ServiceUpdateMixin, generics.RetrieveUpdateAPIView):
    serializer_class = HandlingRuleSerializer

    def get_object(self):
        return selectors.rule_get(self.org, self.kwargs["pk"])

    def update_object(self, *, instance, data):
        return services.rule_update(
            actor=self.request.user, membership=self.membership, rule=instance, data=data
        )


class RegulationList(RulesAPI, generics.ListCreateAPIView):
    """Versions of the regulation. POST creates the next draft."""

    serializer_class = RegulationSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.regulations(self.org).select_related("marking_level")

    def list(self, request, *args, **kwargs):
        regs = _with_state(self.org, list(self.get_queryset()))
        return Response(self.get_serializer(regs, many=True).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reg = services.regulation_create(
            actor=request.user,
            membership=self.membership,
            data=dict(serializer.validated_data),
        )
        _with_state(self.org, [reg])
        return Response(RegulationDetailSerializer(reg).data, status=status.HTTP_201_CREATED)


class RegulationDetail(RulesAPI, ServiceUpdateMixin, generics.RetrieveUpdateAPIView):
    serializer_class = RegulationDetailSerializer

    def get_object(self):
        reg = selectors.regulation_get(self.org, self.kwargs["pk"])
        return _with_state(self.org, [reg])[0]

    def update_object(self, *, instance, data):
        reg = services.regulation_update(
            actor=self.request.user, membership=self.membership, regulation=instance, data=data
        )
        return _with_state(self.org, [reg])[0]


class ArticleDetail(RulesAPI, ServiceUpdateMixin, generics.RetrieveUpdateAPIView):
    serializer_class = ArticleSerializer

    def get_object(self):
        reg = selectors.regulation_get(self.org, self.kwargs["pk"])
        article = reg.articles.filter(pk=self.kwargs["article_pk"]).first()
        if article is None:
            raise Http404
        return article

    def update_object(self, *, instance, data):
        return services.article_update(
            actor=self.request.user,
            membership=self.membership,
            article=instance,
            title=data.get("title", instance.title),
            body=data.get("body", instance.body),
        )


class RegulationApprove(RulesAPI, APIView):
    @extend_schema(request=ApproveSerializer, responses=RegulationSerializer)
    def post(self, request, *args, **kwargs):
        reg = selectors.regulation_get(self.org, kwargs["pk"])
        serializer = ApproveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reg = services.regulation_approve(
            actor=request.user,
            membership=self.membership,
            regulation=reg,
            effective_on=serializer.validated_data["effective_on"],
        )
        return Response(RegulationSerializer(_with_state(self.org, [reg])[0]).data)


class RegulationInForce(WorkspaceAPIMixin, APIView):
    """The version in force, for every employee, with whether the caller confirmed reading it."""

    org_kind = OrgKind.COMPANY
    read_permission = P.VIEW

    @extend_schema(responses=InForceSerializer)
    def get(self, request, *args, **kwargs):
        reg = selectors.regulation_in_force(self.org)
        if reg is None:
            raise Http404
        data = RegulationDetailSerializer(_with_state(self.org, [reg])[0]).data
        confirmation = selectors.has_confirmed(reg, request.user)
        data["read_confirmed_at"] = confirmation.confirmed_at if confirmation else None
        return Response(data)


class RegulationConfirm(WorkspaceAPIMixin, APIView):
    org_kind = OrgKind.COMPANY
    read_permission = P.CONFIRM
    write_permission = P.CONFIRM

    @extend_schema(request=None, responses=ConfirmationSerializer)
    def post(self, request, *args, **kwargs):
        reg = selectors.regulation_get(self.org, kwargs["pk"])
        confirmation = services.regulation_confirm_read(
            actor=request.user,
            membership=self.membership,
            regulation=reg,
        )
        return Response({"regulation": reg.pk, "confirmed_at": confirmation.confirmed_at})


class RegulationDocument(WorkspaceAPIMixin, APIView):
    """GET ?format=docx|pdf. The version in force for everyone; other versions need
    rules.versions."""

    org_kind = OrgKind.COMPANY
    read_permission = P.VIEW

    @extend_schema(
        parameters=[OpenApiParameter("as", str, enum=["docx", "pdf"], description="docx or pdf")],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (
                200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ): OpenApiTypes.BINARY,
        },
    )
    def get(self, request, *args, **kwargs):
        fmt = request.query_params.get("as", request.query_params.get("fmt", "pdf"))
        if fmt not in documents.CONTENT_TYPES:
            raise ValidationError({"as": "docx or pdf"})
        reg = selectors.regulation_downloadable(self.membership, kwargs["pk"])
        return documents.attachment(reg, fmt)


class RegulationReaders(WorkspaceAPIMixin, APIView):
    org_kind = OrgKind.COMPANY
    read_permission = P.READERS

    @extend_schema(responses=ReadersSerializer)
    def get(self, request, *args, **kwargs):
        reg = selectors.regulation_in_force(self.org)
        if reg is None:
            return Response({"regulation": None, "readers": []})
        rows = selectors.readers(self.org, reg)
        if request.query_params.get("unread"):
            rows = rows.filter(has_read=False)
        return Response(
            {
                "regulation": reg.pk,
                "readers": [
                    {
                        "email": m.user.email,
                        "role": m.role,
                        "person": m.person.full_name if m.person else None,
                        "has_read": m.has_read,
                        "read_at": m.read_at,
                    }
                    for m in rows
                ],
            }
        )


class DistributionList(WorkspaceAPIMixin, generics.ListAPIView):
    org_kind = OrgKind.COMPANY
    read_permission = P.DISTRIBUTIONS
    serializer_class = DistributionSerializer

    def get_queryset(self):
        return selectors.distributions(self.org)


class DistributionByCode(WorkspaceAPIMixin, generics.RetrieveAPIView):
    org_kind = OrgKind.COMPANY
    read_permission = P.DISTRIBUTIONS
    serializer_class = DistributionSerializer

    def get_object(self):
        record = selectors.distribution_by_code(self.org, self.kwargs["code"])
        if record is None:
            raise Http404
        return record


class Mark(WorkspaceAPIMixin, APIView):
    """POST multipart: file, level, recipient, watermark, entry, keep_file → the stamped PDF
    (the trace code in the X-Trace-Code header)."""

    org_kind = OrgKind.COMPANY
    read_permission = P.MARK
    write_permission = P.MARK

    @extend_schema(
        request={"multipart/form-data": MarkSerializer},
        responses={(201, "application/pdf"): OpenApiTypes.BINARY},
    )
    def post(self, request, *args, **kwargs):
        serializer = MarkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        levels = selectors.levels(self.org)
        level = (
            levels.filter(name=data["level"]).first() or levels.filter(code=data["level"]).first()
        )
        if level is None:
            raise ValidationError(
                {"level": [_("“%(value)s” is not a registered level.") % {"value": data["level"]}]}
            )
        entry = None
        if data["entry"]:
            from kimitsu.register import selectors as register

            entry = (
                register.entry_list(self.membership).filter(ledger_number=data["entry"]).first()
                if has_perm(self.membership, "register.entries")
                else None
            )
            if entry is None:
                raise ValidationError({"entry": [_("No register entry with this ledger number.")]})
        upload = data["file"]
        if upload.size > services.max_upload_bytes():
            raise ValidationError(
                {
                    "file": [
                        _("The file is %(size).1f MB; the largest accepted is %(limit)d MB.")
                        % {
                            "size": upload.size / 1024 / 1024,
                            "limit": services.max_upload_bytes() // (1024 * 1024),
                        }
                    ]
                }
            )
        record, stamped = services.distribution_stamp(
            actor=request.user,
            membership=self.membership,
            data=upload.read(),
            filename=upload.name,
            level=level,
            recipient=data["recipient"],
            watermark=data["watermark"],
            entry=entry,
            keep_file=data["keep_file"],
        )
        response = HttpResponse(
            stamped, content_type="application/pdf", status=status.HTTP_201_CREATED
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"{record.trace_code}.pdf"
        )
        response["X-Trace-Code"] = record.trace_code
        return response
