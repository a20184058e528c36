from rest_framework import serializers

from ..choices import Purpose, Verdict
from ..forms import MAX_PASTED_CHARS
from ..models import CheckRequest, CheckVersion


class CheckDraftSerializer(serializers.Serializer):
    """A draft to check: ``file`` (multipart) or ``text``."""

    file = serializers.FileField(required=False)
    text = serializers.CharField(required=False, allow_blank=True, max_length=MAX_PASTED_CHARS)
    keep = serializers.BooleanField(required=False, default=False)


class CheckNewSerializer(CheckDraftSerializer):
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    purpose = serializers.ChoiceField(choices=Purpose.choices, default=Purpose.OTHER)


class CheckDecisionSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class CheckVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CheckVersion
        fields = [
            "number",
            "filename",
            "kind",
            "sha256",
            "size",
            "pages",
            "pages_without_text",
            "terms_checked",
            "hit_count",
            "checked_at",
        ]


class CheckRequestSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = CheckRequest
        fields = [
            "id",
            "label",
            "title",
            "purpose",
            "state",
            "verdict",
            "decision_comment",
            "decided_at",
            "created_at",
        ]

    def get_state(self, obj) -> str:
        return getattr(obj, "state", "")
