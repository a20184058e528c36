from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimitsu.core.validators import text_validators, validate_name
from kimitsu.organizations.models import Organization, Person


class TaskKind(models.TextChoices):
    REGULATION = "regulation", _("Read the regulation in force")
    READ = "read", _("Read a document and confirm")
    PLEDGE = "pledge", _("Sign a pledge")
    QUIZ = "quiz", _("Take the training quiz")
    REVIEW = "review", _("Review an entry you are custodian of")
    PROPOSAL = "proposal", _("Decide a proposed entry")


# what a personal link can do without an account
LINK_KINDS = (TaskKind.REGULATION, TaskKind.READ, TaskKind.PLEDGE, TaskKind.QUIZ)


class PersonalLink(models.Model):
    """A signed, single-use, expiring link for one task of one person (no account needed).

    The URL carries a signature over (id, secret); the row keeps only the secret's SHA-256, so a
    copy of the database does not give working links. ``document`` is the exact PDF the person is
    shown (a pledge), rendered once when the link is made, so that the signature covers it."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="personal_links")
    kind = models.CharField(_("task"), max_length=12, choices=TaskKind.choices)
    object_id = models.PositiveBigIntegerField()
    secret_hash = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField(_("expires"), editable=False)
    used_at = models.DateTimeField(_("used"), null=True, blank=True, editable=False)
    document = models.BinaryField(null=True, blank=True, editable=False)
    document_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")
        indexes = [models.Index(fields=["organization", "person", "kind", "object_id"])]

    def __str__(self):
        return f"{self.kind}:{self.object_id} for {self.person_id}"


def default_quiet_periods() -> str:
    return "12-28..01-04 年末年始\n08-13..08-16 お盆"


class ReminderSettings(models.Model):
    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    enabled = models.BooleanField(_("send reminders"), default=True)
    start_after_days = models.PositiveSmallIntegerField(
        _("first reminder after (days)"),
        default=3,
        help_text=_("Days after a task appears before the first reminder."),
    )
    repeat_days = models.PositiveSmallIntegerField(
        _("repeat every (days)"),
        default=7,
        help_text=_("At most one digest per person in this time."),
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("tell the department manager after (days)"), default=14
    )
    quiet_periods = models.TextField(
        _("quiet periods"),
        blank=True,
        max_length=1000,
        validators=text_validators(1000),
        default=default_quiet_periods,
        help_text=_("One per line: MM-DD..MM-DD and a note, e.g. 12-28..01-04 年末年始."),
    )
    link_days = models.PositiveSmallIntegerField(_("links valid for (days)"), default=14)

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self):
        return f"reminders of {self.organization_id}"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class ReminderMessage(models.Model):
    """One e-mail kimitsu sent (or tries to send): a person's digest, or a note to a manager."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="reminders"
    )
    escalation = models.BooleanField(_("to the manager"), default=False)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=200, editable=False)
    body = models.TextField(editable=False)
    task_count = models.PositiveIntegerField(_("tasks"), default=0)
    status = models.CharField(
        _("status"), max_length=8, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True, editable=False)
    next_attempt_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("reminder e-mail")
        verbose_name_plural = _("reminder e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "person", "-created_at"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]

    def __str__(self):
        return f"{self.to} {self.status}"


def read_file_path(instance, filename):
    return f"reach/{instance.organization_id}/{instance.file_sha256}.pdf"


class ReadRequest(models.Model):
    """The administrator asks everyone to read a document and confirm: the handling rules in
    force, or a policy (PDF). Everyone in the people register who has not left is asked."""

    RULES, FILE = "rules", "file"
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200, validators=[validate_name])
    kind = models.CharField(
        _("document"),
        max_length=8,
        choices=[(RULES, _("The handling rules in force")), (FILE, _("A PDF file"))],
    )
    rule_set = models.ForeignKey(
        "rules.RuleSet", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to=read_file_path, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("request to read")
        verbose_name_plural = _("requests to read")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class ReadAck(models.Model):
    request = models.ForeignKey(ReadRequest, on_delete=models.CASCADE, related_name="acks")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="read_acks")
    acknowledged_at = models.DateTimeField(_("confirmed at"), editable=False)
    via_link = models.BooleanField(default=True, editable=False)
    ip_address = models.CharField(max_length=64, blank=True, editable=False)
    user_agent = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = _("read confirmation")
        verbose_name_plural = _("read confirmations")
        constraints = [
            models.UniqueConstraint(fields=["request", "person"], name="reach_read_once")
        ]

    def __str__(self):
        return f"{self.person_id} read {self.request_id}"
