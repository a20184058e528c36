from django import forms

from .models import ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = [
            "enabled",
            "start_after_days",
            "repeat_days",
            "escalate_after_days",
            "link_days",
            "quiet_periods",
        ]
        widgets = {"quiet_periods": forms.Textarea(attrs={"rows": 3})}

    def clean_quiet_periods(self):
        from django.utils.translation import gettext as _

        text = self.cleaned_data["quiet_periods"]
        for number, line in enumerate(text.splitlines(), start=1):
            span = line.strip().partition(" ")[0]
            if not span:
                continue
            try:
                parts = [tuple(int(x) for x in p.split("-")) for p in span.split("..")]
                assert len(parts) == 2 and all(1 <= m <= 12 and 1 <= d <= 31 for m, d in parts)
            except (ValueError, AssertionError):
                raise forms.ValidationError(
                    _("Line %(n)s: write MM-DD..MM-DD, e.g. 12-28..01-04 年末年始.") % {"n": number}
                ) from None
        return text


class ReadRequestForm(forms.Form):
    from django.utils.translation import gettext_lazy as _lazy

    title = forms.CharField(label=_lazy("Title"), max_length=200)
    kind = forms.ChoiceField(
        label=_lazy("Document"),
        choices=[("rules", _lazy("The handling rules in force")), ("file", _lazy("A PDF file"))],
        widget=forms.RadioSelect,
        initial="rules",
    )
    file = forms.FileField(label=_lazy("PDF"), required=False)
