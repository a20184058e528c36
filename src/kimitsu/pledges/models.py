import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kimitsu.core.unique import UniqueMessages
from kimitsu.core.validators import (
    BODY_LENGTH,
    NOTE_LENGTH,
    between,
    text_validators,
    validate_name,
    validate_sane_date,
)
from kimitsu.organizations.models import Organization, Person

from .choices import (
    AgreementKind,
    ChecklistKind,
    ClauseVariant,
    DisclosureEnd,
    DocumentStatus,
    ReturnKind,
    StepCode,
    TemplateKind,
    VersionStatus,
)


class TemplateVersion(UniqueMessages, models.Model):
    """One version of a template (雛形): a clause library the company edits clause by clause.
    Only a draft can be edited; adopting a draft supersedes the version adopted before it."""

    unique_messages = {
        ("organization", "kind", "version"): (
            "version",
            _("Version %(version)s of the %(kind)s already exists."),
        )
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="pledge_templates"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TemplateKind.choices)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("document title"), max_length=200, validators=[validate_name])
    marking = models.CharField(
        _("marking"),
        max_length=40,
        blank=True,
        validators=[validate_name],
        help_text=_("Printed in the header of every page, e.g. 社外秘."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    note = models.CharField(
        _("what changed"), max_length=300, blank=True, validators=[validate_name]
    )
    adopted_at = models.DateTimeField(
        _("adopted at"), null=True, blank=True, validators=[validate_sane_date]
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "version"], name="pledges_template_unique_version"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Clause(models.Model):
    template = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="clauses")
    position = models.PositiveIntegerField(_("order"), validators=between(0, 99_999))
    heading = models.CharField(_("heading"), max_length=100, blank=True, validators=[validate_name])
    body = models.TextField(
        _("text"),
        max_length=BODY_LENGTH,
        validators=text_validators(BODY_LENGTH),
        help_text=_(
            "Placeholders in braces are filled when the document is issued, "
            "e.g. {company}, {partner}, {purpose}."
        ),
    )
    variant = models.CharField(
        _("included"),
        max_length=12,
        choices=ClauseVariant.choices,
        default=ClauseVariant.ALWAYS,
        blank=True,
    )
    lists_entries = models.BooleanField(
        _("followed by the list of register entries"),
        default=False,
        help_text=_("Exit pledge: the entries the person could access are listed after it."),
    )

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.heading


class Partner(UniqueMessages, models.Model):
    """A business partner (取引先) the company exchanges confidential information with."""

    unique_messages = {
        ("organization", "name"): ("name", _("The partner “%(value)s” is already registered."))
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="pledge_partners"
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    name_kana = models.CharField(
        _("name (kana)"), max_length=200, blank=True, validators=[validate_name]
    )
    address = models.CharField(_("address"), max_length=300, blank=True, validators=[validate_name])
    representative = models.CharField(
        _("representative"), max_length=100, blank=True, validators=[validate_name]
    )
    contact = models.CharField(
        _("contact person"), max_length=200, blank=True, validators=[validate_name]
    )
    notes = models.TextField(
        _("notes"), blank=True, max_length=NOTE_LENGTH, validators=text_validators(NOTE_LENGTH)
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name_kana", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="pledges_partner_unique_name"
            ),
        ]

    def __str__(self):
        return self.name


def scan_path(instance, filename):
    return f"pledges/{instance.organization_id}/{filename}"


class ScanMixin(models.Model):
    scan = models.FileField(_("signed copy"), upload_to=scan_path, blank=True)
    scan_name = models.CharField(max_length=255, blank=True)
    scan_sha256 = models.CharField(_("SHA-256 of the signed copy"), max_length=64, blank=True)
    scan_uploaded_at = models.DateTimeField(null=True, blank=True, validators=[validate_sane_date])

    class Meta:
        abstract = True


class Document(ScanMixin):
    """A pledge, confirmation or NDA issued to one person or one partner, with its status."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="pledge_documents"
    )
    template = models.ForeignKey(
        TemplateVersion,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("template"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TemplateKind.choices)
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pledge_documents",
        verbose_name=_("person"),
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("partner"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    document_date = models.DateField(_("date of the document"), validators=[validate_sane_date])
    fields = models.JSONField(_("filled fields"), default=dict, blank=True)
    # The register entries named in an exit pledge, frozen when it is created and when handed
    # over, so that the signed paper and the stored record always say the same thing.
    entries = models.JSONField(_("listed register entries"), default=list, blank=True)
    issued_on = models.DateField(
        _("handed over on"), null=True, blank=True, validators=[validate_sane_date]
    )
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[validate_sane_date]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "kind", "status"])]

    def __str__(self):
        who = (
            self.person.full_name
            if self.person_id
            else (self.partner.name if self.partner_id else "")
        )
        return f"{self.template.title} — {who}"

    @property
    def recipient_label(self) -> str:
        if self.person_id:
            return f"{self.person.full_name}（{self.person.employee_number}）"
        return self.partner.name if self.partner_id else ""


class DocumentTransition(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=DocumentStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=DocumentStatus.choices)
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[validate_name])
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Agreement(ScanMixin):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="agreements")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="pledge_agreements"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[validate_name])
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[validate_sane_date]
    )
    starts_on = models.DateField(
        pgettext_lazy("pledges", "in force from"), validators=[validate_sane_date]
    )
    ends_on = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text=_("Leave empty for no fixed end."),
    )
    term = models.CharField(
        _("term and renewal"), max_length=200, blank=True, validators=[validate_name]
    )
    survival_years = models.PositiveSmallIntegerField(
        _("confidentiality survives (years)"), null=True, blank=True, validators=between(0, 100)
    )
    signed_by_us = models.CharField(
        _("signed for us by"), max_length=100, blank=True, validators=[validate_name]
    )
    signed_by_partner = models.CharField(
        _("signed for the partner by"), max_length=100, blank=True, validators=[validate_name]
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("issued from document"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return f"{self.partner.name}: {self.title}"

    def in_force(self, on: dt.date | None = None) -> bool:
        on = on or dt.date.today()
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)


class Disclosure(models.Model):
    """One register entry disclosed to one partner: when, by whom, under which agreement, and
    whether it came back or was destroyed at the end."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="pledge_disclosures"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="disclosures")
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
        verbose_name=_("agreement"),
    )
    entry = models.ForeignKey(
        "register.Entry",
        on_delete=models.PROTECT,
        related_name="pledge_disclosures",
        verbose_name=_("register entry"),
    )
    disclosed_on = models.DateField(_("disclosed on"), validators=[validate_sane_date])
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recipient = models.CharField(
        _("received by"), max_length=200, blank=True, validators=[validate_name]
    )
    purpose = models.CharField(_("purpose"), max_length=300, validators=[validate_name])
    override_reason = models.CharField(
        _("reason for disclosing without an agreement"),
        max_length=500,
        blank=True,
        validators=[validate_name],
    )
    # the handling rules' 社外への開示: the approval it was made under, or why it went without
    approval = models.ForeignKey(
        "approvals.ApprovalRequest",
        verbose_name=_("approval"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
    )
    approval_override_reason = models.CharField(
        _("reason for disclosing without the approval the rules ask for"),
        max_length=500,
        blank=True,
        validators=[validate_name],
    )
    end_status = models.CharField(
        _("at the end"), max_length=12, choices=DisclosureEnd.choices, default=DisclosureEnd.HELD
    )
    ended_on = models.DateField(
        _("returned or destroyed on"), null=True, blank=True, validators=[validate_sane_date]
    )
    end_note = models.CharField(_("note"), max_length=300, blank=True, validators=[validate_name])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-disclosed_on", "-pk"]

    def __str__(self):
        from kimitsu.core.dates import for_reader

        day = for_reader(self.disclosed_on, self.organization)
        return f"{self.entry_id} → {self.partner.name}（{day}）"


class ReceivedLink(models.Model):
    """A register entry of the category 他社から開示, linked to where it came from."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="pledge_received_links"
    )
    entry = models.OneToOneField(
        "register.Entry",
        on_delete=models.CASCADE,
        related_name="pledge_source",
        verbose_name=_("register entry"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="received", verbose_name=_("partner")
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received",
        verbose_name=_("agreement"),
    )
    received_on = models.DateField(
        _("received on"), null=True, blank=True, validators=[validate_sane_date]
    )
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[validate_name])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("received information")
        verbose_name_plural = _("received information")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.partner.name} → {self.entry_id}"


class Checklist(UniqueMessages, models.Model):
    unique_messages = {
        ("person", "kind"): ("kind", _("%(person)s already has a %(kind)s checklist.")),
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="pledge_checklists"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="pledge_checklists")
    kind = models.CharField(_("kind"), max_length=10, choices=ChecklistKind.choices)
    last_day = models.DateField(
        _("last working day"), null=True, blank=True, validators=[validate_sane_date]
    )
    from_other_company = models.BooleanField(_("comes from another company"), default=False)
    former_employer = models.CharField(
        _("former employer"), max_length=200, blank=True, validators=[validate_name]
    )
    training = models.CharField(
        _("training to attend"), max_length=300, blank=True, validators=[validate_name]
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(
        _("completed at"), null=True, blank=True, validators=[validate_sane_date]
    )

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"], name="pledges_checklist_one_per_kind"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.person.full_name}"


class ChecklistStep(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="steps")
    code = models.CharField(max_length=20, choices=StepCode.choices)
    position = models.PositiveSmallIntegerField()
    required = models.BooleanField(default=True)
    done_at = models.DateTimeField(null=True, blank=True, validators=[validate_sane_date])
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(
        _("note"), blank=True, max_length=NOTE_LENGTH, validators=text_validators(NOTE_LENGTH)
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "code"], name="pledges_step_unique_code"),
        ]

    def __str__(self):
        return self.get_code_display()

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class ReturnItem(models.Model):
    """Media, devices and papers a leaver must hand back, each listed."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=10, choices=ReturnKind.choices)
    description = models.CharField(_("item"), max_length=200, validators=[validate_name])
    identifier = models.CharField(
        _("serial or asset number"), max_length=100, blank=True, validators=[validate_name]
    )
    returned_on = models.DateField(
        _("returned on"), null=True, blank=True, validators=[validate_sane_date]
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True, validators=[validate_name])

    class Meta:
        verbose_name = _("item to return")
        verbose_name_plural = _("items to return")
        ordering = ["pk"]

    def __str__(self):
        return self.description
