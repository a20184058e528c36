from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimitsu.core.validators import NOTE_LENGTH, text_validators, validate_name
from kimitsu.organizations.models import Organization

from .choices import Purpose, State, Verdict


def draft_path(instance, filename):
    return f"prepub/{instance.request.organization_id}/{instance.sha256}"


class CheckRequest(models.Model):
    """A draft meant for the outside (公開前チェック依頼), checked version by version, and the
    decision on it: 公開可 / 修正のうえ公開可 / 公開不可."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="prepub_requests"
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    title = models.CharField(
        _("title"),
        max_length=200,
        validators=[validate_name],
        help_text=_("What the material is, e.g. 「2027年 展示会パネル」."),
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    verdict = models.CharField(
        _("decision"), max_length=16, choices=Verdict.choices, blank=True, editable=False
    )
    decided_version = models.ForeignKey(
        "CheckVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decision_comment = models.TextField(
        _("comment"), blank=True, max_length=NOTE_LENGTH, validators=text_validators(NOTE_LENGTH)
    )

    class Meta:
        verbose_name = _("pre-publication check")
        verbose_name_plural = _("pre-publication checks")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="prepub_number"),
        ]

    def __str__(self):
        return f"{self.label} {self.title}"

    @property
    def label(self) -> str:
        return f"PC-{self.number:05d}"


class CheckVersion(models.Model):
    """One draft checked: its SHA-256 and what the check found. The draft itself is kept only
    when the user asked; the hits keep the words around each term, from the draft."""

    request = models.ForeignKey(CheckRequest, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"), editable=False)
    filename = models.CharField(
        _("file name"), max_length=255, blank=True, validators=[validate_name]
    )
    kind = models.CharField(_("kind of file"), max_length=8, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    size = models.PositiveBigIntegerField(_("size"), editable=False)
    pages = models.PositiveIntegerField(_("pages"), editable=False)
    pages_without_text = models.JSONField(default=list, editable=False)
    terms_checked = models.PositiveIntegerField(_("terms checked"), editable=False)
    hits = models.JSONField(default=list, editable=False)  # at most MAX_STORED_HITS
    hit_count = models.PositiveIntegerField(_("hits"), default=0, editable=False)
    entries = models.ManyToManyField(
        "register.Entry", blank=True, related_name="prepub_versions", editable=False
    )
    file = models.FileField(upload_to=draft_path, blank=True, editable=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("checked draft")
        verbose_name_plural = _("checked drafts")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="prepub_version_number"),
        ]

    def __str__(self):
        return f"{self.request.label} v{self.number}"

    @property
    def clean(self) -> bool:
        return not self.hits


def state_of(request: CheckRequest, latest: CheckVersion | None) -> str:
    if request.verdict and latest is not None and request.decided_version_id == latest.pk:
        return State.DECIDED
    if latest is None or latest.clean:
        return State.CLEAN
    return State.PENDING
