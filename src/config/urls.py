from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

# Swagger UI comes from a CDN and sets inline styles of its own, so /api/docs/, and no other page,
# allows both until Swagger UI is vendored. Its start-up script is a file of its own (the split
# view's ?script), so even this page runs no inline script.
SWAGGER_UI_CDN = "https://cdn.jsdelivr.net"
api_docs = csp_update(
    {
        "script-src": [SWAGGER_UI_CDN],
        "style-src": [SWAGGER_UI_CDN, UNSAFE_INLINE],
        "img-src": [SWAGGER_UI_CDN],
    }
)(SpectacularSwaggerSplitView.as_view(url_name="api-schema"))

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
    path("api/docs/", api_docs, name="api-docs"),
]

if settings.DEBUG or settings.KIMITSU_ENV != "production":
    urlpatterns.append(path("django-admin/", admin.site.urls))

handler404 = "kimitsu.api.errors.page_not_found"
handler500 = "kimitsu.api.errors.server_error"
