from rest_framework import serializers

from ..choices import Approver, Objective, Verdict
from ..models import Distribution, HandlingRule, Regulation, RegulationArticle, RuleSet


class HandlingRuleSerializer(serializers.ModelSerializer):
    level = serializers.CharField(source="level.name", read_only=True)
    level_id = serializers.IntegerField(read_only=True)
    verdict = serializers.ChoiceField(choices=Verdict.choices, required=False)
    approver = serializers.ChoiceField(choices=Approver.choices, required=False, allow_blank=True)
    objective = serializers.ChoiceField(choices=Objective.choices, required=False)

    class Meta:
        model = HandlingRule
        fields = [
            "id",
            "level",
            "level_id",
            "action",
            "verdict",
            "approver",
            "condition",
            "note",
            "objective",
        ]
        read_only_fields = ["id", "level", "level_id", "action"]


class RuleSetSerializer(serializers.ModelSerializer):
    class Meta:
        model = RuleSet
        fields = [
            "id",
            "number",
            "status",
            "note",
            "approved_by_label",
            "approved_on",
            "created_at",
        ]
        read_only_fields = fields


class RuleSetDetailSerializer(RuleSetSerializer):
    rules = HandlingRuleSerializer(many=True, read_only=True)

    class Meta(RuleSetSerializer.Meta):
        fields = RuleSetSerializer.Meta.fields + ["rules"]
        read_only_fields = fields


class ArticleSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(source="position", read_only=True)

    class Meta:
        model = RegulationArticle
        fields = ["id", "number", "key", "chapter", "chapter_title", "title", "body", "edited"]
        read_only_fields = ["id", "number", "key", "chapter", "chapter_title", "edited"]


class RegulationSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)
    marking_level = serializers.CharField(source="marking_level.name", read_only=True, default=None)

    class Meta:
        model = Regulation
        fields = [
            "id",
            "number",
            "title",
            "status",
            "state",
            "options",
            "officer_post",
            "officer_name",
            "manager_post",
            "approving_body",
            "marking_level",
            "note",
            "approved_by_label",
            "approved_on",
            "effective_on",
            "created_at",
        ]
        read_only_fields = [
            "id",
            "number",
            "status",
            "state",
            "marking_level",
            "approved_by_label",
            "approved_on",
            "effective_on",
            "created_at",
        ]


class RegulationDetailSerializer(RegulationSerializer):
    articles = ArticleSerializer(many=True, read_only=True)

    class Meta(RegulationSerializer.Meta):
        fields = RegulationSerializer.Meta.fields + ["articles"]


class ApproveSerializer(serializers.Serializer):
    effective_on = serializers.DateField()


class DistributionSerializer(serializers.ModelSerializer):
    entry = serializers.CharField(source="entry.ledger_number", read_only=True, default=None)

    class Meta:
        model = Distribution
        fields = [
            "id",
            "trace_code",
            "entry",
            "level_name",
            "marking_text",
            "recipient",
            "watermark",
            "source_name",
            "page_count",
            "sha256",
            "created_by_label",
            "created_at",
        ]
        read_only_fields = fields


class MarkSerializer(serializers.Serializer):
    file = serializers.FileField()
    level = serializers.CharField(help_text="Level name or code.")
    recipient = serializers.CharField(required=False, allow_blank=True, default="")
    watermark = serializers.BooleanField(required=False, default=False)
    entry = serializers.CharField(required=False, allow_blank=True, default="")
    keep_file = serializers.BooleanField(required=False, default=False)


class ApproveRulesSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class ConfirmationSerializer(serializers.Serializer):
    regulation = serializers.IntegerField()
    confirmed_at = serializers.DateTimeField()


class ReaderSerializer(serializers.Serializer):
    email = serializers.EmailField()
    role = serializers.CharField()
    person = serializers.CharField(allow_null=True)
    has_read = serializers.BooleanField()
    read_at = serializers.DateTimeField(allow_null=True)


class ReadersSerializer(serializers.Serializer):
    regulation = serializers.IntegerField(allow_null=True)
    readers = ReaderSerializer(many=True)


class InForceSerializer(RegulationDetailSerializer):
    read_confirmed_at = serializers.DateTimeField(allow_null=True, read_only=True)

    class Meta(RegulationDetailSerializer.Meta):
        fields = RegulationDetailSerializer.Meta.fields + ["read_confirmed_at"]
