"""The company dashboard, the seven-step roadmap and the learning pages."""

from django.views.generic import TemplateView

from kimitsu.core.steps import DONE, seven_steps
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind

from .. import integrations, scoring, selectors
from .. import permissions as P
from ..choices import CheckKind
from ..content import learn
from ..content.checks import QUICK_CHECKS
from .base import AwarenessMixin


def _chart_series(checks):
    return {
        "labels": [c.answered_on.isoformat() for c in checks],
        "values": [c.percent for c in checks],
    }


class DashboardView(AwarenessMixin, TemplateView):
    active = "dashboard"
    permission = P.RESULTS_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        org = self.org
        steps = seven_steps(org, self.membership)
        latest = selectors.latest_checks(org)
        trade = latest.get(CheckKind.TRADE_SECRET)
        security_depts = selectors.latest_security_by_department(org)
        aggregate = scoring.aggregate_departments(security_depts)
        security = latest.get(CheckKind.SECURITY)
        register = integrations.register_counts(org)
        pledges = integrations.pledge_counts(self.membership)
        trade_groups = scoring.group_scores(CheckKind.TRADE_SECRET, trade.answers) if trade else []
        levels = list((register or {}).get("by_level", {}).items()) if register else []
        ctx.update(
            {
                "steps": steps,
                "steps_done": sum(1 for s in steps if s.status == DONE),
                "trade": trade,
                "trade_groups": trade_groups,
                "trade_chart": {
                    "labels": [str(g.title) for g in trade_groups],
                    "values": [g.percent for g in trade_groups],
                },
                "quick": latest.get(CheckKind.QUICK),
                "security": security,
                "security_band": scoring.security_band(security.score) if security else None,
                "aggregate": aggregate,
                "aggregate_band": scoring.security_band(round(aggregate.average))
                if aggregate.average is not None
                else None,
                "register": register,
                "register_levels": levels,
                "register_levels_chart": {
                    "labels": [str(k) for k, _v in levels],
                    "values": [v for _k, v in levels],
                },
                "pledges": pledges,
                "pledges_missing": (pledges or {}).get("missing"),
                "step7": steps[6],
                "coverage": selectors.training_coverage(org),
                "trend_trade": _chart_series(selectors.trend(org, CheckKind.TRADE_SECRET)),
                "trend_security": _chart_series(selectors.trend(org, CheckKind.SECURITY)),
                "can_answer": has_perm(self.membership, P.CHECK_ANSWER),
                "can_see_people": has_perm(self.membership, P.PEOPLE_VIEW),
            }
        )
        return ctx


class RoadmapView(AwarenessMixin, TemplateView):
    active = "roadmap"
    permission = P.VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/roadmap.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        steps = seven_steps(self.org, self.membership)
        ctx["steps"] = steps
        ctx["steps_done"] = sum(1 for s in steps if s.status == DONE)
        current = next((s for s in steps if s.status != DONE), None)
        ctx["current"] = current
        return ctx


class LearnView(AwarenessMixin, TemplateView):
    active = "learn"
    permission = P.VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/learn.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            {
                "requirements": learn.REQUIREMENTS,
                "measures": learn.MEASURES,
                "measures_warning": learn.MEASURES_WARNING,
                "stories": learn.STORIES,
                "first_steps": learn.FIRST_STEPS,
                "quick_checks": QUICK_CHECKS,
            }
        )
        person = self.membership.person
        if person is not None:
            results = {r.session_id: r for r in person.quiz_results.all()}
            ctx["my_sessions"] = [
                (s, results.get(s.pk)) for s in selectors.sessions_for_person(person)[:10]
            ]
        return ctx
