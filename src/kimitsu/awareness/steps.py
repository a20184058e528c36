"""Status of the seven steps this app owns (see kimitsu.core.steps), derived from real data."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kimitsu.core.dates import for_reader
from kimitsu.core.steps import DONE, IN_PROGRESS, NOT_STARTED
from kimitsu.organizations.access import has_perm

from . import permissions as P
from . import scoring
from .choices import CheckKind
from .models import SelfCheck


def _url(organization, name, membership=None, **kwargs):
    """The page for the next action; a member who may not open it is sent to the learning
    pages instead of a 403."""
    if membership is not None and not has_perm(membership, P.RESULTS_VIEW):
        name, kwargs = "awareness:learn", {}
    return reverse(name, kwargs={"org_slug": organization.slug, **kwargs})


# What "good enough" is for the steps this app owns (written on each step, ``done_when``).
CURRENT_DAYS = 365  # a self-check or a session older than a year no longer shows where one stands
STEP1_OWN_PERCENT = 75  # the trade secret check's questions of step 1 (policy, person in charge…)
STEP1_SECURITY_BAND = "fair"  # the security check's company figure out of IPA's "act now" band
STEP2_COVERAGE_PERCENT = 80  # active staff who attended a required session


def _date(value, organization):
    return for_reader(value, organization)


def _current(day) -> bool:
    return (timezone.localdate() - day).days <= CURRENT_DAYS


def step1_done_when() -> str:
    return _(
        "Done when, within the last 12 months, the trade secret management check was taken and "
        "its step-1 questions (a stated policy, a person in charge, what to do on a leak, patent "
        "or secret) reach %(own)d%%, and the information security basics check's company-wide "
        "figure is %(security)d points or more (out of the “act now” band)."
    ) % {"own": STEP1_OWN_PERCENT, "security": scoring.security_band_floor(STEP1_SECURITY_BAND)}


def step1_status(organization, membership=None) -> dict:
    """Done when the company knows where it stands, recently, and the findings of step 1 itself
    are in place: see ``step1_done_when``. Taking a check is the start, not the end."""
    from .selectors import company_security, latest_checks

    latest = latest_checks(organization)
    security = company_security(organization)
    checks_url = _url(organization, "awareness:checks", membership)
    result = {"done_when": step1_done_when(), "url": checks_url}
    if not latest:
        return {
            **result,
            "status": NOT_STARTED,
            "evidence": [],
            "next_action": _(
                "Take the five quick checks (2 minutes), then the trade secret management check."
            ),
        }
    evidence = []
    trade = latest.get(CheckKind.TRADE_SECRET)
    own = None
    if trade is not None:
        own = next(
            g
            for g in scoring.group_scores(CheckKind.TRADE_SECRET, trade.answers, by="step")
            if g.code == 1
        )
        evidence.append(
            _("%(kind)s on %(date)s: %(score)d/%(max)d; its step-1 questions %(own)d%%")
            % {
                "kind": trade.get_kind_display(),
                "date": _date(trade.answered_on, organization),
                "score": trade.score,
                "max": trade.max_score,
                "own": own.percent,
            }
        )
    if security.standing is not None:
        evidence.append(
            _("%(kind)s, company-wide, on %(date)s: %(score)d/100 (%(band)s)")
            % {
                "kind": CheckKind.SECURITY.label,
                "date": _date(security.answered_on, organization),
                "score": security.score,
                "band": security.standing.label,
            }
        )
    quick = latest.get(CheckKind.QUICK)
    if quick is not None:
        evidence.append(
            _("%(kind)s on %(date)s: %(n)d of 5 warning signs")
            % {
                "kind": quick.get_kind_display(),
                "date": _date(quick.answered_on, organization),
                "n": quick.score,
            }
        )
    count = SelfCheck.objects.filter(organization=organization).count()
    evidence.append(
        ngettext("%(n)d self-check recorded in all", "%(n)d self-checks recorded in all", count)
        % {"n": count}
    )

    floor = scoring.security_band_floor(STEP1_SECURITY_BAND)
    results_url = (
        _url(organization, "awareness:check_detail", membership, pk=trade.pk) if trade else ""
    )
    if trade is None:
        next_action, url = _("Take the trade secret management check to see every gap."), checks_url
    elif not _current(trade.answered_on):
        next_action = _(
            "Repeat the trade secret management check: the last one is over a year old."
        )
        url = checks_url
    elif own.percent < STEP1_OWN_PERCENT:
        next_action = _(
            "Close the step-1 gaps of the trade secret management check: a stated policy, a "
            "person in charge, what to do on a leak."
        )
        url = results_url
    elif security.standing is None:
        next_action = _(
            "Take the information security basics check (25 questions), for the whole company or "
            "department by department."
        )
        url = checks_url
    elif not _current(security.answered_on):
        next_action = _(
            "Repeat the information security basics check: the last answer is over a year old."
        )
        url = checks_url
    elif security.score < floor:
        next_action = _(
            "Start with the recommendations of the information security basics check: at "
            "%(score)d points the company is in the “act now” band."
        ) % {"score": security.score}
        url = (
            _url(organization, "awareness:security_summary", membership)
            if security.basis == "departments"
            else _url(organization, "awareness:check_detail", membership, pk=security.check.pk)
        )
    else:
        return {
            **result,
            "status": DONE,
            "evidence": evidence,
            "next_action": _("Close the remaining gaps the self-checks found; repeat them yearly."),
            "url": results_url,
        }
    return {
        **result,
        "status": IN_PROGRESS,
        "evidence": evidence,
        "next_action": next_action,
        "url": url,
    }


def _train(n: int) -> str:
    return ngettext(
        "Train the person who has not attended yet.",
        "Train the %(n)d people who have not attended yet.",
        n,
    ) % {"n": n}


def step2_done_when() -> str:
    return _(
        "Done when an awareness or law session was held within the last 12 months with its "
        "attendance recorded, and at least %(percent)d%% of active staff have attended a "
        "required session."
    ) % {"percent": STEP2_COVERAGE_PERCENT}


def step2_status(organization, membership=None) -> dict:
    """Done when the staff, not just a few of them, have been taught: see ``step2_done_when``."""
    from .selectors import step2_sessions, training_coverage

    today = timezone.localdate()
    sessions = list(step2_sessions(organization)[:20])
    held = [s for s in sessions if s.held_on <= today and s.attendee_count]
    result = {"done_when": step2_done_when()}
    if not sessions:
        return {
            **result,
            "status": NOT_STARTED,
            "evidence": [],
            "next_action": _("Plan an awareness session for all staff, using the learning pages."),
            "url": _url(organization, "awareness:training_create", membership)
            if membership is None or has_perm(membership, P.TRAINING_MANAGE)
            else _url(organization, "awareness:trainings", membership),
        }
    evidence = [
        _("“%(title)s” on %(date)s: %(n)d attended")
        % {"title": s.title, "date": _date(s.held_on, organization), "n": s.attendee_count}
        for s in sessions[:3]
    ]
    if not held:
        return {
            **result,
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
    missing_url = _url(organization, "awareness:training_missing")
    if membership is not None and not has_perm(membership, P.PEOPLE_VIEW):
        missing_url = _url(organization, "awareness:trainings", membership)
    if not _current(held[0].held_on):
        status = IN_PROGRESS
        next_action = _("Hold this year's session: the last one is over a year old.")
        url = _url(organization, "awareness:trainings", membership)
    elif coverage["percent"] < STEP2_COVERAGE_PERCENT:
        status = IN_PROGRESS
        next_action = _train(coverage["missing"])
        url = missing_url
    elif coverage["missing"]:
        status = DONE
        next_action = _train(coverage["missing"])
        url = missing_url
    else:
        status = DONE
        next_action = _("Repeat the session once a year and for every new hire.")
        url = _url(organization, "awareness:trainings", membership)
    return {
        **result,
        "status": status,
        "evidence": evidence,
        "next_action": next_action,
        "url": url,
    }
