import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kimitsu.approvals.selectors import disclosure_approvals
from kimitsu.core.forms import apply_errors
from kimitsu.organizations.access import has_perm
from kimitsu.register.naming import naming_for

from .. import permissions as P
from .. import registry, selectors, services
from ..choices import DisclosureEnd, TemplateKind
from ..forms import (
    AgreementForm,
    DisclosureEndForm,
    DisclosureForm,
    PartnerForm,
    ReceivedLinkForm,
    ScanForm,
)
from .common import PledgesView, serve_scan


class PartnerListView(PledgesView):
    permission = P.PARTNERS
    template_name = "pledges/partner_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = dt.date.today()
        qs = selectors.partner_list(self.membership).annotate(
            n_given=Count("disclosures", distinct=True),
            n_received=Count("received", distinct=True),
            n_in_force=Count(
                "agreements",
                filter=Q(agreements__starts_on__lte=today)
                & (Q(agreements__ends_on__isnull=True) | Q(agreements__ends_on__gte=today)),
                distinct=True,
            ),
        )
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = qs.filter(Q(name__icontains=q) | Q(name_kana__icontains=q))
        ctx["page"] = Paginator(qs.order_by("name_kana", "name"), 50).get_page(
            self.request.GET.get("page")
        )
        ctx["q"] = q
        ctx["without_nda"] = set(
            selectors.partners_without_nda(self.membership).values_list("pk", flat=True)
        )
        return ctx


class PartnerEditView(PledgesView):
    permission = P.PARTNERS_MANAGE
    template_name = "pledges/form_page.html"

    def partner(self):
        pk = self.kwargs.get("pk")
        return selectors.partner_get(self.membership, pk) if pk else None

    def get(self, request, *args, **kwargs):
        partner = self.partner()
        return self.render(
            form=PartnerForm(instance=partner),
            partner=partner,
            heading=_("Edit partner") if partner else _("Add a partner"),
        )

    def post(self, request, *args, **kwargs):
        partner = self.partner()
        # Validating a model form writes the posted values into its instance; the service
        # needs the partner as stored, to audit old and new values.
        form = PartnerForm(request.POST, instance=self.partner())
        if form.is_valid():
            try:
                if partner is None:
                    partner = services.partner_create(
                        actor=request.user, membership=self.membership, data=form.cleaned_data
                    )
                else:
                    partner = services.partner_update(
                        actor=request.user,
                        membership=self.membership,
                        partner=partner,
                        data=form.cleaned_data,
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The partner was saved."))
                return redirect("pledges:partner_detail", org_slug=self.org.slug, pk=partner.pk)
        return self.render(
            form=form, partner=partner, heading=_("Edit partner") if partner else _("Add a partner")
        )


class PartnerDetailView(PledgesView):
    """What have we given them, and what have they given us?"""

    permission = P.PARTNERS
    template_name = "pledges/partner_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        partner = selectors.partner_get(self.membership, self.kwargs["pk"])
        today = dt.date.today()
        agreements = list(partner.agreements.select_related("document"))
        for a in agreements:
            a.is_in_force = a.in_force(today)
        ctx.update(
            {
                "partner": partner,
                "agreements": agreements,
                "given": list(selectors.disclosure_list(self.membership).filter(partner=partner)),
                "received": list(selectors.received_list(self.membership).filter(partner=partner)),
                "documents": list(selectors.document_list(self.membership).filter(partner=partner))
                if has_perm(self.membership, P.VIEW)
                else [],
                "end_form": DisclosureEndForm(initial={"ended_on": today}),
                "scan_form": ScanForm(),
                "has_nda": any(a.is_in_force and a.kind == "nda" for a in agreements),
                "nda_kind": TemplateKind.NDA,
            }
        )
        naming_for(self.request, self.membership).load(
            [d.entry_id for d in ctx["given"]] + [r.entry_id for r in ctx["received"]]
        )
        if has_perm(self.membership, "register.entries"):
            linked = selectors.received_list(self.membership).values("entry_id")
            ctx["suggested"] = list(
                registry.received_entries(self.membership)
                .exclude(pk__in=linked)
                .filter(source_partner_name__icontains=partner.name)[:20]
            )
        return ctx

    def post(self, request, *args, **kwargs):
        partner = selectors.partner_get(self.membership, self.kwargs["pk"])
        action = request.POST.get("action")
        try:
            if action == "end":
                if not has_perm(self.membership, P.DISCLOSE):
                    raise PermissionDenied
                disclosure = selectors.disclosure_get(
                    self.membership, request.POST.get("disclosure")
                )
                form = DisclosureEndForm(request.POST)
                if form.is_valid():
                    services.disclosure_end(
                        actor=request.user,
                        membership=self.membership,
                        disclosure=disclosure,
                        **form.cleaned_data,
                    )
                    messages.success(
                        request,
                        _("Recorded as %(s)s.")
                        % {"s": DisclosureEnd(form.cleaned_data["end_status"]).label},
                    )
                else:
                    messages.error(request, _("Choose returned or destroyed and a date."))
            elif action == "scan":
                if not has_perm(self.membership, P.PARTNERS_MANAGE):
                    raise PermissionDenied
                agreement = selectors.agreement_get(self.membership, request.POST.get("agreement"))
                form = ScanForm(request.POST, request.FILES)
                if form.is_valid():
                    services.agreement_attach_scan(
                        actor=request.user,
                        membership=self.membership,
                        agreement=agreement,
                        upload=form.cleaned_data["scan"],
                    )
                    messages.success(request, _("The signed copy was stored."))
                else:
                    messages.error(request, _("Choose a file."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("pledges:partner_detail", org_slug=self.org.slug, pk=partner.pk)


class AgreementCreateView(PledgesView):
    permission = P.PARTNERS_MANAGE
    template_name = "pledges/form_page.html"

    def form(self, partner, data=None, files=None):
        documents = selectors.document_list(self.membership).filter(partner=partner)
        return AgreementForm(
            data,
            files,
            documents=documents,
            initial={
                "kind": "nda",
                "title": "秘密保持契約書",
                "starts_on": dt.date.today(),
                "survival_years": 3,
            },
        )

    def get(self, request, *args, **kwargs):
        partner = selectors.partner_get(self.membership, kwargs["pk"])
        return self.render(
            form=self.form(partner),
            partner=partner,
            multipart=True,
            heading=_("Record an agreement with %(p)s") % {"p": partner.name},
        )

    def post(self, request, *args, **kwargs):
        partner = selectors.partner_get(self.membership, kwargs["pk"])
        form = self.form(partner, request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            upload = data.pop("scan", None)
            try:
                services.agreement_create(
                    actor=request.user,
                    membership=self.membership,
                    partner=partner,
                    data=data,
                    upload=upload,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The agreement was recorded."))
                return redirect("pledges:partner_detail", org_slug=self.org.slug, pk=partner.pk)
        return self.render(
            form=form,
            partner=partner,
            multipart=True,
            heading=_("Record an agreement with %(p)s") % {"p": partner.name},
        )


class AgreementEditView(PledgesView):
    """Change an agreement's dates or signatories (e.g. record its early end)."""

    permission = P.PARTNERS_MANAGE
    template_name = "pledges/form_page.html"

    def form(self, agreement, data=None):
        documents = selectors.document_list(self.membership).filter(partner=agreement.partner)
        form = AgreementForm(data, instance=agreement, documents=documents)
        del form.fields["scan"]
        return form

    def page(self, form, agreement):
        return self.render(
            form=form,
            partner=agreement.partner,
            heading=_("Edit agreement: %(t)s") % {"t": agreement.title},
        )

    def get(self, request, *args, **kwargs):
        agreement = selectors.agreement_get(self.membership, kwargs["pk"])
        return self.page(self.form(agreement), agreement)

    def post(self, request, *args, **kwargs):
        agreement = selectors.agreement_get(self.membership, kwargs["pk"])
        # A copy for the form (see PartnerEditView.post): the service audits the stored values.
        form = self.form(selectors.agreement_get(self.membership, kwargs["pk"]), request.POST)
        if form.is_valid():
            try:
                services.agreement_update(
                    actor=request.user,
                    membership=self.membership,
                    agreement=agreement,
                    data=dict(form.cleaned_data),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The agreement was saved."))
                return redirect(
                    "pledges:partner_detail", org_slug=self.org.slug, pk=agreement.partner_id
                )
        return self.page(form, agreement)


class AgreementScanView(PledgesView):
    permission = P.PARTNERS

    def get(self, request, *args, **kwargs):
        return serve_scan(selectors.agreement_get(self.membership, kwargs["pk"]))


class DisclosureListView(PledgesView):
    permission = P.PARTNERS
    template_name = "pledges/disclosure_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = selectors.disclosure_list(self.membership)
        if self.request.GET.get("without") == "1":
            qs = qs.filter(agreement__isnull=True)
        ctx["page"] = Paginator(qs, 50).get_page(self.request.GET.get("page"))
        ctx["received"] = list(selectors.received_list(self.membership)[:100])
        naming_for(self.request, self.membership).load(
            [d.entry_id for d in ctx["page"]] + [r.entry_id for r in ctx["received"]]
        )
        return ctx


class DisclosureCreateView(PledgesView):
    permission = P.DISCLOSE
    template_name = "pledges/form_page.html"

    def form(self, data=None):
        entries = registry.disclosable_entries(self.membership).select_related("level")
        return DisclosureForm(
            data,
            partners=selectors.partner_list(self.membership),
            entries=entries,
            agreements=selectors.agreement_list(self.membership),
            approvals=disclosure_approvals(self.org)
            .select_related("partner")
            .prefetch_related("entries"),
            initial={"disclosed_on": dt.date.today(), "partner": self.request.GET.get("partner")},
        )

    def page(self, form):
        return self.render(form=form, heading=_("Record a disclosure"))

    def get(self, request, *args, **kwargs):
        return self.page(self.form())

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                disclosure = services.disclosure_record(
                    actor=request.user, membership=self.membership, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if disclosure.agreement_id is None:
                    messages.warning(
                        request, _("Recorded WITHOUT an agreement (administrator's decision).")
                    )
                elif disclosure.approval_override_reason:
                    messages.warning(
                        request,
                        _(
                            "Recorded WITHOUT the approval the handling rules ask for "
                            "(administrator's decision)."
                        ),
                    )
                else:
                    messages.success(
                        request, _("Recorded under “%(a)s”.") % {"a": disclosure.agreement.title}
                    )
                return redirect(
                    "pledges:partner_detail", org_slug=self.org.slug, pk=disclosure.partner_id
                )
        return self.page(form)


class ReceivedLinkView(PledgesView):
    permission = P.PARTNERS_MANAGE
    template_name = "pledges/form_page.html"

    def form(self, partner, data=None):
        return ReceivedLinkForm(
            data,
            entries=registry.received_entries(self.membership),
            agreements=partner.agreements.all(),
            initial={"entry": self.request.GET.get("entry")},
        )

    def get(self, request, *args, **kwargs):
        partner = selectors.partner_get(self.membership, kwargs["pk"])
        return self.render(
            form=self.form(partner),
            partner=partner,
            heading=_("Information received from %(p)s") % {"p": partner.name},
        )

    def post(self, request, *args, **kwargs):
        partner = selectors.partner_get(self.membership, kwargs["pk"])
        form = self.form(partner, request.POST)
        if form.is_valid():
            try:
                services.received_link(
                    actor=request.user,
                    membership=self.membership,
                    partner=partner,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The entry is linked to %(p)s.") % {"p": partner.name})
                return redirect("pledges:partner_detail", org_slug=self.org.slug, pk=partner.pk)
        return self.render(
            form=form,
            partner=partner,
            heading=_("Information received from %(p)s") % {"p": partner.name},
        )
