from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimitsu.core.text import ascii_digits

from .choices import Role
from .models import Department, Organization, Person
from .selectors import department_sibling_named, department_tree
from .services import duplicate_name_message, roles_for


def _tree_choices(org, exclude_ids=()):
    return [
        (d.pk, "\u3000" * depth + d.name)
        for d, depth in department_tree(org)
        if d.pk not in exclude_ids
    ]


def _department_field(org, label, required=False, exclude_ids=(), limit_ids=None):
    field = forms.ModelChoiceField(
        queryset=Department.objects.filter(organization=org),
        required=required,
        label=label,
    )
    choices = [c for c in _tree_choices(org, exclude_ids) if limit_ids is None or c[0] in limit_ids]
    field.choices = [("", "---------")] + choices
    return field


class CompanyProfileForm(forms.ModelForm):
    # wider than the stored 950-0087: 〒 and full-width digits are typed too, and cleaned away
    postal_code = forms.CharField(
        label=Organization._meta.get_field("postal_code").verbose_name,
        help_text=Organization._meta.get_field("postal_code").help_text,
        max_length=20,
        required=False,
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "name_kana",
            "corporate_number",
            "prefecture",
            "industry",
            "employee_count",
            "fiscal_year_start_month",
            "use_wareki",
            "postal_code",
            "address",
            "representative_title",
            "representative_name",
            "contract_signing",
            "pledge_seal",
        ]
        widgets = {
            "fiscal_year_start_month": forms.Select(choices=[(m, f"{m}") for m in range(1, 13)])
        }

    def clean_corporate_number(self):
        value = self.cleaned_data.get("corporate_number", "")
        # Full-width digits and separators are common when pasted from documents.
        value = ascii_digits(value)
        return value.replace("-", "").replace(" ", "").replace("\u3000", "")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # a post without the choice (an older form, a script) keeps what is stored
        self.fields["contract_signing"].required = False

    def clean_contract_signing(self):
        return self.cleaned_data.get("contract_signing") or self.instance.contract_signing

    def clean_postal_code(self):
        # 〒950-0087, ９５０－００８７ and 9500087 are the same code
        value = ascii_digits(self.cleaned_data.get("postal_code", "")).strip()
        for mark in ("〒", "－", "ー", "‐", "−", " ", "\u3000"):
            value = value.replace(mark, "-" if mark in "－ー‐−" else "")
        if len(value) == 7 and value.isdigit():
            value = f"{value[:3]}-{value[3:]}"
        return value


class DeskProfileForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "name_kana", "prefecture", "region", "contact", "hours"]


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    code = forms.CharField(label=_("Code"), max_length=30, required=False)
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, required=False, initial=0)

    def __init__(self, *args, org, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import department_descendant_ids

        exclude = department_descendant_ids(org, [instance.pk]) if instance else set()
        self.fields["parent"] = _department_field(org, _("Parent department"), exclude_ids=exclude)
        self.order_fields(["name", "parent", "code", "sort_order"])
        self.org, self.instance = org, instance
        if instance is not None and not self.is_bound:
            self.initial.update(
                {
                    "name": instance.name,
                    "code": instance.code,
                    "sort_order": instance.sort_order,
                    "parent": instance.parent_id,
                }
            )

    def clean(self):
        data = super().clean()
        name = (data.get("name") or "").strip()
        if name:
            parent = data.get("parent")
            existing = department_sibling_named(self.org, parent, name, exclude=self.instance)
            if existing is not None:
                self.add_error("name", duplicate_name_message(parent, name, existing))
        return data


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "employee_number",
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "department",
            "job_title",
            "email",
            "status",
            "joined_on",
            "left_on",
        ]
        widgets = {
            "joined_on": forms.DateInput(attrs={"type": "date"}),
            "left_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, org, limit_department_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = org
        self.fields["department"] = _department_field(
            org,
            _("Department"),
            required=limit_department_ids is not None,
            limit_ids=limit_department_ids,
        )

    def clean_employee_number(self):
        value = self.cleaned_data["employee_number"]
        return ascii_digits(value).strip()

    def clean(self):
        data = super().clean()
        if data.get("status") == "left" and not data.get("left_on"):
            self.add_error("left_on", _("Enter the exit date of a person who has left."))
        joined, left = data.get("joined_on"), data.get("left_on")
        if joined and left and left < joined:
            self.add_error("left_on", _("The exit date is before the joining date."))
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in roles_for(org)]
        # the least privilege by default: an employee, or a desk's advisor
        self.fields["role"].initial = Role.MEMBER if org.is_company else Role.DESK_ADVISOR
        if org.is_company:
            self.fields["department"] = _department_field(
                org, _("Managed department (department managers only)")
            )
            self.fields["person"] = forms.ModelChoiceField(
                queryset=Person.objects.filter(organization=org, user__isnull=True),
                required=False,
                label=_("People register entry"),
            )

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.MANAGER and not data.get("department"):
            self.add_error("department", _("A department manager needs a department."))
        return data


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    is_active = forms.BooleanField(label=_("Active"), required=False)

    def __init__(self, *args, org, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in roles_for(org)]
        if org.is_company:
            self.fields["department"] = _department_field(
                org, _("Managed department (department managers only)")
            )
            # the person this account is: their tasks, read confirmations and quiz scores
            linked = member.person_id if member is not None else None
            self.fields["person"] = forms.ModelChoiceField(
                queryset=Person.objects.filter(organization=org).filter(
                    models.Q(user__isnull=True) | models.Q(pk=linked)
                ),
                required=False,
                label=_("People register entry"),
            )

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.MANAGER and not data.get("department"):
            self.add_error("department", _("A department manager needs a department."))
        return data
