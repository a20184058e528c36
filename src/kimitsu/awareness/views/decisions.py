"""The patent-or-secret guided decision."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind

from .. import integrations, scoring, selectors, services
from .. import permissions as P
from ..choices import YesNoUnsure
from ..content.decision import DECISION_QUESTIONS, EVIDENCE_CHECKLIST
from ..forms import DecisionForm, DecisionRecordForm, EvidenceForm
from .base import AwarenessMixin


def _day(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class DecisionListView(AwarenessMixin, TemplateView):
    active = "decisions"
    permission = P.DECISION_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/decision_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["page"] = Paginator(selectors.decision_list(self.membership), 30).get_page(
            self.request.GET.get("page")
        )
        ctx["can_manage"] = has_perm(self.membership, P.DECISION_MANAGE)
        return ctx


class DecisionCreateView(AwarenessMixin, TemplateView):
    active = "decisions"
    permission = P.DECISION_MANAGE
    org_kind = OrgKind.COMPANY
    template_name = "awareness/decision_form.html"

    def _form(self, data=None):
        return DecisionForm(data, register_entries=integrations.register_entries(self.membership))

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self._form()))

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                decision = services.decision_create(
                    actor=request.user,
                    membership=self.membership,
                    title=form.cleaned_data["title"],
                    answers=form.answers(),
                    register_entry_id=form.cleaned_data.get("register_entry"),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("awareness:decision_detail", org_slug=self.org.slug, pk=decision.pk)
        return self.render_to_response(self.get_context_data(form=form))


class DecisionDetailView(AwarenessMixin, TemplateView):
    active = "decisions"
    permission = P.DECISION_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/decision_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        decision = selectors.decision_get(self.membership, self.kwargs["pk"])
        advice = scoring.decide(decision.answers)
        labels = dict(YesNoUnsure.choices)
        ctx.update(
            {
                "decision": decision,
                "register_entry_label": integrations.register_entry_label(
                    self.request,
                    self.membership,
                    decision.register_entry_id,
                    decision.register_entry_label,
                ),
                "advice": advice,
                "answer_rows": [
                    (q, labels.get(decision.answers.get(q.code), "")) for q in DECISION_QUESTIONS
                ],
                # each item keeps the day it was first ticked, stored as 2026-12-02
                "evidence_rows": [
                    (code, label, _day(decision.evidence.get(code)))
                    for code, label in EVIDENCE_CHECKLIST
                ],
                "evidence_done": len(decision.evidence),
                "can_manage": has_perm(self.membership, P.DECISION_MANAGE),
            }
        )
        ctx.setdefault(
            "record_form",
            DecisionRecordForm(
                initial={
                    "decision": decision.decision
                    or (advice.recommendation if advice.recommendation != "undecided" else ""),
                    "decision_reason": decision.decision_reason,
                    "approver": decision.approver,
                    "decided_on": decision.decided_on,
                    "check_terms": decision.check_terms,
                }
            ),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        if not has_perm(self.membership, P.DECISION_MANAGE):
            raise PermissionDenied
        decision = selectors.decision_get(self.membership, kwargs["pk"])
        back = redirect("awareness:decision_detail", org_slug=self.org.slug, pk=decision.pk)
        if "evidence" in request.POST:
            form = EvidenceForm(request.POST)
            if form.is_valid():
                services.decision_evidence(
                    actor=request.user,
                    membership=self.membership,
                    decision=decision,
                    done=set(form.cleaned_data["done"]),
                )
                messages.success(request, _("The evidence checklist was saved."))
            return back
        form = DecisionRecordForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.decision_record(
                    actor=request.user,
                    membership=self.membership,
                    decision=decision,
                    choice=data["decision"],
                    reason=data["decision_reason"],
                    approver=data["approver"],
                    decided_on=data["decided_on"],
                    check_terms=data["check_terms"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The decision was recorded."))
                return back
        return self.render_to_response(self.get_context_data(record_form=form))
