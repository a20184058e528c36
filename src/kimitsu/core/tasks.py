"""The foundation's periodic tasks (huey finds this module in every app), and the worker's
heartbeat that /healthz reads."""

import json
import os
import socket
import time

from django.conf import settings
from huey.constants import EmptyData
from huey.contrib.djhuey import HUEY

from . import jobs
from .schedule import crontab, periodic

HEARTBEAT_KEY = "kimitsu:worker:heartbeat"


@periodic("core.clear_old_jobs", crontab(minute="17"))
def clear_old_jobs() -> str:
    return f"{jobs.clear_old()} old job(s) forgotten"


@periodic("pledges.revoke_due", crontab(hour="0", minute="10"))
def revoke_due() -> str:
    """On a leaver's last working day, revoke their personal register grants (in every company;
    ``kimitsu pledges revoke-due`` does the same by hand)."""
    from django.utils import translation

    from kimitsu.organizations.choices import OrgKind
    from kimitsu.organizations.models import Organization
    from kimitsu.pledges import services

    revoked = companies = 0
    with translation.override(settings.LANGUAGE_CODE):
        for org in Organization.objects.filter(kind=OrgKind.COMPANY).order_by("pk"):
            done = services.revoke_due(organization=org)
            revoked += len(done)
            companies += bool(done)
    return f"{revoked} leaver(s) in {companies} workspace(s): personal grants revoked"


def beat() -> None:
    """The worker is alive (``kimitsu worker`` calls this every few seconds)."""
    HUEY.storage.put_data(
        HEARTBEAT_KEY,
        json.dumps({"at": time.time(), "host": socket.gethostname(), "pid": os.getpid()}).encode(),
    )


def last_heartbeat() -> dict | None:
    raw = HUEY.storage.peek_data(HEARTBEAT_KEY)
    return None if raw is EmptyData else json.loads(raw)


def queue_depth() -> int:
    return HUEY.storage.queue_size()
