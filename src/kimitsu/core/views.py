from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from kimitsu.core import jobs
from kimitsu.organizations.access import Perm, my_memberships, require, resolve_membership


class WorkspaceMixin(LoginRequiredMixin):
    """Resolves the acting membership from the URL (404 outside it) and checks the permission the
    view needs (403 without it). Every workspace view is built on this."""

    permission: str = Perm.ORG_VIEW
    org_kind: str | None = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.membership = resolve_membership(request.user, kwargs["org_slug"], self.org_kind)
        self.org = self.membership.organization
        request.membership = self.membership
        request.organization = self.org
        require(self.membership, self.permission)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs) if hasattr(super(), "get_context_data") else {}
        context.update(kwargs)
        context["org"] = self.org
        context["membership"] = self.membership
        return context


class HomeView(LoginRequiredMixin, View):
    """The start page after log-in: the only workspace, or a choice between several."""

    def get(self, request):
        memberships = my_memberships(request.user)
        if len(memberships) == 1:
            return redirect("organizations:home", org_slug=memberships[0].organization.slug)
        return render(request, "core/choose_workspace.html", {"memberships": memberships})


def healthz(request):
    """For load balancers and monitoring: 200 when the database, its migrations, the queue and
    the worker are well, else 503; no log-in, and no data of any workspace in the answer."""
    from django.http import JsonResponse

    from . import health

    # ?web=1 for load balancers: this machine can serve, whatever the worker's state
    report = health.check(worker=request.GET.get("web") != "1")
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


class SystemView(LoginRequiredMixin, View):
    """For the operators (staff users): the health report and the periodic tasks' last runs."""

    def get(self, request):
        from django.core.exceptions import PermissionDenied

        from . import health, schedule

        if not request.user.is_staff:
            raise PermissionDenied
        return render(
            request,
            "core/system.html",
            {"health": health.check(), "runs": schedule.last_runs()},
        )


class JobPageMixin:
    """A background job's page (kimitsu.core.jobs). The view provides get_job(), done(job) (the
    response once the job has reached ``done_stage``) and its own rendering."""

    done_stage = ""

    def announce_done(self, job):
        """done(job) if the job has finished and nobody has been told yet, else None. A job may
        end before the browser has loaded its page: the page then moves on just as it would
        after polling, and only once (going back shows the outcome in place)."""
        if job["stage"] == self.done_stage and not job["running"] and jobs.first_look(job):
            return self.done(job)
        return None


class JobStatusMixin(JobPageMixin):
    """The answer to a job's page polling it, put before that page's view: the progress card while
    it runs; then HX-Redirect to done(job)'s page, or a reload of the job's page (errors, preview,
    interruption, an outcome already announced)."""

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        if job is not None and job["running"]:
            return self.render_to_response(self.get_context_data(job=job))
        response = HttpResponse(status=204)
        done = self.announce_done(job) if job is not None else None
        if done is not None:
            response["HX-Redirect"] = done.url
        else:
            response["HX-Refresh"] = "true"
        return response
