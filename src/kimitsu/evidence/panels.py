"""What the vault shows on other apps' pages (kimitsu.core.panels)."""

from django.template.loader import render_to_string

from kimitsu.organizations.access import has_perm
from kimitsu.timestamps import tsa
from kimitsu.timestamps.models import Kind, Timestamp

from . import permissions as P
from . import selectors


def entry_panel(request, membership, entry) -> str:
    """On an entry's page: the TSA times of its designation and the evidence linked to it."""
    if not has_perm(membership, P.VIEW):
        return ""
    stamps = list(
        Timestamp.objects.filter(
            organization=membership.organization, kind=Kind.DESIGNATION, object_id=str(entry.pk)
        ).order_by("-pk")[:5]
    )
    records = list(selectors.record_list(membership).filter(entries=entry).order_by("-number")[:10])
    return render_to_string(
        "evidence/_entry_panel.html",
        {
            "entry": entry,
            "stamps": stamps,
            "records": records,
            "org": membership.organization,
            "can_add": has_perm(membership, P.ADD),
            "tsa_config": tsa.config(),
        },
        request=request,
    )


def decision_panel(request, membership, decision) -> str:
    """On a decision kept secret: its evidence, and the prior-use dossier."""
    if not has_perm(membership, P.VIEW):
        return ""
    from .dossier import evidence_of

    records, stamps = evidence_of(membership, decision)
    return render_to_string(
        "evidence/_decision_panel.html",
        {
            "decision": decision,
            "records": records,
            "stamps": stamps,
            "org": membership.organization,
            "can_add": has_perm(membership, P.ADD),
        },
        request=request,
    )
