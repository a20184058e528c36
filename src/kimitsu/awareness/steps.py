"""Status of the seven steps this app owns (see kimitsu.core.steps), derived from real data."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.core.steps import DONE, IN_PROGRESS, NOT_STARTED
from kimitsu.organizations.access import has_perm

from . import permissions as P
from .choices import CheckKind
from .models import SelfCheck


def _url(organization, name, membership=None):
    """The page for the next action; a member who may not open it is sent to the learning
    pages instead of a 403."""
    if membership is not None and not has_perm(membership, P.RESULTS_VIEW):
        name = "awareness:learn"
    return reverse(name, kwargs={"org_slug": organization.slug})


def _date(value):
    from kimitsu.core.templatetags.kimitsu import jdate

    return jdate(value)


def step1_status(organization, membership=None) -> dict:
    """Done once the company has recorded a self-check."""
    from .selectors import latest_checks

    latest = latest_checks(organization)
    if not latest:
        return {
            "status": NOT_STARTED,
            "evidence": [],
            "next_action": _(
                "Take the five quick checks (2 minutes), then the trade secret management check."
            ),
            "url": _url(organization, "awareness:checks", membership),
        }
    evidence = []
    for kind in (CheckKind.TRADE_SECRET, CheckKind.SECURITY, CheckKind.QUICK):
        check = latest.get(kind)
        if check is None:
            continue
        if kind == CheckKind.QUICK:
            figure = _("%(n)d of 5 warning signs") % {"n": check.score}
        else:
            figure = f"{check.score}/{check.max_score}"
        evidence.append(
            _("%(kind)s on %(date)s: %(figure)s")
            % {"kind": check.get_kind_display(), "date": _date(check.answered_on), "figure": figure}
        )
    count = SelfCheck.objects.filter(organization=organization).count()
    evidence.append(_("%(n)d self-checks recorded in all") % {"n": count})
    if CheckKind.TRADE_SECRET not in latest:
        next_action = _("Take the trade secret management check to see every gap.")
    elif (timezone.localdate() - latest[CheckKind.TRADE_SECRET].answered_on).days > 365:
        next_action = _(
            "Repeat the trade secret management check: the last one is over a year old."
        )
    else:
        next_action = _("Close the gaps the self-check found; repeat it once a year.")
    return {
        "status": DONE,
        "evidence": evidence,
        "next_action": next_action,
        "url": _url(organization, "awareness:checks", membership),
    }


def step2_status(organization, membership=None) -> dict:
    """Done once an awareness (or law) session has been held with attendance recorded."""
    from .selectors import step2_sessions, training_coverage

    today = timezone.localdate()
    sessions = list(step2_sessions(organization)[:20])
    held = [s for s in sessions if s.held_on <= today and s.attendee_count]
    if not sessions:
        return {
            "status": NOT_STARTED,
            "evidence": [],
            "next_action": _("Plan an awareness session for all staff, using the learning pages."),
            "url": _url(organization, "awareness:training_create", membership)
            if membership is None or has_perm(membership, P.TRAINING_MANAGE)
            else _url(organization, "awareness:trainings", membership),
        }
    evidence = [
        _("“%(title)s” on %(date)s: %(n)d attended")
        % {"title": s.title, "date": _date(s.held_on), "n": s.attendee_count}
        for s in sessions[:3]
    ]
    if not held:
        return {
            "status": IN_PROGRESS,
            "evidence": evidence,
            "next_action": _("Hold the session and record who attended."),
            "url": _url(organization, "awareness:trainings", membership),
        }
    coverage = training_coverage(organization)
    evidence.append(
        _("%(attended)d of %(active)d active staff attended a required session (%(percent)d%%)")
        % coverage
    )
    if coverage["missing"]:
        next_action = _("Train the %(n)d people who have not attended yet.") % {
            "n": coverage["missing"]
        }
        url = _url(organization, "awareness:training_missing")
        if membership is not None and not has_perm(membership, P.PEOPLE_VIEW):
            url = _url(organization, "awareness:trainings", membership)
    else:
        next_action = _("Repeat the session once a year and for every new hire.")
        url = _url(organization, "awareness:trainings", membership)
    return {"status": DONE, "evidence": evidence, "next_action": next_action, "url": url}
