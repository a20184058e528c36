from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kimitsu.core.forms import style_widgets
from kimitsu.documents.tables import validate_upload_size
from kimitsu.organizations.choices import Industry, Prefecture

from . import selectors
from .choices import Outcome, Referral, Subject, localized_choices
from .models import SECRET_WARNING, Client, Consultation, Engagement, Seminar, Visit

STEP_CHOICES = [(i, f"{i}") for i in range(1, 8)]


class ClientForm(forms.ModelForm):
    class Meta:
        model = Client
        fields = [
            "name",
            "attribute",
            "employee_count",
            "industry",
            "prefecture",
            "contact",
            "linked_organization",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].choices = localized_choices(Industry)
        self.fields["prefecture"].choices = localized_choices(Prefecture)
        self.fields["linked_organization"].queryset = selectors.invited_companies(org)
        self.fields["linked_organization"].help_text = _(
            "Only companies that invited this desk (one of the desk's staff is an external "
            "advisor in their workspace). The advisor then sees the company's seven-step "
            "status and counts, never the content of its register."
        )
        style_widgets(self)


class ConsultationForm(forms.ModelForm):
    received_at = forms.DateTimeField(
        label=_("received at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    subjects = forms.MultipleChoiceField(
        label=_("subjects"), choices=Subject.choices, widget=forms.CheckboxSelectMultiple
    )
    referrals = forms.MultipleChoiceField(
        label=_("referred to"),
        choices=Referral.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Consultation
        fields = [
            "received_at",
            "channel",
            "client",
            "subjects",
            "summary",
            "advisors",
            "lawyer_involved",
            "referrals",
            "status",
            "follow_up_on",
            "follow_up_note",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "advisors": forms.CheckboxSelectMultiple,
            "follow_up_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = selectors.client_list(membership).order_by("name")
        self.fields["advisors"].queryset = selectors.desk_staff(membership.organization)
        self.fields["advisors"].label_from_instance = lambda u: u.display_name or u.email
        self.fields["summary"].help_text = SECRET_WARNING
        if self.instance.pk:
            self.initial["subjects"] = list(
                self.instance.subject_rows.values_list("subject", flat=True)
            )
            self.initial["received_at"] = timezone.localtime(self.instance.received_at)
        else:
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )
            self.initial.setdefault("advisors", [membership.user.pk])
        style_widgets(self)


class HandOverForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("desk in kimitsu"),
        queryset=None,
        required=False,
        help_text=_("The consultation and its history are copied into that desk's workspace."),
    )
    target_name = forms.CharField(
        label=_("or another desk (not in kimitsu)"),
        required=False,
        max_length=200,
        help_text=_("The consultation is marked as handed over; pass it on by phone or mail."),
    )
    note = forms.CharField(
        label=_("note for the other desk"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = selectors.handover_targets(membership)
        style_widgets(self)


class EngagementForm(forms.ModelForm):
    planned_steps = forms.TypedMultipleChoiceField(
        label=_("planned steps"),
        choices=STEP_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    completed_steps = forms.TypedMultipleChoiceField(
        label=_("completed steps"),
        choices=STEP_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcomes = forms.MultipleChoiceField(
        label=_("outcomes"),
        choices=Outcome.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Engagement
        fields = [
            "client",
            "title",
            "started_on",
            "ended_on",
            "planned_steps",
            "completed_steps",
            "outcomes",
            "plan_note",
            "advisors",
        ]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "plan_note": forms.Textarea(attrs={"rows": 3}),
            "advisors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        from kimitsu.core.steps import STEP_DEFINITIONS

        labels = [(n, f"{n}. {title}") for n, title, _s in STEP_DEFINITIONS]
        self.fields["planned_steps"].choices = labels
        self.fields["completed_steps"].choices = labels
        self.fields["client"].queryset = selectors.client_list(membership).order_by("name")
        self.fields["advisors"].queryset = selectors.desk_staff(membership.organization)
        self.fields["advisors"].label_from_instance = lambda u: u.display_name or u.email
        style_widgets(self)


class VisitForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["visited_on", "mode", "attendees", "minutes"]
        widgets = {
            "visited_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "minutes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class SeminarForm(forms.ModelForm):
    class Meta:
        model = Seminar
        fields = [
            "held_on",
            "title",
            "kind",
            "online",
            "participants",
            "lecturer",
            "client",
            "host",
        ]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = selectors.client_list(membership).order_by("name")
        style_widgets(self)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("records"),
        choices=[("consultations", _("Consultations")), ("seminars", _("Seminars"))],
    )
    file = forms.FileField(
        label=_("file (.xlsx or .csv, UTF-8 or Shift_JIS)"), validators=[validate_upload_size]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class SettingsForm(forms.Form):
    size_bounds = forms.CharField(
        label=_("size bands (upper bounds)"),
        max_length=200,
        help_text=_(
            "Upper bound of each band, ascending, separated by commas. "
            "20,50,100,300,1000 gives 1–20, 21–50, 51–100, 101–300, 301–1000, 1001+."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
