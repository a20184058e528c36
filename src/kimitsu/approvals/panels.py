"""What approvals show on other apps' pages (kimitsu.core.panels)."""

from django.template.loader import render_to_string

from kimitsu.organizations.access import has_perm
from kimitsu.register.choices import Status as EntryStatus

from . import permissions as P
from . import selectors


def entry_panel(request, membership, entry) -> str:
    """On an entry's page: the requests about it the reader sees, and a button to make one."""
    if not has_perm(membership, P.VIEW):
        return ""
    requests = list(
        selectors.request_list(membership)
        .filter(entries=entry)
        .prefetch_related(None)
        .order_by("-number")[:5]
    )
    return render_to_string(
        "approvals/_entry_panel.html",
        {
            "entry": entry,
            "requests": requests,
            "org": membership.organization,
            "can_request": has_perm(membership, P.REQUEST) and entry.status == EntryStatus.APPROVED,
        },
        request=request,
    )
