from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kimitsu.organizations.choices import OrgKind

EVENT_LABELS = {
    "rule_set.created": _("Draft of the handling rules started"),
    "rule_set.levels_added": _("Rules proposed for new levels"),
    "rule_set.approved": _("Handling rules approved"),
    "rule.updated": _("Handling rule edited"),
    "regulation.created": _("Draft of the regulation created"),
    "regulation.updated": _("Regulation settings changed"),
    "regulation.article_updated": _("Article of the regulation edited"),
    "regulation.article_reset": _("Article of the regulation reset"),
    "regulation.approved": _("Regulation approved"),
    "regulation.read_confirmed": _("Regulation read and confirmed"),
    "distribution.created": _("Stamped copy distributed"),
}

# The log's filter offers these groups in a company's workspace only.
WORKSPACE_KINDS = (OrgKind.COMPANY,)

EVENT_GROUPS = {
    "rule_set": pgettext_lazy("rules", "Handling rules"),
    "rule": pgettext_lazy("rules", "Handling rules"),
    "regulation": pgettext_lazy("rules", "Information management regulations"),
    "distribution": _("Distribution log"),
}
