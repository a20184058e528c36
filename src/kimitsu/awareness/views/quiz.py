"""The comprehension quiz's questions, for the administrator: add, edit (a new version), retire."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from kimitsu.core.forms import apply_errors
from kimitsu.organizations.choices import OrgKind

from .. import permissions as P
from .. import question_bank
from ..choices import EDITABLE_SOURCES
from ..forms import QuizQuestionForm
from .base import AwarenessMixin


class QuestionListView(AwarenessMixin, TemplateView):
    active = "trainings"
    permission = P.TRAINING_MANAGE
    org_kind = OrgKind.COMPANY
    template_name = "awareness/question_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        question_bank.questions_to_ask(self.org)  # the bank copied, the built questions current
        questions = list(question_bank.question_list(self.membership))
        ctx["questions"] = [(q, next(iter(q.versions.all()), None)) for q in questions]
        ctx["editable"] = EDITABLE_SOURCES
        return ctx

    def post(self, request, *args, **kwargs):
        question = question_bank.question_get(self.membership, request.POST.get("question"))
        if "restore" in request.POST:
            service = question_bank.question_restore
        else:
            service = question_bank.question_retire
        try:
            question = service(actor=request.user, membership=self.membership, question=question)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if question.is_retired:
                messages.success(request, _("%(code)s is asked again.") % {"code": question.code})
            else:
                messages.success(
                    request,
                    _("%(code)s is retired: it is no longer asked; the answers given to it stay.")
                    % {"code": question.code},
                )
        return redirect("awareness:quiz_questions", org_slug=self.org.slug)


class QuestionEditView(AwarenessMixin, TemplateView):
    active = "trainings"
    permission = P.TRAINING_MANAGE
    org_kind = OrgKind.COMPANY
    template_name = "awareness/question_form.html"

    def get_object(self):
        pk = self.kwargs.get("pk")
        return question_bank.question_get(self.membership, pk) if pk else None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        question = kwargs.get("question", ...)
        question = self.get_object() if question is ... else question
        versions = list(question.versions.all()) if question else []
        ctx["question"] = question
        ctx["versions"] = versions
        ctx["can_edit"] = question is None or question.source in EDITABLE_SOURCES
        if "form" not in ctx:
            ctx["form"] = QuizQuestionForm(
                initial=question_bank.form_initial(versions[0] if versions else None)
            )
        return ctx

    def post(self, request, *args, **kwargs):
        question = self.get_object()
        form = QuizQuestionForm(request.POST)
        if form.is_valid():
            try:
                if question is None:
                    question = question_bank.question_create(
                        actor=request.user, membership=self.membership, data=form.cleaned_data
                    )
                    messages.success(
                        request, _("%(code)s was added to the quiz.") % {"code": question.code}
                    )
                else:
                    version = question_bank.question_update(
                        actor=request.user,
                        membership=self.membership,
                        question=question,
                        data=form.cleaned_data,
                    )
                    messages.success(
                        request,
                        _("%(code)s was saved as version %(number)d.")
                        % {"code": question.code, "number": version.number},
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("awareness:quiz_questions", org_slug=self.org.slug)
        return self.render_to_response(self.get_context_data(form=form, question=question))
