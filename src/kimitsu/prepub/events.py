from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import OrgKind

EVENT_LABELS = {
    "prepub.checked": _("Draft checked before publication"),
    "prepub.decided": _("Decision on a draft for publication"),
}

EVENT_GROUPS = {
    "prepub": _("Pre-publication check"),
}

WORKSPACE_KINDS = (OrgKind.COMPANY,)
