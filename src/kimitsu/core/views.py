from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.views import View

from kimitsu.organizations.access import Perm, memberships_of, require, resolve_membership


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
        memberships = list(memberships_of(request.user))
        if len(memberships) == 1:
            return redirect("organizations:home", org_slug=memberships[0].organization.slug)
        return render(request, "core/choose_workspace.html", {"memberships": memberships})


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
