from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_date

from kimitsu.organizations.access import Perm, require

from . import events
from .anchors import anchored_seq
from .models import Anchor, AuditEvent
from .services import chain_for


def event_list(membership) -> QuerySet[AuditEvent]:
    """The workspace's own chain, newest first. Administrators and auditors only."""
    require(membership, Perm.AUDIT_VIEW)
    return AuditEvent.objects.filter(organization=membership.organization).order_by("-seq")


def event_filter(qs: QuerySet[AuditEvent], params, redactor=None) -> QuerySet[AuditEvent]:
    """The events that the filters choose. A search by object name finds only what the reader
    may see named (``redactor.search_scope``): a masked title must not be guessed by searching."""
    group = params.get("group") or ""
    if group:
        prefixes = Q()
        for prefix in events.group_prefixes(group):
            prefixes |= Q(event_type__startswith=f"{prefix}.")
        qs = qs.filter(prefixes)
    event_type = params.get("event_type") or ""
    if event_type:
        qs = qs.filter(event_type=event_type)
    actor = (params.get("actor") or "").strip()
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(object_repr__icontains=q)
        if redactor is not None:
            qs = redactor.search_scope(qs)
    since = parse_date(params.get("since") or "")
    if since:
        qs = qs.filter(created_at__date__gte=since)
    until = parse_date(params.get("until") or "")
    if until:
        qs = qs.filter(created_at__date__lte=until)
    return qs


def events_for_object(membership, obj) -> QuerySet[AuditEvent]:
    return event_list(membership).filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


@dataclass(frozen=True)
class Vouched:
    """How far a TSA vouches for a workspace's chain: every event up to ``seq`` (0: none yet),
    at ``at`` by the TSA's clock; ``development``: by kimitsu's own development TSA, which
    proves nothing to a court."""

    seq: int = 0
    at: object = None
    development: bool = False

    def covers(self, event) -> bool:
        return event.seq <= self.seq


def vouched(organization) -> Vouched:
    """The workspace's last TSA-stamped anchor (two queries, whatever the length of the log)."""
    chain = chain_for(organization)
    seq = anchored_seq(chain)
    if not seq:
        return Vouched()
    anchor = Anchor.objects.filter(chain=chain, seq=seq).select_related("timestamp").first()
    if anchor is None:
        return Vouched(seq=seq)
    return Vouched(seq=seq, at=anchor.timestamp.tsa_time, development=anchor.timestamp.development)
