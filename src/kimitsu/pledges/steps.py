"""Step 7 (秘密保持契約書等の雛形整備) from real data."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kimitsu.core.steps import DONE, IN_PROGRESS, NOT_STARTED

from .choices import TemplateKind, VersionStatus


def step7_status(organization, membership=None) -> dict:
    from .models import Disclosure, Partner, TemplateVersion
    from .selectors import share_signed

    adopted = set(
        TemplateVersion.objects.filter(
            organization=organization, status=VersionStatus.ADOPTED
        ).values_list("kind", flat=True)
    )
    n_kinds = len(TemplateKind.values)
    signed, total = share_signed(organization)
    with_disclosures = (
        Partner.objects.filter(organization=organization, disclosures__isnull=False)
        .distinct()
        .count()
    )
    uncovered = (
        Disclosure.objects.filter(organization=organization, agreement__isnull=True)
        .values("partner")
        .distinct()
        .count()
    )
    share = round(100 * signed / total) if total else 0
    evidence = [
        _("Templates adopted: %(n)d of %(total)d") % {"n": len(adopted), "total": n_kinds},
        _("Active staff with a signed pledge: %(signed)d of %(total)d (%(share)d%%)")
        % {"signed": signed, "total": total, "share": share},
        _("Partners we disclosed to: %(n)d; with every disclosure under an agreement: %(ok)d")
        % {"n": with_disclosures, "ok": with_disclosures - uncovered},
    ]
    all_adopted = len(adopted) == n_kinds
    if all_adopted and total and signed == total and not uncovered:
        status = DONE
        next_action = _(
            "Keep it alive: issue pledges on joining and leaving, and NDAs before disclosing."
        )
    elif adopted or signed or with_disclosures:
        status = IN_PROGRESS
        if not all_adopted:
            next_action = _("Review and adopt the remaining templates.")
        elif signed < total:
            next_action = _("Have the staff without a signed pledge sign one (batch issue).")
        else:
            next_action = _("Put the disclosures made without an agreement under an NDA.")
    else:
        status = NOT_STARTED
        next_action = _("Start from kimitsu's templates and adopt them.")
    url = reverse("pledges:home", kwargs={"org_slug": organization.slug})
    if membership is not None:
        from kimitsu.organizations.access import has_perm

        from . import permissions as P

        if not has_perm(membership, P.VIEW):
            url = (
                reverse("pledges:templates", kwargs={"org_slug": organization.slug})
                if has_perm(membership, P.TEMPLATES)
                else ""
            )
    return {"status": status, "evidence": evidence, "next_action": next_action, "url": url}
