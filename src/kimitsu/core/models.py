"""What the foundation keeps of its own: the record of the periodic work (kimitsu.core.schedule)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One run of a periodic task: when, how it ended, and what it did (counts, never names:
    the operators who read it are not members of the workspaces)."""

    name = models.CharField(_("task"), max_length=80, db_index=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    ok = models.BooleanField(_("succeeded"), default=False)
    result = models.CharField(_("result"), max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["name", "-started_at"], name="core_run_name_started")]
        verbose_name = _("scheduled run")

    def __str__(self):
        from kimitsu.core.dates import moment_for_reader

        return f"{self.name} {moment_for_reader(self.started_at)}"
