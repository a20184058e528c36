from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from kimitsu.core.forms import apply_errors
from kimitsu.core.views import WorkspaceMixin
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind
from kimitsu.organizations.selectors import department_tree, person_get

from . import permissions as P
from . import selectors, services
from .choices import (
    CLOSED_STATUSES,
    ITEM_TYPE_SUGGESTIONS,
    Category,
    Medium,
    Requirement,
    ReviewResult,
    Status,
)
from .forms import (
    ClassifyForm,
    DecideForm,
    DepartmentGrantForm,
    EntryForm,
    LevelForm,
    PersonGrantForm,
    RetireForm,
    ReviewForm,
    SettingsForm,
)
from .models import DepartmentGrant, Entry, PersonGrant

PAGE_SIZE = 50


class RegisterMixin(WorkspaceMixin):
    """Every register page: a company workspace; the default levels exist."""

    org_kind = OrgKind.COMPANY
    permission = P.ENTRIES
    tab = ""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        m = self.membership
        ctx.update(
            {
                "tab": self.tab,
                "can_entries": has_perm(m, P.ENTRIES),
                "can_propose": has_perm(m, P.PROPOSE),
                "can_manage_any": selectors.can_manage_entry(m),
                "can_levels": has_perm(m, P.LEVELS),
                "can_import": has_perm(m, P.IMPORT),
                "can_export": has_perm(m, P.EXPORT),
            }
        )
        return ctx

    def ensure_levels(self):
        if not selectors.levels_for(self.org).exists():
            services.levels_ensure_defaults(organization=self.org)


# --- overview -----------------------------------------------------------------------------


class OverviewView(RegisterMixin, TemplateView):
    permission = P.VIEW
    template_name = "register/overview.html"
    tab = "overview"

    def get_context_data(self, **kwargs):
        self.ensure_levels()
        ctx = super().get_context_data(**kwargs)
        counts = selectors.register_counts(self.org)
        ctx["sees_everything"] = selectors.sees_everything(self.membership)
        levels = list(selectors.levels_for(self.org))
        matrix = selectors.counts_by_level_and_category(self.org)
        rows = []
        for level in [*levels, None]:
            cells = [matrix.get((level.pk if level else None, c), 0) for c in Category.values]
            if level is None and not any(cells):
                continue
            rows.append({"level": level, "cells": cells, "total": sum(cells)})
        by_dept = selectors.counts_by_department(self.org)
        chart_level = {  # every approved entry, the unclassified ones included
            "labels": [lv.name for lv in levels] + [str(_("Not classified"))],
            "data": [counts["by_level"].get(lv.name, 0) for lv in levels]
            + [counts["unclassified"]],
            "colors": [lv.color for lv in levels] + ["#dee2e6"],
        }
        chart_dept = {
            "labels": [name or _("(no department)") for name, _n in by_dept],
            "data": [n for _name, n in by_dept],
        }
        ctx.update(
            {
                "counts": counts,
                "categories": Category.choices,
                "matrix_rows": rows,
                "category_totals": [
                    sum(r["cells"][i] for r in rows) for i in range(len(Category.values))
                ],
                "by_dept": by_dept,
                "chart_level": chart_level,
                "chart_dept": chart_dept,
            }
        )
        return ctx


# --- list ---------------------------------------------------------------------------------


class EntryListView(RegisterMixin, TemplateView):
    template_name = "register/entry_list.html"
    tab = "entries"

    def get_context_data(self, **kwargs):
        self.ensure_levels()
        ctx = super().get_context_data(**kwargs)
        params = self.request.GET
        qs = selectors.entry_filter(selectors.entry_list(self.membership), params, self.org)
        page = selectors.entry_page(qs, params.get("page"), PAGE_SIZE)
        # get_FOO_display() re-hashes the choices on every call; label 50 rows from one dict
        categories = {k: str(v) for k, v in Category.choices}
        statuses = {k: str(v) for k, v in Status.choices}
        for e in page.object_list:
            e.category_label = categories.get(e.category, e.category)
            e.status_label = statuses.get(e.status, e.status)
        ctx.update(
            {
                "page": page,
                "params": params,
                "levels": list(selectors.levels_for(self.org)),
                "categories": Category.choices,
                "statuses": Status.choices,
                "media_choices": Medium.choices,
                "departments": department_tree(self.org),
                "sort": params.get("sort") or "number",
                "today": timezone.localdate(),
                "export_query": params.urlencode(),
            }
        )
        return ctx


# --- one entry ----------------------------------------------------------------------------


class EntryMixin(RegisterMixin):
    def get_entry(self) -> Entry:
        if not hasattr(self, "_entry"):
            self._entry = selectors.entry_get(self.membership, self.kwargs["pk"])
        return self._entry

    def entry_url(self, entry):
        return reverse("register:entry_detail", kwargs={"org_slug": self.org.slug, "pk": entry.pk})

    def render_to_response(self, context, **kwargs):
        """Every page that shows an entry (its detail, and the edit, decide, classify, grants,
        review and retire forms) counts as opening it: a 極秘 entry's opening is audited."""
        if hasattr(self, "_entry"):
            services.entry_viewed(
                actor=self.request.user, membership=self.membership, entry=self._entry
            )
        return super().render_to_response(context, **kwargs)


class EntryDetailView(EntryMixin, TemplateView):
    template_name = "register/entry_detail.html"
    tab = "entries"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        entry = self.get_entry()
        levels = list(selectors.levels_for(self.org))
        can_manage = selectors.can_manage_entry(self.membership, entry)
        ctx.update(
            {
                "entry": entry,
                "suggested": selectors.suggest_level(
                    levels, entry.value_score, entry.damage_score, entry.non_public
                ),
                "problems": selectors.qualification_problems(entry),
                "partly": selectors.qualification_problems(entry, Requirement.PARTLY),
                "dept_grants": entry.department_grants.select_related("department"),
                "person_grants": entry.person_grants.select_related("person", "person__department"),
                "classifications": entry.classifications.select_related(
                    "from_level", "to_level", "classified_by"
                )[:20],
                "reviews": entry.reviews.select_related("reviewer", "level_before", "level_after")[
                    :20
                ],
                "can_manage": can_manage,
                "can_edit": selectors.can_edit_entry(self.membership, entry),
                "is_pending": entry.status in (Status.PROPOSED, Status.RETURNED),
            }
        )
        return ctx


class FormPage(EntryMixin, TemplateView):
    """A page with one form about one entry (GET shows it, POST acts)."""

    template_name = "register/entry_action.html"
    tab = "entries"
    title = ""
    permission = P.MANAGE
    # the statuses in which the action applies; in any other, the page sends back to the entry
    statuses = tuple(s for s in Status if s not in CLOSED_STATUSES)
    closed_message = gettext_lazy("This cannot be done to a retired or rejected entry.")

    def check(self, entry):
        if not selectors.can_manage_entry(self.membership, entry):
            raise PermissionDenied

    def not_applicable(self, entry):
        """None if the action applies to the entry as it stands, else the way back to it."""
        if entry.status in self.statuses:
            return None
        messages.error(self.request, self.closed_message)
        return redirect(self.entry_url(entry))

    def make_form(self, data=None):
        raise NotImplementedError

    def act(self, form, entry):
        raise NotImplementedError

    def render_form(self, form):
        return self.render_to_response(
            self.get_context_data(form=form, entry=self.get_entry(), title=self.title)
        )

    def get(self, request, *args, **kwargs):
        entry = self.get_entry()
        self.check(entry)
        return self.not_applicable(entry) or self.render_form(self.make_form())

    def post(self, request, *args, **kwargs):
        entry = self.get_entry()
        self.check(entry)
        if (back := self.not_applicable(entry)) is not None:
            return back
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                message = self.act(form, entry)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, message)
                return redirect(self.entry_url(entry))
        return self.render_form(form)


class EntryCreateView(RegisterMixin, TemplateView):
    permission = P.PROPOSE
    template_name = "register/entry_form.html"
    tab = "entries"

    def form(self, data=None):
        initial = {}
        person = self.membership.person
        if person is not None and data is None:
            initial = {"owning_department": person.department_id, "custodian": person.pk}
        return EntryForm(
            data,
            org=self.org,
            initial=initial,
            can_number=selectors.can_manage_entry(self.membership),
        )

    def render_form(self, form, entry=None):
        return self.render_to_response(
            self.get_context_data(form=form, entry=entry, suggestions=ITEM_TYPE_SUGGESTIONS)
        )

    def get(self, request, *args, **kwargs):
        self.ensure_levels()
        return self.render_form(self.form())

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                entry = services.entry_propose(
                    actor=request.user, membership=self.membership, data=form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(number)s was proposed. A manager will review it.")
                    % {"number": entry.ledger_number},
                )
                return redirect("register:entry_detail", org_slug=self.org.slug, pk=entry.pk)
        return self.render_form(form)


class EntryEditView(EntryMixin, EntryCreateView):
    permission = P.ENTRIES

    def form(self, data=None):
        entry = self.get_entry()
        return EntryForm(
            data,
            org=self.org,
            instance=Entry.objects.get(pk=entry.pk),
            can_number=selectors.can_manage_entry(self.membership, entry),
        )

    def get(self, request, *args, **kwargs):
        entry = self.get_entry()
        if not selectors.can_edit_entry(self.membership, entry):
            raise PermissionDenied
        return self.render_form(self.form(), entry)

    def post(self, request, *args, **kwargs):
        entry = self.get_entry()
        if not selectors.can_edit_entry(self.membership, entry):
            raise PermissionDenied
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.entry_update(
                    actor=request.user,
                    membership=self.membership,
                    entry=entry,
                    data=form.cleaned_data,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The entry was saved."))
                return redirect(self.entry_url(entry))
        return self.render_form(form, entry)


class EntryDecideView(FormPage):
    template_name = "register/entry_decide.html"
    statuses = (Status.PROPOSED, Status.RETURNED)
    closed_message = gettext_lazy("This entry has already been decided.")

    def make_form(self, data=None):
        entry = self.get_entry()
        levels = list(selectors.levels_for(self.org))
        suggested = selectors.suggest_level(
            levels, entry.value_score, entry.damage_score, entry.non_public
        )
        return DecideForm(
            data,
            org=self.org,
            initial={"action": "approve", "level": suggested.pk if suggested else None},
        )

    def act(self, form, entry):
        data = form.cleaned_data
        kw = {"actor": self.request.user, "membership": self.membership, "entry": entry}
        if data["action"] == "approve":
            if data.get("level") is not None and not data.get("reason"):
                raise ValidationError({"reason": _("Write the reason for the level.")})
            services.entry_approve(
                **kw,
                comment=data.get("comment", ""),
                level=data.get("level"),
                reason=data.get("reason", ""),
            )
            return _("%(number)s was approved.") % {"number": entry.ledger_number}
        if data["action"] == "return":
            services.entry_return(**kw, comment=data.get("comment", ""))
            return _("%(number)s was sent back to the proposer.") % {"number": entry.ledger_number}
        services.entry_reject(**kw, comment=data.get("comment", ""))
        return _("%(number)s was rejected.") % {"number": entry.ledger_number}


class EntryClassifyView(FormPage):
    template_name = "register/entry_classify.html"

    def make_form(self, data=None):
        entry = self.get_entry()
        initial = {f: getattr(entry, f) for f in services.ASSESSMENT_FIELDS}
        initial.update({"level": entry.level_id, "reason": entry.classification_reason})
        return ClassifyForm(data, org=self.org, initial=initial)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        levels = list(selectors.levels_for(self.org))
        ctx["levels_data"] = [
            {
                "id": lv.pk,
                "name": lv.name,
                "rank": lv.rank,
                "score": lv.suggest_from_score,
                "secret": lv.is_secret,
            }
            for lv in levels
        ]
        return ctx

    def act(self, form, entry):
        data = form.cleaned_data
        services.entry_classify(
            actor=self.request.user,
            membership=self.membership,
            entry=entry,
            level=data["level"],
            reason=data["reason"],
            lowering_reason=data.get("lowering_reason", ""),
            assessment={f: data.get(f) for f in services.ASSESSMENT_FIELDS},
        )
        return _("The level of %(number)s was recorded.") % {"number": entry.ledger_number}


class EntryRetireView(FormPage):
    @property
    def title(self):
        return _("Retire the entry")

    def make_form(self, data=None):
        return RetireForm(data)

    def act(self, form, entry):
        services.entry_retire(
            actor=self.request.user,
            membership=self.membership,
            entry=entry,
            reason=form.cleaned_data["reason"],
        )
        return _("%(number)s was retired. It stays in the register's history.") % {
            "number": entry.ledger_number
        }


class EntryReviewView(FormPage):
    template_name = "register/entry_review.html"
    statuses = (Status.APPROVED,)
    closed_message = gettext_lazy("Only an approved entry can be reviewed.")

    def make_form(self, data=None):
        return ReviewForm(
            data,
            org=self.org,
            initial={
                "reviewed_on": timezone.localdate(),
                "result": ReviewResult.KEEP,
                "level": self.get_entry().level_id,
            },
        )

    def act(self, form, entry):
        data = form.cleaned_data
        review = services.entry_review(
            actor=self.request.user,
            membership=self.membership,
            entry=entry,
            result=data["result"],
            note=data.get("note", ""),
            level=data.get("level"),
            reason=data.get("reason", ""),
            lowering_reason=data.get("lowering_reason", ""),
            reviewed_on=data["reviewed_on"],
        )
        return _("The review was recorded (%(result)s).") % {"result": review.get_result_display()}


class EntryGrantsView(EntryMixin, TemplateView):
    permission = P.MANAGE
    template_name = "register/entry_grants.html"
    tab = "entries"

    def render_page(self, dept_form=None, person_form=None):
        entry = self.get_entry()
        return self.render_to_response(
            self.get_context_data(
                entry=entry,
                dept_form=dept_form or DepartmentGrantForm(org=self.org),
                person_form=person_form or PersonGrantForm(org=self.org),
                dept_grants=entry.department_grants.select_related("department"),
                person_grants=entry.person_grants.select_related("person", "person__department"),
                # a retired or rejected entry's grants can still be revoked, not added to
                closed=entry.status in CLOSED_STATUSES,
            )
        )

    def get(self, request, *args, **kwargs):
        if not selectors.can_manage_entry(self.membership, self.get_entry()):
            raise PermissionDenied
        return self.render_page()

    def post(self, request, *args, **kwargs):
        entry = self.get_entry()
        if not selectors.can_manage_entry(self.membership, entry):
            raise PermissionDenied
        kw = {"actor": request.user, "membership": self.membership}
        if "revoke_department" in request.POST or "revoke_person" in request.POST:
            model = DepartmentGrant if "revoke_department" in request.POST else PersonGrant
            pk = request.POST.get("revoke_department") or request.POST.get("revoke_person")
            grant = model.objects.filter(entry=entry, pk=pk).first()
            if grant is not None:
                services.grant_revoke(**kw, grant=grant)
                messages.success(request, _("The access was revoked."))
            return redirect("register:entry_grants", org_slug=self.org.slug, pk=entry.pk)
        if "department" in request.POST:
            form = DepartmentGrantForm(request.POST, org=self.org)
            if form.is_valid():
                return self.granted(
                    form,
                    "dept_form",
                    lambda: services.grant_department(
                        **kw,
                        entry=entry,
                        department=form.cleaned_data["department"],
                        include_subdepartments=form.cleaned_data["include_subdepartments"],
                    ),
                )
            return self.render_page(dept_form=form)
        form = PersonGrantForm(request.POST, org=self.org)
        if form.is_valid():
            return self.granted(
                form,
                "person_form",
                lambda: services.grant_person(
                    **kw, entry=entry, person=form.cleaned_data["person"]
                ),
            )
        return self.render_page(person_form=form)

    def granted(self, form, form_name, grant):
        try:
            grant()
        except ValidationError as exc:
            apply_errors(form, exc)
            return self.render_page(**{form_name: form})
        messages.success(self.request, _("Access was granted."))
        return redirect("register:entry_grants", org_slug=self.org.slug, pk=self.get_entry().pk)


# --- reviews due --------------------------------------------------------------------------


class ReviewListView(RegisterMixin, TemplateView):
    template_name = "register/review_list.html"
    tab = "reviews"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        qs = (
            selectors.entry_list(self.membership)
            .filter(pk__in=selectors.reviews_due(self.org, today).values("pk"))
            .order_by("next_review_on", "ledger_number")
        )
        page = selectors.entry_page(qs, self.request.GET.get("page"), PAGE_SIZE)
        ctx.update({"page": page, "today": today})
        return ctx


# --- levels and settings ------------------------------------------------------------------


class LevelListView(RegisterMixin, TemplateView):
    template_name = "register/level_list.html"
    tab = "levels"

    def get_context_data(self, **kwargs):
        self.ensure_levels()
        ctx = super().get_context_data(**kwargs)
        ctx["levels"] = selectors.levels_for(self.org)
        ctx["settings"] = services.register_settings(self.org)
        return ctx


class LevelEditView(RegisterMixin, TemplateView):
    permission = P.LEVELS
    template_name = "register/level_form.html"
    tab = "levels"

    def get_level(self):
        pk = self.kwargs.get("pk")
        return selectors.level_get(self.org, pk) if pk else None

    def render_form(self, form, level):
        return self.render_to_response(self.get_context_data(form=form, level=level))

    def get(self, request, *args, **kwargs):
        level = self.get_level()
        return self.render_form(LevelForm(instance=level), level)

    def post(self, request, *args, **kwargs):
        level = self.get_level()
        kw = {"actor": request.user, "membership": self.membership}
        if level is not None and "delete" in request.POST:
            try:
                services.level_delete(**kw, level=level)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("register:level_edit", org_slug=self.org.slug, pk=level.pk)
            messages.success(request, _("The level was deleted."))
            return redirect("register:levels", org_slug=self.org.slug)
        form = LevelForm(request.POST, instance=level)
        if form.is_valid():
            try:
                if level is None:
                    services.level_create(**kw, data=form.cleaned_data)
                else:
                    services.level_update(
                        **kw, level=selectors.level_get(self.org, level.pk), data=form.cleaned_data
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The level was saved."))
                return redirect("register:levels", org_slug=self.org.slug)
        return self.render_form(form, level)


class SettingsView(RegisterMixin, TemplateView):
    permission = P.LEVELS
    template_name = "register/settings.html"
    tab = "levels"

    def get(self, request, *args, **kwargs):
        form = SettingsForm(instance=services.register_settings(self.org))
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = SettingsForm(request.POST, instance=services.register_settings(self.org))
        if form.is_valid():
            services.settings_update(
                actor=request.user,
                membership=self.membership,
                number_prefix=form.cleaned_data["number_prefix"],
                number_digits=form.cleaned_data["number_digits"],
            )
            messages.success(request, _("The numbering was saved."))
            return redirect("register:levels", org_slug=self.org.slug)
        return self.render_to_response(self.get_context_data(form=form))


# --- a person's effective access ------------------------------------------------------------


class PersonAccessView(RegisterMixin, TemplateView):
    permission = P.ACCESS_VIEW
    template_name = "register/person_access.html"
    tab = ""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        person = person_get(self.membership, self.kwargs["pk"])  # manager: own subtree only
        ctx["person"] = person
        ctx["rows"], ctx["hidden"] = selectors.person_access_seen_by(self.membership, person)
        return ctx
