from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from kimitsu.core.forms import apply_errors
from kimitsu.core.paging import CappedPaginator
from kimitsu.core.views import WorkspaceMixin
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind

from .. import extract, selectors, services
from .. import permissions as P
from ..choices import State
from ..forms import CheckForm, DecisionForm, DraftForm
from ..models import state_of
from . import report


class PrepubMixin(WorkspaceMixin):
    org_kind = OrgKind.COMPANY
    permission = P.VIEW

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_check"] = has_perm(self.membership, P.CHECK)
        return ctx


def _form_errors(form, error):
    """A service's refusal on the form: a refused draft on the file, the rest on its field."""
    if isinstance(error, extract.DraftRefused):
        form.add_error("file" if "file" in form.fields else None, error.message)
    else:
        apply_errors(form, error)


def _upload(form) -> dict:
    data = form.cleaned_data
    return services.draft_input(upload=data.get("file"), text=data.get("text", ""))


class RequestListView(PrepubMixin, TemplateView):
    template_name = "prepub/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        state = self.request.GET.get("state", "")
        qs = selectors.with_latest(selectors.request_list(self.membership))
        if state in State.values:
            qs = selectors.in_state(qs, state)
        page = CappedPaginator(qs.select_related("created_by"), 50).get_page(
            self.request.GET.get("page")
        )
        for r in page:
            r.state = selectors.annotated_state(r)
        ctx.update(page=page, state=state, states=State.choices)
        return ctx


class RequestNewView(PrepubMixin, TemplateView):
    permission = P.CHECK
    template_name = "prepub/new.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", CheckForm(initial={"purpose": self.request.GET.get("purpose")}))
        ctx["terms_checked"] = selectors.matcher_for(self.org).term_count
        return ctx

    def post(self, request, *args, **kwargs):
        form = CheckForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                version = services.check(
                    actor=request.user,
                    membership=self.membership,
                    purpose=data["purpose"],
                    title=data["title"],
                    keep=data["keep"],
                    **_upload(form),
                )
            except (extract.DraftRefused, ValidationError) as error:
                _form_errors(form, error)
            else:
                return redirect("prepub:request", org_slug=self.org.slug, pk=version.request_id)
        return self.render_to_response(self.get_context_data(form=form))


class RequestDetailView(PrepubMixin, TemplateView):
    """One request: the report of a version (the latest unless ``?v=``), the versions, the
    decision, a corrected draft to check again."""

    template_name = "prepub/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        req = selectors.request_get(self.membership, self.kwargs["pk"])
        versions = list(req.versions.select_related("checked_by"))
        latest = versions[0] if versions else None
        shown = latest
        wanted = self.request.GET.get("v", "")
        if wanted.isdigit():
            shown = next((v for v in versions if v.number == int(wanted)), latest)
        may_decide = selectors.may_decide(self.membership, latest)
        ctx.update(
            req=req,
            versions=versions,
            latest=latest,
            shown=shown,
            state=state_of(req, latest),
            groups=report.groups(self.membership, shown) if shown else [],
            may_decide=may_decide,
            may_recheck=selectors.may_recheck(self.membership, req),
        )
        ctx.setdefault("decision_form", DecisionForm())
        ctx.setdefault("draft_form", DraftForm())
        return ctx


class RecheckView(RequestDetailView):
    """A corrected draft, checked as the next version of the same request."""

    permission = P.CHECK

    def get(self, request, *args, **kwargs):
        return redirect("prepub:request", org_slug=self.org.slug, pk=kwargs["pk"])

    def post(self, request, *args, **kwargs):
        req = selectors.request_get(self.membership, kwargs["pk"])
        if not selectors.may_recheck(self.membership, req):
            raise Http404
        form = DraftForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                version = services.check(
                    actor=request.user,
                    membership=self.membership,
                    purpose=req.purpose,
                    keep=form.cleaned_data["keep"],
                    request=req,
                    **_upload(form),
                )
            except (extract.DraftRefused, ValidationError) as error:
                _form_errors(form, error)
            else:
                if version.clean:
                    messages.success(request, _("The corrected draft holds no check term."))
                return redirect("prepub:request", org_slug=self.org.slug, pk=req.pk)
        return self.render_to_response(self.get_context_data(draft_form=form))


class DecideView(RequestDetailView):
    def get(self, request, *args, **kwargs):
        return redirect("prepub:request", org_slug=self.org.slug, pk=kwargs["pk"])

    def post(self, request, *args, **kwargs):
        req = selectors.request_get(self.membership, kwargs["pk"])
        if not selectors.may_decide(self.membership, selectors.latest_version(req)):
            raise Http404
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.decide(
                    actor=request.user,
                    membership=self.membership,
                    request=req,
                    verdict=form.cleaned_data["verdict"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The decision was recorded."))
                return redirect("prepub:request", org_slug=self.org.slug, pk=req.pk)
        return self.render_to_response(self.get_context_data(decision_form=form))


class DraftFileView(PrepubMixin, View):
    """A kept draft, for those who see its request."""

    def get(self, request, *args, **kwargs):
        req = selectors.request_get(self.membership, kwargs["pk"])
        version = get_object_or_404(req.versions, number=kwargs["number"])
        if not version.file:
            raise Http404
        return FileResponse(
            version.file.open("rb"),
            as_attachment=True,
            filename=version.filename or f"{req.label}-v{version.number}.txt",
        )
