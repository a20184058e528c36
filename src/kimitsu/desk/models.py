from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kimitsu.core.validators import (
    BODY_LENGTH,
    NOTE_LENGTH,
    between,
    text_validators,
    validate_name,
    validate_sane_date,
)
from kimitsu.organizations.choices import Industry, Prefecture
from kimitsu.organizations.models import Organization

from .choices import (
    Attribute,
    Channel,
    Referral,
    SeminarKind,
    Status,
    Subject,
    VisitMode,
    is_kansai,
)

SECRET_WARNING = _(
    "Do not write the client's secrets here: describe the subject in general terms "
    "(e.g. 'list of secret information for the development department'), never the "
    "information itself."
)


class DeskSettings(models.Model):
    """Per-desk settings: the employee-count bands of the statistics."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="desk_settings"
    )
    size_bounds = models.CharField(
        _("size bands (upper bounds)"),
        max_length=200,
        default="20,50,100,300,1000",
        validators=[validate_name],
        help_text=_(
            "Upper bound of each band, ascending, separated by commas. "
            "20,50,100,300,1000 gives 1–20, 21–50, 51–100, 101–300, 301–1000, 1001+."
        ),
    )

    class Meta:
        verbose_name = _("desk settings")
        verbose_name_plural = _("desk settings")

    def __str__(self):
        return str(self.organization)


class Client(models.Model):
    """A company (or person) that consults the desk."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="desk_clients"
    )
    name = models.CharField(
        pgettext_lazy("client", "name"), max_length=200, validators=[validate_name]
    )
    attribute = models.CharField(
        _("attribute"), max_length=16, choices=Attribute.choices, default=Attribute.SME
    )
    employee_count = models.PositiveIntegerField(
        _("number of employees"), null=True, blank=True, validators=between(0, 10_000_000)
    )
    industry = models.CharField(_("industry"), max_length=1, choices=Industry.choices, blank=True)
    prefecture = models.CharField(
        _("prefecture"), max_length=2, choices=Prefecture.choices, blank=True
    )
    contact = models.CharField(
        _("contact person and details"), max_length=300, blank=True, validators=[validate_name]
    )
    linked_organization = models.ForeignKey(
        Organization,
        verbose_name=_("kimitsu workspace of the company"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="desk_client_links",
    )
    notes = models.TextField(
        pgettext_lazy("desk", "notes"),
        blank=True,
        max_length=NOTE_LENGTH,
        validators=text_validators(NOTE_LENGTH),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["name"]
        indexes = [models.Index(fields=["organization", "name"])]

    def __str__(self):
        return self.name

    @property
    def is_kansai(self) -> bool:
        return is_kansai(self.prefecture)


class Consultation(models.Model):
    """A consultation (相談). The client's profile is copied at receipt, so that the statistics
    describe the consulter as they were when they consulted, and are simple GROUP BYs."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="desk_consultations"
    )
    received_at = models.DateTimeField(_("received at"), validators=[validate_sane_date])
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), editable=False)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.PROTECT, related_name="consultations"
    )
    # the client's profile at receipt
    attribute = models.CharField(
        _("attribute"), max_length=16, choices=Attribute.choices, blank=True
    )
    employee_count = models.PositiveIntegerField(
        _("number of employees"), null=True, blank=True, validators=between(0, 10_000_000)
    )
    industry = models.CharField(_("industry"), max_length=1, choices=Industry.choices, blank=True)
    prefecture = models.CharField(
        _("prefecture"), max_length=2, choices=Prefecture.choices, blank=True
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=NOTE_LENGTH,
        validators=text_validators(NOTE_LENGTH),
        help_text=SECRET_WARNING,
    )
    advisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisors"),
        blank=True,
        related_name="desk_consultations",
    )
    advisor_names = models.CharField(
        _("advisors (as recorded)"),
        max_length=200,
        blank=True,
        validators=[validate_name],
        help_text=_("Names from imported records that are not users of kimitsu."),
    )
    lawyer_involved = models.BooleanField(_("a lawyer was involved"), default=False)
    referrals = models.JSONField(_("referred to"), default=list, blank=True)
    status = models.CharField(
        pgettext_lazy("consultation", "status"),
        max_length=16,
        choices=Status.choices,
        default=Status.OPEN,
    )
    follow_up_on = models.DateField(
        _("follow up on"), null=True, blank=True, validators=[validate_sane_date]
    )
    follow_up_note = models.CharField(
        _("follow-up"), max_length=300, blank=True, validators=[validate_name]
    )
    # hand-over to another desk (the Kansai desk for 近畿 companies)
    handed_over_to = models.ForeignKey(
        Organization,
        verbose_name=_("handed over to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handed_over_to_name = models.CharField(
        _("handed over to (name)"), max_length=200, blank=True, validators=[validate_name]
    )
    handed_over_at = models.DateTimeField(
        _("handed over at"), null=True, blank=True, validators=[validate_sane_date]
    )
    received_from = models.ForeignKey(
        Organization,
        verbose_name=_("received from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handover_history = models.JSONField(_("history before the hand-over"), default=list, blank=True)
    # set on rows created in bulk (import, demo): which batch and which row of it
    import_batch = models.CharField(_("import batch"), max_length=32, blank=True, editable=False)
    import_row = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "fiscal_year"]),
            models.Index(fields=["organization", "received_at"]),
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["import_batch", "import_row"]),
        ]

    def __str__(self):
        from kimitsu.core.dates import for_reader

        day = for_reader(self.received_at, self.organization)
        return f"{day} {self.client.name if self.client_id else ''}".strip()

    @property
    def is_kansai(self) -> bool:
        return is_kansai(self.prefecture)

    @property
    def is_online(self) -> bool:
        return self.channel == Channel.ONLINE

    @property
    def subjects(self) -> list[str]:
        return [row.subject for row in self.subject_rows.all()]

    @property
    def referral_labels(self) -> list[str]:
        return [str(Referral(r).label) for r in self.referrals if r in Referral.values]


class ConsultationSubject(models.Model):
    """One subject of a consultation (a consultation has one or several). The desk and fiscal
    year are repeated here so that the statistics by subject need no join."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="subject_rows"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    subject = models.CharField(max_length=16, choices=Subject.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "subject"], name="desk_consultation_subject_unique"
            )
        ]
        indexes = [models.Index(fields=["organization", "fiscal_year", "subject"])]

    def __str__(self):
        return self.get_subject_display()


class Engagement(models.Model):
    """A support engagement (支援): a plan along the seven steps, visits and outcomes."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="desk_engagements"
    )
    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.PROTECT, related_name="engagements"
    )
    title = models.CharField(
        pgettext_lazy("desk", "title"), max_length=200, validators=[validate_name]
    )
    started_on = models.DateField(_("start date"), validators=[validate_sane_date])
    ended_on = models.DateField(
        _("end date"), null=True, blank=True, validators=[validate_sane_date]
    )
    planned_steps = models.JSONField(_("planned steps"), default=list, blank=True)
    completed_steps = models.JSONField(_("completed steps"), default=list, blank=True)
    outcomes = models.JSONField(_("outcomes"), default=list, blank=True)
    plan_note = models.TextField(
        _("plan"),
        blank=True,
        max_length=NOTE_LENGTH,
        validators=text_validators(NOTE_LENGTH),
        help_text=SECRET_WARNING,
    )
    advisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisors"),
        blank=True,
        related_name="desk_engagements",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("support engagement")
        verbose_name_plural = _("support engagements")
        ordering = ["-started_on", "-id"]

    def __str__(self):
        return self.title


class Visit(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("date"), validators=[validate_sane_date])
    mode = models.CharField(
        _("format"), max_length=16, choices=VisitMode.choices, default=VisitMode.ON_SITE
    )
    attendees = models.CharField(
        _("attendees"), max_length=300, blank=True, validators=[validate_name]
    )
    minutes = models.TextField(
        _("minutes"),
        blank=True,
        max_length=BODY_LENGTH,
        validators=text_validators(BODY_LENGTH),
        help_text=SECRET_WARNING,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["visited_on", "id"]

    def __str__(self):
        from kimitsu.core.dates import for_reader

        return f"{for_reader(self.visited_on, self.organization)} {self.get_mode_display()}"


class Seminar(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="desk_seminars"
    )
    held_on = models.DateField(_("date"), validators=[validate_sane_date])
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), editable=False)
    title = models.CharField(
        pgettext_lazy("desk", "title"), max_length=200, validators=[validate_name]
    )
    kind = models.CharField(
        pgettext_lazy("desk", "kind"), max_length=32, choices=SeminarKind.choices
    )
    online = models.BooleanField(_("online"), default=False)
    participants = models.PositiveIntegerField(
        _("participants"), default=0, validators=between(0, 100_000)
    )
    lecturer = models.CharField(
        _("lecturer"), max_length=200, blank=True, validators=[validate_name]
    )
    client = models.ForeignKey(
        Client,
        verbose_name=_("company (in-house seminar)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seminars",
    )
    host = models.CharField(
        _("host (another body's seminar)"), max_length=200, blank=True, validators=[validate_name]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organization", "fiscal_year"])]

    def __str__(self):
        return self.title
