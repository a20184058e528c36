from rest_framework import serializers

from kimitsu.organizations.models import Department, Person

from ..choices import Category, Medium, Requirement, ReviewResult
from ..models import Entry, Level, RegisterSettings


class RegisterLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Level
        fields = [
            "id",
            "code",
            "name",
            "rank",
            "color",
            "marking_text",
            "description",
            "review_months",
            "is_secret",
            "need_to_know",
            "audit_views",
            "suggest_from_score",
        ]
        validators: list = []  # uniqueness is checked by the service's full_clean


class RegisterEntrySerializer(serializers.ModelSerializer):
    """An entry as read: names next to ids, so that a client needs no second request."""

    level_name = serializers.CharField(source="level.name", read_only=True, default=None)
    owning_department_name = serializers.CharField(
        source="owning_department.name", read_only=True, default=None
    )
    custodian_employee_number = serializers.CharField(
        source="custodian.employee_number", read_only=True, default=None
    )
    media = serializers.ListField(source="media_list", child=serializers.CharField())
    storage_locations = serializers.ListField(
        source="locations_list", child=serializers.CharField()
    )
    check_terms = serializers.ListField(source="check_terms_list", child=serializers.CharField())

    class Meta:
        model = Entry
        fields = [
            "id",
            "ledger_number",
            "title",
            "summary",
            "category",
            "item_type",
            "media",
            "storage_locations",
            "owning_department",
            "owning_department_name",
            "custodian",
            "custodian_employee_number",
            "level",
            "level_name",
            "classification_reason",
            "secrecy",
            "secrecy_note",
            "usefulness",
            "usefulness_note",
            "non_public",
            "non_public_note",
            "value_score",
            "damage_score",
            "status",
            "decision_comment",
            "retired_reason",
            "next_review_on",
            "source_partner_name",
            "source_agreement_ref",
            "remarks",
            "check_terms",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class RegisterEntryWriteSerializer(serializers.Serializer):
    ledger_number = serializers.CharField(required=False, allow_blank=True, max_length=40)
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(required=False, allow_blank=True)
    category = serializers.ChoiceField(choices=Category.choices)
    item_type = serializers.CharField(required=False, allow_blank=True, max_length=100)
    media = serializers.ListField(
        child=serializers.ChoiceField(choices=Medium.choices), required=False
    )
    storage_locations = serializers.ListField(child=serializers.CharField(), required=False)
    owning_department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.none(), required=False, allow_null=True
    )
    custodian = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.none(), required=False, allow_null=True
    )
    source_partner_name = serializers.CharField(required=False, allow_blank=True)
    source_agreement_ref = serializers.CharField(required=False, allow_blank=True)
    remarks = serializers.CharField(required=False, allow_blank=True)
    check_terms = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, max_length=50
    )

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["owning_department"].queryset = Department.objects.filter(organization=org)
            self.fields["custodian"].queryset = Person.objects.filter(organization=org)


class RegisterDecisionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["approve", "return", "reject"])
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    level = serializers.PrimaryKeyRelatedField(
        queryset=Level.objects.none(), required=False, allow_null=True, default=None
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["level"].queryset = Level.objects.filter(organization=org)


class RegisterClassificationSerializer(serializers.Serializer):
    level = serializers.PrimaryKeyRelatedField(queryset=Level.objects.none())
    reason = serializers.CharField()
    lowering_reason = serializers.CharField(required=False, allow_blank=True, default="")
    secrecy = serializers.ChoiceField(choices=Requirement.choices, required=False, allow_blank=True)
    secrecy_note = serializers.CharField(required=False, allow_blank=True)
    usefulness = serializers.ChoiceField(
        choices=Requirement.choices, required=False, allow_blank=True
    )
    usefulness_note = serializers.CharField(required=False, allow_blank=True)
    non_public = serializers.ChoiceField(
        choices=Requirement.choices, required=False, allow_blank=True
    )
    non_public_note = serializers.CharField(required=False, allow_blank=True)
    value_score = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True
    )
    damage_score = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True
    )

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["level"].queryset = Level.objects.filter(organization=org)


class RegisterRetireSerializer(serializers.Serializer):
    reason = serializers.CharField()


class RegisterReviewSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=ReviewResult.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    reviewed_on = serializers.DateField(required=False, allow_null=True, default=None)
    level = serializers.PrimaryKeyRelatedField(
        queryset=Level.objects.none(), required=False, allow_null=True, default=None
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    lowering_reason = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["level"].queryset = Level.objects.filter(organization=org)


class RegisterGrantsSerializer(serializers.Serializer):
    """Read: the entry's grants. Write: add a department (with or without sub-departments) or a
    person; or revoke one by id."""

    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.none(), required=False, allow_null=True
    )
    include_subdepartments = serializers.BooleanField(required=False, default=True)
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.none(), required=False, allow_null=True
    )
    revoke_department_grant = serializers.IntegerField(required=False)
    revoke_person_grant = serializers.IntegerField(required=False)

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["department"].queryset = Department.objects.filter(organization=org)
            self.fields["person"].queryset = Person.objects.filter(organization=org)


class RegisterGrantListSerializer(serializers.Serializer):
    departments = serializers.ListField(child=serializers.DictField())
    people = serializers.ListField(child=serializers.DictField())


class RegisterCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    approved = serializers.IntegerField()
    proposed = serializers.IntegerField()
    returned = serializers.IntegerField()
    retired = serializers.IntegerField()
    unclassified = serializers.IntegerField()
    reviews_due = serializers.IntegerField(help_text="approved entries due for review by today")
    reviews_soon = serializers.IntegerField(
        help_text="approved entries not yet due, due within the next 30 days"
    )
    not_qualifying = serializers.IntegerField()
    by_level = serializers.DictField(child=serializers.IntegerField())
    by_level_and_category = serializers.ListField(child=serializers.DictField())
    by_department = serializers.ListField(child=serializers.DictField())


class RegisterImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    dry_run = serializers.BooleanField(required=False, default=False)


class RegisterImportResultSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    applied = serializers.BooleanField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    unclassified = serializers.IntegerField(
        help_text="rows to create without a level: registered unclassified (未格付け)"
    )
    creates = serializers.ListField(
        child=serializers.DictField(),
        help_text="the first 200 rows to create: row, ledger_number, title, level ('' for none)",
    )
    updates = serializers.ListField(
        child=serializers.DictField(),
        help_text="the first 200 rows to update: row, number, changed column keys",
    )
    errors = serializers.ListField(child=serializers.DictField())


class RegisterPersonAccessSerializer(serializers.Serializer):
    entry = RegisterEntrySerializer()
    direct = serializers.BooleanField()
    custodian = serializers.BooleanField()
    departments = serializers.ListField(child=serializers.CharField())


class RegisterSettingsSerializer(serializers.ModelSerializer):
    """The company's ledger numbering: prefix and digits; the next number it would give."""

    next_number = serializers.SerializerMethodField()

    class Meta:
        model = RegisterSettings
        fields = ["number_prefix", "number_digits", "last_number", "next_number"]
        read_only_fields = ["last_number", "next_number"]

    def get_next_number(self, obj) -> str:
        return f"{obj.number_prefix}{obj.last_number + 1:0{obj.number_digits}d}"
