from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from kimitsu.core.forms import apply_errors
from kimitsu.core.paging import CappedPaginator
from kimitsu.core.views import WorkspaceMixin
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind
from kimitsu.register.models import Level
from kimitsu.register.naming import naming_for
from kimitsu.rules.choices import REQUESTABLE_ACTIONS, Approver, Verdict

from . import approvers as people
from . import permissions as P
from . import selectors, services
from .choices import ApproverSource, Status
from .forms import DecisionForm, RequestForm, ReturnForm, SettingsForm

VERDICT_BADGES = {
    Verdict.FORBIDDEN: "danger",
    Verdict.APPROVAL: "warning text-dark",
    Verdict.CONDITIONAL: "info text-dark",
    Verdict.ALLOWED: "success",
}
STATUS_BADGES = {
    Status.PENDING: "warning text-dark",
    Status.APPROVED: "success",
    Status.REFUSED: "danger",
    Status.WITHDRAWN: "secondary",
    Status.CONFIRMED: "info text-dark",
    Status.RETURNED: "light text-dark border",
}


def member_name(membership) -> str:
    if membership.person_id:
        return membership.person.full_name
    person = membership.user.person_records.filter(organization_id=membership.organization_id)
    person = person.first()
    if person is not None:
        return person.full_name
    return membership.user.display_name or membership.user.email


def names_of(org, users) -> list[str]:
    """People by the name of the people register where they are in it, else their account's."""
    from kimitsu.organizations.models import Membership

    found = {
        m.user_id: m
        for m in Membership.objects.filter(
            organization=org, user__in=[u.pk for u in users]
        ).select_related("person", "user")
    }
    names = []
    for user in users:
        membership = found.get(user.pk)
        if membership is not None:
            names.append(member_name(membership))
        else:
            names.append(user.display_name or user.email)
    return names


class ApprovalsMixin(WorkspaceMixin):
    org_kind = OrgKind.COMPANY
    permission = P.VIEW

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            can_request=has_perm(self.membership, P.REQUEST),
            can_settings=has_perm(self.membership, P.SETTINGS),
            status_badges=STATUS_BADGES,
            verdict_badges=VERDICT_BADGES,
        )
        return ctx


class RequestListView(ApprovalsMixin, TemplateView):
    template_name = "approvals/request_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        qs = selectors.request_list(self.membership)
        shown = selectors.filter_requests(qs, self.request.GET, self.membership, today)
        page = CappedPaginator(shown.order_by("-number"), 50).get_page(self.request.GET.get("page"))
        naming = naming_for(self.request, self.membership)
        naming.load([e for r in page for e in r.entries.all()])
        for r in page:
            r.overdue = r.is_overdue(today)
            r.badge = STATUS_BADGES[r.status]
        ctx.update(
            page=page,
            params=self.request.GET,
            statuses=Status.choices,
            to_decide=selectors.to_decide(self.membership).count(),
            overdue_count=selectors.overdue(qs, today).count(),
            sees_all=has_perm(self.membership, P.ALL),
        )
        return ctx


class RequestNewView(ApprovalsMixin, TemplateView):
    permission = P.REQUEST
    template_name = "approvals/request_form.html"

    def partners(self):
        from kimitsu.pledges import permissions as PP
        from kimitsu.pledges.selectors import partner_list

        if not has_perm(self.membership, PP.PARTNERS):
            return None  # a partner list is business information of its own
        return partner_list(self.membership)

    def form(self, data=None):
        initial = {}
        action = self.request.GET.get("action", "")
        if action in REQUESTABLE_ACTIONS:
            initial["action"] = action
        if self.request.GET.get("entries"):
            initial["entries"] = self.request.GET["entries"][:4000]
        return RequestForm(
            data,
            initial=initial,
            entries=selectors.requestable_entries(self.membership),
            partners=self.partners(),
        )

    def preview(self):
        """The rule for the action and level the guide came from, before entries are named."""
        action = self.request.GET.get("action", "")
        level_pk = self.request.GET.get("level", "")
        if action not in REQUESTABLE_ACTIONS or not level_pk.isdigit():
            return None
        level = Level.objects.filter(organization=self.org, pk=int(level_pk)).first()
        rule = selectors.level_rule(self.org, action, level)
        if rule is None:
            return None
        rule.badge = VERDICT_BADGES[rule.verdict]
        rule.decides = []
        if rule.verdict == Verdict.APPROVAL and rule.approver != Approver.OWNER:
            found = people.resolve(self.org, rule.approver, requester=self.membership, entries=[])
            rule.decides = [member_name(m) for m in found.memberships]
        return rule

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", self.form())
        ctx.setdefault("preview", self.preview())
        ctx["has_rules"] = selectors.rule_set_in_force(self.org) is not None
        return ctx

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        ctx = {"form": form, "preview": None}
        if form.is_valid():
            data = form.cleaned_data
            entries = data["entry_list"]
            ruling = selectors.ruling(self.org, data["action"], entries)
            ctx["ruling"] = _decorate(ruling, self.org, self.membership)
            try:
                made = services.request_create(
                    actor=request.user,
                    membership=self.membership,
                    action=data["action"],
                    entries=entries,
                    purpose=data["purpose"],
                    destination=data.get("destination", ""),
                    partner=data.get("partner"),
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    return_due=data.get("return_due"),
                    confirmed=data.get("confirm", False),
                )
            except ValidationError as exc:
                code = getattr(exc, "code", None)
                if code == "allowed":
                    ctx["allowed"] = exc.messages[0]
                elif code in ("forbidden", "no_rules"):
                    ctx["refused"] = exc.messages[0]
                elif set(getattr(exc, "error_dict", {})) == {"confirm"} and not (
                    request.POST.get("conditions_shown")
                ):
                    pass  # the conditions are shown for the first time: nothing is wrong yet
                else:
                    apply_errors(form, exc)
            else:
                if made.status == Status.CONFIRMED:
                    messages.success(
                        request,
                        _("%(code)s: your confirmation of the conditions was recorded.")
                        % {"code": made.code},
                    )
                else:
                    messages.success(
                        request,
                        _("%(code)s was sent to %(who)s for approval.")
                        % {"code": made.code, "who": made.get_approver_role_display()},
                    )
                return redirect("approvals:request", org_slug=self.org.slug, pk=made.pk)
        return self.render_to_response(self.get_context_data(**ctx))


def _decorate(ruling, org, membership):
    """The ruling as the form shows it: the badge, and who would decide."""
    ruling.badge = VERDICT_BADGES.get(ruling.verdict, "secondary")
    ruling.decides = []
    if ruling.needs_approval:
        found = people.resolve(
            org,
            ruling.approver,
            requester=membership,
            entries=[c.entry for c in ruling.approver_cells],
        )
        ruling.decides = [member_name(m) for m in found.memberships]
        ruling.source_label = ApproverSource(found.source).label
    if ruling.verdict:
        ruling.label = services.verdict_text(ruling)
    return ruling


class RequestDetailView(ApprovalsMixin, TemplateView):
    template_name = "approvals/request_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        item = selectors.request_get(self.membership, self.kwargs["pk"])
        today = timezone.localdate()
        entries = list(item.entries.all())
        naming = naming_for(self.request, self.membership)
        naming.load(entries)
        snapshot = item.rule_snapshot or {}
        cells = {c.get("ledger_number"): c for c in snapshot.get("cells", [])}
        rows = []
        for entry in entries:
            cell = cells.get(entry.ledger_number, {})
            verdict = cell.get("verdict")
            rows.append(
                (
                    entry,
                    Verdict(verdict).label if verdict in Verdict.values else "",
                    VERDICT_BADGES.get(verdict, "secondary"),
                    cell.get("level", ""),
                )
            )
        approvers = list(item.approvers.all())
        disclosures = []
        from kimitsu.pledges import permissions as PP

        if has_perm(self.membership, PP.PARTNERS):
            disclosures = list(
                item.disclosures.select_related("partner", "entry").order_by("disclosed_on")
            )
            naming.load([d.entry for d in disclosures])
        ctx.update(
            item=item,
            rows=rows,
            status_badge=STATUS_BADGES[item.status],
            verdict_badge=VERDICT_BADGES.get(item.verdict, "secondary"),
            source_label=ApproverSource(item.approver_source).label if item.approver_source else "",
            snapshot=snapshot,
            approver_names=names_of(self.org, approvers),
            can_decide=services.can_decide(self.membership, item),
            is_named=services.is_named(self.membership, item),
            is_requester=item.requested_by_id == self.request.user.pk,
            can_return=services.can_return(self.membership, item),
            overdue=item.is_overdue(today),
            disclosures=disclosures,
        )
        ctx.setdefault("decision_form", DecisionForm())
        ctx.setdefault("return_form", ReturnForm())
        return ctx


class RequestDecideView(RequestDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = selectors.request_get(self.membership, kwargs["pk"])
        form = DecisionForm(request.POST)
        approve = request.POST.get("decision") == "approve"
        if form.is_valid():
            try:
                services.request_decide(
                    actor=request.user,
                    membership=self.membership,
                    request=item,
                    approve=approve,
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    (_("%(code)s was approved.") if approve else _("%(code)s was refused."))
                    % {"code": item.code},
                )
                return redirect("approvals:request", org_slug=self.org.slug, pk=item.pk)
        return self.render_to_response(self.get_context_data(decision_form=form))


class RequestReturnView(RequestDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = selectors.request_get(self.membership, kwargs["pk"])
        form = ReturnForm(request.POST)
        if form.is_valid():
            try:
                services.request_return(
                    actor=request.user,
                    membership=self.membership,
                    request=item,
                    returned_on=form.cleaned_data["returned_on"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The return was recorded."))
                return redirect("approvals:request", org_slug=self.org.slug, pk=item.pk)
        return self.render_to_response(self.get_context_data(return_form=form))


class RequestWithdrawView(ApprovalsMixin, View):
    def post(self, request, *args, **kwargs):
        item = selectors.request_get(self.membership, kwargs["pk"])
        try:
            services.request_withdraw(actor=request.user, membership=self.membership, request=item)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(code)s was withdrawn.") % {"code": item.code})
        return redirect("approvals:request", org_slug=self.org.slug, pk=item.pk)


class SettingsView(ApprovalsMixin, TemplateView):
    permission = P.SETTINGS
    template_name = "approvals/settings.html"

    def form(self, data=None):
        from .models import ApproverSettings

        found = ApproverSettings.objects.filter(organization=self.org).first()
        initial = {}
        if found is not None:
            initial = {"officer": found.officer_id, "president": found.president_id}
        members = people.deciders(self.org).order_by("role", "user__email")
        return SettingsForm(data, initial=initial, members=members)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", self.form())
        current = people.current(self.org)
        ctx["current"] = [
            (Approver(role).label, [member_name(m) for m in found], source)
            for role, (found, source) in current.items()
        ]
        ctx["officer_post"] = people.officer_post(self.org)
        return ctx

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.settings_update(
                    actor=request.user,
                    membership=self.membership,
                    officer=form.cleaned_data["officer"],
                    president=form.cleaned_data["president"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The approvers were saved."))
                return redirect("approvals:settings", org_slug=self.org.slug)
        return self.render_to_response(self.get_context_data(form=form))
