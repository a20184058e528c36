from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import OrgKind

EVENT_LABELS = {
    "approvals.requested": _("Request made under the handling rules"),
    "approvals.confirmed": _("Conditions of the handling rules confirmed"),
    "approvals.approved": _("Request approved"),
    "approvals.refused": _("Request refused"),
    "approvals.withdrawn": _("Request withdrawn"),
    "approvals.returned": _("Taken-out information returned"),
    "approvals.return_overdue": _("Return overdue"),
    "approvals.settings_changed": _("Approvers named"),
}

EVENT_GROUPS = {
    "approvals": _("Requests and approvals"),
}

WORKSPACE_KINDS = (OrgKind.COMPANY,)
