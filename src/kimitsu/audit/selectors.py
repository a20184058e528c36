from django.db.models import QuerySet
from django.utils.dateparse import parse_date

from kimitsu.organizations.access import Perm, require

from .models import AuditEvent


def event_list(membership) -> QuerySet[AuditEvent]:
    """The workspace's own chain, newest first. Administrators and auditors only."""
    require(membership, Perm.AUDIT_VIEW)
    return AuditEvent.objects.filter(organization=membership.organization).order_by("-seq")


def event_filter(qs: QuerySet[AuditEvent], params, redactor=None) -> QuerySet[AuditEvent]:
    """The events that the filters choose. A search by object name finds only what the reader
    may see named (``redactor.search_scope``): a masked title must not be guessed by searching."""
    group = params.get("group") or ""
    if group:
        qs = qs.filter(event_type__startswith=f"{group}.")
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
