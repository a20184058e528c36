from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from kimitsu.awareness import permissions as AP
from kimitsu.awareness.selectors import decision_list
from kimitsu.core import jobs
from kimitsu.core.paging import CappedPaginator
from kimitsu.core.views import JobPageMixin, JobStatusMixin, WorkspaceMixin
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind
from kimitsu.register import permissions as RP
from kimitsu.register.models import Entry
from kimitsu.register.naming import EntryNaming
from kimitsu.register.selectors import entry_list
from kimitsu.timestamps import tsa

from . import dossier, pack_jobs, selectors, services
from . import permissions as P
from .forms import PackForm, RecheckForm, RecordForm


class EvidenceMixin(WorkspaceMixin):
    org_kind = OrgKind.COMPANY
    permission = P.VIEW

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        cfg = tsa.config()
        ctx.update(
            tsa_config=cfg,
            can_add=has_perm(self.membership, P.ADD),
            can_pack=has_perm(self.membership, P.PACK),
        )
        return ctx

    def visible_entries(self):
        if not has_perm(self.membership, RP.ENTRIES):
            return Entry.objects.none()
        return entry_list(self.membership)


class VaultView(EvidenceMixin, TemplateView):
    template_name = "evidence/vault.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        records = selectors.record_list(self.membership)
        qs = selectors.search(records, self.request.GET.get("q", ""))
        page = CappedPaginator(qs.order_by("-number"), 50).get_page(self.request.GET.get("page"))
        naming = EntryNaming(self.membership)
        ctx.update(page=page, q=self.request.GET.get("q", ""), naming=naming)
        ctx.setdefault("recheck_form", RecheckForm())
        return ctx

    def post(self, request, *args, **kwargs):
        """Drop a file on the vault: which records were stamped over exactly this file?"""
        form = RecheckForm(request.POST, request.FILES)
        ctx = {"recheck_form": form}
        if form.is_valid():
            ctx["found"] = services.find_by_file(
                selectors.record_list(self.membership), form.cleaned_data["file"]
            )
        return self.render_to_response(self.get_context_data(**ctx))


class RecordNewView(EvidenceMixin, TemplateView):
    permission = P.ADD
    template_name = "evidence/record_form.html"

    def decisions(self):
        if has_perm(self.membership, AP.DECISION_VIEW):
            return decision_list(self.membership)
        return None

    def form(self, data=None, files=None):
        initial = {}
        if self.request.GET.get("entries"):
            initial["entries"] = self.request.GET["entries"][:4000]
        if self.request.GET.get("decision", "").isdigit():
            initial["decision"] = self.request.GET["decision"]
        return RecordForm(
            data,
            files,
            initial=initial,
            entries=self.visible_entries(),
            decisions=self.decisions(),
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", self.form())
        return ctx

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                record = services.record_create(
                    actor=request.user,
                    membership=self.membership,
                    title=data["title"],
                    kind=data["kind"],
                    description=data["description"],
                    upload=data.get("file"),
                    sha256=data.get("sha256", ""),
                    filename=data.get("filename", ""),
                    keep=data.get("keep", False),
                    entries=data["entry_list"],
                    decision=data.get("decision"),
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("%(code)s was recorded.") % {"code": record.code})
                return redirect("evidence:record", org_slug=self.org.slug, pk=record.pk)
        return self.render_to_response(self.get_context_data(form=form))


class RecordDetailView(EvidenceMixin, TemplateView):
    template_name = "evidence/record_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        record = selectors.record_get(self.membership, self.kwargs["pk"])
        ctx.update(
            record=record,
            stamp=record.timestamp,
            show_decision=has_perm(self.membership, AP.DECISION_VIEW),
        )
        ctx.setdefault("recheck_form", RecheckForm())
        return ctx

    def post(self, request, *args, **kwargs):
        record = selectors.record_get(self.membership, self.kwargs["pk"])
        form = RecheckForm(request.POST, request.FILES)
        ctx = {"recheck_form": form}
        if form.is_valid():
            ctx["result"] = services.recheck(record, form.cleaned_data["file"])
        return self.render_to_response(self.get_context_data(**ctx))


class TokenView(EvidenceMixin, View):
    """The record's token as the DER ``.tst`` file that OpenSSL reads."""

    def get(self, request, *args, **kwargs):
        record = selectors.record_get(self.membership, kwargs["pk"])
        stamp = record.timestamp
        if not stamp.stamped:
            raise Http404
        response = HttpResponse(bytes(stamp.token), content_type="application/timestamp-reply")
        response["Content-Disposition"] = content_disposition_header(True, f"{record.code}.tst")
        return response


class FileView(EvidenceMixin, View):
    def get(self, request, *args, **kwargs):
        record = selectors.record_get(self.membership, kwargs["pk"])
        if not record.kept:
            raise Http404
        return FileResponse(
            record.file.open("rb"), as_attachment=True, filename=record.filename or record.code
        )


class PackView(EvidenceMixin, TemplateView):
    """Choose what the pack covers; it is built by the task queue while the page shows progress."""

    permission = P.PACK
    template_name = "evidence/pack.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", PackForm(entries=self.visible_entries()))
        return ctx

    def post(self, request, *args, **kwargs):
        form = PackForm(request.POST, entries=self.visible_entries())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        chosen = None
        if form.cleaned_data["scope"] == PackForm.SCOPE_CHOSEN:
            chosen = [e.pk for e in form.cleaned_data["entry_list"]]
        state = pack_jobs.start(membership=self.membership, entry_ids=chosen)
        if state["stage"] == pack_jobs.READY and jobs.first_look(state):  # built already
            return redirect(_pack_file_url(self.org, state))
        return redirect("evidence:pack_job", org_slug=self.org.slug, token=state["token"])


class PackJobView(JobPageMixin, EvidenceMixin, TemplateView):
    """One pack: its progress, then (once) the download; coming back, the download link."""

    permission = P.PACK
    template_name = "evidence/pack_job.html"
    done_stage = pack_jobs.READY

    def get_job(self):
        return pack_jobs.load(self.kwargs["token"], organization=self.org, user=self.request.user)

    def done(self, job):
        return redirect(_pack_file_url(self.org, job))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if ctx.get("job"):
            ctx["step_text"] = pack_jobs.step_text(ctx["job"])
        return ctx

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        if job is None:
            messages.error(request, _("This pack is no longer available."))
            return redirect("evidence:pack", org_slug=self.org.slug)
        return self.announce_done(job) or self.render_to_response(
            self.get_context_data(job=job, file_url=_pack_file_url(self.org, job))
        )


class PackStatusView(JobStatusMixin, PackJobView):
    template_name = "evidence/_pack_progress.html"


class PackFileView(PackJobView):
    def get(self, request, *args, **kwargs):
        job = self.get_job()
        data = jobs.result(job) if job and job["stage"] == pack_jobs.READY else None
        if data is None:
            raise Http404
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = content_disposition_header(True, job["filename"])
        return response


def _pack_file_url(org, job) -> str:
    return reverse("evidence:pack_file", kwargs={"org_slug": org.slug, "token": job["token"]})


class DossierView(EvidenceMixin, View):
    """The 先使用権 dossier of a technology decided as secret: its evidence, hashes and times."""

    permission = AP.DECISION_VIEW

    def get(self, request, *args, **kwargs):
        decision = get_object_or_404(decision_list(self.membership), pk=kwargs["pk"])
        if not decision.keeps_secret:
            raise Http404
        data = dossier.build(self.membership, decision, actor=request.user, as_zip=False)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            False, f"prior-use-dossier-{decision.pk}.pdf"
        )
        return response


class DossierPackView(DossierView):
    def get(self, request, *args, **kwargs):
        decision = get_object_or_404(decision_list(self.membership), pk=kwargs["pk"])
        if not decision.keeps_secret:
            raise Http404
        data = dossier.build(self.membership, decision, actor=request.user, as_zip=True)
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = content_disposition_header(
            True, f"prior-use-dossier-{decision.pk}.zip"
        )
        return response
