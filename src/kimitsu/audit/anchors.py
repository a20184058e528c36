"""Anchoring the audit chain with a trusted timestamp, and checking the anchors.

``anchor(chain)`` stamps the list of every event hash since the chain's previous anchor (the
document below); ``check(chain)`` re-reads each anchor: its token verifies over its list, and
every listed event still has the listed hash. An event changed, removed or re-hashed after its
anchor is named by its number, whatever the chain itself now says.
"""

import hashlib
from dataclasses import dataclass

from django.db import transaction

from kimitsu.timestamps import services as stamps
from kimitsu.timestamps import tsa
from kimitsu.timestamps.models import Kind

from .models import Anchor, AuditEvent
from .services import locked_head

HEADER = "kimitsu audit anchor v1"


def document(chain: str, first_seq: int, hashes: list[str]) -> bytes:
    last = first_seq + len(hashes) - 1
    lines = [HEADER, f"chain {chain}", f"events {first_seq}-{last}", *hashes]
    return ("\n".join(lines) + "\n").encode("ascii")


def parse(text: str) -> tuple[str, int, int, list[str]]:
    lines = text.rstrip("\n").split("\n")
    if len(lines) < 3 or lines[0] != HEADER or not lines[1].startswith("chain "):
        raise ValueError("not an anchor document")
    first, last = (int(x) for x in lines[2].removeprefix("events ").split("-"))
    hashes = lines[3:]
    if last - first + 1 != len(hashes):
        raise ValueError("the anchor lists a different number of hashes")
    return lines[1].removeprefix("chain "), first, last, hashes


def anchor(chain: str, organization=None, *, queue: bool = True) -> Anchor | None:
    """Stamp the chain's events since its last anchor; None when there is nothing new."""
    with transaction.atomic():
        head = locked_head(chain)
        last = Anchor.objects.filter(chain=chain).order_by("-seq").first()
        first_seq = last.seq + 1 if last else 1
        if head.last_seq < first_seq:
            return None
        hashes = list(
            AuditEvent.objects.filter(chain=chain, seq__gte=first_seq, seq__lte=head.last_seq)
            .order_by("seq")
            .values_list("hash", flat=True)
        )
        stamp = stamps.request(
            organization=organization,
            kind=Kind.ANCHOR,
            document=document(chain, first_seq, hashes),
            object_type="audit.chain",
            object_id=chain,
            label=f"{chain} {first_seq}-{head.last_seq}",
            queue=queue,
        )
        return Anchor.objects.create(
            chain=chain,
            first_seq=first_seq,
            seq=head.last_seq,
            head_hash=head.last_hash,
            timestamp=stamp,
        )


@dataclass
class AnchorResult:
    ok: bool = True
    problem: str = ""
    event_id: int | None = None
    verified: int = 0
    pending: int = 0
    vouched_seq: int = 0
    vouched_at: object = None
    development: bool = False


def check(chain: str) -> AnchorResult:
    result = AnchorResult()
    anchors = Anchor.objects.filter(chain=chain).select_related("timestamp").order_by("seq")
    for item in anchors.iterator(chunk_size=200):
        stamp = item.timestamp
        if not stamp.stamped:
            result.pending += 1
            continue
        text = stamp.document
        where = f"the anchor of events {item.first_seq}-{item.seq} of {chain}"
        if hashlib.sha256(text.encode("ascii", "replace")).hexdigest() != stamp.sha256:
            return _failed(result, f"{where}: its list of hashes was changed")
        try:
            info = stamps.check(stamp)
        except tsa.Invalid as error:
            return _failed(
                result,
                f"{where}: its token does not verify ({error})",
            )
        except tsa.NotConfigured as error:
            return _failed(result, str(error))
        try:
            name, first, last, hashes = parse(text)
        except ValueError as error:
            return _failed(result, f"{where}: {error}")
        if (name, first, last) != (chain, item.first_seq, item.seq):
            return _failed(result, f"{where}: it names other events")
        events = {
            seq: (pk, digest)
            for seq, pk, digest in AuditEvent.objects.filter(
                chain=chain, seq__gte=first, seq__lte=last
            ).values_list("seq", "id", "hash")
        }
        when = info.gen_time.strftime("%Y-%m-%d %H:%M:%S UTC")
        for offset, digest in enumerate(hashes):
            seq = first + offset
            found = events.get(seq)
            if found is None:
                return _failed(
                    result,
                    (
                        f"chain {chain}: event seq={seq} was removed after a TSA vouched for it "
                        f"at {when} (tampering)"
                    ),
                )
            if found[1] != digest:
                return _failed(
                    result,
                    (
                        f"chain {chain}: event id={found[0]} seq={seq} is not the event a TSA vouched "
                        f"for at {when}: it was changed or the chain was re-computed (tampering)"
                    ),
                    found[0],
                )
        result.verified += 1
        result.vouched_seq = last
        result.vouched_at = info.gen_time
        result.development = info.development
    return result


def _failed(result: AnchorResult, problem: str, event_id: int | None = None) -> AnchorResult:
    result.ok = False
    result.problem = problem
    result.event_id = event_id
    return result


def anchored_seq(chain: str) -> int:
    """The last event of the chain that a stamped anchor covers (0: none)."""
    last = (
        Anchor.objects.filter(chain=chain, timestamp__status="stamped")
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
    )
    return last or 0
