"""What /healthz and /system/ report: is the database there and migrated, how long is the queue,
when did the worker last beat. Figures only: no workspace, person or entry is named."""

import time

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from huey.contrib.djhuey import HUEY

WORKER_STALE_S = 60  # the worker beats every 10 s
_migrated = False  # once every migration is applied, this process need not ask again


def check(*, worker: bool = True) -> dict:
    """{"status": "ok"|"fail", "database", "migrations", "queue", "worker"}; each part says "ok"
    or what is wrong. ``worker=False`` (a load balancer asking whether this web machine can
    serve) reports the worker but does not fail on it: one stopped worker must not take every
    web machine out of the balancer."""
    from . import tasks

    report = {"database": "ok", "migrations": "ok", "queue": {}, "worker": {}}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        global _migrated
        if not _migrated:
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if pending:
                report["migrations"] = f"{len(pending)} unapplied"
            else:
                _migrated = True
    except Exception as exc:  # noqa: BLE001 - the answer is the report
        report["database"] = type(exc).__name__
        report["migrations"] = "unknown"
    try:
        report["queue"] = {"status": "ok", "depth": tasks.queue_depth()}
        if HUEY.immediate:
            report["worker"] = {"status": "ok", "mode": "immediate"}
        else:
            beat = tasks.last_heartbeat()
            age = round(time.time() - beat["at"], 1) if beat else None
            report["worker"] = {
                "status": "ok" if age is not None and age <= WORKER_STALE_S else "stale",
                "last_heartbeat_s": age,
            }
    except Exception as exc:  # noqa: BLE001
        report["queue"] = {"status": type(exc).__name__}
        report["worker"] = {"status": "unknown"}
    healthy = (
        report["database"] == "ok"
        and report["migrations"] == "ok"
        and report["queue"].get("status") == "ok"
        and (report["worker"].get("status") == "ok" or not worker)
    )
    report["status"] = "ok" if healthy else "fail"
    return report
