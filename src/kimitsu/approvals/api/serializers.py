from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kimitsu.register.naming import naming_from_context
from kimitsu.rules.choices import REQUESTABLE_ACTIONS

from ..models import ApprovalRequest

ACTION_HELP = "One of: " + ", ".join(a.value for a in REQUESTABLE_ACTIONS) + "."


class ApprovalRequestSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    entries = serializers.SerializerMethodField()
    partner_name = serializers.CharField(source="partner.name", read_only=True, default=None)
    approvers = serializers.SerializerMethodField()
    approver = serializers.CharField(source="approver_role", read_only=True)
    # plain text, not an enum: the matrix's action names are documented by the handling rules'
    # own schema (HandlingRuleActionEnum), and a second enum of the same name would collide
    action = serializers.CharField(read_only=True, help_text=ACTION_HELP)

    class Meta:
        model = ApprovalRequest
        fields = [
            "id",
            "code",
            "action",
            "entries",
            "purpose",
            "destination",
            "partner",
            "partner_name",
            "starts_on",
            "ends_on",
            "return_due",
            "verdict",
            "approver",
            "approver_source",
            "approvers",
            "status",
            "requested_by_label",
            "created_at",
            "conditions_confirmed_at",
            "decided_by_label",
            "decided_as_administrator",
            "decided_at",
            "decision_comment",
            "returned_on",
            "return_note",
            "overdue_since",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_entries(self, obj):
        naming = naming_from_context(self.context)
        entries = list(obj.entries.all())
        naming.load(entries)
        return [
            {
                "id": e.pk,
                "ledger_number": e.ledger_number,
                "title": naming.title(e),
                "level": e.level.name if e.level_id else None,
            }
            for e in entries
        ]

    @extend_schema_field(serializers.ListField(child=serializers.EmailField()))
    def get_approvers(self, obj):
        return [u.email for u in obj.approvers.all()]


class ApprovalRequestCreateSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=20, help_text=ACTION_HELP)
    entries = serializers.ListField(
        child=serializers.CharField(max_length=40), min_length=1, max_length=200
    )
    purpose = serializers.CharField(max_length=300)
    destination = serializers.CharField(max_length=200, required=False, allow_blank=True)
    partner = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**31 - 1
    )
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False)
    return_due = serializers.DateField(required=False, allow_null=True)
    confirm = serializers.BooleanField(required=False, default=False)


class ApprovalDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField(help_text="true to approve, false to refuse")
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ApprovalReturnSerializer(serializers.Serializer):
    returned_on = serializers.DateField(required=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ApprovalRulingSerializer(serializers.Serializer):
    action = serializers.CharField()
    rule_set = serializers.IntegerField(allow_null=True)
    verdict = serializers.CharField()
    approver = serializers.CharField()
    conditions = serializers.ListField(child=serializers.CharField())
    notes = serializers.ListField(child=serializers.CharField())
    cells = serializers.ListField(child=serializers.DictField())
