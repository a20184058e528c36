from django import forms
from django.utils.translation import gettext_lazy as _

from kimitsu.core.forms import StyledForm

from .choices import (
    AgreementKind,
    ClauseVariant,
    DisclosureEnd,
    NdaDirection,
    ReturnKind,
    TemplateKind,
)
from .models import Agreement, Clause, Partner
from .services.partners import AGREEMENT_FIELDS, PARTNER_FIELDS
from .services.templates import CLAUSE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TemplateMetaForm(StyledForm, forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=200)
    marking = forms.CharField(
        label=_("Marking"),
        max_length=40,
        required=False,
        help_text=_("Printed in the header of every page, e.g. 社外秘."),
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class ClauseForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Clause
        fields = CLAUSE_FIELDS
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["heading"].required = False
        self.fields["heading"].help_text = _(
            "Leave empty for an unnumbered paragraph (opening or closing words)."
        )
        self.fields["variant"].choices = ClauseVariant.choices


class DocumentForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=TemplateKind.choices)
    person = forms.ModelChoiceField(label=_("Person"), queryset=None, required=False)
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=None, required=False)
    document_date = forms.DateField(label=_("Date of the document"), widget=DATE)
    project = forms.CharField(label=_("Project"), max_length=200, required=False)
    former_employer = forms.CharField(label=_("Former employer"), max_length=200, required=False)
    former_duties = forms.CharField(
        label=_("Duties still owed to the former employer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    not_to_bring = forms.CharField(
        label=_("What the hire promises not to bring"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    own_knowledge = forms.CharField(
        label=_("The hire's own knowledge and experience"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    noncompete = forms.BooleanField(label=_("Add a non-compete clause"), required=False)
    nc_period_months = forms.IntegerField(
        label=_("Non-compete period (months)"), min_value=1, max_value=120, required=False
    )
    nc_region = forms.CharField(label=_("Non-compete region"), max_length=100, required=False)
    nc_scope = forms.CharField(
        label=_("Non-compete business scope"), max_length=200, required=False
    )
    nc_compensation = forms.CharField(
        label=_("Compensation for the non-compete"), max_length=200, required=False
    )
    direction = forms.ChoiceField(
        label=_("NDA direction"), choices=NdaDirection.choices, required=False
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300, required=False)
    term_years = forms.IntegerField(
        label=_("Term (years)"), min_value=1, max_value=30, required=False
    )
    survival_years = forms.IntegerField(
        label=_("Confidentiality survives (years)"), min_value=0, max_value=30, required=False
    )
    court = forms.CharField(label=_("Court agreed for disputes"), max_length=100, required=False)

    def __init__(self, *args, people, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: (
            f"{p.employee_number} {p.full_name}（{p.get_status_display()}）"
        )
        self.fields["partner"].queryset = partners

    def service_fields(self) -> dict:
        data = self.cleaned_data
        skip = {"kind", "person", "partner", "document_date"}
        return {k: v for k, v in data.items() if k not in skip and v not in (None, "")}


class BatchIssueForm(StyledForm, forms.Form):
    document_date = forms.DateField(label=_("Date of the documents"), widget=DATE)


class TransitionForm(StyledForm, forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ScanForm(StyledForm, forms.Form):
    scan = forms.FileField(label=_("Signed copy (PDF or image)"))


class LeavingForm(StyledForm, forms.Form):
    last_day = forms.DateField(label=_("Last working day"), widget=DATE)


class JoiningForm(StyledForm, forms.Form):
    from_other_company = forms.BooleanField(label=_("Comes from another company"), required=False)
    former_employer = forms.CharField(label=_("Former employer"), max_length=200, required=False)
    training = forms.CharField(
        label=_("Training to attend"),
        max_length=300,
        required=False,
        help_text=_("e.g. 新入社員向け情報管理研修（4月10日）"),
    )


class StepForm(StyledForm, forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnItemForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReturnKind.choices)
    description = forms.CharField(label=_("Item"), max_length=200)
    identifier = forms.CharField(label=_("Serial or asset number"), max_length=100, required=False)


class PartnerForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Partner
        fields = PARTNER_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class AgreementForm(StyledForm, forms.ModelForm):
    scan = forms.FileField(label=_("Signed copy (PDF or image)"), required=False)

    class Meta:
        model = Agreement
        fields = AGREEMENT_FIELDS
        widgets = {"signed_on": DATE, "starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["kind"].choices = AgreementKind.choices


class DisclosureForm(StyledForm, forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=None)
    entry = forms.ModelChoiceField(label=_("Register entry"), queryset=None)
    agreement = forms.ModelChoiceField(
        label=_("Agreement"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to use the partner's agreement in force on that day."),
    )
    disclosed_on = forms.DateField(label=_("Disclosed on"), widget=DATE)
    recipient = forms.CharField(label=_("Received by"), max_length=200, required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    override_reason = forms.CharField(
        label=_("Reason for disclosing without an agreement (administrators)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    approval = forms.ModelChoiceField(
        label=_("Approval under the handling rules"),
        queryset=None,
        required=False,
        help_text=_(
            "Where the rules ask for approval to disclose the entry's level: the approved "
            "request. Leave empty to use the one approved for this partner on that day."
        ),
    )
    approval_override_reason = forms.CharField(
        label=_("Reason for disclosing without that approval (administrators)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, partners, entries, agreements, approvals=None, **kwargs):
        super().__init__(*args, **kwargs)
        if approvals is None:
            from kimitsu.approvals.models import ApprovalRequest

            approvals = ApprovalRequest.objects.none()
        self.fields["approval"].queryset = approvals
        self.fields["approval"].label_from_instance = _approval_label
        self.fields["partner"].queryset = partners
        self.fields["entry"].queryset = entries
        self.fields["entry"].label_from_instance = lambda e: (
            f"{e.ledger_number} {e.title}（{e.level or '—'}）"
        )
        self.fields["agreement"].queryset = agreements


def _approval_label(approval) -> str:
    """「AP-00003 KM-00008 → 北陸測量（2026-12-01–2026-12-31）」: numbers only, as need-to-know asks
    of a list that names entries."""
    numbers = "、".join(e.ledger_number for e in approval.entries.all())
    to = approval.partner.name if approval.partner_id else approval.destination
    return f"{approval.code} {numbers} → {to}（{approval.starts_on}–{approval.ends_on}）"


class DisclosureEndForm(StyledForm, forms.Form):
    end_status = forms.ChoiceField(
        label=_("At the end"),
        choices=[
            (DisclosureEnd.RETURNED, DisclosureEnd.RETURNED.label),
            (DisclosureEnd.DESTROYED, DisclosureEnd.DESTROYED.label),
        ],
    )
    ended_on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ReceivedLinkForm(StyledForm, forms.Form):
    entry = forms.ModelChoiceField(label=_("Register entry (disclosed by others)"), queryset=None)
    agreement = forms.ModelChoiceField(label=_("Agreement"), queryset=None, required=False)
    received_on = forms.DateField(label=_("Received on"), widget=DATE, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, entries, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
        self.fields["entry"].label_from_instance = lambda e: (
            f"{e.ledger_number} {e.title}"
            + (f"（{e.source_partner_name}）" if e.source_partner_name else "")
        )
        self.fields["agreement"].queryset = agreements
