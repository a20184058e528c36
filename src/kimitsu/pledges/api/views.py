from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from kimitsu.api.base import ServiceCreateMixin, WorkspaceAPIMixin
from kimitsu.organizations.choices import OrgKind
from kimitsu.register.naming import naming_for

from .. import permissions as P
from .. import registry, selectors, services
from .serializers import (
    AgreementSerializer,
    BatchSerializer,
    ChecklistSerializer,
    DisclosureSerializer,
    DocumentCreateSerializer,
    DocumentSerializer,
    PartnerSerializer,
    TemplateSerializer,
    TransitionSerializer,
)


class Base(WorkspaceAPIMixin):
    org_kind = OrgKind.COMPANY


class TemplateList(Base, generics.ListAPIView):
    """Template versions with their clauses."""

    read_permission = P.TEMPLATES
    serializer_class = TemplateSerializer
    pagination_class = None

    def get_queryset(self):
        return (
            selectors.template_list(self.membership)
            .prefetch_related("clauses")
            .order_by("kind", "-version")
        )


class DocumentList(Base, generics.ListCreateAPIView):
    """Issued documents; POST issues one (kind, person id or partner id, fields)."""

    read_permission = P.VIEW
    write_permission = P.MANAGE
    serializer_class = DocumentSerializer

    def get_queryset(self):
        qs = selectors.document_list(self.membership)
        params = self.request.query_params
        for key in ("kind", "status"):
            if params.get(key):
                qs = qs.filter(**{key: params[key]})
        return qs

    def create(self, request, *args, **kwargs):
        s = DocumentCreateSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        person = selectors.person_get(self.membership, d["person"]) if d.get("person") else None
        partner = selectors.partner_get(self.membership, d["partner"]) if d.get("partner") else None
        doc = services.document_create(
            actor=request.user,
            membership=self.membership,
            kind=d["kind"],
            person=person,
            partner=partner,
            fields=d.get("fields"),
            document_date=d.get("document_date"),
        )
        return Response(
            DocumentSerializer(doc, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class DocumentDetail(Base, generics.RetrieveAPIView):
    read_permission = P.VIEW
    serializer_class = DocumentSerializer

    def get_object(self):
        return selectors.document_get(self.membership, self.kwargs["pk"])


class DocumentTransition(Base, APIView):
    """POST {"status": "issued"|"signed"|"refused", "on": date, "note": text}."""

    read_permission = P.VIEW
    write_permission = P.MANAGE

    @extend_schema(request=TransitionSerializer, responses=DocumentSerializer)
    def post(self, request, *args, **kwargs):
        doc = selectors.document_get(self.membership, kwargs["pk"])
        s = TransitionSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        doc = services.document_transition(
            actor=request.user,
            membership=self.membership,
            document=doc,
            to_status=d["status"],
            on=d.get("on"),
            note=d.get("note", ""),
        )
        return Response(DocumentSerializer(doc, context={"request": request, "view": self}).data)


class BatchIssue(Base, APIView):
    """POST {"kind": "pledge_hire"}: one document for every active person lacking one."""

    read_permission = P.VIEW
    write_permission = P.MANAGE

    @extend_schema(
        request=BatchSerializer,
        responses={
            201: inline_serializer(
                "BatchIssued",
                {
                    "created": serializers.IntegerField(),
                    "ids": serializers.ListField(child=serializers.IntegerField()),
                },
            )
        },
    )
    def post(self, request, *args, **kwargs):
        s = BatchSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        docs = services.documents_batch_issue(
            actor=request.user,
            membership=self.membership,
            **s.validated_data,
        )
        return Response(
            {"created": len(docs), "ids": [d.pk for d in docs]}, status=status.HTTP_201_CREATED
        )


class Gaps(Base, APIView):
    """Active staff without a signed pledge, leavers without an exit pledge, partners without
    an NDA in force."""

    read_permission = P.VIEW

    @extend_schema(
        responses=inline_serializer(
            "PledgeGaps",
            {
                "staff_without_pledge": serializers.ListField(child=serializers.CharField()),
                "leavers_without_exit_pledge": serializers.ListField(child=serializers.CharField()),
                "partners_without_nda": serializers.ListField(child=serializers.CharField()),
            },
        )
    )
    def get(self, request, *args, **kwargs):
        from kimitsu.organizations.access import has_perm

        m = self.membership
        data = {
            "staff_without_pledge": list(
                selectors.staff_without_pledge(m).values_list("employee_number", flat=True)
            ),
            "leavers_without_exit_pledge": list(
                selectors.leavers_without_exit_pledge(m).values_list("employee_number", flat=True)
            ),
        }
        if has_perm(m, P.PARTNERS):
            data["partners_without_nda"] = list(
                selectors.partners_without_nda(m).values_list("name", flat=True)
            )
        return Response(data)


class ChecklistList(Base, generics.ListAPIView):
    read_permission = P.VIEW
    serializer_class = ChecklistSerializer

    def get_queryset(self):
        return (
            selectors.checklist_list(self.membership)
            .prefetch_related("steps", "steps__done_by")
            .order_by("-opened_at")
        )


class PartnerList(Base, ServiceCreateMixin, generics.ListCreateAPIView):
    read_permission = P.PARTNERS
    write_permission = P.PARTNERS_MANAGE
    serializer_class = PartnerSerializer

    def get_queryset(self):
        return selectors.partner_list(self.membership).order_by("name")

    def create_object(self, *, data):
        return services.partner_create(
            actor=self.request.user, membership=self.membership, data=data
        )


class PartnerDetail(Base, APIView):
    """A partner with its agreements: what we gave them, what they gave us."""

    read_permission = P.PARTNERS

    @extend_schema(
        responses=inline_serializer(
            "PartnerGivenReceived",
            {
                "id": serializers.IntegerField(),
                "name": serializers.CharField(),
                "agreements": AgreementSerializer(many=True),
                "given": DisclosureSerializer(many=True),
                "received": serializers.ListField(child=serializers.DictField()),
            },
        )
    )
    def get(self, request, *args, **kwargs):
        partner = selectors.partner_get(self.membership, kwargs["pk"])
        given = selectors.disclosure_list(self.membership).filter(partner=partner)
        received = list(selectors.received_list(self.membership).filter(partner=partner))
        naming = naming_for(request._request, self.membership).load(r.entry_id for r in received)
        return Response(
            {
                **PartnerSerializer(partner).data,
                "agreements": AgreementSerializer(partner.agreements.all(), many=True).data,
                "given": DisclosureSerializer(given, many=True).data,
                "received": [
                    {
                        "entry": r.entry_id,
                        "ledger_number": r.entry.ledger_number,
                        "title": naming.title(r.entry),
                        "agreement": r.agreement.title if r.agreement_id else None,
                    }
                    for r in received
                ],
            }
        )


class DisclosureList(Base, generics.ListCreateAPIView):
    """The disclosure log. POST refuses a disclosure without an agreement in force unless an
    administrator gives override_reason."""

    read_permission = P.PARTNERS
    write_permission = P.DISCLOSE
    serializer_class = DisclosureSerializer

    def get_queryset(self):
        return selectors.disclosure_list(self.membership)

    def get_serializer(self, *args, **kwargs):
        org = getattr(self, "org", None)
        entries = (
            registry.disclosable_entries(self.membership)
            if getattr(self, "membership", None) is not None and self.request.method == "POST"
            else None
        )
        return DisclosureSerializer(*args, org=org, entries=entries, **kwargs)

    def create(self, request, *args, **kwargs):
        s = self.get_serializer(data=request.data)
        s.is_valid(raise_exception=True)
        disclosure = services.disclosure_record(
            actor=request.user,
            membership=self.membership,
            **s.validated_data,
        )
        return Response(DisclosureSerializer(disclosure).data, status=status.HTTP_201_CREATED)
