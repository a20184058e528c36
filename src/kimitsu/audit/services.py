"""Writing and verifying the audit chain.

Each workspace has its own chain (``org:<id>``); events without a workspace (a failed log-in for an
unknown address) go to the ``global`` chain. An event's hash is SHA-256 over the canonical JSON of its
content and the previous event's hash, so changing, deleting or reordering any row breaks the chain.
Writers lock the chain's head row (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
serialise writers), so concurrent writers queue instead of forking the chain.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import context
from .models import GLOBAL_CHAIN, AuditEvent, ChainHead

GENESIS_HASH = "0" * 64


def chain_for(organization) -> str:
    return f"org:{organization.pk}" if organization is not None else GLOBAL_CHAIN


def to_jsonable(value):
    """Normalise a before/after value so that it survives a JSON round trip unchanged."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def _timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_content(event: AuditEvent) -> dict:
    return {
        "chain": event.chain,
        "seq": event.seq,
        "organization": event.organization_id,
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "event_type": event.event_type,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
        "ip_address": event.ip_address,
        "created_at": _timestamp(event.created_at),
    }


def compute_hash(event: AuditEvent, prev_hash: str) -> str:
    payload = json.dumps(
        event_content(event), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256((prev_hash + "\n" + payload).encode("utf-8")).hexdigest()


def locked_head(chain: str) -> ChainHead:
    """The chain's head row, locked for this transaction (created on first use)."""
    head = ChainHead.objects.select_for_update().filter(chain=chain).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():
            ChainHead.objects.create(chain=chain)
    except IntegrityError:
        pass  # another writer created it first
    return ChainHead.objects.select_for_update().get(chain=chain)


def record(
    *,
    event_type: str,
    organization=None,
    actor=None,
    obj=None,
    object_type: str = "",
    object_id="",
    object_repr: str = "",
    before=None,
    after=None,
) -> AuditEvent:
    """Append one event to the organization's chain. Call it inside the service's transaction."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    actor_label = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_label = actor.email
    else:
        actor = None
    chain = chain_for(organization)
    with transaction.atomic():
        head = locked_head(chain)
        event = AuditEvent(
            chain=chain,
            seq=head.last_seq + 1,
            organization=organization,
            actor=actor,
            actor_label=actor_label,
            event_type=event_type,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=object_repr[:300],
            before=to_jsonable(before),
            after=to_jsonable(after),
            request_id=context.current_request_id(),
            ip_address=context.current_ip_address(),
            created_at=timezone.now(),
            prev_hash=head.last_hash,
        )
        event.hash = compute_hash(event, head.last_hash)
        event.save()
        ChainHead.objects.filter(chain=chain).update(last_seq=event.seq, last_hash=event.hash)
    return event


def diff(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the keys whose values changed, for a compact before/after."""
    b = to_jsonable(before) or {}
    a = to_jsonable(after) or {}
    keys = [k for k in {**b, **a} if b.get(k) != a.get(k)]
    return {k: b.get(k) for k in keys}, {k: a.get(k) for k in keys}


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    chains: int
    problem: str = ""
    event_id: int | None = None
    anchors: dict | None = None  # chain -> anchors.AnchorResult, for the chains that passed


def verify(chain: str | None = None) -> VerifyResult:
    """Re-compute every chain (or one), then check each chain's anchors (kimitsu.audit.anchors).
    Streams rows, so it runs in constant memory."""
    from . import anchors as anchoring

    checked_anchors = {}
    heads = {h.chain: h for h in ChainHead.objects.all()}
    chains = (
        [chain]
        if chain
        else sorted(set(heads) | set(AuditEvent.objects.values_list("chain", flat=True).distinct()))
    )
    checked = 0
    for name in chains:
        prev_hash = GENESIS_HASH
        expected_seq = 1
        qs = AuditEvent.objects.filter(chain=name).order_by("seq", "id")
        last = None
        for event in qs.iterator(chunk_size=2000):
            checked += 1
            if event.seq != expected_seq:
                return VerifyResult(
                    False,
                    checked,
                    len(chains),
                    f"chain {name}: event id={event.id} has seq {event.seq}, expected "
                    f"{expected_seq} (an event is missing or out of order)",
                    event.id,
                )
            if event.prev_hash != prev_hash:
                return VerifyResult(
                    False,
                    checked,
                    len(chains),
                    f"chain {name}: event id={event.id} seq={event.seq} does not link to the "
                    "previous event",
                    event.id,
                )
            if compute_hash(event, prev_hash) != event.hash:
                return VerifyResult(
                    False,
                    checked,
                    len(chains),
                    f"chain {name}: event id={event.id} seq={event.seq} content does not match "
                    "its hash",
                    event.id,
                )
            prev_hash = event.hash
            expected_seq += 1
            last = event
        head = heads.get(name)
        last_seq = last.seq if last else 0
        if head is not None and (head.last_seq != last_seq or head.last_hash != prev_hash):
            return VerifyResult(
                False,
                checked,
                len(chains),
                f"chain {name}: the chain ends at seq {last_seq} but its head records seq "
                f"{head.last_seq} (events were removed from the end)",
                last.id if last else None,
            )
        outcome = anchoring.check(name)
        if not outcome.ok:
            return VerifyResult(False, checked, len(chains), outcome.problem, outcome.event_id)
        checked_anchors[name] = outcome
    return VerifyResult(True, checked, len(chains), anchors=checked_anchors)
