import csv
import json

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from kimitsu.core.paging import CappedPaginator
from kimitsu.core.text import csv_safe
from kimitsu.core.views import WorkspaceMixin
from kimitsu.organizations.access import Perm

from . import events, redaction, selectors
from .describe import Describer


class AuditLogView(WorkspaceMixin, TemplateView):
    """The log as evidence a reader can follow: each change named in words, each event with
    whether a TSA already vouches for it. Its queries do not grow with the page's events."""

    permission = Perm.AUDIT_VIEW
    template_name = "audit/event_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        redactor = redaction.for_reader(self.membership)
        qs = selectors.event_filter(
            selectors.event_list(self.membership), self.request.GET, redactor
        )
        page = CappedPaginator(qs, 50).get_page(self.request.GET.get("page"))
        page.object_list = list(_shown(page.object_list, redactor))
        describer = Describer(self.org, redactor).prepare(page.object_list)
        vouched = selectors.vouched(self.org)
        for event in page.object_list:
            event.label = events.label(event.event_type)
            event.changes = describer.changes(event)
            event.anchored = vouched.covers(event)
        ctx.update(
            {
                "page": page,
                "groups": events.groups(self.org.kind).items(),
                "params": self.request.GET,
                "vouched": vouched,
            }
        )
        return ctx


def _redacted(qs, redactor, chunk=2000):
    """The events in order, each as the reader may see it, prepared a chunk at a time."""
    batch = []
    for event in qs.iterator(chunk_size=chunk):
        batch.append(event)
        if len(batch) == chunk:
            yield from _shown(batch, redactor)
            batch = []
    yield from _shown(batch, redactor)


def _shown(batch, redactor):
    redactor.prepare(batch)
    for event in batch:
        shown = redactor.show(event)
        event.object_repr, event.before, event.after = shown.object_repr, shown.before, shown.after
        yield event


class _Echo:
    def write(self, value):
        return value


class AuditExportView(WorkspaceMixin, View):
    """CSV of the filtered log, UTF-8 with a BOM so that Japanese Excel opens it as UTF-8."""

    permission = Perm.AUDIT_VIEW

    def get(self, request, *args, **kwargs):
        redactor = redaction.for_reader(self.membership)
        qs = selectors.event_filter(selectors.event_list(self.membership), request.GET, redactor)
        writer = csv.writer(_Echo())
        header = [
            _("Sequence"),
            _("Time"),
            _("Actor"),
            _("Event"),
            _("Event code"),
            _("Object type"),
            _("Object id"),
            _("Object"),
            _("Before"),
            _("After"),
            _("Request id"),
            _("IP address"),
            _("Hash"),
        ]

        def rows():
            yield "\ufeff" + writer.writerow(header)
            for e in _redacted(qs, redactor):
                yield writer.writerow(
                    csv_safe(v)
                    for v in [
                        e.seq,
                        timezone.localtime(e.created_at).isoformat(timespec="seconds"),
                        e.actor_label,
                        events.label(e.event_type),
                        e.event_type,
                        e.object_type,
                        e.object_id,
                        e.object_repr,
                        json.dumps(e.before, ensure_ascii=False) if e.before is not None else "",
                        json.dumps(e.after, ensure_ascii=False) if e.after is not None else "",
                        e.request_id,
                        e.ip_address,
                        e.hash,
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="audit-{self.org.slug}-{stamp}.csv"'
        )
        return response
