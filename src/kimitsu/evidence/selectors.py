"""Which evidence a reader sees: a record follows the register entries it is linked to — a
reader who may not open one of them does not see the record at all (not even its title)."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from kimitsu.organizations.access import has_perm, require
from kimitsu.organizations.models import Membership
from kimitsu.register import permissions as RP
from kimitsu.register.models import Entry
from kimitsu.register.selectors import entry_list, sees_everything

from . import permissions as P
from .models import Record


def hidden_entries(membership: Membership) -> QuerySet[Entry] | None:
    """The workspace's entries this reader may not open (None: there are none)."""
    if sees_everything(membership):
        return None
    org_entries = Entry.objects.filter(organization=membership.organization)
    if not has_perm(membership, RP.ENTRIES):
        return org_entries
    return org_entries.exclude(pk__in=entry_list(membership).values("pk"))


def record_list(membership: Membership) -> QuerySet[Record]:
    require(membership, P.VIEW)
    qs = Record.objects.filter(organization=membership.organization)
    hidden = hidden_entries(membership)
    if hidden is not None:
        qs = qs.exclude(entries__in=hidden)
    return qs.select_related("timestamp", "created_by").prefetch_related(
        Prefetch(
            "entries", queryset=Entry.objects.select_related("level").order_by("ledger_number")
        )
    )


def record_get(membership: Membership, pk) -> Record:
    return get_object_or_404(record_list(membership), pk=pk)


def search(qs: QuerySet[Record], text: str) -> QuerySet[Record]:
    text = (text or "").strip()
    if not text:
        return qs
    lowered = text.lower()
    if len(lowered) == 64 and all(c in "0123456789abcdef" for c in lowered):
        return qs.filter(sha256=lowered)
    if lowered.startswith("ev-") and lowered[3:].isdigit():
        return qs.filter(number=int(lowered[3:]))
    return qs.filter(title__icontains=text)
