from django import forms
from django.utils.translation import gettext_lazy as _

from kimitsu.core.validators import NOTE_LENGTH

from .choices import Purpose, Verdict
from .models import CheckRequest

MAX_PASTED_CHARS = 200_000


class DraftForm(forms.Form):
    """A draft to check: a file, or pasted text (one of the two)."""

    file = forms.FileField(
        label=_("Draft"),
        required=False,
        help_text=_("PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx) or a text file."),
    )
    text = forms.CharField(
        label=_("…or paste the text"),
        required=False,
        max_length=MAX_PASTED_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    keep = forms.BooleanField(
        label=_("Keep the draft in kimitsu"),
        required=False,
        help_text=_(
            "Without this, kimitsu keeps only the draft's SHA-256 and what the check found."
        ),
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Choose a file or paste the text to check."))
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError(_("Check either a file or a pasted text, not both."))
        return data


class CheckForm(DraftForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=CheckRequest._meta.get_field("title").max_length,
        required=False,
        help_text=_(
            "What the material is, e.g. 「2027年 展示会パネル」 (the file name otherwise)."
        ),
    )
    purpose = forms.ChoiceField(label=_("Where it is going"), choices=Purpose.choices)

    field_order = ["file", "text", "title", "purpose", "keep"]


class DecisionForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Decision"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required unless the draft may be published as it is."),
    )
