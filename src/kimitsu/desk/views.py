import csv
import datetime as dt
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from kimitsu.core import jobs
from kimitsu.core.dates import fiscal_year, fiscal_year_label, fiscal_year_range
from kimitsu.core.forms import apply_errors
from kimitsu.core.views import JobPageMixin, JobStatusMixin, WorkspaceMixin
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind

from . import exports, import_jobs, importer, report_jobs, selectors, services
from . import permissions as P
from . import stats as desk_stats
from .choices import Status
from .forms import (
    ClientForm,
    ConsultationForm,
    EngagementForm,
    HandOverForm,
    ImportForm,
    SeminarForm,
    SettingsForm,
    VisitForm,
)
from .models import SECRET_WARNING, DeskSettings
from .sizebands import band_label, bounds_for


class DeskMixin(WorkspaceMixin):
    org_kind = OrgKind.DESK
    permission = P.VIEW
    section = ""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["section"] = self.section
        ctx["can_record"] = has_perm(self.membership, P.RECORD)
        ctx["can_manage"] = has_perm(self.membership, P.MANAGE)
        ctx["can_admin"] = has_perm(self.membership, P.ADMIN)
        ctx["secret_warning"] = SECRET_WARNING
        return ctx

    def current_fy(self) -> int:
        return fiscal_year(timezone.localdate(), self.org.fiscal_year_start_month or 4)

    def chosen_fy(self) -> int:
        """The fiscal year of ?fy= (the current one when none is given); a ValidationError for
        a year outside the range of the statistics."""
        return desk_stats.parse_fiscal_year(
            self.request.GET.get("fy"), default=self.current_fy(), field="fy"
        )

    def render_form(self, form, **extra):
        return self.render_to_response(self.get_context_data(form=form, **extra))


class DashboardView(DeskMixin, TemplateView):
    template_name = "desk/dashboard.html"
    section = "dashboard"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        fy = self.current_fy()
        cons = selectors.consultation_list(self.membership)
        # Open ones received since the start of last fiscal year: the date bound keeps the scan
        # of the (organization, received_at) index short however many years the desk holds.
        since, _end = fiscal_year_range(fy - 1, self.org.fiscal_year_start_month or 4)
        open_cons = cons.filter(
            status__in=[Status.OPEN, Status.IN_PROGRESS],
            received_at__gte=dt.datetime.combine(
                since, dt.time(), tzinfo=timezone.get_current_timezone()
            ),
        )
        kansai = open_cons.filter(prefecture__in=sorted(selectors.KANSAI_PREFECTURES))
        ctx.update(
            {
                "fy": fy,
                "fy_label": fiscal_year_label(fy),
                "fy_era": fiscal_year_label(fy, era=True),
                "stats": desk_stats.desk_stats(self.membership, fy),
                "recent": cons[:8],
                "kansai": kansai[:8],
                "kansai_count": kansai.count(),
                "follow_ups": open_cons.filter(
                    follow_up_on__isnull=False,
                    follow_up_on__lte=timezone.localdate() + dt.timedelta(days=14),
                ).order_by("follow_up_on")[:8],
                "engagements": selectors.engagement_list(self.membership).filter(
                    ended_on__isnull=True
                )[:8],
                "linked": selectors.client_list(self.membership).filter(
                    linked_organization__isnull=False
                ),
            }
        )
        return ctx


# --- clients ------------------------------------------------------------------------------


class ClientListView(DeskMixin, TemplateView):
    template_name = "desk/client_list.html"
    section = "clients"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        q = self.request.GET.get("q", "")
        qs = selectors.client_search(selectors.client_list(self.membership), q).order_by(
            "name", "id"
        )
        page = Paginator(qs, 50).get_page(self.request.GET.get("page"))
        # consultations per client of this page only (one GROUP BY over 50 ids, not all clients)
        counts = selectors.consultation_counts(self.membership, page)
        bounds = bounds_for(self.org)
        ctx.update(
            {
                "page": page,
                "q": q,
                "rows": [
                    (c, band_label(c.employee_count, bounds), counts.get(c.pk, 0)) for c in page
                ],
            }
        )
        return ctx


class ClientDetailView(DeskMixin, TemplateView):
    template_name = "desk/client_detail.html"
    section = "clients"

    def get_context_data(self, **kwargs):
        from .sizebands import band_label

        ctx = super().get_context_data(**kwargs)
        client = selectors.client_get(self.membership, self.kwargs["pk"])
        ctx["client"] = client
        ctx["size_band"] = band_label(client.employee_count, bounds_for(self.org))
        ctx["consultations"] = selectors.consultation_list(self.membership).filter(client=client)[
            :50
        ]
        ctx["engagements"] = selectors.engagement_list(self.membership).filter(client=client)
        ctx["progress"] = selectors.linked_company_progress(self.membership, client)
        ctx["link_lapsed"] = client.linked_organization_id and ctx["progress"] is None
        return ctx


class ClientEditView(DeskMixin, TemplateView):
    template_name = "desk/form.html"
    permission = P.MANAGE
    section = "clients"

    def get_object(self):
        pk = self.kwargs.get("pk")
        return selectors.client_get(self.membership, pk) if pk else None

    def get(self, request, *args, **kwargs):
        client = self.get_object()
        return self.render_form(
            ClientForm(instance=client, org=self.org),
            title=_("Edit client") if client else _("New client"),
        )

    def post(self, request, *args, **kwargs):
        client = self.get_object()
        form = ClientForm(request.POST, instance=client, org=self.org)
        if form.is_valid():
            try:
                if client is None:
                    client = services.client_create(
                        actor=request.user, membership=self.membership, data=form.cleaned_data
                    )
                else:
                    client = services.client_update(
                        actor=request.user,
                        membership=self.membership,
                        client=client,
                        data=form.cleaned_data,
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The client was saved."))
                return redirect("desk:client_detail", org_slug=self.org.slug, pk=client.pk)
        return self.render_form(form, title=_("Client"))


# --- consultations ------------------------------------------------------------------------


class ConsultationListView(DeskMixin, TemplateView):
    template_name = "desk/consultation_list.html"
    section = "consultations"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        params = self.request.GET
        qs = selectors.consultation_filter(selectors.consultation_list(self.membership), params)
        ctx.update(
            {
                "page": Paginator(qs, 50).get_page(params.get("page")),
                "statuses": Status.choices,
                "years": selectors.fiscal_years(self.membership),
                "params": params,
            }
        )
        return ctx


def _moment(value):
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class ConsultationDetailView(DeskMixin, TemplateView):
    template_name = "desk/consultation_detail.html"
    section = "consultations"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        c = selectors.consultation_get(self.membership, self.kwargs["pk"])
        ctx["c"] = c
        from kimitsu.audit.events import label

        ctx["handover_history"] = [
            {
                "at": _moment(h.get("at")),  # written by the desk that handed it over, in ISO
                "desk": h.get("desk", ""),
                "label": label(h.get("event", "")),
                "actor": h.get("actor", ""),
            }
            for h in c.handover_history or []
        ]
        ctx["history"] = [
            {"at": e.created_at, "label": label(e.event_type), "actor": e.actor_label}
            for e in selectors.consultation_history(self.membership, c)
        ]
        ctx["fy_label"] = fiscal_year_label(c.fiscal_year)
        ctx["fy_era"] = fiscal_year_label(c.fiscal_year, era=True)
        return ctx


class ConsultationEditView(DeskMixin, TemplateView):
    template_name = "desk/consultation_form.html"
    permission = P.RECORD
    section = "consultations"

    def get_object(self):
        pk = self.kwargs.get("pk")
        return selectors.consultation_get(self.membership, pk) if pk else None

    def get(self, request, *args, **kwargs):
        c = self.get_object()
        initial = {}
        if c is None and request.GET.get("client", "").isdigit():
            initial["client"] = request.GET["client"]
        return self.render_form(
            ConsultationForm(instance=c, membership=self.membership, initial=initial),
            consultation=c,
        )

    def post(self, request, *args, **kwargs):
        c = self.get_object()
        form = ConsultationForm(request.POST, instance=c, membership=self.membership)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["advisors"] = list(data.get("advisors") or [])
            try:
                if c is None:
                    c = services.consultation_create(
                        actor=request.user, membership=self.membership, data=data
                    )
                else:
                    c = services.consultation_update(
                        actor=request.user, membership=self.membership, consultation=c, data=data
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The consultation was saved."))
                if c.is_kansai:
                    messages.warning(
                        request,
                        _(
                            "This company is in the Kansai desk's region (Fukui, Shiga, Kyoto, "
                            "Osaka, Hyogo, Nara, Wakayama): consider handing it over."
                        ),
                    )
                return redirect("desk:consultation_detail", org_slug=self.org.slug, pk=c.pk)
        return self.render_form(form, consultation=c)


class HandOverView(DeskMixin, TemplateView):
    template_name = "desk/handover.html"
    permission = P.MANAGE
    section = "consultations"

    def get(self, request, *args, **kwargs):
        c = selectors.consultation_get(self.membership, kwargs["pk"])
        return self.render_form(HandOverForm(membership=self.membership), c=c)

    def post(self, request, *args, **kwargs):
        c = selectors.consultation_get(self.membership, kwargs["pk"])
        form = HandOverForm(request.POST, membership=self.membership)
        if form.is_valid():
            try:
                services.consultation_hand_over(
                    actor=request.user,
                    membership=self.membership,
                    consultation=c,
                    target=form.cleaned_data.get("target"),
                    target_name=form.cleaned_data.get("target_name", ""),
                    note=form.cleaned_data.get("note", ""),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The consultation was handed over."))
                return redirect("desk:consultation_detail", org_slug=self.org.slug, pk=c.pk)
        return self.render_form(form, c=c)


# --- support engagements ------------------------------------------------------------------


class EngagementListView(DeskMixin, TemplateView):
    template_name = "desk/engagement_list.html"
    section = "engagements"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = selectors.engagement_list(self.membership)
        page = Paginator(qs, 50).get_page(self.request.GET.get("page"))
        ctx["page"] = page
        ctx["rows"] = [(e, services.support_period(e)) for e in page]
        return ctx


class EngagementDetailView(DeskMixin, TemplateView):
    template_name = "desk/engagement_detail.html"
    section = "engagements"

    def get_context_data(self, **kwargs):
        from kimitsu.core.steps import STEP_DEFINITIONS

        from .choices import Outcome

        ctx = super().get_context_data(**kwargs)
        e = selectors.engagement_get(self.membership, self.kwargs["pk"])
        ctx.update(
            {
                "e": e,
                "period": services.support_period(e),
                "visits": selectors.visit_list(self.membership, e),
                "steps": [
                    (n, title, n in e.planned_steps, n in e.completed_steps)
                    for n, title, _s in STEP_DEFINITIONS
                ],
                "outcomes": [label for value, label in Outcome.choices if value in e.outcomes],
                "visit_form": kwargs.get("visit_form")
                or VisitForm(initial={"visited_on": timezone.localdate()}),
            }
        )
        return ctx

    def post(self, request, *args, **kwargs):
        if not has_perm(self.membership, P.MANAGE):
            raise PermissionDenied
        e = selectors.engagement_get(self.membership, kwargs["pk"])
        form = VisitForm(request.POST)
        if form.is_valid():
            try:
                services.visit_create(
                    actor=request.user,
                    membership=self.membership,
                    engagement=e,
                    data=form.cleaned_data,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The visit was recorded."))
                return redirect("desk:engagement_detail", org_slug=self.org.slug, pk=e.pk)
        return self.render_to_response(self.get_context_data(visit_form=form))


class EngagementEditView(DeskMixin, TemplateView):
    template_name = "desk/form.html"
    permission = P.MANAGE
    section = "engagements"

    def get_object(self):
        pk = self.kwargs.get("pk")
        return selectors.engagement_get(self.membership, pk) if pk else None

    def get(self, request, *args, **kwargs):
        e = self.get_object()
        initial = {"started_on": timezone.localdate(), "planned_steps": list(range(1, 8))}
        if request.GET.get("client", "").isdigit():
            initial["client"] = request.GET["client"]
        form = EngagementForm(
            instance=e, membership=self.membership, initial=initial if e is None else None
        )
        return self.render_form(form, title=_("Support engagement"))

    def post(self, request, *args, **kwargs):
        e = self.get_object()
        form = EngagementForm(request.POST, instance=e, membership=self.membership)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["advisors"] = list(data.get("advisors") or [])
            try:
                if e is None:
                    e = services.engagement_create(
                        actor=request.user, membership=self.membership, data=data
                    )
                else:
                    e = services.engagement_update(
                        actor=request.user, membership=self.membership, engagement=e, data=data
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The support engagement was saved."))
                return redirect("desk:engagement_detail", org_slug=self.org.slug, pk=e.pk)
        return self.render_form(form, title=_("Support engagement"))


# --- seminars -----------------------------------------------------------------------------


class SeminarListView(DeskMixin, TemplateView):
    template_name = "desk/seminar_list.html"
    section = "seminars"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = selectors.seminar_list(self.membership)
        fy = self.request.GET.get("fy", "")
        try:
            year = desk_stats.parse_fiscal_year(fy, default=None, field="fy")
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
            year = fy = None
        if year is not None:
            qs = qs.filter(fiscal_year=year)
        ctx["page"] = Paginator(qs, 50).get_page(self.request.GET.get("page"))
        ctx["years"] = selectors.fiscal_years(self.membership)
        ctx["fy"] = fy
        return ctx


class SeminarEditView(DeskMixin, TemplateView):
    template_name = "desk/form.html"
    permission = P.MANAGE
    section = "seminars"

    def get_object(self):
        pk = self.kwargs.get("pk")
        return selectors.seminar_get(self.membership, pk) if pk else None

    def get(self, request, *args, **kwargs):
        s = self.get_object()
        return self.render_form(
            SeminarForm(instance=s, membership=self.membership), title=_("Seminar")
        )

    def post(self, request, *args, **kwargs):
        s = self.get_object()
        form = SeminarForm(request.POST, instance=s, membership=self.membership)
        if form.is_valid():
            try:
                if s is None:
                    services.seminar_create(
                        actor=request.user, membership=self.membership, data=form.cleaned_data
                    )
                else:
                    services.seminar_update(
                        actor=request.user,
                        membership=self.membership,
                        seminar=s,
                        data=form.cleaned_data,
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The seminar was saved."))
                return redirect("desk:seminars", org_slug=self.org.slug)
        return self.render_form(form, title=_("Seminar"))


# --- statistics, exports, report -----------------------------------------------------------


class FiscalYearView(DeskMixin, TemplateView):
    """A page or download of one fiscal year (?fy=): a year outside the range of the statistics
    leads back to the statistics of the current year, with the message."""

    def get(self, request, *args, **kwargs):
        try:
            fy = self.chosen_fy()
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("desk:stats", org_slug=self.org.slug)
        return self.get_year(request, fy)

    def get_year(self, request, fy: int):
        raise NotImplementedError


class StatsView(FiscalYearView):
    template_name = "desk/stats.html"
    section = "stats"

    def get_year(self, request, fy: int):
        return self.render_to_response(self.get_context_data(fy=fy))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        fy = kwargs["fy"]
        data = desk_stats.desk_stats(self.membership, fy)
        years = sorted(
            set(selectors.fiscal_years(self.membership)) | {self.current_fy()}, reverse=True
        )
        yoy = desk_stats.year_over_year(self.org)
        ctx.update(
            {
                "fy": fy,
                "years": years,
                "data": data,
                "yoy": yoy,
                "fy_label": fiscal_year_label(fy),
                "fy_era": fiscal_year_label(fy, era=True),
                "breakdowns": [
                    (key, label, data["consultations"][key]) for key, label in desk_stats.BREAKDOWNS
                ],
                "charts": {
                    "breakdowns": {
                        key: {
                            "labels": list(data["consultations"][key]),
                            "values": list(data["consultations"][key].values()),
                        }
                        for key, _label in desk_stats.BREAKDOWNS
                    },
                    "seminars": {
                        "labels": list(data["seminars"]["by_kind"]),
                        "values": list(data["seminars"]["by_kind"].values()),
                    },
                    "yoy": {
                        "labels": [r["label"] for r in yoy],
                        "values": [r["consultations"] for r in yoy],
                        "online": [r["online"] for r in yoy],
                    },
                },
            }
        )
        return ctx


class StatsExportView(FiscalYearView):
    def get_year(self, request, fy: int):
        data = desk_stats.desk_stats(self.membership, fy)
        yoy = desk_stats.year_over_year(self.org)
        if request.GET.get("format") == "csv":
            buf = io.StringIO()
            exports.write_csv(csv.writer(buf), data, yoy)
            response = HttpResponse(
                buf.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
            )
            name = f"desk-stats-{self.org.slug}-{fy}.csv"
        else:
            response = HttpResponse(
                exports.xlsx_bytes(data, yoy, self.org),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            name = f"desk-stats-{self.org.slug}-{fy}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ReportView(FiscalYearView):
    """The activity report of a fiscal year: drawn by the task queue while the page shows its
    progress, then downloaded (report_jobs)."""

    def get_year(self, request, fy: int):
        state = report_jobs.start(organization=self.org, user=request.user, fiscal_year=fy)
        if state["stage"] == report_jobs.READY and jobs.first_look(state):  # drawn already
            return redirect(_report_file_url(self.org, state))
        return redirect("desk:report_job", org_slug=self.org.slug, token=state["token"])


class ReportJobView(JobPageMixin, DeskMixin, TemplateView):
    """One report: its progress, then (once) the download; coming back, the download link."""

    template_name = "desk/report.html"
    section = "stats"
    done_stage = report_jobs.READY

    def get_job(self):
        return report_jobs.load(self.kwargs["token"], organization=self.org, user=self.request.user)

    def done(self, job):
        return redirect(_report_file_url(self.org, job))

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        if job is None:
            messages.error(request, _("This report is no longer available."))
            return redirect("desk:stats", org_slug=self.org.slug)
        return self.announce_done(job) or self.render_to_response(
            self.get_context_data(job=job, file_url=_report_file_url(self.org, job))
        )


class ReportStatusView(JobStatusMixin, ReportJobView):
    template_name = "desk/_report_progress.html"


class ReportFileView(ReportJobView):
    def get(self, request, *args, **kwargs):
        job = self.get_job()
        data = jobs.result(job) if job and job["stage"] == report_jobs.READY else None
        if data is None:
            raise Http404
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{job["filename"]}"'
        return response


def _report_file_url(org, job) -> str:
    return reverse("desk:report_file", kwargs={"org_slug": org.slug, "token": job["token"]})


# --- import and settings ------------------------------------------------------------------


class ImportView(JobPageMixin, DeskMixin, TemplateView):
    """Upload: the file is imported in the background (kimitsu.core.jobs), all or nothing; the
    browser follows the job's progress, then sees the result or every error."""

    template_name = "desk/import.html"
    permission = P.ADMIN
    section = "import"
    done_stage = import_jobs.IMPORTED

    def get(self, request, *args, **kwargs):
        return self.render_form(ImportForm(), columns=self.columns())

    def columns(self):
        return {
            "consultations": importer.CONSULTATION_COLUMNS,
            "seminars": importer.SEMINAR_COLUMNS,
        }

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form, columns=self.columns())
        upload = form.cleaned_data["file"]
        state = import_jobs.start(
            membership=self.membership,
            user=request.user,
            kind=form.cleaned_data["kind"],
            filename=upload.name,
            data=upload.read(),
        )
        return self.announce_done(state) or redirect(
            "desk:import_job", org_slug=self.org.slug, token=state["token"]
        )

    def done(self, state):
        messages.success(
            self.request,
            ngettext("%(n)s row was imported.", "%(n)s rows were imported.", state["count"])
            % {"n": f"{state['count']:,}"},
        )
        return redirect("desk:import", org_slug=self.org.slug)


class ImportJobView(ImportView):
    """One import: its progress while it runs, then its errors (or, once imported, the import
    page with the result)."""

    def get_job(self):
        return import_jobs.load(self.kwargs["token"], organization=self.org, user=self.request.user)

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        if job is None:
            messages.error(request, _("This import is no longer available."))
            return redirect("desk:import", org_slug=self.org.slug)
        return self.announce_done(job) or self.render_form(
            ImportForm(), columns=self.columns(), job=job
        )


class ImportStatusView(JobStatusMixin, ImportJobView):
    """The progress card, polled by the page; when the import has ended, the page moves on."""

    template_name = "desk/_import_progress.html"


class SettingsView(DeskMixin, TemplateView):
    template_name = "desk/form.html"
    permission = P.ADMIN
    section = "settings"

    def get(self, request, *args, **kwargs):
        row = DeskSettings.objects.filter(organization=self.org).first()
        initial = {"size_bounds": row.size_bounds if row else "20,50,100,300,1000"}
        return self.render_form(SettingsForm(initial=initial), title=_("Desk settings"))

    def post(self, request, *args, **kwargs):
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                services.settings_update(
                    actor=request.user,
                    membership=self.membership,
                    size_bounds=form.cleaned_data["size_bounds"],
                )
            except ValidationError as exc:
                form.add_error("size_bounds", exc)
            else:
                messages.success(request, _("The settings were saved."))
                return redirect("desk:settings", org_slug=self.org.slug)
        return self.render_form(form, title=_("Desk settings"))
