"""Stamping: a pending row in the caller's transaction, the TSA asked after the commit."""

import datetime as dt
import json
import logging

from django.db import transaction
from django.utils import timezone

from . import tsa
from .models import Status, Timestamp

log = logging.getLogger(__name__)

# A TSA that is down is asked again after 1, 2, 4 … minutes, at most hourly, until it answers.
FIRST_DELAY_S = 60
MAX_DELAY_S = 3600


def canonical(value) -> bytes:
    """The bytes kimitsu stamps for a record: sorted-key, compact, UTF-8 JSON."""
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    ).encode("utf-8")


def request(
    *,
    organization,
    kind: str,
    sha256: str = "",
    data: bytes | None = None,
    document: bytes | None = None,
    obj=None,
    object_type: str = "",
    object_id="",
    label: str = "",
    queue: bool = True,
) -> Timestamp:
    """A timestamp over ``sha256`` (or the SHA-256 of ``data`` or ``document``), asked for once
    the caller's transaction commits. ``document`` is kept with the stamp; ``data`` is not.
    ``queue=False``: the caller asks itself (``stamp_now``), as the command line does."""
    if document is not None:
        sha256 = tsa.sha256_hex(document)
    elif data is not None:
        sha256 = tsa.sha256_hex(data)
    sha256 = sha256.lower()
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 in hexadecimal")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    configured = tsa.config() is not None
    stamp = Timestamp.objects.create(
        organization=organization,
        kind=kind,
        object_type=object_type,
        object_id=str(object_id),
        label=label[:200],
        sha256=sha256,
        document=document.decode("utf-8") if document is not None else "",
        status=Status.PENDING if configured else Status.NOT_CONFIGURED,
        next_attempt_at=timezone.now(),
    )
    if configured and queue:
        transaction.on_commit(lambda: _enqueue(stamp.pk))
    return stamp


def _enqueue(pk: int) -> None:
    from .tasks import stamp_task

    try:
        stamp_task(pk)
    except Exception:  # the queue is down: retry_due takes the row up later
        log.exception("could not queue timestamp %s", pk)


def delay_after(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** max(0, attempts - 1)))


def stamp_now(pk: int) -> Timestamp | None:
    """Ask the TSA for the pending row ``pk``; on failure the row stays pending, with its error
    and the time of the next attempt. Returns the row (None if it is gone)."""
    cfg = tsa.config()
    stamp = Timestamp.objects.filter(pk=pk).first()
    if stamp is None or stamp.status == Status.STAMPED or cfg is None:
        return stamp
    stamp.tsa_down = False
    try:
        token, info = tsa.stamp(bytes.fromhex(stamp.sha256), cfg)
    except (tsa.Unavailable, tsa.Invalid, tsa.NotConfigured) as error:
        attempts = stamp.attempts + 1
        Timestamp.objects.filter(pk=pk, status=Status.PENDING).update(
            attempts=attempts,
            last_error=str(error)[:300],
            next_attempt_at=timezone.now() + delay_after(attempts),
        )
        log.warning("timestamp %s not stamped yet (attempt %s): %s", pk, attempts, error)
        stamp.refresh_from_db()
        stamp.tsa_down = isinstance(error, tsa.Unavailable)
        return stamp
    Timestamp.objects.filter(pk=pk).exclude(status=Status.STAMPED).update(
        status=Status.STAMPED,
        token=token,
        tsa_time=info.gen_time,
        tsa_serial=info.serial,
        tsa_name=info.tsa_name[:200],
        tsa_policy=info.policy,
        development=info.development,
        attempts=stamp.attempts + 1,
        last_error="",
        next_attempt_at=None,
    )
    stamp.refresh_from_db()
    return stamp


def retry_due(now=None, limit: int = 500) -> int:
    """Ask again for every pending stamp whose time has come (the periodic task); the count.

    Rows made while no TSA was configured are taken up too, once one is."""
    if tsa.config() is None:
        return 0
    now = now or timezone.now()
    Timestamp.objects.filter(status=Status.NOT_CONFIGURED).update(
        status=Status.PENDING, next_attempt_at=now
    )
    due = list(
        Timestamp.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    done = 0
    for pk in due:
        stamp = stamp_now(pk)
        if stamp is not None and stamp.stamped:
            done += 1
        elif stamp is not None and getattr(stamp, "tsa_down", False):
            break  # the TSA is down: the rest wait for the next round
    return done


def check(stamp: Timestamp, sha256: str | None = None) -> tsa.TokenInfo:
    """Verify a kept token again (against the trust roots of today's configuration), over its own
    SHA-256 or the one given; raises ``tsa.Invalid``."""
    if not stamp.stamped or not stamp.token:
        raise tsa.Invalid("not stamped yet")
    digest = bytes.fromhex(sha256 or stamp.sha256)
    return tsa.verify_token(bytes(stamp.token), digest)


def for_object(organization, obj) -> list[Timestamp]:
    return list(
        Timestamp.objects.filter(
            organization=organization, object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).order_by("-id")
    )
