from django.urls import include, path

from kimitsu.organizations.api import views as org_views

urlpatterns = [
    path("workspaces/", org_views.WorkspaceList.as_view(), name="api-workspaces"),
    path("o/<slug:org_slug>/", include("kimitsu.organizations.api.urls")),
    path("o/<slug:org_slug>/", include("kimitsu.audit.api.urls")),
    path("o/<slug:org_slug>/register/", include("kimitsu.register.api.urls")),
    path("o/<slug:org_slug>/rules/", include("kimitsu.rules.api.urls")),
    path("o/<slug:org_slug>/pledges/", include("kimitsu.pledges.api.urls")),
    path("o/<slug:org_slug>/awareness/", include("kimitsu.awareness.api.urls")),
    path("o/<slug:org_slug>/desk/", include("kimitsu.desk.api.urls")),
    path("o/<slug:org_slug>/approvals/", include("kimitsu.approvals.api.urls")),
    path("o/<slug:org_slug>/prepub/", include("kimitsu.prepub.api.urls")),
]
