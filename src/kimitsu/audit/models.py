from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GLOBAL_CHAIN = "global"


class AppendOnlyError(RuntimeError):
    pass


class ChainHead(models.Model):
    """The tip of one hash chain. Locking this row serialises writers of that chain."""

    chain = models.CharField(max_length=64, primary_key=True)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self):
        return f"{self.chain}#{self.last_seq}"


class AuditEvent(models.Model):
    """One append-only, hash-chained audit event. See kimitsu.audit.services."""

    chain = models.CharField(max_length=64, db_index=True)
    seq = models.PositiveBigIntegerField()
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    event_type = models.CharField(_("event"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    ip_address = models.CharField(_("IP address"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("time"))
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["chain", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq_unique"),
        ]
        indexes = [
            models.Index(fields=["organization", "-created_at"]),
            models.Index(fields=["organization", "object_type", "object_id"]),
        ]

    def __str__(self):
        return f"{self.chain}#{self.seq} {self.event_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are append-only.")


class Anchor(models.Model):
    """A trusted timestamp over the hashes of a stretch of one chain (``first_seq``…``seq``).

    The bytes stamped (kept in the timestamp's ``document``) list every event's hash of the
    stretch, so that an event changed or removed before the anchor is named by its number even if
    someone re-computed the whole chain after it: the TSA vouches for the old hashes.
    """

    chain = models.CharField(max_length=64, db_index=True)
    first_seq = models.PositiveBigIntegerField()
    seq = models.PositiveBigIntegerField()
    head_hash = models.CharField(max_length=64)
    timestamp = models.OneToOneField(
        "timestamps.Timestamp", on_delete=models.PROTECT, related_name="anchor"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit chain anchor")
        verbose_name_plural = _("audit chain anchors")
        ordering = ["chain", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_anchor_chain_seq_unique"),
        ]

    def __str__(self):
        return f"{self.chain}@{self.seq}"
