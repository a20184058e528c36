import io

from django.http import FileResponse, Http404
from django.views.generic import TemplateView

from kimitsu.core.views import WorkspaceMixin
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind

from .. import permissions as P

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def download(data: bytes, filename: str, fmt: str):
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES.get(fmt, "application/octet-stream"),
    )


def check_fmt(fmt: str) -> str:
    if fmt not in CONTENT_TYPES:
        raise Http404
    return fmt


def serve_scan(obj):
    if not obj.scan:
        raise Http404
    return FileResponse(
        obj.scan.open("rb"),
        as_attachment=True,
        filename=obj.scan_name or obj.scan.name.rsplit("/", 1)[-1],
    )


class PledgesView(WorkspaceMixin, TemplateView):
    """Company workspaces only; the permission strings come from pledges.permissions."""

    org_kind = OrgKind.COMPANY
    permission = P.VIEW

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        m = self.membership
        ctx["can"] = {
            "templates": has_perm(m, P.TEMPLATES),
            "templates_manage": has_perm(m, P.TEMPLATES_MANAGE),
            "view": has_perm(m, P.VIEW),
            "manage": has_perm(m, P.MANAGE),
            "partners": has_perm(m, P.PARTNERS),
            "partners_manage": has_perm(m, P.PARTNERS_MANAGE),
            "disclose": has_perm(m, P.DISCLOSE),
            "override": has_perm(m, P.OVERRIDE),
        }
        return ctx

    def render(self, **ctx):
        return self.render_to_response(self.get_context_data(**ctx))
