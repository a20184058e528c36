"""Self-checks: list and trend, answering, results with recommendations, PDF, department view."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from kimitsu.core import dates
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind
from kimitsu.organizations.selectors import managed_department_ids

from .. import links, scoring, selectors, services
from .. import permissions as P
from ..choices import Answer, CheckKind
from ..content import checks as C
from ..forms import SelfCheckForm
from .base import AwarenessMixin


def _series(checks, org):
    return {
        "labels": dates.chart_labels([c.answered_on for c in checks], org),
        "values": [c.percent for c in checks],
    }


def security_series(org) -> dict:
    """The company-wide figure of the security check over time (``selectors.security_trend``)."""
    points = selectors.security_trend(org)
    return {
        "labels": dates.chart_labels([day for day, _score in points], org),
        "values": [score for _day, score in points],
    }


class CheckListView(AwarenessMixin, TemplateView):
    active = "checks"
    permission = P.RESULTS_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/check_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = selectors.check_list(self.membership, self.request.GET.get("kind") or None)
        ctx["page"] = Paginator(qs, 30).get_page(self.request.GET.get("page"))
        ctx["kinds"] = CheckKind.choices
        ctx["kind"] = self.request.GET.get("kind", "")
        ctx["trend_trade"] = _series(selectors.trend(self.org, CheckKind.TRADE_SECRET), self.org)
        ctx["trend_security"] = security_series(self.org)
        ctx["company_security"] = selectors.company_security(self.org)
        ctx["can_answer"] = has_perm(self.membership, P.CHECK_ANSWER)
        ctx["can_answer_all"] = has_perm(self.membership, P.CHECK_ANSWER_ALL)
        ctx["counts"] = {k: len(scoring.questions_for(k)) for k in CheckKind.values}
        return ctx


class CheckNewView(AwarenessMixin, TemplateView):
    active = "checks"
    permission = P.CHECK_ANSWER
    org_kind = OrgKind.COMPANY
    template_name = "awareness/check_form.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in CheckKind.values:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data=None):
        kind = self.kwargs["kind"]
        if not has_perm(self.membership, P.CHECK_ANSWER_ALL):
            if kind != CheckKind.SECURITY:
                raise PermissionDenied
            scope = managed_department_ids(self.membership) or set()
            return SelfCheckForm(data, kind=kind, org=self.org, department_ids=scope)
        return SelfCheckForm(data, kind=kind, org=self.org)

    def get(self, request, *args, **kwargs):
        form = self._form()
        return self.render_to_response(
            self.get_context_data(form=form, kind=form.kind, kind_label=CheckKind(form.kind).label)
        )

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                check = services.selfcheck_record(
                    actor=request.user,
                    membership=self.membership,
                    kind=form.kind,
                    answers=form.answers(),
                    department=form.cleaned_data.get("department"),
                    answered_on=form.cleaned_data["answered_on"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(request, _("The self-check was recorded."))
                return redirect("awareness:check_detail", org_slug=self.org.slug, pk=check.pk)
        else:
            form.add_error(None, _("Some questions are not answered yet."))
        return self.render_to_response(
            self.get_context_data(form=form, kind=form.kind, kind_label=CheckKind(form.kind).label)
        )


def check_result_context(org, check) -> dict:
    """Everything a result page and its PDF show."""
    ctx = {"check": check}
    if check.kind == CheckKind.QUICK:
        ctx["quick_rows"] = [
            (q, check.answers.get(q.code) == "yes", links.resolve(org.slug, q.targets, q.step))
            for q in C.QUICK_CHECKS
        ]
        return ctx
    groups = scoring.group_scores(check.kind, check.answers)
    ctx["groups"] = groups
    ctx["group_chart"] = {
        "labels": [str(g.title) for g in groups],
        "values": [g.percent for g in groups],
    }
    if check.kind == CheckKind.TRADE_SECRET:
        steps = scoring.group_scores(check.kind, check.answers, by="step")
        ctx["steps"] = steps
        ctx["step_chart"] = {
            "labels": [str(g.title) for g in steps],
            "values": [g.percent for g in steps],
        }
    else:
        ctx["band"] = scoring.security_standing(check.score)
    # every answer other than "done" gets its recommendation and the page that helps
    ctx["recommendations"] = [
        (q, Answer(check.answers[q.code]), links.page_for_question(org.slug, q))
        for q in scoring.gaps(check.kind, check.answers)
    ]
    ctx["unknown_count"] = sum(1 for v in check.answers.values() if v == Answer.UNKNOWN)
    numbered = {q.code: i for i, q in enumerate(scoring.questions_for(check.kind), start=1)}
    ctx["answer_rows"] = [
        (numbered[q.code], q, Answer(check.answers[q.code]), scoring.points(check.answers[q.code]))
        for q in scoring.questions_for(check.kind)
        if q.code in check.answers
    ]
    return ctx


class CheckDetailView(AwarenessMixin, TemplateView):
    active = "checks"
    permission = P.RESULTS_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/check_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        check = selectors.check_get(self.membership, self.kwargs["pk"])
        ctx.update(check_result_context(self.org, check))
        previous = (
            selectors.check_list(self.membership, check.kind)
            .filter(department=check.department, answered_on__lte=check.answered_on)
            .exclude(pk=check.pk)
            .first()
        )
        ctx["previous"] = previous
        return ctx


class CheckPdfView(AwarenessMixin, View):
    active = "checks"
    permission = P.RESULTS_VIEW
    org_kind = OrgKind.COMPANY

    def get(self, request, *args, **kwargs):
        from ..pdf import check_pdf

        check = selectors.check_get(self.membership, kwargs["pk"])
        data = check_pdf(self.org, check)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="selfcheck-{check.kind}-{check.answered_on.isoformat()}.pdf"'
        )
        return response


class SecuritySummaryView(AwarenessMixin, TemplateView):
    """The security check as answered by departments, aggregated for the company."""

    active = "checks"
    permission = P.RESULTS_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/security_summary.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        latest = selectors.latest_security_by_department(self.org)
        aggregate = scoring.aggregate_departments(latest)
        ctx["aggregate"] = aggregate
        ctx["band"] = aggregate.standing
        ctx["rows"] = [(d, c, scoring.security_standing(c.score)) for d, c in aggregate.departments]
        ctx["dept_chart"] = {
            "labels": [d.name for d, _c in aggregate.departments],
            "values": [c.score for _d, c in aggregate.departments],
        }
        # the items fewest departments have in place, each with its recommendation
        done = {
            q.code: sum(
                1 for _d, c in aggregate.departments if c.answers.get(q.code) == Answer.DONE
            )
            for q in C.SECURITY_QUESTIONS
        }
        ctx["weakest"] = (
            [
                (done[q.code], i, q, links.page_for_question(self.org.slug, q))
                for _mean, i, q in sorted(
                    (aggregate.per_question[q.code], i, q)
                    for i, q in enumerate(C.SECURITY_QUESTIONS, start=1)
                )[:5]
            ]
            if aggregate.per_question
            else []
        )
        ctx["department_count"] = len(aggregate.departments)
        ctx["can_answer"] = has_perm(self.membership, P.CHECK_ANSWER)
        return ctx
