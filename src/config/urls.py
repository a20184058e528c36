from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("", include("kimitsu.core.urls")),
    path("accounts/", include("kimitsu.accounts.urls")),
    path("o/<slug:org_slug>/", include("kimitsu.organizations.urls")),
    path("o/<slug:org_slug>/audit/", include("kimitsu.audit.urls")),
    path("o/<slug:org_slug>/register/", include("kimitsu.register.urls")),
    path("o/<slug:org_slug>/rules/", include("kimitsu.rules.urls")),
    path("o/<slug:org_slug>/pledges/", include("kimitsu.pledges.urls")),
    path("o/<slug:org_slug>/awareness/", include("kimitsu.awareness.urls")),
    path("o/<slug:org_slug>/desk/", include("kimitsu.desk.urls")),
    path("api/v1/", include("kimitsu.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

if settings.DEBUG or settings.KIMITSU_ENV != "production":
    urlpatterns.append(path("django-admin/", admin.site.urls))
