from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import OrgKind

EVENT_LABELS = {
    "reminders.sent": _("Reminders sent"),
    "reminders.settings_changed": _("Reminder settings changed"),
    "read_request.created": _("Everyone asked to read a document"),
    "read_request.acknowledged": _("Document read and confirmed"),
}

EVENT_GROUPS = {
    "reminders": _("Reminders"),
    "read_request": _("Documents to read"),
}

WORKSPACE_KINDS = (OrgKind.COMPANY,)
