from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import OrgKind

EVENT_LABELS = {
    "evidence.recorded": _("Evidence recorded in the vault"),
    "evidence.pack_exported": _("Evidence pack exported"),
    "evidence.dossier_exported": _("Prior-use dossier exported"),
}

EVENT_GROUPS = {
    "evidence": _("Evidence vault"),
}

WORKSPACE_KINDS = (OrgKind.COMPANY,)
