from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kimitsu.core.forms import style_widgets
from kimitsu.documents.tables import validate_upload_size
from kimitsu.organizations.choices import PersonStatus
from kimitsu.organizations.models import Department, Person

from .choices import Medium, Requirement, ReviewResult
from .models import Entry, Level, RegisterSettings
from .selectors import levels_for
from .terms import clean_terms


def _person_label(p):
    """1204 鈴木　美咲（設計部） for a Japanese reader, 1204 鈴木　美咲 (設計部) for others."""
    if not p.department_id:
        return f"{p.employee_number} {p.full_name}"
    if (translation.get_language() or "ja").startswith("ja"):
        return f"{p.employee_number} {p.full_name}（{p.department.name}）"
    return f"{p.employee_number} {p.full_name} ({p.department.name})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _person_label(obj)


def _people(org):
    return (
        Person.objects.filter(organization=org)
        .exclude(status=PersonStatus.LEFT)
        .select_related("department")
        .order_by("employee_number")
    )


class EntryForm(forms.ModelForm):
    media = forms.MultipleChoiceField(
        label=_("media"),
        choices=Medium.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    custodian = PersonChoiceField(
        label=_("custodian"), queryset=Person.objects.none(), required=False
    )

    class Meta:
        model = Entry
        fields = [
            "ledger_number",
            "title",
            "summary",
            "category",
            "item_type",
            "media",
            "storage_locations",
            "owning_department",
            "custodian",
            "source_partner_name",
            "source_agreement_ref",
            "remarks",
            "check_terms",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "storage_locations": forms.Textarea(attrs={"rows": 3}),
            "remarks": forms.Textarea(attrs={"rows": 2}),
            "check_terms": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, org, can_number=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owning_department"].queryset = Department.objects.filter(organization=org)
        self.fields["custodian"].queryset = _people(org)
        self.fields["ledger_number"].required = False
        self.fields["ledger_number"].help_text = _("Leave empty to number it automatically.")
        if not can_number:
            del self.fields["ledger_number"]

    def clean_check_terms(self):
        try:
            return clean_terms(self.cleaned_data.get("check_terms") or "")
        except ValidationError as error:
            raise ValidationError(error.message_dict["check_terms"]) from None
        if self.instance and self.instance.pk:
            self.initial["media"] = self.instance.media_list
        self.fields["item_type"].widget.attrs["list"] = "item-type-suggestions"
        style_widgets(self)


class DecideForm(forms.Form):
    action = forms.ChoiceField(
        label=_("decision"),
        choices=[("approve", _("Approve")), ("return", _("Send back")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when sending back or rejecting."),
    )
    level = forms.ModelChoiceField(label=_("level"), queryset=Level.objects.none(), required=False)
    reason = forms.CharField(
        label=_("reason for the level"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = levels_for(org)
        style_widgets(self)


SCORE_CHOICES = [("", "—")] + [(str(i), str(i)) for i in range(1, 6)]


class ClassifyForm(forms.Form):
    secrecy = forms.ChoiceField(
        label=_("secrecy management"), required=False, choices=[("", "—")] + Requirement.choices
    )
    secrecy_note = forms.CharField(label=_("note"), required=False, max_length=300)
    usefulness = forms.ChoiceField(
        label=_("usefulness"), required=False, choices=[("", "—")] + Requirement.choices
    )
    usefulness_note = forms.CharField(label=_("note"), required=False, max_length=300)
    non_public = forms.ChoiceField(
        label=_("non-public nature"), required=False, choices=[("", "—")] + Requirement.choices
    )
    non_public_note = forms.CharField(label=_("note"), required=False, max_length=300)
    value_score = forms.TypedChoiceField(
        label=_("value"), required=False, coerce=int, empty_value=None, choices=SCORE_CHOICES
    )
    damage_score = forms.TypedChoiceField(
        label=_("damage if leaked"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=SCORE_CHOICES,
    )
    level = forms.ModelChoiceField(label=_("level"), queryset=Level.objects.none())
    reason = forms.CharField(
        label=_("reason for the level"), widget=forms.Textarea(attrs={"rows": 3})
    )
    lowering_reason = forms.CharField(
        label=_("reason for lowering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the new level is lower than the current one."),
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = levels_for(org)
        style_widgets(self)


class RetireForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for retirement"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(
        label=_("reviewed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    result = forms.ChoiceField(
        label=_("result"), choices=ReviewResult.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    level = forms.ModelChoiceField(
        label=_("new level"), queryset=Level.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("reason for the level"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lowering_reason = forms.CharField(
        label=_("reason for lowering"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = levels_for(org)
        # the browser's date picker stops at today (the service refuses a later date)
        self.fields["reviewed_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        style_widgets(self)


class DepartmentGrantForm(forms.Form):
    department = forms.ModelChoiceField(label=_("department"), queryset=Department.objects.none())
    include_subdepartments = forms.BooleanField(
        label=_("including sub-departments"), required=False, initial=True
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(organization=org)
        style_widgets(self)


class PersonGrantForm(forms.Form):
    person = PersonChoiceField(label=_("person"), queryset=Person.objects.none())

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people(org)
        style_widgets(self)


class LevelForm(forms.ModelForm):
    class Meta:
        model = Level
        fields = [
            "name",
            "code",
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
        widgets = {
            "color": forms.TextInput(attrs={"type": "color"}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
        self.fields["color"].widget.attrs["class"] = "form-control form-control-color"

    def validate_unique(self):
        pass  # the service's full_clean checks uniqueness with the organization set


class SettingsForm(forms.ModelForm):
    class Meta:
        model = RegisterSettings
        fields = ["number_prefix", "number_digits"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or .csv)"), validators=[validate_upload_size])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update({"class": "form-control", "accept": ".xlsx,.csv"})
