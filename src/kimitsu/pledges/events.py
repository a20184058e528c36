from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import OrgKind

EVENT_LABELS = {
    "pledge_template.created": _("Template version created"),
    "pledge_template.adopted": _("Template version adopted"),
    "pledge_template.updated": _("Template version changed"),
    "pledge_clause.created": _("Clause added"),
    "pledge_clause.updated": _("Clause changed"),
    "pledge_clause.deleted": _("Clause removed"),
    "pledge_document.created": _("Document created"),
    "pledge_document.status_changed": _("Document status changed"),
    "pledge_document.scan_uploaded": _("Signed copy uploaded"),
    "pledge_document.signed_electronically": _("Signed electronically through a personal link"),
    "pledge_checklist.opened": _("Checklist opened"),
    "pledge_checklist.step_done": _("Checklist step done"),
    "pledge_checklist.completed": _("Checklist completed"),
    "pledge_checklist.item_added": _("Item to return listed"),
    "pledge_checklist.item_returned": _("Item returned"),
    "pledge_partner.created": _("Partner added"),
    "pledge_partner.updated": _("Partner changed"),
    "pledge_agreement.created": _("Agreement recorded"),
    "pledge_agreement.updated": _("Agreement changed"),
    "pledge_agreement.scan_uploaded": _("Signed agreement uploaded"),
    "pledge_disclosure.recorded": _("Disclosure recorded"),
    "pledge_disclosure.overridden": _("Disclosure recorded without an agreement"),
    "pledge_disclosure.approval_overridden": _(
        "Disclosure recorded without the approval the handling rules ask for"
    ),
    "pledge_disclosure.ended": _("Disclosed information returned or destroyed"),
    "pledge_received.linked": _("Received information linked to its source"),
}

# The log's filter offers these groups in a company's workspace only.
WORKSPACE_KINDS = (OrgKind.COMPANY,)

EVENT_GROUPS = {
    "pledge_template": _("Pledge templates"),
    "pledge_clause": _("Pledge templates"),
    "pledge_document": _("Pledges and NDAs"),
    "pledge_checklist": _("Joining and leaving"),
    "pledge_partner": _("Partners"),
    "pledge_agreement": _("Partners"),
    "pledge_disclosure": _("Disclosures"),
    "pledge_received": _("Disclosures"),
}
