"""Excel and CSV pages: blank template, export of the (filtered) register, import with preview."""

import io

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from kimitsu.audit import services as audit
from kimitsu.core.views import JobPageMixin, JobStatusMixin

from . import import_jobs, ledger_io, selectors
from . import permissions as P
from .forms import ImportForm
from .views import RegisterMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(response, filename: str):
    from urllib.parse import quote

    response["Content-Disposition"] = (
        f'attachment; filename="{filename.encode("ascii", "ignore").decode() or "ledger"}"; '
        f"filename*=UTF-8''{quote(filename)}"
    )
    return response


class TemplateDownloadView(RegisterMixin, TemplateView):
    permission = P.IMPORT

    def get(self, request, *args, **kwargs):
        buf = io.BytesIO()
        ledger_io.template_xlsx(buf, self.org)
        return _attachment(
            HttpResponse(buf.getvalue(), content_type=XLSX), "秘密情報管理台帳_ひな形.xlsx"
        )


class ExportView(RegisterMixin, TemplateView):
    """The register (or the current filtered view) as .xlsx or CSV; the same columns."""

    permission = P.EXPORT

    def get(self, request, *args, **kwargs):
        params = request.GET
        qs = selectors.entry_filter(selectors.entry_list(self.membership), params, self.org)
        fmt = "csv" if params.get("format") == "csv" else "xlsx"
        buf = io.BytesIO()
        stamp = timezone.localtime().strftime("%Y%m%d")
        if fmt == "csv":
            sjis = params.get("encoding") == "cp932"
            n = ledger_io.export_csv(self.org, qs, buf, "cp932" if sjis else "utf-8-sig")
            response = HttpResponse(
                buf.getvalue(), content_type=f"text/csv; charset={'shift_jis' if sjis else 'utf-8'}"
            )
        else:
            n = ledger_io.export_xlsx(self.org, qs, buf)
            response = HttpResponse(buf.getvalue(), content_type=XLSX)
        audit.record(
            event_type="register_export.downloaded",
            organization=self.org,
            actor=request.user,
            obj=self.org,
            after={
                "format": fmt,
                "rows": n,
                "filters": {k: v for k, v in params.items() if k != "format"},
            },
        )
        return _attachment(response, f"秘密情報管理台帳_{stamp}.{fmt}")


class ImportView(RegisterMixin, TemplateView):
    """Upload: the file is kept and checked in the background (import_jobs), and the browser goes
    to the job's page, which shows the progress, then the errors or the preview to confirm."""

    permission = P.IMPORT
    template_name = "register/import.html"
    tab = "import"

    def render_page(self, **kwargs):
        kwargs.setdefault("form", ImportForm())
        kwargs["max_mb"] = settings.KIMITSU_MAX_UPLOAD_MB
        kwargs["columns"] = ledger_io.COLUMNS
        return self.render_to_response(self.get_context_data(**kwargs))

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form=form)
        upload = form.cleaned_data["file"]  # its size was checked by the form
        token = import_jobs.start_check(
            organization=self.org, user=request.user, filename=upload.name, data=upload.read()
        )
        return redirect("register:import_job", org_slug=self.org.slug, token=token)


class ImportJobView(JobPageMixin, ImportView):
    """One import: progress while it runs, then the errors, or the preview and its confirmation,
    then (after the import) the register. Only the user who uploaded it sees it."""

    done_stage = import_jobs.APPLIED

    def get_job(self) -> dict | None:
        return import_jobs.load(self.kwargs["token"], organization=self.org, user=self.request.user)

    def expired(self):
        messages.error(self.request, _("The uploaded file has expired. Upload it again."))
        return redirect("register:import", org_slug=self.org.slug)

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        if job is None:
            return self.expired()
        return self.announce_done(job) or self.render_page(job=job)

    def post(self, request, *args, **kwargs):
        job = self.get_job()
        if job is None:
            return self.expired()
        if not import_jobs.start_apply(job, organization=self.org, user=request.user):
            messages.error(request, _("This file has already been imported, or it has expired."))
        elif (done := self.announce_done(job)) is not None:  # already done (no thread)
            return done
        return redirect("register:import_job", org_slug=self.org.slug, token=job["token"])

    def done(self, job):
        messages.success(self.request, _("Imported: %(summary)s.") % {"summary": job["summary"]})
        url = reverse("register:entries", kwargs={"org_slug": self.org.slug})
        if n := job.get("unclassified"):
            # the entries that still need a level, listed for the person who can classify them
            messages.warning(
                self.request,
                ngettext(
                    "%(n)s imported entry has no level yet; the unclassified entries are listed "
                    "below. Classify them.",
                    "%(n)s imported entries have no level yet; the unclassified entries are "
                    "listed below. Classify them.",
                    n,
                )
                % {"n": f"{n:,}"},
            )
            url += "?level=none"
        return redirect(url)


class ImportStatusView(JobStatusMixin, ImportJobView):
    """The progress part of the job's page, polled by HTMX; once the job has ended, the whole
    page is reloaded (or, after an import, the register is shown)."""

    template_name = "register/_import_progress.html"
