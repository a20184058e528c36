"""The learning pages, and the old addresses of the dashboard and the roadmap (now the home)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from kimitsu.organizations.choices import OrgKind

from .. import permissions as P
from .. import selectors
from ..content import learn
from ..content.checks import QUICK_CHECKS
from .base import AwarenessMixin


class HomeRedirectView(AwarenessMixin, View):
    """The company dashboard and the seven-step roadmap were the company home over again: their
    addresses now lead to the home, which shows the seven steps, the next actions and the key
    figures (bookmarks and links in old e-mails keep working)."""

    permission = P.VIEW
    org_kind = OrgKind.COMPANY
    anchor = ""

    def get(self, request, *args, **kwargs):
        home = reverse("organizations:home", kwargs={"org_slug": self.org.slug})
        return redirect(home + self.anchor)


class DashboardView(HomeRedirectView):
    pass


class RoadmapView(HomeRedirectView):
    anchor = "#seven-steps"


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
                "law_sections": learn.LAW_SECTIONS[:-1],
                "help": learn.HELP,
                "law_as_of": learn.LAW_AS_OF,
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
