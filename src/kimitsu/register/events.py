from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import OrgKind

EVENT_LABELS = {
    "register_level.created": _("Level added"),
    "register_level.updated": _("Level changed"),
    "register_level.deleted": _("Level deleted"),
    "register_entry.proposed": _("Register entry proposed"),
    "register_entry.updated": _("Register entry changed"),
    "register_entry.approved": _("Register entry approved"),
    "register_entry.returned": _("Register entry sent back"),
    "register_entry.rejected": _("Register entry rejected"),
    "register_entry.retired": _("Register entry retired"),
    "register_entry.classified": _("Register entry classified"),
    "register_entry.reviewed": _("Register entry reviewed"),
    "register_entry.viewed": _("Register entry viewed"),
    "register_entry.imported": _("Register entry imported"),
    "register_grant.added": _("Access granted"),
    "register_grant.revoked": _("Access revoked"),
    "register_import.completed": _("Register imported"),
    "register_export.downloaded": _("Register exported"),
    "register_settings.updated": _("Register settings changed"),
}
# The log's filter offers these groups in a company's workspace only.
WORKSPACE_KINDS = (OrgKind.COMPANY,)

EVENT_GROUPS = {
    "register_level": _("Register levels"),
    "register_entry": _("Register entries"),
    "register_grant": _("Register access"),
    "register_import": _("Register import"),
    "register_export": _("Register export"),
    "register_settings": _("Register settings"),
}
