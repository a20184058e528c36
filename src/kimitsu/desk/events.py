from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import OrgKind

EVENT_LABELS = {
    "desk_client.created": _("Client registered"),
    "desk_client.updated": _("Client updated"),
    "desk_client.linked": _("Client linked to its kimitsu workspace"),
    "desk_client.unlinked": _("Client unlinked from its kimitsu workspace"),
    "consultation.created": _("Consultation recorded"),
    "consultation.updated": _("Consultation updated"),
    "consultation.handed_over": _("Consultation handed over to another desk"),
    "consultation.received": _("Consultation received from another desk"),
    "consultation.imported": _("Consultations imported"),
    "engagement.created": _("Support engagement started"),
    "engagement.updated": _("Support engagement updated"),
    "visit.created": _("Visit recorded"),
    "seminar.created": _("Seminar recorded"),
    "seminar.updated": _("Seminar updated"),
    "seminar.imported": _("Seminars imported"),
    "desk_settings.updated": _("Desk settings updated"),
}

# The log's filter offers these groups in a desk's workspace only.
WORKSPACE_KINDS = (OrgKind.DESK,)

EVENT_GROUPS = {
    "desk_client": _("Desk clients"),
    "consultation": _("Consultations"),
    "engagement": _("Support engagements"),
    "visit": _("Visits"),
    "seminar": _("Seminars"),
    "desk_settings": _("Desk settings"),
}
