from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kimitsu.approvals.models import ApprovalRequest
from kimitsu.approvals.selectors import disclosure_approvals
from kimitsu.register.models import Entry
from kimitsu.register.naming import naming_from_context

from ..choices import DocumentStatus, TemplateKind
from ..models import Agreement, Checklist, Clause, Disclosure, Document, Partner, TemplateVersion
from ..services.partners import PARTNER_FIELDS


class ClauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Clause
        fields = ["id", "position", "heading", "body", "variant", "lists_entries"]


class TemplateSerializer(serializers.ModelSerializer):
    clauses = ClauseSerializer(many=True, read_only=True)

    class Meta:
        model = TemplateVersion
        fields = [
            "id",
            "kind",
            "version",
            "title",
            "marking",
            "status",
            "note",
            "adopted_at",
            "clauses",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    template_version = serializers.IntegerField(source="template.version", read_only=True)
    person_employee_number = serializers.CharField(
        source="person.employee_number", read_only=True, default=None
    )
    partner_name = serializers.CharField(source="partner.name", read_only=True, default=None)

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "template_version",
            "person",
            "person_employee_number",
            "partner",
            "partner_name",
            "status",
            "document_date",
            "fields",
            "entries",
            "issued_on",
            "signed_on",
            "scan_sha256",
            "created_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        naming = naming_from_context(self.context)
        naming.load(data.get("entries") or [])
        data["entries"] = [{**row, "title": naming.title(row)} for row in data.get("entries") or []]
        return data


class DocumentCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=TemplateKind.choices)
    person = serializers.IntegerField(required=False, allow_null=True)
    partner = serializers.IntegerField(required=False, allow_null=True)
    document_date = serializers.DateField(required=False)
    fields = serializers.DictField(required=False)


class TransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=DocumentStatus.choices)
    on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class BatchSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[TemplateKind.PLEDGE_HIRE])
    document_date = serializers.DateField(required=False)


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = [
            "id",
            "kind",
            "title",
            "signed_on",
            "starts_on",
            "ends_on",
            "term",
            "survival_years",
            "signed_by_us",
            "signed_by_partner",
            "scan_sha256",
        ]


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["id", *PARTNER_FIELDS]
        validators = []


class DisclosureSerializer(serializers.ModelSerializer):
    ledger_number = serializers.CharField(source="entry.ledger_number", read_only=True)
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    agreement_title = serializers.CharField(source="agreement.title", read_only=True, default=None)
    approval_code = serializers.CharField(source="approval.code", read_only=True, default=None)

    class Meta:
        model = Disclosure
        fields = [
            "id",
            "partner",
            "partner_name",
            "entry",
            "ledger_number",
            "agreement",
            "agreement_title",
            "disclosed_on",
            "recipient",
            "purpose",
            "override_reason",
            "approval",
            "approval_code",
            "approval_override_reason",
            "end_status",
            "ended_on",
        ]
        read_only_fields = ["end_status", "ended_on"]
        extra_kwargs = {
            "partner": {"queryset": Partner.objects.none()},
            "agreement": {"queryset": Agreement.objects.none(), "required": False},
            "entry": {"queryset": Entry.objects.none()},
            "approval": {"queryset": ApprovalRequest.objects.none(), "required": False},
        }

    def __init__(self, *args, org=None, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["partner"].queryset = Partner.objects.filter(organization=org)
            self.fields["agreement"].queryset = Agreement.objects.filter(organization=org)
            self.fields["approval"].queryset = disclosure_approvals(org)
        if entries is not None:
            self.fields["entry"].queryset = entries


class ChecklistSerializer(serializers.ModelSerializer):
    person_employee_number = serializers.CharField(source="person.employee_number", read_only=True)
    steps = serializers.SerializerMethodField()

    class Meta:
        model = Checklist
        fields = [
            "id",
            "kind",
            "person",
            "person_employee_number",
            "last_day",
            "from_other_company",
            "former_employer",
            "training",
            "opened_at",
            "completed_at",
            "steps",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_steps(self, obj):
        naming = naming_from_context(self.context)
        steps = list(obj.steps.all())
        if not naming.sees_everything:
            naming.learn_texts(obj.organization, [s.note for s in steps])
        return [
            {
                "id": s.id,
                "code": s.code,
                "done_at": s.done_at,
                "note": naming.redact(s.note),
                "done_by": s.done_by.email if s.done_by_id else None,
            }
            for s in steps
        ]
