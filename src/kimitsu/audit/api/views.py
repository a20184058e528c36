from rest_framework import generics, serializers

from kimitsu.api.base import WorkspaceAPIMixin
from kimitsu.organizations.access import Perm

from .. import selectors
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


class AuditEventList(WorkspaceAPIMixin, generics.ListAPIView):
    """The workspace's audit log, newest first; filters: group, event_type, actor, q, since,
    until."""

    read_permission = Perm.AUDIT_VIEW
    serializer_class = AuditEventSerializer

    def get_queryset(self):
        return selectors.event_filter(
            selectors.event_list(self.membership), self.request.query_params
        )
