"""What this app shows on the company home (kimitsu.core.panels): the key figures of the
self-checks, the register, the pledges and training, with a link to each one's page."""

from django.template.loader import render_to_string

from kimitsu.organizations.access import has_perm

from . import integrations, selectors
from . import permissions as P
from .choices import CheckKind


def home_figures(request, membership, obj=None) -> str:
    if not membership.organization.is_company or not has_perm(membership, P.RESULTS_VIEW):
        return ""
    org = membership.organization
    latest = selectors.latest_checks(org)
    return render_to_string(
        "awareness/_home_figures.html",
        {
            "org": org,
            "membership": membership,
            "trade": latest.get(CheckKind.TRADE_SECRET),
            "quick": latest.get(CheckKind.QUICK),
            "security": selectors.company_security(org),
            "register": integrations.register_counts(org),
            "pledges": integrations.pledge_counts(membership),
            "coverage": selectors.training_coverage(org),
            "can_see_people": has_perm(membership, P.PEOPLE_VIEW),
        },
        request=request,
    )
