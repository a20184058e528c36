"""The pre-publication check through the API: the same services and need-to-know as the pages.

POST ``checks/`` (multipart ``file``, or ``text``; ``purpose``, ``title``, ``keep``) answers with
the report at once: 201 and its hits, or 400 with the reason a draft cannot be read.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from kimitsu.api.base import WorkspaceAPIMixin
from kimitsu.organizations.choices import OrgKind

from .. import extract, selectors, services
from .. import permissions as P
from ..models import state_of
from ..views import report
from .serializers import (
    CheckDecisionSerializer,
    CheckDraftSerializer,
    CheckNewSerializer,
    CheckRequestSerializer,
    CheckVersionSerializer,
)


class PrepubAPI(WorkspaceAPIMixin):
    org_kind = OrgKind.COMPANY
    read_permission = P.VIEW
    write_permission = P.CHECK


def hits_for(membership, version) -> list[dict]:
    """The hits of a version as this reader may see them: the ledger number and level always,
    the title and the registered term only for an entry the reader may open."""
    rows = []
    for group in report.groups(membership, version):
        entry = group.entry
        for hit in group.hits:
            rows.append(
                {
                    "ledger_number": entry.ledger_number if entry else None,
                    "level": entry.level.name if entry and entry.level else None,
                    "title": (entry.title if entry else group.decision.title)
                    if group.can_open and (entry or group.decision)
                    else None,
                    "decision": group.pk if group.source == selectors.DECISION else None,
                    "term": hit["term"] if group.can_open else None,
                    "matched": hit["matched"],
                    "page": hit["page"],
                    "where": hit["where"],
                    "context": f"{hit['before']}【{hit['matched']}】{hit['after']}",
                    "custodian": entry.custodian.full_name if entry and entry.custodian else None,
                    "department": entry.owning_department.name
                    if entry and entry.owning_department
                    else None,
                }
            )
    return rows


def report_data(membership, req) -> dict:
    versions = list(req.versions.all())
    latest = versions[0] if versions else None
    req.state = state_of(req, latest)
    data = CheckRequestSerializer(req).data
    data["versions"] = CheckVersionSerializer(versions, many=True).data
    data["hits"] = hits_for(membership, latest) if latest else []
    return data


def _draft(data) -> dict:
    return services.draft_input(upload=data.get("file"), text=data.get("text", ""))


def _refused(error: extract.DraftRefused):
    return ValidationError({"file": [error.message]})


class CheckList(PrepubAPI, generics.ListAPIView):
    """The requests this reader sees; POST checks a new draft."""

    serializer_class = CheckRequestSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        qs = selectors.with_latest(selectors.request_list(self.membership)).order_by("-number")
        return qs

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        for r in page:
            r.state = selectors.annotated_state(r)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=CheckNewSerializer, responses={201: CheckRequestSerializer})
    def post(self, request, *args, **kwargs):
        form = CheckNewSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            version = services.check(
                actor=request.user,
                membership=self.membership,
                purpose=data["purpose"],
                title=data.get("title", ""),
                keep=data["keep"],
                **_draft(data),
            )
        except extract.DraftRefused as error:
            raise _refused(error) from None
        return Response(
            report_data(self.membership, version.request), status=status.HTTP_201_CREATED
        )


class CheckDetail(PrepubAPI, APIView):
    @extend_schema(responses=CheckRequestSerializer)
    def get(self, request, *args, **kwargs):
        req = selectors.request_list(self.membership).filter(pk=kwargs["pk"]).first()
        if req is None:
            raise NotFound
        return Response(report_data(self.membership, req))


class CheckRecheck(PrepubAPI, APIView):
    """A corrected draft, checked as the next version."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(request=CheckDraftSerializer, responses={201: CheckRequestSerializer})
    def post(self, request, *args, **kwargs):
        req = selectors.request_list(self.membership).filter(pk=kwargs["pk"]).first()
        if req is None or not selectors.may_recheck(self.membership, req):
            raise NotFound
        form = CheckDraftSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            services.check(
                actor=request.user,
                membership=self.membership,
                purpose=req.purpose,
                keep=form.validated_data["keep"],
                request=req,
                **_draft(form.validated_data),
            )
        except extract.DraftRefused as error:
            raise _refused(error) from None
        return Response(report_data(self.membership, req), status=status.HTTP_201_CREATED)


class CheckDecide(PrepubAPI, APIView):
    @extend_schema(request=CheckDecisionSerializer, responses=CheckRequestSerializer)
    def post(self, request, *args, **kwargs):
        req = selectors.request_list(self.membership).filter(pk=kwargs["pk"]).first()
        if req is None or not selectors.may_decide(self.membership, selectors.latest_version(req)):
            raise NotFound
        form = CheckDecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.decide(
            actor=request.user,
            membership=self.membership,
            request=req,
            verdict=form.validated_data["verdict"],
            comment=form.validated_data.get("comment", ""),
        )
        req.refresh_from_db()
        return Response(report_data(self.membership, req))
