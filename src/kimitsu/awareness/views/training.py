"""Training sessions, attendance (entered or imported), the comprehension quiz, who is missing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind

from .. import permissions as P
from .. import question_bank, selectors, services
from ..forms import AttendanceEntryForm, AttendanceImportForm, QuizForm, TrainingForm
from .base import AwarenessMixin


class TrainingListView(AwarenessMixin, TemplateView):
    active = "trainings"
    permission = P.RESULTS_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/training_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = selectors.training_list(self.membership)
        ctx["page"] = Paginator(qs, 30).get_page(self.request.GET.get("page"))
        ctx["coverage"] = selectors.training_coverage(self.org)
        ctx["can_manage"] = has_perm(self.membership, P.TRAINING_MANAGE)
        ctx["can_see_people"] = has_perm(self.membership, P.PEOPLE_VIEW)
        return ctx


class TrainingEditView(AwarenessMixin, TemplateView):
    active = "trainings"
    permission = P.TRAINING_MANAGE
    org_kind = OrgKind.COMPANY
    template_name = "awareness/training_form.html"

    def get_object(self):
        pk = self.kwargs.get("pk")
        return selectors.training_get(self.membership, pk) if pk else None

    def get(self, request, *args, **kwargs):
        session = self.get_object()
        return self.render_to_response(
            self.get_context_data(form=TrainingForm(instance=session), session=session)
        )

    def post(self, request, *args, **kwargs):
        session = self.get_object()
        form = TrainingForm(request.POST, instance=session)
        if form.is_valid():
            try:
                if session is None:
                    session = services.training_create(
                        actor=request.user, membership=self.membership, data=form.cleaned_data
                    )
                else:
                    session = services.training_update(
                        actor=request.user,
                        membership=self.membership,
                        session=session,
                        data=form.cleaned_data,
                    )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The training session was saved."))
                return redirect("awareness:training_detail", org_slug=self.org.slug, pk=session.pk)
        return self.render_to_response(self.get_context_data(form=form, session=session))


class TrainingDetailView(AwarenessMixin, TemplateView):
    active = "trainings"
    permission = P.RESULTS_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/training_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        session = selectors.training_get(self.membership, self.kwargs["pk"])
        figures = selectors.training_figures(session)
        ctx.update(
            {
                "session": session,
                "attendee_count": figures["attendees"],
                "quiz_count": figures["quiz_count"],
                "quiz_average": figures["quiz_average"],
                "can_manage": has_perm(self.membership, P.TRAINING_MANAGE),
                "can_see_people": has_perm(self.membership, P.PEOPLE_VIEW),
            }
        )
        if ctx["can_see_people"]:
            # A manager sees the people of the departments they manage.
            results = selectors.quiz_results(self.membership, session)
            attendances = selectors.attendance_list(self.membership, session)
            page = Paginator(attendances, 100).get_page(self.request.GET.get("page"))
            ctx["page"] = page
            ctx["rows"] = [(a, results.get(a.person_id)) for a in page]
        ctx.setdefault("entry_form", AttendanceEntryForm())
        ctx.setdefault("import_form", AttendanceImportForm())
        return ctx

    def post(self, request, *args, **kwargs):
        if not has_perm(self.membership, P.TRAINING_MANAGE):
            raise PermissionDenied
        session = selectors.training_get(self.membership, kwargs["pk"])
        back = redirect("awareness:training_detail", org_slug=self.org.slug, pk=session.pk)
        if "remove" in request.POST:
            services.attendance_remove(
                actor=request.user,
                membership=self.membership,
                session=session,
                person_id=int(request.POST.get("remove") or 0),
            )
            messages.success(request, _("The attendance was removed."))
            return back
        form = AttendanceEntryForm(request.POST)
        if form.is_valid():
            try:
                created = services.attendance_add(
                    actor=request.user,
                    membership=self.membership,
                    session=session,
                    employee_numbers=form.numbers(),
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("employee_numbers", message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d attendance recorded.", "%(n)d attendances recorded.", len(created)
                    )
                    % {"n": len(created)},
                )
                return back
        return self.render_to_response(self.get_context_data(entry_form=form))


class TrainingImportView(AwarenessMixin, TemplateView):
    active = "trainings"
    permission = P.TRAINING_MANAGE
    org_kind = OrgKind.COMPANY
    template_name = "awareness/training_import.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["session"] = selectors.training_get(self.membership, self.kwargs["pk"])
        ctx.setdefault("form", AttendanceImportForm())
        return ctx

    def post(self, request, *args, **kwargs):
        session = selectors.training_get(self.membership, kwargs["pk"])
        form = AttendanceImportForm(request.POST, request.FILES)
        errors = []
        if form.is_valid():
            try:
                result = services.attendance_import(
                    actor=request.user,
                    membership=self.membership,
                    session=session,
                    content=form.cleaned_data["file"].read(),
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(added)d attendance imported (%(already)d were already recorded).",
                        "%(added)d attendances imported (%(already)d were already recorded).",
                        result["added"],
                    )
                    % result,
                )
                return redirect("awareness:training_detail", org_slug=self.org.slug, pk=session.pk)
        return self.render_to_response(self.get_context_data(form=form, import_errors=errors))


class QuizView(AwarenessMixin, TemplateView):
    """The comprehension quiz of a session, taken by the logged-in person."""

    active = "trainings"
    permission = P.VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/quiz.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        session = selectors.training_get(self.membership, self.kwargs["pk"])
        questions = services.quiz_questions(self.org)
        person = self.membership.person
        result = person.quiz_results.filter(session=session).first() if person else None
        ctx.update({"session": session, "person": person, "result": result, "questions": questions})
        ctx.setdefault("form", QuizForm(questions=questions))
        if result is not None:
            # the questions as this person was asked them, whatever was edited since
            seen = [
                question_bank.asked(v)
                for v in result.question_versions.select_related("question").order_by(
                    "question__position", "question__pk"
                )
            ]
            ctx["review"] = [
                (q, result.answers.get(q.code, ""), str(q.answer)) for q in seen or questions
            ]
        return ctx

    def post(self, request, *args, **kwargs):
        session = selectors.training_get(self.membership, kwargs["pk"])
        questions = services.quiz_questions(self.org)
        form = QuizForm(request.POST, questions=questions)
        if form.is_valid():
            try:
                result = services.quiz_submit(
                    actor=request.user,
                    membership=self.membership,
                    session=session,
                    answers=form.cleaned_data,
                    questions=questions,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Your score: %(score)d of %(total)d.")
                    % {"score": result.score, "total": result.total},
                )
                return redirect("awareness:training_quiz", org_slug=self.org.slug, pk=session.pk)
        return self.render_to_response(self.get_context_data(form=form))


class MissingView(AwarenessMixin, TemplateView):
    active = "trainings"
    permission = P.PEOPLE_VIEW
    org_kind = OrgKind.COMPANY
    template_name = "awareness/training_missing.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = selectors.missing_people(self.membership)
        ctx["page"] = Paginator(qs, 50).get_page(self.request.GET.get("page"))
        ctx["coverage"] = selectors.training_coverage(self.org)
        return ctx
