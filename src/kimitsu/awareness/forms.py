from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kimitsu.documents.tables import validate_upload_size
from kimitsu.organizations.models import Department
from kimitsu.organizations.selectors import department_tree

from . import scoring
from .choices import Answer, CheckKind, Decision, YesNo, YesNoUnsure
from .content.decision import DECISION_QUESTIONS, EVIDENCE_CHECKLIST
from .models import TrainingSession


class DateInput(forms.DateInput):
    input_type = "date"


class SelfCheckForm(forms.Form):
    """One radio group per question; the question text comes from the content module."""

    answered_on = forms.DateField(
        label=pgettext_lazy("self-check", "Date"), widget=DateInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args, kind: str, org, department_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["answered_on"].initial = timezone.localdate()
        if kind == CheckKind.SECURITY:
            choices = [
                (d.pk, "\u3000" * depth + d.name)
                for d, depth in department_tree(org)
                if department_ids is None or d.pk in department_ids
            ]
            if department_ids is None:
                choices = [("", _("The whole company"))] + choices
            self.fields["department"] = forms.ModelChoiceField(
                queryset=Department.objects.filter(organization=org),
                label=_("Department"),
                required=department_ids is not None,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields["department"].choices = choices
        choices = YesNo.choices if kind == CheckKind.QUICK else Answer.choices
        self.questions = scoring.questions_for(kind)
        for q in self.questions:
            self.fields[q.code] = forms.ChoiceField(
                label=str(q.text),
                choices=choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Choose an answer.")},
            )

    def question_rows(self):
        """(number, question, bound field, heading): the heading names the step (trade secret
        check) or the part (security check) when it changes."""
        from .content.checks import OBJECTIVE_TITLES, SECURITY_PART_TITLES, STEP_TITLES

        current = None
        for number, q in enumerate(self.questions, start=1):
            key = getattr(q, "step", None) or getattr(q, "group", None)
            heading = None
            if self.kind != CheckKind.QUICK and key != current:
                current = key
                heading = (
                    STEP_TITLES.get(key)
                    if self.kind == CheckKind.TRADE_SECRET
                    else SECURITY_PART_TITLES.get(key)
                )
            tag = OBJECTIVE_TITLES.get(q.group) if self.kind == CheckKind.TRADE_SECRET else None
            yield number, q, self[q.code], heading, tag

    def answers(self) -> dict:
        return {q.code: self.cleaned_data[q.code] for q in self.questions}


class TrainingForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = [
            "held_on",
            "title",
            "kind",
            "lecturer_kind",
            "lecturer_name",
            "mode",
            "materials",
            "required",
        ]
        widgets = {
            "held_on": DateInput(attrs={"class": "form-control"}),
            "title": forms.TextInput(attrs={"class": "form-control"}),
            "kind": forms.Select(attrs={"class": "form-select"}),
            "lecturer_kind": forms.Select(attrs={"class": "form-select"}),
            "lecturer_name": forms.TextInput(attrs={"class": "form-control"}),
            "mode": forms.Select(attrs={"class": "form-select"}),
            "materials": forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        }


class AttendanceEntryForm(forms.Form):
    employee_numbers = forms.CharField(
        label=_("Employee numbers"),
        help_text=_("One or more, separated by spaces or commas."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def numbers(self) -> list[str]:
        raw = self.cleaned_data["employee_numbers"].replace("、", ",").replace(",", " ")
        return [n for n in raw.split() if n]


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        validators=[validate_upload_size],
        help_text=_(
            "One employee number per row in the first column; a header row is "
            "allowed. UTF-8 or Shift_JIS."
        ),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".csv,text/csv"}),
    )


class QuizForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[q.code] = forms.ChoiceField(
                label=str(q.text),
                choices=[(str(i), str(o)) for i, o in enumerate(q.options)],
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Choose an answer.")},
            )

    def question_rows(self):
        for number, q in enumerate(self.questions, start=1):
            yield number, q, self[q.code]


class DecisionForm(forms.Form):
    title = forms.CharField(
        label=_("Technology"),
        max_length=200,
        help_text=_("A name that does not disclose the secret itself."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, register_entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if register_entries is not None:
            self.fields["register_entry"] = forms.TypedChoiceField(
                label=_("Register entry (optional)"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "---------")] + list(register_entries),
                widget=forms.Select(attrs={"class": "form-select"}),
            )
        for q in DECISION_QUESTIONS:
            self.fields[q.code] = forms.ChoiceField(
                label=str(q.text),
                choices=YesNoUnsure.choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial=YesNoUnsure.UNSURE,
            )

    def question_rows(self):
        for number, q in enumerate(DECISION_QUESTIONS, start=1):
            yield number, q, self[q.code]

    def answers(self) -> dict:
        return {q.code: self.cleaned_data[q.code] for q in DECISION_QUESTIONS}


class DecisionRecordForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    decision_reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"class": "form-control", "rows": 3})
    )
    approver = forms.CharField(
        label=_("Approved by"),
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    decided_on = forms.DateField(
        label=_("Decided on"),
        initial=timezone.localdate,
        widget=DateInput(attrs={"class": "form-control"}),
    )
    check_terms = forms.CharField(
        label=_("Check terms"),
        required=False,
        max_length=2000,
        help_text=_(
            "Kept secret, these words, codes and numbers must not show in public material: the "
            "pre-publication check looks for them. One per line, or separated by 、 or ;."
        ),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )


class EvidenceForm(forms.Form):
    done = forms.MultipleChoiceField(
        label=_("Prior-use evidence kept"),
        required=False,
        choices=[(code, code) for code, _label in EVIDENCE_CHECKLIST],
        widget=forms.CheckboxSelectMultiple,
    )


class QuizQuestionForm(forms.Form):
    """A question of the comprehension quiz: saving a change adds a version."""

    text_ja = forms.CharField(
        label=_("Question (Japanese)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
    options_ja = forms.CharField(
        label=_("Options (Japanese), one a line"),
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}),
    )
    answer = forms.IntegerField(
        label=_("Number of the correct option"),
        min_value=1,
        max_value=6,
        widget=forms.NumberInput(attrs={"class": "form-control", "style": "max-width: 6rem"}),
    )
    explanation_ja = forms.CharField(
        label=_("Explanation shown after answering (Japanese)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
    text_en = forms.CharField(
        label=_("Question (English)"),
        required=False,
        max_length=1000,
        help_text=_("Optional: English readers see the Japanese text without it."),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
    options_en = forms.CharField(
        label=_("Options (English), one a line, in the same order"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}),
    )
    explanation_en = forms.CharField(
        label=_("Explanation (English)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
