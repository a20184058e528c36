"""The pages a personal link opens: just that task, nothing else of the workspace, no log-in."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View

from kimitsu.audit.context import current_ip_address

from . import links, services
from .models import TaskKind


def _client(request) -> tuple[str, str]:
    return current_ip_address() or request.META.get("REMOTE_ADDR", ""), request.META.get(
        "HTTP_USER_AGENT", ""
    )[:300]


class LinkView(View):
    """GET shows the task; POST does it (once)."""

    def dispatch(self, request, token, *args, **kwargs):
        self.resolved = links.resolve(token)
        self.token = token
        link = self.resolved.link
        if not self.resolved.problem and not services.still_open(link):
            self.resolved.problem = str(links.LinkProblem.DONE)
        return super().dispatch(request, *args, **kwargs)

    def refused(self, request, status=410):
        problem = self.resolved.problem
        link = self.resolved.link
        return render(
            request,
            "reach/link_refused.html",
            {"problem": problem, "org_name": link.organization.name if link else ""},
            status=status if link else 404,
        )

    def context(self, **extra):
        link = self.resolved.link
        ctx = {"link": link, "person": link.person, "org_name": link.organization.name}
        if link.kind == TaskKind.REGULATION:
            from kimitsu.rules.models import Regulation

            regulation = Regulation.objects.get(pk=link.object_id)
            ctx.update(
                regulation=regulation,
                articles=list(regulation.articles.order_by("position")),
            )
        elif link.kind == TaskKind.PLEDGE:
            from kimitsu.pledges.models import Document

            ctx["document"] = Document.objects.get(pk=link.object_id)
        elif link.kind == TaskKind.READ:
            from .models import ReadRequest

            request = ReadRequest.objects.get(pk=link.object_id)
            ctx["read"] = request
            if request.kind == ReadRequest.RULES and request.rule_set_id:
                from kimitsu.rules.models import HandlingRule

                ctx["rules"] = list(
                    HandlingRule.objects.filter(rule_set=request.rule_set)
                    .select_related("level")
                    .order_by("-level__rank", "action")
                )
        elif link.kind == TaskKind.QUIZ:
            from kimitsu.awareness.forms import QuizForm
            from kimitsu.awareness.models import TrainingSession
            from kimitsu.awareness.services import quiz_questions

            questions = quiz_questions(link.organization)
            ctx.update(
                session=TrainingSession.objects.get(pk=link.object_id),
                questions=questions,
                form=extra.pop("form", None) or QuizForm(questions=questions),
            )
        ctx.update(extra)
        return ctx

    def get(self, request):
        if self.resolved.problem:
            return self.refused(request)
        return render(request, services.KIND_TEMPLATES[self.resolved.link.kind], self.context())

    def post(self, request):
        if self.resolved.problem:
            return self.refused(request)
        link = self.resolved.link
        ip, agent = _client(request)
        errors = []
        try:
            if link.kind in (TaskKind.REGULATION, TaskKind.READ):
                if request.POST.get("confirm") != "on":
                    errors.append(_("Tick “I have read and understood the content”."))
                elif link.kind == TaskKind.READ:
                    services.acknowledge_read(link, ip=ip, user_agent=agent)
                else:
                    services.acknowledge_regulation(link, ip=ip, user_agent=agent)
            elif link.kind == TaskKind.PLEDGE:
                if request.POST.get("confirm") != "on":
                    errors.append(_("Tick that you agree to the pledge."))
                else:
                    services.sign_pledge(
                        link, typed_name=request.POST.get("name", "")[:100], ip=ip, user_agent=agent
                    )
            elif link.kind == TaskKind.QUIZ:
                from kimitsu.awareness.forms import QuizForm
                from kimitsu.awareness.services import quiz_questions

                questions = quiz_questions(link.organization)
                form = QuizForm(request.POST, questions=questions)
                if not form.is_valid():
                    return render(
                        request, services.KIND_TEMPLATES[link.kind], self.context(form=form)
                    )
                result = services.submit_quiz(link, answers=form.cleaned_data, questions=questions)
                return render(
                    request,
                    "reach/link_done.html",
                    {"org_name": link.organization.name, "person": link.person, "result": result},
                )
        except services.LinkUsed:
            self.resolved.problem = str(links.LinkProblem.USED)
            return self.refused(request)
        except ValidationError as error:
            errors += error.messages
        if errors:
            return render(
                request, services.KIND_TEMPLATES[link.kind], self.context(errors=errors), status=400
            )
        return render(
            request,
            "reach/link_done.html",
            {"org_name": link.organization.name, "person": link.person, "kind": link.kind},
        )


class LinkDocumentView(LinkView):
    """The pledge's PDF exactly as it will be signed (rendered once, when the link was made)."""

    def get(self, request):
        link = self.resolved.link
        if self.resolved.problem or link is None:
            raise Http404
        if link.kind == TaskKind.READ:
            from .models import ReadRequest

            read = ReadRequest.objects.get(pk=link.object_id)
            if not read.file:
                raise Http404
            with read.file.open("rb") as handle:
                data = handle.read()
        elif link.kind == TaskKind.PLEDGE and link.document:
            data = bytes(link.document)
        else:
            raise Http404
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(False, "pledge.pdf")
        return response

    def post(self, request):
        raise Http404
