from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kimitsu.core.forms import StyledForm, style_widgets

from .choices import Approver, Objective, Verdict
from .clauses import OPTIONS
from .models import RegulationArticle

OPTION_LABELS = {
    "telework": _("Telework: an article on handling secrets when working from home"),
    "personal_devices": _("Personal devices: staff may use their own devices with permission"),
    "generative_ai": _("Generative AI: an article on what may be put into generative AI"),
    "partner_info": _("Partners' information: an article on receiving other companies' secrets"),
    "leavers": _("Leavers: an article on the measures when someone leaves"),
}


class RuleForm(StyledForm, forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices)
    approver = forms.ChoiceField(
        label=_("Who approves"),
        choices=[("", "---------")] + list(Approver.choices),
        required=False,
        help_text=_("For 承認制 (needs approval)."),
    )
    condition = forms.CharField(
        label=_("Condition"),
        max_length=300,
        required=False,
        help_text=_("For 条件付き許可 (allowed on conditions)."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    objective = forms.ChoiceField(label=_("Objective it serves"), choices=Objective.choices)


class ApproveRulesForm(StyledForm, forms.Form):
    note = forms.CharField(label=_("Note on this version"), max_length=300, required=False)


class RegulationSettingsForm(StyledForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100, initial="情報管理規程")
    officer_post = forms.CharField(
        label=_("Information management officer (post)"),
        max_length=100,
        help_text=_("The post that serves as 情報管理責任者, e.g. 代表取締役 or 総務部長."),
    )
    officer_name = forms.CharField(
        label=_("Information management officer (name)"),
        max_length=100,
        required=False,
        help_text=_("Optional: the person's name, printed next to the post."),
    )
    manager_post = forms.CharField(
        label=_("Department information managers"),
        max_length=100,
        help_text=_("Who serves as 部門情報管理者 in each department, e.g. 各部門の長."),
    )
    approving_body = forms.CharField(
        label=_("Amendments approved by"),
        max_length=100,
        help_text=_("e.g. 取締役会 or 代表取締役."),
    )
    marking_level = forms.ModelChoiceField(
        label=_("Marking of the document"),
        queryset=None,
        required=False,
        help_text=_("The level printed in the header of the regulation itself."),
    )
    note = forms.CharField(label=_("Note on this version"), max_length=300, required=False)

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marking_level"].queryset = levels
        for key in OPTIONS:
            self.fields[f"option_{key}"] = forms.BooleanField(
                label=OPTION_LABELS[key], required=False
            )
        style_widgets(self)

    def to_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("option_")}
        data["options"] = {k: bool(self.cleaned_data.get(f"option_{k}")) for k in OPTIONS}
        return data

    @classmethod
    def initial_for(cls, reg) -> dict:
        initial = {
            "title": reg.title,
            "officer_post": reg.officer_post,
            "officer_name": reg.officer_name,
            "manager_post": reg.manager_post,
            "approving_body": reg.approving_body,
            "marking_level": reg.marking_level_id,
            "note": reg.note,
        }
        for key in OPTIONS:
            initial[f"option_{key}"] = bool((reg.options or {}).get(key))
        return initial


class ArticleForm(StyledForm, forms.ModelForm):
    class Meta:
        model = RegulationArticle
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


class ApproveRegulationForm(StyledForm, forms.Form):
    effective_on = forms.DateField(
        label=_("In force from"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )


class MarkForm(StyledForm, forms.Form):
    file = forms.FileField(
        label=_("PDF file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )
    level = forms.ModelChoiceField(label=_("Level"), queryset=None)
    entry = forms.CharField(
        label=_("Register entry (optional)"),
        max_length=40,
        required=False,
        help_text=_("The ledger number of the entry the document belongs to."),
    )
    recipient = forms.CharField(
        label=_("Recipient"),
        max_length=200,
        required=False,
        help_text=_(
            "A person or a company (北陸測量株式会社 田村). The watermark adds 様, or 御中 for a "
            "company or a department, unless you wrote it."
        ),
    )
    watermark = forms.BooleanField(
        label=_("Diagonal watermark with the recipient, the date and the trace code"),
        required=False,
    )
    keep_file = forms.BooleanField(label=_("Keep a copy of the stamped file"), required=False)

    def __init__(self, *args, levels=None, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = levels
        self.entries = entries

    def clean_entry(self):
        number = (self.cleaned_data.get("entry") or "").strip()
        if not number:
            return None
        entry = (
            self.entries.filter(ledger_number=number).first() if self.entries is not None else None
        )
        if entry is None:
            raise forms.ValidationError(_("No register entry with this ledger number."))
        return entry


class TraceForm(StyledForm, forms.Form):
    code = forms.CharField(label=_("Trace code"), max_length=20)
