import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from kimitsu.core.forms import apply_errors
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import PersonStatus

from .. import permissions as P
from .. import registry, selectors, services
from ..choices import STEP_HELP, ChecklistKind, TemplateKind
from ..forms import JoiningForm, LeavingForm, ReturnItemForm, StepForm
from ..models import ChecklistStep, ReturnItem
from .common import PledgesView


class PersonView(PledgesView):
    """One person's pledges, checklists and what they can reach in the register."""

    template_name = "pledges/person.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        person = selectors.person_get(self.membership, self.kwargs["pk"])
        ctx["person"] = person
        ctx["documents"] = list(selectors.document_list(self.membership).filter(person=person))
        ctx["checklists"] = list(selectors.checklist_list(self.membership).filter(person=person))
        ctx["entries"], ctx["hidden_entries"] = registry.access_with_reasons(
            self.membership, person
        )
        ctx["with_reasons"] = True
        ctx["person_kinds"] = [
            (k, TemplateKind(k).label)
            for k in (
                TemplateKind.PLEDGE_HIRE,
                TemplateKind.PLEDGE_PROJECT,
                TemplateKind.HIRE_CHECK,
                TemplateKind.PLEDGE_EXIT,
            )
            if k != TemplateKind.PLEDGE_EXIT or person.status == PersonStatus.LEAVING
        ]
        kinds = {c.kind for c in ctx["checklists"]}
        ctx["can_join"] = ChecklistKind.JOINING not in kinds and person.status == "active"
        ctx["can_leave"] = ChecklistKind.LEAVING not in kinds and person.status != "left"
        return ctx


class LeavingStartView(PledgesView):
    permission = P.MANAGE
    template_name = "pledges/leaving_form.html"

    def person(self):
        return selectors.person_get(self.membership, self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        person = self.person()
        return self.render(
            person=person, form=LeavingForm(initial={"last_day": person.left_on or dt.date.today()})
        )

    def post(self, request, *args, **kwargs):
        person = self.person()
        form = LeavingForm(request.POST)
        if form.is_valid():
            try:
                checklist = services.leaving_start(
                    actor=request.user,
                    membership=self.membership,
                    person=person,
                    last_day=form.cleaned_data["last_day"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s is now leaving; the exit checklist is open.")
                    % {"name": person.full_name},
                )
                return redirect("pledges:checklist_detail", org_slug=self.org.slug, pk=checklist.pk)
        return self.render(person=person, form=form)


class JoiningStartView(PledgesView):
    permission = P.MANAGE
    template_name = "pledges/joining_form.html"

    def person(self):
        return selectors.person_get(self.membership, self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        return self.render(person=self.person(), form=JoiningForm())

    def post(self, request, *args, **kwargs):
        person = self.person()
        form = JoiningForm(request.POST)
        if form.is_valid():
            try:
                checklist = services.joining_open(
                    actor=request.user,
                    membership=self.membership,
                    person=person,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The joining checklist is open."))
                return redirect("pledges:checklist_detail", org_slug=self.org.slug, pk=checklist.pk)
        return self.render(person=person, form=form)


class ChecklistListView(PledgesView):
    template_name = "pledges/checklist_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = selectors.checklist_list(self.membership).prefetch_related("steps")
        state = self.request.GET.get("state", "open")
        if state == "open":
            qs = qs.filter(completed_at__isnull=True)
        elif state == "done":
            qs = qs.filter(completed_at__isnull=False)
        ctx["checklists"] = list(qs[:200])
        ctx["state"] = state
        ctx["leaving_without_checklist"] = list(
            selectors.leaving_without_checklist(self.membership)
        )
        return ctx

    def post(self, request, *args, **kwargs):
        """Open the exit checklist of a person already marked 退職予定 in the people register."""
        if not has_perm(self.membership, P.MANAGE):
            raise PermissionDenied
        person = selectors.person_get(self.membership, request.POST.get("person"))
        try:
            checklist = services.leaving_open(
                actor=request.user, membership=self.membership, person=person
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("pledges:checklists", org_slug=self.org.slug)
        return redirect("pledges:checklist_detail", org_slug=self.org.slug, pk=checklist.pk)


class ChecklistDetailView(PledgesView):
    template_name = "pledges/checklist_detail.html"

    def get_object(self):
        return selectors.checklist_get(self.membership, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        checklist = self.get_object()
        person = checklist.person
        ctx["checklist"] = checklist
        ctx["person"] = person
        ctx["steps"] = list(checklist.steps.select_related("done_by"))
        for step in ctx["steps"]:
            step.help = STEP_HELP.get(step.code, "")
        ctx["items"] = list(checklist.items.select_related("received_by"))
        ctx["entries"], ctx["hidden_entries"] = registry.access_with_reasons(
            self.membership, person
        )
        ctx["with_reasons"] = True
        ctx["custody"] = registry.custody_count(person)
        ctx["documents"] = list(selectors.document_list(self.membership).filter(person=person))
        ctx.setdefault("item_form", ReturnItemForm())
        ctx["step_errors"] = kwargs.get("step_errors", {})
        ctx["today"] = dt.date.today()
        return ctx

    def post(self, request, *args, **kwargs):
        if not has_perm(self.membership, P.MANAGE):
            raise PermissionDenied
        checklist = self.get_object()
        action = request.POST.get("action")
        try:
            if action == "step":
                step = get_object_or_404(
                    ChecklistStep, checklist=checklist, pk=request.POST.get("step")
                )
                form = StepForm(request.POST)
                form.is_valid()
                services.checklist_step_complete(
                    actor=request.user,
                    membership=self.membership,
                    step=step,
                    note=form.cleaned_data.get("note", ""),
                )
                messages.success(request, _("Done: %(step)s") % {"step": step.get_code_display()})
            elif action == "item":
                form = ReturnItemForm(request.POST)
                if not form.is_valid():
                    return self.render(item_form=form)
                services.checklist_item_add(
                    actor=request.user,
                    membership=self.membership,
                    checklist=checklist,
                    **form.cleaned_data,
                )
            elif action == "returned":
                item = get_object_or_404(
                    ReturnItem, checklist=checklist, pk=request.POST.get("item")
                )
                services.checklist_item_returned(
                    actor=request.user, membership=self.membership, item=item
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("pledges:checklist_detail", org_slug=self.org.slug, pk=checklist.pk)
