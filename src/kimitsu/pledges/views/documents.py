import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kimitsu.core.forms import apply_errors
from kimitsu.organizations.access import has_perm
from kimitsu.register.naming import naming_for

from .. import permissions as P
from .. import selectors, services
from ..choices import (
    DOCUMENT_TRANSITIONS,
    PARTNER_KINDS,
    DocumentStatus,
    NdaDirection,
    TemplateKind,
)
from ..documents import render_document
from ..forms import BatchIssueForm, DocumentForm, ScanForm, TransitionForm
from ..rendering import noncompete_warnings
from ..steps import step7_status
from .common import PledgesView, check_fmt, download, serve_scan


class HomeView(PledgesView):
    template_name = "pledges/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        m = self.membership
        ctx["step"] = step7_status(self.org, m)
        ctx["no_pledge"] = selectors.staff_without_pledge(m).count()
        ctx["no_exit"] = selectors.leavers_without_exit_pledge(m).count()
        ctx["leaving_without_checklist"] = list(selectors.leaving_without_checklist(m))
        ctx["open_checklists"] = list(
            selectors.checklist_list(m)
            .filter(completed_at__isnull=True)
            .order_by("kind", "person__employee_number")[:20]
        )
        ctx["recent"] = list(selectors.document_list(m)[:10])
        if has_perm(m, P.PARTNERS):
            ctx["no_nda"] = selectors.partners_without_nda(m).count()
            ctx["without_agreement"] = selectors.disclosures_without_agreement(self.org).count()
        return ctx


class DocumentListView(PledgesView):
    template_name = "pledges/document_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = selectors.document_list(self.membership)
        params = self.request.GET
        if params.get("kind") in TemplateKind.values:
            qs = qs.filter(kind=params["kind"])
        if params.get("status") in DocumentStatus.values:
            qs = qs.filter(status=params["status"])
        ctx["page"] = Paginator(qs, self.paginate_by).get_page(params.get("page"))
        ctx["kinds"] = TemplateKind.choices
        ctx["statuses"] = DocumentStatus.choices
        ctx["kind"] = params.get("kind", "")
        ctx["status"] = params.get("status", "")
        return ctx


class DocumentCreateView(PledgesView):
    permission = P.MANAGE
    template_name = "pledges/document_form.html"

    def form(self, data=None):
        partners = (
            selectors.partner_list(self.membership)
            if has_perm(self.membership, P.PARTNERS)
            else selectors.Partner.objects.none()
        )
        people = (
            selectors.people(self.membership).exclude(status="left").order_by("employee_number")
        )
        initial = {
            "document_date": dt.date.today(),
            "kind": self.request.GET.get("kind"),
            "person": self.request.GET.get("person"),
            "partner": self.request.GET.get("partner"),
            "survival_years": 3,
            "term_years": 3,
            "court": "甲の本店所在地を管轄する地方裁判所",
        }
        return DocumentForm(data, people=people, partners=partners, initial=initial)

    def get(self, request, *args, **kwargs):
        return self.render(form=self.form(), adopted=selectors.adopted_templates(self.org))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                document = services.document_create(
                    actor=request.user,
                    membership=self.membership,
                    kind=d["kind"],
                    person=d.get("person"),
                    partner=d.get("partner"),
                    fields=form.service_fields(),
                    document_date=d["document_date"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The document was created."))
                for warning in noncompete_warnings(document.fields):
                    messages.warning(request, warning)
                return redirect("pledges:document_detail", org_slug=self.org.slug, pk=document.pk)
        return self.render(form=form, adopted=selectors.adopted_templates(self.org))


class DocumentDetailView(PledgesView):
    template_name = "pledges/document_detail.html"

    def get_object(self):
        return selectors.document_get(self.membership, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        doc = kwargs.get("document") or self.get_object()
        ctx["document"] = doc
        ctx["transitions"] = doc.transitions.select_related("actor")
        ctx["next_statuses"] = [
            DocumentStatus(s) for s in sorted(DOCUMENT_TRANSITIONS.get(doc.status, set()))
        ]
        ctx["warnings"] = noncompete_warnings(doc.fields)
        labels = DocumentForm.base_fields
        ctx["field_rows"] = [
            (
                labels[k].label if k in labels else k,
                (
                    _("Yes")
                    if v is True
                    else _("No")
                    if v is False
                    else NdaDirection(v).label
                    if k == "direction" and v in NdaDirection.values
                    else v
                ),
            )
            for k, v in doc.fields.items()
            if k != "company_party"  # the company's own details, printed on the document
        ]
        ctx.setdefault("transition_form", TransitionForm(initial={"on": dt.date.today()}))
        ctx.setdefault("scan_form", ScanForm())
        ctx["is_partner_doc"] = doc.kind in PARTNER_KINDS
        ctx["may_read_all"] = naming_for(self.request, self.membership).can_open_all(doc.entries)
        return ctx

    def post(self, request, *args, **kwargs):
        if not has_perm(self.membership, P.MANAGE):
            raise PermissionDenied
        doc = self.get_object()
        if "scan" in request.FILES or request.POST.get("action") == "scan":
            form = ScanForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    services.document_attach_scan(
                        actor=request.user,
                        membership=self.membership,
                        document=doc,
                        upload=form.cleaned_data["scan"],
                    )
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    messages.success(
                        request,
                        _("The signed copy was stored (SHA-256 %(h)s).") % {"h": doc.scan_sha256},
                    )
                    return redirect("pledges:document_detail", org_slug=self.org.slug, pk=doc.pk)
            return self.render(document=doc, scan_form=form)
        form = TransitionForm(request.POST)
        to_status = request.POST.get("to_status", "")
        if form.is_valid():
            try:
                services.document_transition(
                    actor=request.user,
                    membership=self.membership,
                    document=doc,
                    to_status=to_status,
                    on=form.cleaned_data["on"],
                    note=form.cleaned_data.get("note") or "",
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The status was changed."))
                return redirect("pledges:document_detail", org_slug=self.org.slug, pk=doc.pk)
        return self.render(document=doc, transition_form=form)


def readable_document(view, pk):
    """The document, if the reader may read all of it: a signed record that lists register
    entries (an exit pledge) is never altered, so a reader who may not open every entry it lists
    sees that it exists but cannot download it or its signed copy (403)."""
    doc = selectors.document_get(view.membership, pk)
    if doc.entries and not naming_for(view.request, view.membership).can_open_all(doc.entries):
        raise PermissionDenied
    return doc


class DocumentFileView(PledgesView):
    def get(self, request, *args, **kwargs):
        fmt = check_fmt(kwargs["fmt"])
        doc = readable_document(self, kwargs["pk"])
        data, name = render_document(doc, fmt)
        return download(data, name, fmt)


class DocumentScanView(PledgesView):
    def get(self, request, *args, **kwargs):
        return serve_scan(readable_document(self, kwargs["pk"]))


class GapsView(PledgesView):
    template_name = "pledges/gaps.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        m = self.membership
        ctx["no_pledge"] = list(selectors.staff_without_pledge(m)[:200])
        ctx["no_pledge_count"] = selectors.staff_without_pledge(m).count()
        ctx["no_exit"] = list(selectors.leavers_without_exit_pledge(m)[:200])
        if has_perm(m, P.PARTNERS):
            ctx["no_nda"] = list(selectors.partners_without_nda(m)[:200])
        current = selectors.current_template(self.org, TemplateKind.PLEDGE_HIRE)
        ctx["current"] = current
        if current is not None:
            ctx["lacking"] = selectors.lacking_version(m, current).count()
        ctx.setdefault("batch_form", BatchIssueForm(initial={"document_date": dt.date.today()}))
        return ctx

    def post(self, request, *args, **kwargs):
        if not has_perm(self.membership, P.MANAGE):
            raise PermissionDenied
        form = BatchIssueForm(request.POST)
        if form.is_valid():
            try:
                created = services.documents_batch_issue(
                    actor=request.user,
                    membership=self.membership,
                    kind=TemplateKind.PLEDGE_HIRE,
                    document_date=form.cleaned_data["document_date"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d document was created.", "%(n)d documents were created.", len(created)
                    )
                    % {"n": len(created)},
                )
                return redirect(
                    reverse("pledges:documents", kwargs={"org_slug": self.org.slug})
                    + "?status=draft"
                )
        return self.render(batch_form=form)
