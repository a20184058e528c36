"""Periodic work on the task queue's scheduler (huey), each run recorded.

``@periodic("pledges.revoke_due", crontab(hour="0", minute="10"))`` declares a task that the one
scheduler of a deployment (the worker started with ``KIMITSU_SCHEDULER=true``) runs at those
times, in the server's time zone (Asia/Tokyo). The function returns a short result (counts, never
names); every run is kept as a ``ScheduledRun`` (the last ``KEEP_RUNS`` of each task), shown to
the operators on ``/system/``. Reminders and timestamps declare theirs the same way.
"""

import logging

from django.utils import timezone
from huey import crontab  # noqa: F401  (for the tasks that declare their times here)
from huey.contrib.djhuey import db_periodic_task

from .models import ScheduledRun

log = logging.getLogger(__name__)

KEEP_RUNS = 200
TASKS: dict[str, object] = {}  # name -> its huey task, for the status page and the tests


def periodic(name: str, when):
    """Declare ``fn() -> str`` as the periodic task ``name``, run at ``when`` (a huey crontab)."""

    def declare(fn):
        def run():
            return record(name, fn)

        run.__name__ = fn.__name__
        task = db_periodic_task(when, name=name, retries=0)(run)
        task.schedule_name = name
        task.work = fn
        TASKS[name] = task
        return task

    return declare


def record(name: str, fn) -> str:
    """Run ``fn`` as the task ``name`` and keep how it went."""
    run = ScheduledRun.objects.create(name=name, started_at=timezone.now())
    try:
        result = str(fn() or "")
    except Exception as exc:
        log.exception("periodic task %s failed", name)
        run.result = f"{type(exc).__name__}: {exc}"[:500]
        raise
    else:
        run.ok = True
        run.result = result[:500]
        return result
    finally:
        run.finished_at = timezone.now()
        run.save(update_fields=["ok", "result", "finished_at"])
        old = ScheduledRun.objects.filter(name=name).order_by("-started_at")[KEEP_RUNS:]
        ScheduledRun.objects.filter(pk__in=list(old.values_list("pk", flat=True))).delete()


def last_runs() -> list[dict]:
    """The last run of every declared task (for /system/ and /healthz)."""
    rows = []
    for name in sorted(TASKS):
        last = ScheduledRun.objects.filter(name=name).order_by("-started_at").first()
        rows.append({"name": name, "last": last})
    return rows
