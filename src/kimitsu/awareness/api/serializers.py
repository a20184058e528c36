from rest_framework import serializers

from ..choices import CheckKind
from ..models import Attendance, PatentDecision, SelfCheck, TrainingSession


class SelfCheckSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = SelfCheck
        fields = [
            "id",
            "kind",
            "department",
            "answered_on",
            "answerer_name",
            "score",
            "max_score",
            "percent",
            "answers",
        ]
        read_only_fields = ["answerer_name", "score", "max_score"]


class SelfCheckCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CheckKind.choices)
    department = serializers.IntegerField(required=False, allow_null=True)
    answered_on = serializers.DateField(required=False)
    answers = serializers.DictField(child=serializers.CharField())


class TrainingSerializer(serializers.ModelSerializer):
    attendee_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "held_on",
            "title",
            "kind",
            "lecturer_kind",
            "lecturer_name",
            "mode",
            "materials",
            "required",
            "attendee_count",
        ]


class AttendanceSerializer(serializers.ModelSerializer):
    employee_number = serializers.CharField(source="person.employee_number")
    name = serializers.CharField(source="person.full_name")

    class Meta:
        model = Attendance
        fields = ["employee_number", "name", "source"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PatentDecision
        fields = [
            "id",
            "title",
            "register_entry_id",
            "answers",
            "recommendation",
            "net_weight",
            "decision",
            "decision_reason",
            "approver",
            "decided_on",
            "evidence",
        ]
        read_only_fields = [
            "recommendation",
            "net_weight",
            "decision",
            "decision_reason",
            "approver",
            "decided_on",
            "evidence",
        ]
