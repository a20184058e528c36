"""Status of the seven steps this app owns (see kimitsu.core.steps): 4 inventory, 5 classification."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kimitsu.core.memo import memo
from kimitsu.core.steps import DONE, IN_PROGRESS, NOT_STARTED

from .choices import Status
from .models import Entry


def _counts(organization) -> dict:
    """The register's figures for steps 4 and 5: read once per request (``core.memo``), in
    small counts that indexes answer. One ``COUNT(…) FILTER`` over the whole register would read
    every row (8 ms at 20,000 entries on SQLite, and growing with it)."""
    return memo(("register.step_counts", organization.pk), lambda: _count(organization))


def _count(organization) -> dict:
    today = timezone.localdate()
    entries = Entry.objects.filter(organization=organization)
    approved = entries.filter(status=Status.APPROVED)
    counts = {
        "approved": approved.count(),
        "pending": entries.filter(status__in=[Status.PROPOSED, Status.RETURNED]).count(),
        "unclassified": approved.filter(level__isnull=True).count(),
        "overdue": approved.filter(next_review_on__lt=today).count(),
    }
    counts["classified"] = counts["approved"] - counts["unclassified"]
    counts["no_owner"] = (
        approved.filter(Q(owning_department__isnull=True) | Q(custodian__isnull=True)).count()
        if counts["approved"]
        else 0
    )
    return counts


def _url(organization, name):
    return reverse(f"register:{name}", kwargs={"org_slug": organization.slug})


def step4_status(organization, membership=None) -> dict:
    c = _counts(organization)
    evidence = [
        ngettext(
            "%(n)d entry approved in the secret register",
            "%(n)d entries approved in the secret register",
            c["approved"],
        )
        % {"n": c["approved"]},
    ]
    if c["pending"]:
        evidence.append(
            ngettext(
                "%(n)d proposal awaiting approval",
                "%(n)d proposals awaiting approval",
                c["pending"],
            )
            % {"n": c["pending"]}
        )
    if c["no_owner"]:
        evidence.append(
            ngettext(
                "%(n)d entry without an owning department or custodian",
                "%(n)d entries without an owning department or custodian",
                c["no_owner"],
            )
            % {"n": c["no_owner"]}
        )
    if not c["approved"] and not c["pending"]:
        return {
            "status": NOT_STARTED,
            "evidence": [],
            "next_action": _(
                "List the information the company holds: propose entries or import the "
                "Excel template."
            ),
            "url": _url(organization, "entries"),
        }
    if c["approved"] and not c["pending"] and not c["no_owner"]:
        return {
            "status": DONE,
            "evidence": evidence,
            "next_action": _("Keep the register up to date as information is created or retired."),
            "url": _url(organization, "overview"),
        }
    if c["pending"]:
        action = _("Approve or send back the proposals awaiting approval.")
    elif c["no_owner"]:
        action = _("Give every entry an owning department and a custodian.")
    else:
        action = _("Approve the first entries of the register.")
    return {
        "status": IN_PROGRESS,
        "evidence": evidence,
        "next_action": action,
        "url": _url(organization, "entries"),
    }


def step5_status(organization, membership=None) -> dict:
    c = _counts(organization)
    if not c["classified"]:
        return {
            "status": NOT_STARTED,
            "evidence": [],
            "next_action": _("Give each registered entry a level (格付け) and a written reason."),
            "url": _url(organization, "levels"),
        }
    evidence = [
        ngettext("%(n)d entry classified", "%(n)d entries classified", c["classified"])
        % {"n": c["classified"]}
    ]
    if c["unclassified"]:
        evidence.append(
            ngettext(
                "%(n)d approved entry not classified",
                "%(n)d approved entries not classified",
                c["unclassified"],
            )
            % {"n": c["unclassified"]}
        )
    if c["overdue"]:
        evidence.append(
            ngettext("%(n)d review overdue", "%(n)d reviews overdue", c["overdue"])
            % {"n": c["overdue"]}
        )
    if not c["unclassified"] and not c["overdue"]:
        return {
            "status": DONE,
            "evidence": evidence,
            "next_action": _("Review each level when its review date comes."),
            "url": _url(organization, "reviews"),
        }
    if c["unclassified"]:
        action = _("Classify the approved entries that have no level yet.")
        url = _url(organization, "entries") + "?level=none&status=approved"
    else:
        action = _("Carry out the overdue reviews.")
        url = _url(organization, "reviews")
    return {"status": IN_PROGRESS, "evidence": evidence, "next_action": action, "url": url}
