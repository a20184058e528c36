from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    VAULT = "vault", _("Evidence file")
    DESIGNATION = "designation", _("Designation of a register entry")
    REGULATION = "regulation", _("Regulation in force")
    RULE_SET = "rule_set", _("Handling rules approved")
    PLEDGE = "pledge", _("Signed pledge")
    ATTENDANCE = "attendance", _("Training attendance")
    ANCHOR = "anchor", _("Audit chain anchor")


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for the TSA")
    STAMPED = "stamped", _("Stamped")
    NOT_CONFIGURED = "off", _("No TSA configured")


class Timestamp(models.Model):
    """One trusted timestamp (RFC 3161) over one SHA-256, kept with its token.

    A row is made *pending* in the transaction of the change it vouches for, so a stamp is never
    lost: the task queue asks the TSA after the commit, and a TSA that is down leaves the row
    pending with its error until a retry lands (``services.retry_due``). ``document`` keeps the
    exact bytes stamped when kimitsu made them (the canonical JSON of an entry's designation, an
    anchor's list of hashes); for a user's file only its hash is kept here.
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="timestamps",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    object_type = models.CharField(max_length=64, blank=True, editable=False)
    object_id = models.CharField(max_length=64, blank=True, editable=False)
    label = models.CharField(_("what"), max_length=200, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    document = models.TextField(blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True, editable=False)
    next_attempt_at = models.DateTimeField(null=True, blank=True, editable=False)
    token = models.BinaryField(null=True, blank=True, editable=False)
    tsa_time = models.DateTimeField(_("TSA time"), null=True, blank=True, editable=False)
    tsa_serial = models.CharField(_("serial number"), max_length=64, blank=True, editable=False)
    tsa_name = models.CharField(_("TSA"), max_length=200, blank=True, editable=False)
    tsa_policy = models.CharField(max_length=100, blank=True, editable=False)
    development = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trusted timestamp")
        verbose_name_plural = _("trusted timestamps")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["organization", "kind", "object_type", "object_id"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]

    def __str__(self):
        return f"{self.kind} {self.sha256[:12]} {self.status}"

    @property
    def stamped(self) -> bool:
        return self.status == Status.STAMPED

    @property
    def token_name(self) -> str:
        return f"{self.kind}-{self.pk}.tst"
