import io

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View

from kimitsu.core.paging import CappedPaginator
from kimitsu.core.views import WorkspaceMixin
from kimitsu.organizations.access import Perm
from kimitsu.organizations.choices import OrgKind, PersonStatus
from kimitsu.organizations.models import Person

from . import links, reminders
from . import permissions as P
from .forms import ReadRequestForm, ReminderSettingsForm
from .models import LINK_KINDS, ReminderMessage
from .selectors import open_tasks, tasks_of


class ReachMixin(WorkspaceMixin):
    org_kind = OrgKind.COMPANY
    permission = P.MANAGE


class MyTasksView(ReachMixin, TemplateView):
    permission = Perm.ORG_VIEW
    template_name = "reach/my_tasks.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tasks"] = tasks_of(self.membership)
        return ctx


class DoView(ReachMixin, View):
    """A task of one's own, from the app: the same page as the personal link opens."""

    permission = Perm.ORG_VIEW

    def get(self, request, *args, **kwargs):
        kind, object_id = kwargs["kind"], kwargs["object_id"]
        mine = [t for t in tasks_of(self.membership) if t.kind == kind and t.object_id == object_id]
        if not mine or kind not in LINK_KINDS:
            messages.info(request, _("This task is done already."))
            return redirect("organizations:home", org_slug=self.org.slug)
        return redirect(links.issue(self.membership.person, kind, object_id, actor=request.user))


class RemindersView(ReachMixin, TemplateView):
    template_name = "reach/reminders.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rules = reminders.settings_for(self.org)
        ctx.setdefault("form", ReminderSettingsForm(instance=rules))
        sent = ReminderMessage.objects.filter(organization=self.org).select_related("person")
        ctx["page"] = CappedPaginator(sent, 50).get_page(self.request.GET.get("page"))
        ctx["failed"] = sent.filter(status="failed").count()
        ctx["quiet"] = reminders.quiet_label(rules, timezone.localdate())
        people = Person.objects.filter(organization=self.org).exclude(status=PersonStatus.LEFT)
        tasks = open_tasks(self.org)
        ctx["planned"] = reminders.plan(self.org, tasks=tasks)
        # who can get a printed sheet of QR codes: those without e-mail first
        with_tasks = [
            (p, len([t for t in tasks.get(p.pk, []) if t.by_link]))
            for p in people.order_by("employee_number")
        ]
        with_tasks = [(p, n) for p, n in with_tasks if n]
        ctx["without_email"] = [(p, n) for p, n in with_tasks if not p.email]
        ctx["with_email"] = [(p, n) for p, n in with_tasks if p.email]
        return ctx

    def post(self, request, *args, **kwargs):
        if "send_now" in request.POST:
            outcome = reminders.send(self.org, now=True, actor=request.user)
            messages.success(
                request,
                ngettext(
                    "%(messages)s to %(p)s person queued.",
                    "%(messages)s to %(p)s people queued.",
                    outcome.people,
                )
                % {
                    "messages": ngettext("%(m)s message", "%(m)s messages", outcome.messages)
                    % {"m": outcome.messages},
                    "p": outcome.people,
                },
            )
            return redirect("reach:reminders", org_slug=self.org.slug)
        rules = reminders.settings_for(self.org)
        form = ReminderSettingsForm(request.POST, instance=rules)
        if form.is_valid():
            from kimitsu.audit import services as audit

            before = {f: getattr(rules, f) for f in form.fields}
            form.save()
            b, a = audit.diff(before, {f: getattr(rules, f) for f in form.fields})
            audit.record(
                event_type="reminders.settings_changed",
                organization=self.org,
                actor=request.user,
                obj=rules,
                before=b,
                after=a,
            )
            messages.success(request, _("Saved."))
            return redirect("reach:reminders", org_slug=self.org.slug)
        return self.render_to_response(self.get_context_data(form=form))


class SheetView(ReachMixin, TemplateView):
    """A printable sheet of QR codes, one per open task, for a person without e-mail: a site
    worker scans it with a phone."""

    template_name = "reach/sheet.html"

    def get_context_data(self, **kwargs):
        import qrcode
        import qrcode.image.svg

        ctx = super().get_context_data(**kwargs)
        person = get_object_or_404(
            Person.objects.exclude(status=PersonStatus.LEFT),
            organization=self.org,
            pk=self.kwargs["pk"],
        )
        rows = []
        for task in open_tasks(self.org, [person]).get(person.pk, []):
            if not task.by_link:
                continue
            url = links.issue(person, task.kind, task.object_id, actor=self.request.user)
            buf = io.BytesIO()
            qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(buf)
            rows.append((task, url, buf.getvalue().decode()))
        ctx.update(person=person, rows=rows)
        return ctx


class ReadRequestsView(ReachMixin, TemplateView):
    """Ask everyone to read a document (the handling rules, a policy) and see who has."""

    template_name = "reach/read_requests.html"

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        from .models import ReadRequest

        ctx = super().get_context_data(**kwargs)
        people = Person.objects.filter(organization=self.org).exclude(status=PersonStatus.LEFT)
        ctx["people_count"] = people.count()
        ctx["requests"] = ReadRequest.objects.filter(organization=self.org).annotate(
            read=Count("acks", distinct=True)
        )
        ctx.setdefault("form", ReadRequestForm())
        return ctx

    def post(self, request, *args, **kwargs):
        from django.core.exceptions import ValidationError

        from kimitsu.core.forms import apply_errors

        from . import services

        form = ReadRequestForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                made = services.read_request_create(
                    actor=request.user,
                    membership=self.membership,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data.get("file"),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, _("Everyone is asked to read “%(t)s”.") % {"t": made.title}
                )
                return redirect("reach:read_request", org_slug=self.org.slug, pk=made.pk)
        return self.render_to_response(self.get_context_data(form=form))


class ReadRequestView(ReachMixin, TemplateView):
    template_name = "reach/read_request.html"

    def get_context_data(self, **kwargs):
        from django.db.models import Exists, OuterRef, Subquery

        from .models import ReadAck, ReadRequest

        ctx = super().get_context_data(**kwargs)
        read = get_object_or_404(ReadRequest, organization=self.org, pk=self.kwargs["pk"])
        acks = ReadAck.objects.filter(request=read, person=OuterRef("pk"))
        people = (
            Person.objects.filter(organization=self.org)
            .exclude(status=PersonStatus.LEFT)
            .select_related("department")
            .annotate(has_read=Exists(acks), read_at=Subquery(acks.values("acknowledged_at")[:1]))
            .order_by("has_read", "employee_number")
        )
        ctx.update(
            read=read, page=CappedPaginator(people, 50).get_page(self.request.GET.get("page"))
        )
        ctx["read_count"] = ReadAck.objects.filter(request=read).count()
        return ctx
