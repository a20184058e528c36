from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from kimitsu.core.forms import apply_errors
from kimitsu.core.memo import recent, wrote_at
from kimitsu.core.navigation import desk_dashboard_url, leaving_url, person_links
from kimitsu.core.steps import DONE, STEP_ROLES, seven_steps
from kimitsu.core.views import WorkspaceMixin

from . import selectors, services
from .access import Perm, has_perm
from .choices import OrgKind, PersonStatus
from .forms import (
    CompanyProfileForm,
    DepartmentForm,
    DeskProfileForm,
    InvitationForm,
    MemberForm,
    PersonForm,
)


class FormViewMixin:
    """A small form loop: build the form, validate, call the service, report its errors."""

    def render_form(self, form, **extra):
        return self.render_to_response(self.get_context_data(form=form, **extra))


class WorkspaceHomeView(WorkspaceMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        if self.org.kind == OrgKind.DESK:
            dashboard = desk_dashboard_url(self.membership)
            if dashboard:
                return redirect(dashboard)
        return super().get(request, *args, **kwargs)

    def member_home(self) -> bool:
        # the seven steps are the work of administrators, managers, auditors and advisors; an
        # employee's home is their own tasks (わたしのやること), put in the "home.tasks" place
        return self.org.kind == OrgKind.COMPANY and self.membership.role not in STEP_ROLES

    def get_template_names(self):
        if self.org.kind == OrgKind.DESK:
            return ["organizations/desk_home.html"]
        if self.member_home():
            return ["organizations/member_home.html"]
        return ["organizations/company_home.html"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.member_home():
            pass
        elif self.org.kind == OrgKind.COMPANY:
            # every app is asked for its step (33 queries): once in a few seconds is enough for
            # a summary, as long as the reader sees their own changes (core.memo.recent)
            ctx.update(
                recent(
                    ("company-home", self.org.pk, self.membership.role, get_language()),
                    self.company_summary,
                    seconds=settings.KIMITSU_HOME_CACHE_SECONDS,
                    newer_than=wrote_at(self.request),
                )
            )
        else:
            ctx["clients"] = selectors.linked_companies(self.membership)
        return ctx

    def company_summary(self) -> dict:
        steps = seven_steps(self.org, self.membership)
        summary = {
            "steps": steps,
            "steps_done": sum(1 for s in steps if s.status == DONE),
            # the next actions: those of the first steps not done yet, in the order of the steps
            "next_steps": [s for s in steps if s.status != DONE and s.next_action][:3],
            "department_count": selectors.department_list(self.membership).count(),
        }
        if has_perm(self.membership, Perm.PEOPLE_VIEW):
            people = selectors.person_list(self.membership)
            summary["people_count"] = people.exclude(status=PersonStatus.LEFT).count()
        return summary


class ProfileView(WorkspaceMixin, FormViewMixin, TemplateView):
    permission = Perm.PROFILE_VIEW
    template_name = "organizations/profile.html"

    def form_class(self):
        return CompanyProfileForm if self.org.is_company else DeskProfileForm

    def get(self, request, *args, **kwargs):
        form = self.form_class()(instance=self.org)
        return self.render_form(form, can_edit=has_perm(self.membership, Perm.PROFILE_EDIT))

    def post(self, request, *args, **kwargs):
        if not has_perm(self.membership, Perm.PROFILE_EDIT):
            raise PermissionDenied
        form = self.form_class()(
            request.POST, instance=self.org.__class__.objects.get(pk=self.org.pk)
        )
        if form.is_valid():
            try:
                services.organization_update(
                    actor=request.user, membership=self.membership, data=form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The profile was saved."))
                return redirect("organizations:profile", org_slug=self.org.slug)
        return self.render_form(form, can_edit=True)


class DepartmentListView(WorkspaceMixin, TemplateView):
    permission = Perm.DEPARTMENTS_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "organizations/department_list.html"

    def get_context_data(self, **kwargs):
        from django.db.models import Count, Q

        ctx = super().get_context_data(**kwargs)
        counts = dict(
            selectors.department_list(self.membership)
            .annotate(n=Count("people", filter=~Q(people__status=PersonStatus.LEFT)))
            .values_list("id", "n")
        )
        ctx["tree"] = [
            (d, depth, counts.get(d.pk, 0)) for d, depth in selectors.department_tree(self.org)
        ]
        ctx["can_manage"] = has_perm(self.membership, Perm.DEPARTMENTS_MANAGE)
        return ctx


class DepartmentEditView(WorkspaceMixin, FormViewMixin, TemplateView):
    permission = Perm.DEPARTMENTS_MANAGE
    org_kind = OrgKind.COMPANY
    template_name = "organizations/department_form.html"

    def get_object(self):
        pk = self.kwargs.get("pk")
        return selectors.department_get(self.membership, pk) if pk else None

    def get(self, request, *args, **kwargs):
        dept = self.get_object()
        return self.render_form(DepartmentForm(org=self.org, instance=dept), department=dept)

    def post(self, request, *args, **kwargs):
        dept = self.get_object()
        if dept is not None and "delete" in request.POST:
            try:
                services.department_delete(
                    actor=request.user, membership=self.membership, department=dept
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("organizations:department_edit", org_slug=self.org.slug, pk=dept.pk)
            messages.success(request, _("The department was deleted."))
            return redirect("organizations:departments", org_slug=self.org.slug)
        form = DepartmentForm(request.POST, org=self.org, instance=dept)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if dept is None:
                    services.department_create(
                        actor=request.user,
                        membership=self.membership,
                        name=data["name"],
                        parent=data.get("parent"),
                        code=data.get("code") or "",
                        sort_order=data.get("sort_order") or 0,
                    )
                else:
                    services.department_update(
                        actor=request.user,
                        membership=self.membership,
                        department=dept,
                        data={
                            "name": data["name"],
                            "parent": data.get("parent"),
                            "code": data.get("code") or "",
                            "sort_order": data.get("sort_order") or 0,
                        },
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The department was saved."))
                return redirect("organizations:departments", org_slug=self.org.slug)
        return self.render_form(form, department=dept)


class PersonListView(WorkspaceMixin, TemplateView):
    permission = Perm.PEOPLE_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "organizations/person_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = selectors.person_list(self.membership)
        params = self.request.GET
        qs = selectors.person_search(qs, params.get("q", ""))
        status = params.get("status", "current")
        if status == "current":
            qs = qs.exclude(status=PersonStatus.LEFT)
        elif status in PersonStatus.values:
            qs = qs.filter(status=status)
        dept = params.get("department")
        if dept and dept.isdigit():
            ids = selectors.department_descendant_ids(self.org, [int(dept)])
            qs = qs.filter(department_id__in=ids)
        page = Paginator(qs.order_by("employee_number"), self.paginate_by).get_page(
            params.get("page")
        )
        ctx.update(
            {
                "page": page,
                "statuses": PersonStatus.choices,
                "status": status,
                "departments": selectors.department_tree(self.org),
                "department": dept or "",
                "q": params.get("q", ""),
                "can_manage": selectors.can_manage_person(self.membership),
            }
        )
        return ctx


class PersonDetailView(WorkspaceMixin, TemplateView):
    permission = Perm.PEOPLE_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "organizations/person_detail.html"

    def get_context_data(self, **kwargs):
        from kimitsu.audit.selectors import events_for_object

        ctx = super().get_context_data(**kwargs)
        person = selectors.person_get(self.membership, self.kwargs["pk"])
        ctx["person"] = person
        ctx["can_manage"] = selectors.can_manage_person(self.membership, person)
        ctx["person_links"] = person_links(self.membership, person)
        if has_perm(self.membership, Perm.AUDIT_VIEW):
            ctx["history"] = events_for_object(self.membership, person)[:20]
        return ctx


class PersonEditView(WorkspaceMixin, FormViewMixin, TemplateView):
    permission = Perm.PEOPLE_MANAGE
    org_kind = OrgKind.COMPANY
    template_name = "organizations/person_form.html"

    def get_object(self):
        pk = self.kwargs.get("pk")
        person = selectors.person_get(self.membership, pk) if pk else None
        if person is not None and not selectors.can_manage_person(self.membership, person):
            raise PermissionDenied
        return person

    def form(self, data=None, person=None):
        scope = selectors.managed_department_ids(self.membership)
        return PersonForm(data, instance=person, org=self.org, limit_department_ids=scope)

    def get(self, request, *args, **kwargs):
        person = self.get_object()
        return self.render_form(self.form(person=person), person=person)

    def post(self, request, *args, **kwargs):
        person = self.get_object()
        from .models import Person

        form = self.form(request.POST, person=Person.objects.get(pk=person.pk) if person else None)
        if form.is_valid():
            try:
                if person is None:
                    person = services.person_create(
                        actor=request.user, membership=self.membership, data=form.cleaned_data
                    )
                else:
                    was_leaving = person.status == PersonStatus.LEAVING
                    person = services.person_update(
                        actor=request.user,
                        membership=self.membership,
                        person=person,
                        data=form.cleaned_data,
                    )
                    exit_url = leaving_url(self.membership, person)
                    if person.status == PersonStatus.LEAVING and not was_leaving and exit_url:
                        messages.info(
                            request,
                            _("%(name)s is now leaving: open the exit checklist.")
                            % {"name": person.full_name},
                        )
                        return redirect(exit_url)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("%(name)s was saved.") % {"name": person.full_name})
                return redirect("organizations:person_detail", org_slug=self.org.slug, pk=person.pk)
        return self.render_form(form, person=person)


class MemberListView(WorkspaceMixin, FormViewMixin, TemplateView):
    permission = Perm.MEMBERS_VIEW
    template_name = "organizations/member_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["members"] = selectors.member_list(self.membership)
        ctx["invitations"] = selectors.invitation_list(self.membership)
        ctx["can_manage"] = has_perm(self.membership, Perm.MEMBERS_MANAGE)
        ctx.setdefault("form", InvitationForm(org=self.org))
        return ctx

    def post(self, request, *args, **kwargs):
        if not has_perm(self.membership, Perm.MEMBERS_MANAGE):
            raise PermissionDenied
        if "revoke" in request.POST:
            invitation = (
                selectors.invitation_list(self.membership)
                .filter(pk=request.POST.get("revoke"))
                .first()
            )
            if invitation is not None:
                services.invitation_revoke(
                    actor=request.user, membership=self.membership, invitation=invitation
                )
                messages.success(request, _("The invitation was withdrawn."))
            return redirect("organizations:members", org_slug=self.org.slug)
        form = InvitationForm(request.POST, org=self.org)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.invitation_create(
                    actor=request.user,
                    membership=self.membership,
                    email=data["email"],
                    role=data["role"],
                    department=data.get("department"),
                    person=data.get("person"),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, _("An invitation was sent to %(email)s.") % {"email": data["email"]}
                )
                return redirect("organizations:members", org_slug=self.org.slug)
        return self.render_form(form)


class MemberEditView(WorkspaceMixin, FormViewMixin, TemplateView):
    permission = Perm.MEMBERS_MANAGE
    template_name = "organizations/member_form.html"

    def get(self, request, *args, **kwargs):
        member = selectors.member_get(self.membership, self.kwargs["pk"])
        form = MemberForm(
            org=self.org,
            member=member,
            initial={
                "role": member.role,
                "department": member.department_id,
                "is_active": member.is_active,
                "person": member.person_id,
            },
        )
        return self.render_form(form, member=member)

    def render_form(self, form, **extra):
        from kimitsu.accounts.middleware import has_confirmed_device
        from kimitsu.accounts.services import RESET_BY_OPERATOR, belongs_elsewhere

        member = extra["member"]
        extra["member_has_2fa"] = has_confirmed_device(member.user)
        extra["member_elsewhere"] = belongs_elsewhere(member.user, self.membership)
        extra["reset_by_operator"] = RESET_BY_OPERATOR
        extra["can_reset_2fa"] = (
            extra["member_has_2fa"]
            and member.user_id != self.request.user.pk
            and not extra["member_elsewhere"]
        )
        return super().render_form(form, **extra)

    def post(self, request, *args, **kwargs):
        member = selectors.member_get(self.membership, self.kwargs["pk"])
        if "reset_2fa" in request.POST:
            return self.reset_two_factor(member)
        form = MemberForm(request.POST, org=self.org, member=member)
        if form.is_valid():
            try:
                services.member_update(
                    actor=request.user,
                    membership=self.membership,
                    member=member,
                    role=form.cleaned_data["role"],
                    department=form.cleaned_data.get("department"),
                    is_active=form.cleaned_data["is_active"],
                    person=form.cleaned_data.get("person") if self.org.is_company else ...,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The member was updated."))
                return redirect("organizations:members", org_slug=self.org.slug)
        return self.render_form(form, member=member)

    def reset_two_factor(self, member):
        from kimitsu.accounts.services import two_factor_reset

        try:
            two_factor_reset(actor=self.request.user, user=member.user, membership=self.membership)
        except ValidationError as exc:
            messages.error(self.request, exc.messages[0])
        else:
            messages.success(
                self.request,
                _(
                    "Two-factor authentication of %(name)s was reset: they set up a new "
                    "authenticator at their next log-in."
                )
                % {"name": member.user},
            )
        return redirect("organizations:member_edit", org_slug=self.org.slug, pk=member.pk)
