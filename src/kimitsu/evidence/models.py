from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimitsu.core.validators import text_validators, validate_name
from kimitsu.organizations.models import Organization

DESCRIPTION_LENGTH = 2000


class RecordKind(models.TextChoices):
    NOTEBOOK = "notebook", _("Lab notebook")
    DRAWING = "drawing", _("Drawing")
    PROCESS = "process", _("Process sheet")
    MINUTES = "minutes", _("Minutes")
    SAMPLE = "sample", _("Sample or product record")
    OTHER = "other", _("Other")


def file_path(instance, filename):
    return f"evidence/{instance.organization_id}/{instance.sha256}"


class Record(models.Model):
    """One piece of evidence in the vault (証拠保管庫): what it is, its SHA-256 and the TSA's token.

    The file itself is kept only when the user asks; otherwise kimitsu knows its hash alone, and
    the company keeps the file. The description says what the file is, never what it contains.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="evidence_records"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, validators=[validate_name])
    kind = models.CharField(
        _("kind"), max_length=12, choices=RecordKind.choices, default=RecordKind.OTHER
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=DESCRIPTION_LENGTH,
        validators=text_validators(DESCRIPTION_LENGTH),
        help_text=_("What the file is (its kind, date, author), never the secret it holds."),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    filename = models.CharField(
        _("file name"), max_length=255, blank=True, validators=[validate_name]
    )
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    file = models.FileField(upload_to=file_path, blank=True)
    entries = models.ManyToManyField(
        "register.Entry", blank=True, related_name="evidence_records", verbose_name=_("entries")
    )
    decision = models.ForeignKey(
        "awareness.PatentDecision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence_records",
        verbose_name=_("patent-or-secret decision"),
    )
    timestamp = models.OneToOneField(
        "timestamps.Timestamp", on_delete=models.PROTECT, related_name="evidence_record"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence record")
        verbose_name_plural = _("evidence records")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="evidence_record_number_unique"
            )
        ]
        indexes = [models.Index(fields=["organization", "sha256"])]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def code(self) -> str:
        return f"EV-{self.number:05d}"

    @property
    def kept(self) -> bool:
        return bool(self.file)
