import difflib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from kimitsu.core.forms import apply_errors
from kimitsu.core.views import WorkspaceMixin
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind

from . import documents, selectors, services
from . import permissions as P
from .choices import REQUESTABLE_ACTIONS, RegulationStatus, RuleSetStatus, Verdict
from .clauses import numbered_lines
from .forms import (
    ApproveRegulationForm,
    ApproveRulesForm,
    ArticleForm,
    MarkForm,
    RegulationSettingsForm,
    RuleForm,
    TraceForm,
)

VERDICT_BADGES = {
    Verdict.FORBIDDEN: "danger",
    Verdict.APPROVAL: "warning text-dark",
    Verdict.CONDITIONAL: "info text-dark",
    Verdict.ALLOWED: "success",
}
VERDICT_ICONS = {
    Verdict.FORBIDDEN: "bi-x-octagon",
    Verdict.APPROVAL: "bi-person-check",
    Verdict.CONDITIONAL: "bi-exclamation-triangle",
    Verdict.ALLOWED: "bi-check-circle",
}
STATE_BADGES = {
    RegulationStatus.DRAFT: "secondary",
    RegulationStatus.APPROVED: "info text-dark",
    RegulationStatus.IN_FORCE: "success",
    RegulationStatus.SUPERSEDED: "light text-dark border",
}


class RulesMixin(WorkspaceMixin):
    org_kind = OrgKind.COMPANY
    permission = P.VIEW

    def can(self, perm: str) -> bool:
        return has_perm(self.membership, perm)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            can_manage=self.can(P.MANAGE),
            can_versions=self.can(P.VERSIONS),
            can_readers=self.can(P.READERS),
            can_mark=self.can(P.MARK),
            can_distributions=self.can(P.DISTRIBUTIONS),
            verdict_badges=VERDICT_BADGES,
            verdict_icons=VERDICT_ICONS,
        )
        return ctx


def _decorate(rule):
    if rule is not None:
        rule.badge = VERDICT_BADGES[rule.verdict]
        rule.icon = VERDICT_ICONS[rule.verdict]
    return rule


# --- handling rules ---------------------------------------------------------------------------


class GuideView(RulesMixin, TemplateView):
    """For every employee: what may I do with a document of this level?"""

    template_name = "rules/guide.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        levels = list(selectors.levels(self.org))
        approved = selectors.rule_set_approved(self.org)
        chosen = None
        wanted = self.request.GET.get("level")
        for level in levels:
            if wanted and str(level.pk) == wanted:
                chosen = level
        if chosen is None:
            chosen = next((lv for lv in levels if lv.name == "秘"), levels[0] if levels else None)
        rows = []
        if chosen is not None and approved is not None:
            rows = [
                (a, label, _decorate(r))
                for a, label, r in selectors.rules_for_level(approved, chosen)
            ]
        ctx.update(
            levels=levels,
            level=chosen,
            rows=rows,
            rule_set=approved,
            draft=selectors.rule_set_draft(self.org),
            request_url=self.request_url(),
            requestable=REQUESTABLE_ACTIONS,
        )
        return ctx

    def request_url(self) -> str | None:
        """Where a cell that asks for approval or confirmation is acted on (kimitsu.approvals),
        for those who may make requests."""
        if not self.can("approvals.request"):
            return None
        try:
            return reverse("approvals:request_new", kwargs={"org_slug": self.org.slug})
        except NoReverseMatch:
            return None


class MatrixView(RulesMixin, TemplateView):
    template_name = "rules/matrix.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        versions = list(selectors.rule_sets(self.org).select_related("approved_by"))
        wanted = self.request.GET.get("version")
        if wanted and self.can(P.VERSIONS):
            rule_set = selectors.rule_set_get(self.org, wanted)
        else:
            draft = selectors.rule_set_draft(self.org) if self.can(P.VERSIONS) else None
            rule_set = draft or selectors.rule_set_approved(self.org)
        levels = list(selectors.levels(self.org))
        rows = selectors.matrix(rule_set, levels)
        for row in rows:
            for rule in row.cells:
                _decorate(rule)
        in_use = {lv.pk for lv in selectors.levels_in_use(self.org)}
        ctx.update(
            rule_set=rule_set,
            versions=versions,
            levels=levels,
            rows=rows,
            in_use=in_use,
            editable=rule_set is not None
            and rule_set.status == RuleSetStatus.DRAFT
            and self.can(P.MANAGE),
            missing=selectors.missing_levels(rule_set, levels) if rule_set else [],
            approve_form=ApproveRulesForm(),
        )
        return ctx


class RuleSetStartView(RulesMixin, View):
    permission = P.MANAGE

    def post(self, request, *args, **kwargs):
        rule_set = services.rule_set_start(actor=request.user, membership=self.membership)
        services.rule_set_sync_levels(
            actor=request.user, membership=self.membership, rule_set=rule_set
        )
        messages.success(
            request, _("Draft version %(n)d is ready to edit.") % {"n": rule_set.number}
        )
        return redirect("rules:matrix", org_slug=self.org.slug)


class RuleSetApproveView(RulesMixin, View):
    permission = P.MANAGE

    def post(self, request, *args, **kwargs):
        rule_set = selectors.rule_set_get(self.org, kwargs["pk"])
        form = ApproveRulesForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            services.rule_set_approve(
                actor=request.user, membership=self.membership, rule_set=rule_set, note=note
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Version %(n)d of the handling rules was approved.") % {"n": rule_set.number},
            )
        return redirect("rules:matrix", org_slug=self.org.slug)


class RuleEditView(RulesMixin, TemplateView):
    permission = P.MANAGE
    template_name = "rules/rule_form.html"

    def get_rule(self):
        rule = selectors.rule_get(self.org, self.kwargs["pk"])
        if rule.rule_set.status != RuleSetStatus.DRAFT:
            raise Http404
        return rule

    def get(self, request, *args, **kwargs):
        rule = self.get_rule()
        form = RuleForm(initial={f: getattr(rule, f) for f in services.RULE_FIELDS})
        return self.render_to_response(self.get_context_data(form=form, rule=rule))

    def post(self, request, *args, **kwargs):
        rule = self.get_rule()
        form = RuleForm(request.POST)
        if form.is_valid():
            try:
                services.rule_update(
                    actor=request.user,
                    membership=self.membership,
                    rule=rule,
                    data=form.cleaned_data,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The rule was saved."))
                return redirect("rules:matrix", org_slug=self.org.slug)
        return self.render_to_response(self.get_context_data(form=form, rule=rule))


# --- regulation -------------------------------------------------------------------------------


def _articles(reg):
    return [
        (number, article, numbered_lines(number, article.body))
        for number, article in enumerate(reg.articles.all().order_by("position"), start=1)
    ]


class RegulationView(RulesMixin, TemplateView):
    """The regulation in force, for everyone; the versions for those who may see them."""

    template_name = "rules/regulation.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        in_force = selectors.regulation_in_force(self.org)
        versions = []
        if self.can(P.VERSIONS):
            for reg in selectors.regulations(self.org):
                reg.state = selectors.regulation_state(reg, in_force)
                reg.state_label = RegulationStatus(reg.state).label
                reg.badge = STATE_BADGES[reg.state]
                versions.append(reg)
        ctx.update(
            in_force=in_force,
            versions=versions,
            articles=_articles(in_force) if in_force else [],
            supplementary=documents.supplementary(in_force) if in_force else [],
            confirmation=selectors.has_confirmed(in_force, self.request.user),
            can_confirm=self.can(P.CONFIRM) and in_force is not None,
            draft=selectors.regulation_draft(self.org),
        )
        if in_force is not None and self.can(P.READERS):
            qs = selectors.readers(self.org, in_force)
            ctx["read_count"] = qs.filter(has_read=True).count()
            ctx["reader_count"] = qs.count()
        return ctx


class RegulationNewView(RulesMixin, TemplateView):
    permission = P.MANAGE
    template_name = "rules/regulation_settings.html"

    def form(self, data=None):
        last = selectors.regulations(self.org).first()
        if last is not None:
            initial = RegulationSettingsForm.initial_for(last)
        else:
            from .clauses import DEFAULT_OPTIONS

            initial = {
                "title": "情報管理規程",
                "officer_post": "代表取締役",
                "manager_post": "各部門の長",
                "approving_body": "取締役会",
            }
            initial.update({f"option_{k}": v for k, v in DEFAULT_OPTIONS.items()})
            level = services.default_marking_level(self.org)
            initial["marking_level"] = level.pk if level else None
        return RegulationSettingsForm(data, initial=initial, levels=selectors.levels(self.org))

    def get(self, request, *args, **kwargs):
        draft = selectors.regulation_draft(self.org)
        if draft is not None:
            return redirect("rules:regulation_detail", org_slug=self.org.slug, pk=draft.pk)
        return self.render_to_response(self.get_context_data(form=self.form(), regulation=None))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                reg = services.regulation_create(
                    actor=request.user, membership=self.membership, data=form.to_data()
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Draft version %(n)d of the regulation was created.") % {"n": reg.number},
                )
                return redirect("rules:regulation_detail", org_slug=self.org.slug, pk=reg.pk)
        return self.render_to_response(self.get_context_data(form=form, regulation=None))


class RegulationDetailView(RulesMixin, TemplateView):
    permission = P.VERSIONS
    template_name = "rules/regulation_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        reg = selectors.regulation_get(self.org, self.kwargs["pk"])
        in_force = selectors.regulation_in_force(self.org)
        reg.state = selectors.regulation_state(reg, in_force)
        reg.state_label = RegulationStatus(reg.state).label
        reg.badge = STATE_BADGES[reg.state]
        ctx.update(
            regulation=reg,
            articles=_articles(reg),
            editable=reg.is_draft and self.can(P.MANAGE),
            status_line=documents.status_line(reg, reg.state),
            others=selectors.regulations(self.org).exclude(pk=reg.pk),
            approve_form=ApproveRegulationForm(),
            rules_approved=selectors.rule_set_approved(self.org) is not None,
        )
        return ctx


class RegulationSettingsView(RulesMixin, TemplateView):
    permission = P.MANAGE
    template_name = "rules/regulation_settings.html"

    def get_reg(self):
        reg = selectors.regulation_get(self.org, self.kwargs["pk"])
        if not reg.is_draft:
            raise Http404
        return reg

    def get(self, request, *args, **kwargs):
        reg = self.get_reg()
        form = RegulationSettingsForm(
            initial=RegulationSettingsForm.initial_for(reg), levels=selectors.levels(self.org)
        )
        return self.render_to_response(self.get_context_data(form=form, regulation=reg))

    def post(self, request, *args, **kwargs):
        reg = self.get_reg()
        form = RegulationSettingsForm(request.POST, levels=selectors.levels(self.org))
        if form.is_valid():
            try:
                services.regulation_update(
                    actor=request.user,
                    membership=self.membership,
                    regulation=reg,
                    data=form.to_data(),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The settings were saved and the articles updated."))
                return redirect("rules:regulation_detail", org_slug=self.org.slug, pk=reg.pk)
        return self.render_to_response(self.get_context_data(form=form, regulation=reg))


class ArticleEditView(RulesMixin, TemplateView):
    permission = P.MANAGE
    template_name = "rules/article_form.html"

    def get_article(self):
        reg = selectors.regulation_get(self.org, self.kwargs["pk"])
        if not reg.is_draft:
            raise Http404
        article = reg.articles.filter(pk=self.kwargs["article_pk"]).first()
        if article is None:
            raise Http404
        return reg, article

    def get(self, request, *args, **kwargs):
        reg, article = self.get_article()
        return self.render_to_response(
            self.get_context_data(
                form=ArticleForm(instance=article), regulation=reg, article=article
            )
        )

    def post(self, request, *args, **kwargs):
        reg, article = self.get_article()
        if "reset" in request.POST:
            services.article_reset(actor=request.user, membership=self.membership, article=article)
            messages.success(request, _("The article is back to kimitsu's wording."))
            return redirect("rules:regulation_detail", org_slug=self.org.slug, pk=reg.pk)
        form = ArticleForm(request.POST, instance=reg.articles.get(pk=article.pk))
        if form.is_valid():
            try:
                services.article_update(
                    actor=request.user,
                    membership=self.membership,
                    article=article,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The article was saved."))
                return redirect(f"{_detail_url(self.org, reg)}#article-{article.pk}")
        return self.render_to_response(
            self.get_context_data(form=form, regulation=reg, article=article)
        )


def _detail_url(org, reg):
    from django.urls import reverse

    return reverse("rules:regulation_detail", kwargs={"org_slug": org.slug, "pk": reg.pk})


class RegulationApproveView(RulesMixin, View):
    permission = P.MANAGE

    def post(self, request, *args, **kwargs):
        reg = selectors.regulation_get(self.org, kwargs["pk"])
        form = ApproveRegulationForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the date it comes into force."))
            return redirect("rules:regulation_detail", org_slug=self.org.slug, pk=reg.pk)
        try:
            services.regulation_approve(
                actor=request.user,
                membership=self.membership,
                regulation=reg,
                effective_on=form.cleaned_data["effective_on"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Version %(n)d of the regulation was approved.") % {"n": reg.number}
            )
        return redirect("rules:regulation_detail", org_slug=self.org.slug, pk=reg.pk)


class RegulationDownloadView(RulesMixin, View):
    """A version as Word or PDF. Everyone may download the version in force; other versions need
    the right to see versions."""

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in documents.CONTENT_TYPES:
            raise Http404
        reg = selectors.regulation_downloadable(self.membership, kwargs["pk"])
        return documents.attachment(reg, fmt)


class RegulationConfirmView(RulesMixin, View):
    permission = P.CONFIRM

    def post(self, request, *args, **kwargs):
        reg = selectors.regulation_get(self.org, kwargs["pk"])
        try:
            services.regulation_confirm_read(
                actor=request.user, membership=self.membership, regulation=reg
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you: your confirmation was recorded."))
        return redirect("rules:regulation", org_slug=self.org.slug)


class ReadersView(RulesMixin, TemplateView):
    permission = P.READERS
    template_name = "rules/readers.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        in_force = selectors.regulation_in_force(self.org)
        page = None
        if in_force is not None:
            # the people register, with an account or without (a site worker confirms through
            # a personal link)
            qs = selectors.person_readers(self.org, in_force)
            show = self.request.GET.get("show", "unread")
            if show == "unread":
                qs = qs.filter(has_read=False)
            page = Paginator(qs, self.paginate_by).get_page(self.request.GET.get("page"))
            everyone = selectors.person_readers(self.org, in_force)
            ctx["read_count"] = everyone.filter(has_read=True).count()
            ctx["reader_count"] = everyone.count()
            ctx["show"] = show
        ctx.update(in_force=in_force, page=page)
        return ctx


class RegulationDiffView(RulesMixin, TemplateView):
    permission = P.VERSIONS
    template_name = "rules/regulation_diff.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        versions = list(selectors.regulations(self.org))
        ctx["versions"] = versions
        a_pk, b_pk = self.request.GET.get("a"), self.request.GET.get("b")
        if not (a_pk and b_pk) and len(versions) >= 2:
            a_pk, b_pk = versions[1].pk, versions[0].pk
        if a_pk and b_pk:
            old = selectors.regulation_get(self.org, a_pk)
            new = selectors.regulation_get(self.org, b_pk)
            ctx.update(old=old, new=new, changes=regulation_diff(old, new))
        return ctx


def regulation_diff(old, new) -> list[dict]:
    """Per article (matched by clause): added, removed or changed, with a line diff."""
    old_articles = {a.key: a for a in old.articles.all()}
    new_articles = {a.key: a for a in new.articles.all()}
    keys = [a.key for a in new.articles.all().order_by("position")]
    keys += [
        k
        for k in sorted(old_articles, key=lambda k: old_articles[k].position)
        if k not in new_articles
    ]
    changes = []
    for key in keys:
        a, b = old_articles.get(key), new_articles.get(key)
        if a and b and a.title == b.title and a.body == b.body:
            continue
        kind = "changed" if a and b else ("added" if b else "removed")
        lines = list(
            difflib.ndiff((a.body if a else "").splitlines(), (b.body if b else "").splitlines())
        )
        changes.append(
            {
                "kind": kind,
                "title": (b or a).title,
                "old_title": a.title if a else "",
                "position": (b or a).position,
                "lines": [(line[:1], line[2:]) for line in lines if not line.startswith("?")],
            }
        )
    return changes


# --- marking ----------------------------------------------------------------------------------


def _entries(membership):
    from kimitsu.register import selectors as register
    from kimitsu.register.permissions import ENTRIES

    if not has_perm(membership, ENTRIES):
        return None
    return register.entry_list(membership)


class MarkView(RulesMixin, TemplateView):
    permission = P.MARK
    template_name = "rules/mark.html"

    def form(self, data=None, files=None):
        return MarkForm(
            data,
            files,
            levels=selectors.levels(self.org).filter(is_secret=True),
            entries=_entries(self.membership),
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > services.max_upload_bytes():
                form.add_error(
                    "file",
                    _("The file is %(size).1f MB; the largest accepted is %(limit)d MB.")
                    % {
                        "size": upload.size / 1024 / 1024,
                        "limit": services.max_upload_bytes() // (1024 * 1024),
                    },
                )
            else:
                try:
                    record, stamped = services.distribution_stamp(
                        actor=request.user,
                        membership=self.membership,
                        data=upload.read(),
                        filename=upload.name,
                        level=form.cleaned_data["level"],
                        recipient=form.cleaned_data["recipient"],
                        watermark=form.cleaned_data["watermark"],
                        entry=form.cleaned_data["entry"],
                        keep_file=form.cleaned_data["keep_file"],
                    )
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    stem = upload.name.rsplit(".", 1)[0]
                    response = HttpResponse(stamped, content_type="application/pdf")
                    response["Content-Disposition"] = content_disposition_header(
                        True, f"{stem}_{record.level_name}_{record.trace_code}.pdf"
                    )
                    response["X-Trace-Code"] = record.trace_code
                    return response
        return self.render_to_response(self.get_context_data(form=form))


class DistributionListView(RulesMixin, TemplateView):
    permission = P.DISTRIBUTIONS
    template_name = "rules/distributions.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = selectors.distributions(self.org)
        page = Paginator(qs, self.paginate_by).get_page(self.request.GET.get("page"))
        ctx.update(page=page, trace_form=TraceForm())
        return ctx


class TraceView(RulesMixin, TemplateView):
    """Enter a trace code printed on a copy; find whom it was given to."""

    permission = P.DISTRIBUTIONS
    template_name = "rules/trace.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = TraceForm(self.request.GET or None)
        record = None
        searched = False
        if form.is_valid():
            searched = True
            record = selectors.distribution_by_code(self.org, form.cleaned_data["code"])
        ctx.update(form=form, record=record, searched=searched)
        return ctx


class DistributionFileView(RulesMixin, View):
    permission = P.DISTRIBUTIONS

    def get(self, request, *args, **kwargs):
        record = selectors.distribution_get(self.org, kwargs["pk"])
        if not record.stamped_file:
            raise Http404
        with record.stamped_file.open("rb") as fh:
            data = fh.read()
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            True, f"{record.trace_code}.pdf"
        )
        return response
