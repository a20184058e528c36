"""Excel and CSV pages: blank template, export of the (filtered) register, import with preview."""

import io
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from kimitsu.audit import services as audit

from . import ledger_io, selectors
from . import permissions as P
from .forms import ImportForm
from .views import RegisterMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 200


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


def _import_dir() -> Path:
    path = Path(settings.DATA_DIR) / "tmp" / "register-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


class ImportView(RegisterMixin, TemplateView):
    """Upload → every row validated → preview (create / update / unchanged) → confirm."""

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

    def _stored(self, token):
        pending = self.request.session.get("register_import") or {}
        if not token or pending.get("token") != token or pending.get("org") != self.org.pk:
            return None, None
        path = _import_dir() / f"{token}.bin"
        if not path.exists():
            return None, None
        return pending.get("name", ""), path

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            name, path = self._stored(request.POST.get("confirm"))
            if path is None:
                messages.error(request, _("The uploaded file has expired. Upload it again."))
                return redirect("register:import", org_slug=self.org.slug)
            data = path.read_bytes()
            result = ledger_io.apply_import(
                actor=request.user, organization=self.org, filename=name, data=data
            )
            path.unlink(missing_ok=True)
            request.session.pop("register_import", None)
            if not result.ok:
                return self.render_page(
                    result=result, filename=name, errors=[str(e) for e in result.errors]
                )
            messages.success(request, _("Imported: %(summary)s.") % {"summary": result.summary()})
            return redirect("register:entries", org_slug=self.org.slug)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form=form)
        upload = form.cleaned_data["file"]
        if upload.size > ledger_io.max_upload_bytes():
            form.add_error(
                "file",
                _("The file is larger than the limit of %(mb)d MB.")
                % {"mb": settings.KIMITSU_MAX_UPLOAD_MB},
            )
            return self.render_page(form=form)
        data = upload.read()
        result = ledger_io.plan_import(self.org, upload.name, data)
        ctx = {"result": result, "filename": upload.name, "errors": [str(e) for e in result.errors]}
        if result.ok:
            token = secrets.token_urlsafe(16)
            (_import_dir() / f"{token}.bin").write_bytes(data)
            for old in _import_dir().glob("*.bin"):  # clear abandoned uploads (a day old)
                if timezone.now().timestamp() - os.path.getmtime(old) > 86400:
                    old.unlink(missing_ok=True)
            request.session["register_import"] = {
                "token": token,
                "org": self.org.pk,
                "name": upload.name,
            }
            ctx.update(
                {
                    "token": token,
                    "creates": result.creates[:PREVIEW_ROWS],
                    "updates": result.updates[:PREVIEW_ROWS],
                    "column_label": ledger_io.column_label,
                }
            )
        return self.render_page(**ctx)
