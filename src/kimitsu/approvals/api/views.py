from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from kimitsu.api.base import WorkspaceAPIMixin
from kimitsu.organizations.choices import OrgKind

from .. import permissions as P
from .. import selectors, services
from ..choices import ACTION_CHOICES
from .serializers import (
    ApprovalDecisionSerializer,
    ApprovalRequestCreateSerializer,
    ApprovalRequestSerializer,
    ApprovalReturnSerializer,
    ApprovalRulingSerializer,
)


class ApprovalsAPI(WorkspaceAPIMixin):
    org_kind = OrgKind.COMPANY
    read_permission = P.VIEW
    write_permission = P.REQUEST


def _entries(membership, numbers):
    """The entries named by ledger number (case-blind), among those the requester may open."""
    from django.db.models.functions import Upper

    wanted = {str(n).strip().upper() for n in numbers if str(n).strip()}
    found = list(
        selectors.requestable_entries(membership)
        .annotate(number_upper=Upper("ledger_number"))
        .filter(number_upper__in=wanted)
        .select_related("level")
    )
    missing = wanted - {e.ledger_number.upper() for e in found}
    if missing:
        raise ValidationError(
            {
                "entries": [
                    _("No entry you may open has the number %(numbers)s.")
                    % {"numbers": "、".join(sorted(missing))}
                ]
            }
        )
    return found


class RequestList(ApprovalsAPI, generics.ListCreateAPIView):
    """Requests under the handling rules. POST makes one: refused (400) when the rule forbids the
    action or allows it without a request; a conditional cell needs ``confirm: true``."""

    serializer_class = ApprovalRequestSerializer

    def get_queryset(self):
        return selectors.filter_requests(
            selectors.request_list(self.membership), self.request.GET, self.membership
        ).order_by("-number")

    @extend_schema(
        request=ApprovalRequestCreateSerializer, responses={201: ApprovalRequestSerializer}
    )
    def post(self, request, *args, **kwargs):
        data = ApprovalRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        partner = None
        if values.get("partner"):
            from kimitsu.pledges.models import Partner

            partner = get_object_or_404(Partner, organization=self.org, pk=values["partner"])
        made = services.request_create(
            actor=request.user,
            membership=self.membership,
            action=values["action"],
            entries=_entries(self.membership, values["entries"]),
            purpose=values["purpose"],
            destination=values.get("destination", ""),
            partner=partner,
            starts_on=values.get("starts_on"),
            ends_on=values.get("ends_on"),
            return_due=values.get("return_due"),
            confirmed=values.get("confirm", False),
        )
        return Response(
            ApprovalRequestSerializer(made, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class RequestDetail(ApprovalsAPI, generics.RetrieveAPIView):
    serializer_class = ApprovalRequestSerializer

    def get_object(self):
        return selectors.request_get(self.membership, self.kwargs["pk"])


class RequestDecide(ApprovalsAPI, APIView):
    """Approve or refuse (a comment is required to refuse): the person the rule names, or an
    administrator in their place; never the requester."""

    write_permission = P.VIEW

    @extend_schema(request=ApprovalDecisionSerializer, responses=ApprovalRequestSerializer)
    def post(self, request, *args, **kwargs):
        item = selectors.request_get(self.membership, kwargs["pk"])
        data = ApprovalDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.request_decide(
            actor=request.user,
            membership=self.membership,
            request=item,
            approve=data.validated_data["approve"],
            comment=data.validated_data.get("comment", ""),
        )
        return Response(
            ApprovalRequestSerializer(item, context={"request": request, "view": self}).data
        )


class RequestReturn(ApprovalsAPI, APIView):
    write_permission = P.VIEW

    @extend_schema(request=ApprovalReturnSerializer, responses=ApprovalRequestSerializer)
    def post(self, request, *args, **kwargs):
        item = selectors.request_get(self.membership, kwargs["pk"])
        data = ApprovalReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.request_return(
            actor=request.user,
            membership=self.membership,
            request=item,
            returned_on=data.validated_data.get("returned_on"),
            note=data.validated_data.get("note", ""),
        )
        return Response(
            ApprovalRequestSerializer(item, context={"request": request, "view": self}).data
        )


class Ruling(ApprovalsAPI, APIView):
    """What the handling rules in force say for an action on entries (nothing is recorded)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("action", OpenApiTypes.STR, enum=[a for a, _l in ACTION_CHOICES]),
            OpenApiParameter("entries", OpenApiTypes.STR, description="KM-00001,KM-00008"),
        ],
        responses=ApprovalRulingSerializer,
    )
    def get(self, request, *args, **kwargs):
        action = request.GET.get("action", "")
        if action not in dict(ACTION_CHOICES):
            raise ValidationError(
                {"action": [_("Choose one of the actions a request can be made for.")]}
            )
        numbers = [n for n in request.GET.get("entries", "").replace(" ", ",").split(",") if n]
        if not numbers:
            raise ValidationError({"entries": [_("Name at least one register entry.")]})
        ruling = selectors.ruling(self.org, action, _entries(self.membership, numbers))
        snapshot = ruling.snapshot()
        return Response(
            {
                "action": action,
                "rule_set": snapshot["rule_set"],
                "verdict": snapshot["verdict"],
                "approver": snapshot["approver"],
                "conditions": snapshot["conditions"],
                "notes": snapshot["notes"],
                "cells": snapshot["cells"],
            }
        )
