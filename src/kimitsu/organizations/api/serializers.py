from rest_framework import serializers

from ..models import Department, Membership, Organization, Person


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "slug",
            "kind",
            "name",
            "name_kana",
            "corporate_number",
            "prefecture",
            "industry",
            "employee_count",
            "fiscal_year_start_month",
            "postal_code",
            "address",
            "representative_title",
            "representative_name",
            "contract_signing",
            "pledge_seal",
            "region",
            "contact",
            "hours",
        ]


class WorkspaceMembershipSerializer(serializers.ModelSerializer):
    organization = OrganizationSerializer()

    class Meta:
        model = Membership
        fields = ["organization", "role"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "code", "parent", "sort_order"]

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["parent"].queryset = Department.objects.filter(organization=org)


class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "employee_number",
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "full_name",
            "department",
            "job_title",
            "email",
            "status",
            "joined_on",
            "left_on",
        ]

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["department"].queryset = Department.objects.filter(organization=org)
        self.validators = []  # uniqueness is checked by the service's full_clean
