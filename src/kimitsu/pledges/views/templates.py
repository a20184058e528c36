from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kimitsu.core.forms import apply_errors
from kimitsu.organizations.access import has_perm

from .. import permissions as P
from .. import selectors, services
from ..choices import TemplateKind, VersionStatus
from ..documents import render_template_sample
from ..forms import ClauseForm, TemplateMetaForm
from ..models import Clause
from ..rendering import PLACEHOLDERS
from .common import PledgesView, check_fmt, download


class TemplateListView(PledgesView):
    permission = P.TEMPLATES
    template_name = "pledges/template_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        versions = list(selectors.template_list(self.membership).order_by("kind", "-version"))
        rows = []
        for kind, label in TemplateKind.choices:
            mine = [v for v in versions if v.kind == kind]
            rows.append(
                {
                    "kind": kind,
                    "label": label,
                    "versions": mine,
                    "adopted": next((v for v in mine if v.status == VersionStatus.ADOPTED), None),
                    "draft": next((v for v in mine if v.status == VersionStatus.DRAFT), None),
                }
            )
        ctx["rows"] = rows
        ctx["missing"] = any(not r["versions"] for r in rows)
        return ctx

    def post(self, request, *args, **kwargs):
        if not has_perm(self.membership, P.TEMPLATES_MANAGE):
            raise PermissionDenied
        created = services.templates_install_defaults(actor=request.user, organization=self.org)
        messages.success(
            request,
            ngettext(
                "%(n)d template created from kimitsu's defaults; review and adopt it.",
                "%(n)d templates created from kimitsu's defaults; review and adopt them.",
                len(created),
            )
            % {"n": len(created)},
        )
        return redirect("pledges:templates", org_slug=self.org.slug)


class TemplateDetailView(PledgesView):
    permission = P.TEMPLATES
    template_name = "pledges/template_detail.html"

    def get_object(self):
        return selectors.template_get(self.membership, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        template = kwargs.get("template") or self.get_object()
        ctx["template"] = template
        ctx["clauses"] = list(template.clauses.all())
        ctx["versions"] = (
            selectors.template_list(self.membership).filter(kind=template.kind).order_by("-version")
        )
        ctx.setdefault(
            "meta_form",
            TemplateMetaForm(
                initial={
                    "title": template.title,
                    "marking": template.marking,
                    "note": template.note,
                }
            ),
        )
        ctx["placeholders"] = PLACEHOLDERS
        return ctx

    def post(self, request, *args, **kwargs):
        if not has_perm(self.membership, P.TEMPLATES_MANAGE):
            raise PermissionDenied
        template = self.get_object()
        action = request.POST.get("action")
        try:
            if action == "adopt":
                services.template_adopt(
                    actor=request.user, membership=self.membership, template=template
                )
                messages.success(
                    request,
                    _("Version %(n)d is now the adopted version.") % {"n": template.version},
                )
            elif action == "new_version":
                template = services.template_new_version(
                    actor=request.user, membership=self.membership, template=template
                )
                messages.success(
                    request, _("Version %(n)d was created as a draft.") % {"n": template.version}
                )
            elif action == "meta":
                form = TemplateMetaForm(request.POST)
                if not form.is_valid():
                    return self.render(template=template, meta_form=form)
                services.template_update(
                    actor=request.user,
                    membership=self.membership,
                    template=template,
                    data=form.cleaned_data,
                )
                messages.success(request, _("The template was saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("pledges:template_detail", org_slug=self.org.slug, pk=template.pk)


class TemplateSampleView(PledgesView):
    permission = P.TEMPLATES

    def get(self, request, *args, **kwargs):
        fmt = check_fmt(kwargs["fmt"])
        template = selectors.template_get(self.membership, kwargs["pk"])
        data, name = render_template_sample(template, fmt)
        return download(data, name, fmt)


class ClauseEditView(PledgesView):
    permission = P.TEMPLATES_MANAGE
    template_name = "pledges/clause_form.html"

    def objects(self):
        if "template_pk" in self.kwargs:
            return selectors.template_get(self.membership, self.kwargs["template_pk"]), None
        clause = get_object_or_404(
            Clause.objects.select_related("template"),
            pk=self.kwargs["pk"],
            template__organization=self.org,
        )
        return clause.template, clause

    def get(self, request, *args, **kwargs):
        template, clause = self.objects()
        return self.render(
            form=ClauseForm(instance=clause),
            template=template,
            clause=clause,
            placeholders=PLACEHOLDERS,
        )

    def post(self, request, *args, **kwargs):
        template, clause = self.objects()
        try:
            if clause is not None and "delete" in request.POST:
                services.clause_delete(
                    actor=request.user, membership=self.membership, clause=clause
                )
                messages.success(request, _("The clause was removed."))
                return redirect("pledges:template_detail", org_slug=self.org.slug, pk=template.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("pledges:template_detail", org_slug=self.org.slug, pk=template.pk)
        form = ClauseForm(
            request.POST,
            instance=Clause(template=template)
            if clause is None
            else Clause.objects.get(pk=clause.pk),
        )
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in ClauseForm.Meta.fields}
            try:
                if clause is None:
                    services.clause_create(
                        actor=request.user, membership=self.membership, template=template, data=data
                    )
                else:
                    services.clause_update(
                        actor=request.user, membership=self.membership, clause=clause, data=data
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The clause was saved."))
                return redirect("pledges:template_detail", org_slug=self.org.slug, pk=template.pk)
        return self.render(form=form, template=template, clause=clause, placeholders=PLACEHOLDERS)
