from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kimitsu.evidence.forms import EntryNumbersField, resolve_entries
from kimitsu.register.models import Entry

from .choices import ACTION_CHOICES
from .models import COMMENT_LENGTH


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RequestForm(forms.Form):
    action = forms.ChoiceField(label=_("What you want to do"), choices=ACTION_CHOICES)
    entries = EntryNumbersField(
        label=_("Register entries"),
        required=True,
        help_text=_(
            "Ledger numbers of the entries concerned, separated by commas or spaces, e.g. "
            "KM-00001, KM-00008. Only entries you may open can be named."
        ),
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    destination = forms.CharField(
        label=_("Recipient or destination"),
        max_length=200,
        required=False,
        help_text=_(
            "To whom or where: the site or customer it is taken to, the address it is sent to, "
            "the device, the cloud service or the AI service. Not needed to copy or print."
        ),
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=None,
        required=False,
        help_text=_(
            "For a disclosure: the partner of the disclosure log, so that the approval can be "
            "linked when the disclosure is recorded."
        ),
    )
    starts_on = forms.DateField(label=_("From"), widget=_date_input())
    ends_on = forms.DateField(label=_("Until"), widget=_date_input())
    return_due = forms.DateField(
        label=_("To be returned by"),
        required=False,
        widget=_date_input(),
        help_text=_("For taking outside the company: the day it is back."),
    )
    confirm = forms.BooleanField(
        label=_("I have read the conditions above and will follow them."), required=False
    )

    def __init__(self, *args, entries=None, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible_entries = entries if entries is not None else Entry.objects.none()
        if partners is None:
            del self.fields["partner"]
        else:
            self.fields["partner"].queryset = partners
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        self.fields["ends_on"].initial = today

    def clean(self):
        data = super().clean()
        data["entry_list"] = resolve_entries(self, "entries", self.visible_entries)
        return data


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to refuse: say why."),
    )


class ReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("Returned on"), widget=_date_input())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["returned_on"].initial = timezone.localdate()


class SettingsForm(forms.Form):
    officer = forms.ModelChoiceField(
        label=_("Information management officer (情報管理責任者)"), queryset=None, required=False
    )
    president = forms.ModelChoiceField(
        label=_("Representative director (代表取締役)"), queryset=None, required=False
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("officer", "president"):
            self.fields[name].queryset = members
            self.fields[name].label_from_instance = _member_label
            self.fields[name].empty_label = _("— not named: found by the post —")


def _member_label(membership) -> str:
    user = membership.user
    name = str(membership.person) if membership.person_id else (user.display_name or user.email)
    return f"{name}（{membership.get_role_display()}・{user.email}）"
