from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

# Swagger UI is served from drf-spectacular-sidecar's static files, so /api/docs/ loads nothing
# from another host; its start-up script is a file of its own (the split view's ?script). What
# the app-wide policy refuses there is one thing only: the <style> element of drf-spectacular's
# swagger_ui.html (box-sizing and the page background); Swagger UI's own script sets styles
# through the DOM, which style-src allows (checked in a headless Chromium). That element is
# allowed by its hash, on this view only, rather than by 'unsafe-inline'; a drf-spectacular
# upgrade that changes it fails core/tests/test_api_docs_and_favicon.py.
SWAGGER_UI_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"
api_docs = csp_update({"style-src": [SWAGGER_UI_STYLE_HASH]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema")
)


class FaviconView(RedirectView):
    """/favicon.ico, which browsers ask for on pages that name no icon (the API's JSON, the
    Django admin): the SVG icon that base.html links. Looked up per request, not at import,
    because the hashed name of production's static files exists only after collectstatic."""

    permanent = False  # the hashed file name changes with the icon

    def get_redirect_url(self, *args, **kwargs):
        return static("kimitsu/favicon.svg")


urlpatterns = [
    path("", include("kimitsu.core.urls")),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("accounts/", include("kimitsu.accounts.urls")),
    path("l/", include("kimitsu.reach.link_urls")),
    path("o/<slug:org_slug>/", include("kimitsu.organizations.urls")),
    path("o/<slug:org_slug>/audit/", include("kimitsu.audit.urls")),
    path("o/<slug:org_slug>/register/", include("kimitsu.register.urls")),
    path("o/<slug:org_slug>/rules/", include("kimitsu.rules.urls")),
    path("o/<slug:org_slug>/pledges/", include("kimitsu.pledges.urls")),
    path("o/<slug:org_slug>/awareness/", include("kimitsu.awareness.urls")),
    path("o/<slug:org_slug>/desk/", include("kimitsu.desk.urls")),
    path("o/<slug:org_slug>/evidence/", include("kimitsu.evidence.urls")),
    path("o/<slug:org_slug>/prepub/", include("kimitsu.prepub.urls")),
    path("o/<slug:org_slug>/reach/", include("kimitsu.reach.urls")),
    path("o/<slug:org_slug>/approvals/", include("kimitsu.approvals.urls")),
    path("api/v1/", include("kimitsu.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs, name="api-docs"),
]

if settings.DEBUG or settings.KIMITSU_ENV != "production":
    urlpatterns.append(path("django-admin/", admin.site.urls))

handler404 = "kimitsu.api.errors.page_not_found"
handler500 = "kimitsu.api.errors.server_error"
