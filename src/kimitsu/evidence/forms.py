import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kimitsu.register.models import Entry

from .models import DESCRIPTION_LENGTH, Record, RecordKind

SEPARATORS = re.compile(r"[\s,、;；]+")


class EntryNumbersField(forms.CharField):
    """Register entries by ledger number (KM-00001, KM-00008): a company has up to 100,000 of
    them, too many for a list to choose from. The form resolves them among those the user may
    open; a number it cannot resolve is named in the error."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 4000)
        kwargs.setdefault(
            "help_text",
            _("Ledger numbers, separated by commas or spaces, e.g. KM-00001, KM-00008."),
        )
        super().__init__(**kwargs)


def resolve_entries(form, name: str, visible):
    text = form.cleaned_data.get(name) or ""
    numbers = [n for n in SEPARATORS.split(text.strip()) if n]
    if not numbers:
        return []
    found = {e.ledger_number.upper(): e for e in visible.filter(ledger_number__in=numbers)}
    if len(found) < len({n.upper() for n in numbers}):
        # a second, case-blind look for what the exact match missed
        from django.db.models.functions import Upper

        rest = [n.upper() for n in numbers if n.upper() not in found]
        for e in visible.annotate(u=Upper("ledger_number")).filter(u__in=rest):
            found[e.ledger_number.upper()] = e
    missing = [n for n in numbers if n.upper() not in found]
    if missing:
        form.add_error(
            name,
            _("No entry you may open has the number %(numbers)s.")
            % {"numbers": "、".join(missing)},
        )
        return []
    return list({e.pk: e for e in found.values()}.values())


class RecordForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "Only its SHA-256 is sent to the TSA. Without “keep the file”, your browser computes "
            "the SHA-256 and the file does not leave your computer."
        ),
    )
    sha256 = forms.CharField(
        label=_("SHA-256 of the file"),
        required=False,
        max_length=80,
        help_text=_("Or enter the file's SHA-256 (e.g. from `sha256sum FILE` or `certutil`)."),
    )
    filename = forms.CharField(label=_("File name"), required=False, max_length=255)
    keep = forms.BooleanField(
        label=_("Keep the file in kimitsu"),
        required=False,
        help_text=_("Otherwise kimitsu keeps the hash and the token only, and you keep the file."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=RecordKind.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Record._meta.get_field("description").help_text,
    )
    entries = EntryNumbersField(label=_("Register entries"))
    decision = forms.ModelChoiceField(
        label=_("Patent-or-secret decision"), queryset=None, required=False
    )

    def __init__(self, *args, entries=None, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible_entries = entries if entries is not None else Entry.objects.none()
        if decisions is None:
            del self.fields["decision"]
        else:
            self.fields["decision"].queryset = decisions

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        limit = settings.KIMITSU_EVIDENCE_MAX_MB * 1024 * 1024
        if upload is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": settings.KIMITSU_EVIDENCE_MAX_MB}
            )
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("sha256") or "").strip():
            raise forms.ValidationError(_("Choose a file or enter its SHA-256."))
        if not data.get("file") and (data.get("sha256") or "").strip():
            from django.core.exceptions import ValidationError

            from .services import clean_sha256

            try:
                data["sha256"] = clean_sha256(data["sha256"])
            except ValidationError as error:
                self.add_error("sha256", error.message_dict["sha256"])
        if data.get("keep") and not data.get("file"):
            self.add_error("keep", _("To keep the file, choose it (not only its SHA-256)."))
        data["entry_list"] = resolve_entries(self, "entries", self.visible_entries)
        return data


class RecheckForm(forms.Form):
    file = forms.FileField(label=_("File to check"))


class PackForm(forms.Form):
    SCOPE_ALL = "all"
    SCOPE_CHOSEN = "chosen"
    scope = forms.ChoiceField(
        label=_("What the pack covers"),
        choices=[(SCOPE_ALL, _("The whole company")), (SCOPE_CHOSEN, _("Chosen entries"))],
        widget=forms.RadioSelect,
        initial=SCOPE_ALL,
    )
    entries = EntryNumbersField(label=_("Register entries"))

    def __init__(self, *args, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible_entries = entries if entries is not None else Entry.objects.none()

    def clean(self):
        data = super().clean()
        data["entry_list"] = resolve_entries(self, "entries", self.visible_entries)
        if data.get("scope") == self.SCOPE_CHOSEN and not data["entry_list"] and not self.errors:
            self.add_error("entries", _("Choose at least one entry."))
        return data
