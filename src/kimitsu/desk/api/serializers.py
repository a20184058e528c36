from django.contrib.auth import get_user_model
from rest_framework import serializers

from kimitsu.organizations.models import Organization

from ..choices import Referral, Subject
from ..models import Client, Consultation, Seminar


class ClientSerializer(serializers.ModelSerializer):
    is_kansai = serializers.BooleanField(read_only=True)
    linked_organization = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organization.objects.all(), required=False, allow_null=True
    )

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:  # only companies that invited the desk can be named
            from ..selectors import invited_companies

            self.fields["linked_organization"].queryset = invited_companies(org)

    class Meta:
        model = Client
        fields = [
            "id",
            "name",
            "attribute",
            "employee_count",
            "industry",
            "prefecture",
            "contact",
            "linked_organization",
            "notes",
            "is_kansai",
        ]


class ConsultationSerializer(serializers.ModelSerializer):
    subjects = serializers.ListField(
        child=serializers.ChoiceField(choices=Subject.choices), allow_empty=False
    )
    referrals = serializers.ListField(
        child=serializers.ChoiceField(choices=Referral.choices), required=False
    )
    advisors = serializers.PrimaryKeyRelatedField(
        many=True, queryset=get_user_model().objects.all(), required=False
    )
    is_kansai = serializers.BooleanField(read_only=True)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "received_at",
            "fiscal_year",
            "channel",
            "client",
            "subjects",
            "attribute",
            "employee_count",
            "industry",
            "prefecture",
            "summary",
            "advisors",
            "advisor_names",
            "lawyer_involved",
            "referrals",
            "status",
            "follow_up_on",
            "follow_up_note",
            "is_kansai",
            "handed_over_to_name",
            "handed_over_at",
        ]
        read_only_fields = [
            "fiscal_year",
            "attribute",
            "employee_count",
            "industry",
            "prefecture",
            "advisor_names",
            "handed_over_to_name",
            "handed_over_at",
        ]

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["client"].queryset = Client.objects.filter(organization=org)


class SeminarSerializer(serializers.ModelSerializer):
    class Meta:
        model = Seminar
        fields = [
            "id",
            "held_on",
            "fiscal_year",
            "title",
            "kind",
            "online",
            "participants",
            "lecturer",
            "client",
            "host",
        ]
        read_only_fields = ["fiscal_year"]

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["client"].queryset = Client.objects.filter(organization=org)


class StatsSerializer(serializers.Serializer):
    """The shape of ``kimitsu desk stats --format json`` (keys are Japanese labels)."""

    fiscal_year = serializers.IntegerField()
    label = serializers.CharField()
    consultations = serializers.DictField()
    seminars = serializers.DictField()
