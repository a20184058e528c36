from rest_framework import generics, serializers

from kimitsu.api.base import WorkspaceAPIMixin
from kimitsu.organizations.access import Perm

from .. import redaction, selectors
from ..models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "seq",
            "created_at",
            "actor_label",
            "event_type",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "request_id",
            "ip_address",
            "prev_hash",
            "hash",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        redactor = self.context.get("redactor")
        if redactor is not None:
            shown = redactor.show(instance)
            data.update(object_repr=shown.object_repr, before=shown.before, after=shown.after)
        return data


class AuditEventList(WorkspaceAPIMixin, generics.ListAPIView):
    """The workspace's audit log, newest first; filters: group, event_type, actor, q, since,
    until."""

    read_permission = Perm.AUDIT_VIEW
    serializer_class = AuditEventSerializer

    def get_queryset(self):
        return selectors.event_filter(
            selectors.event_list(self.membership), self.request.query_params, self.redactor
        )

    @property
    def redactor(self):
        if not hasattr(self, "_redactor"):
            self._redactor = redaction.for_reader(self.membership)
        return self._redactor

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.redactor.prepare(page if page is not None else queryset)
        return page

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "membership", None) is not None:  # not while the schema is built
            context["redactor"] = self.redactor
        return context
