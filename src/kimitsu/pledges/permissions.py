"""What each company role may do with pledges, NDAs, joining/leaving and partners.

- pledges.templates: read the clause libraries; pledges.templates_manage: edit and adopt them.
- pledges.view: issued documents, joining and leaving checklists, the gap lists (a department
  manager sees the people of the subtree they manage).
- pledges.manage: issue documents, record signatures, upload scans, run the checklists.
- pledges.partners: read partners, agreements and the disclosure log;
  pledges.partners_manage: maintain partners and agreements.
- pledges.disclose: record a disclosure under an agreement in force;
  pledges.override: record one without an agreement, with a reason.
"""

from kimitsu.organizations.choices import Role

TEMPLATES = "pledges.templates"
TEMPLATES_MANAGE = "pledges.templates_manage"
VIEW = "pledges.view"
MANAGE = "pledges.manage"
PARTNERS = "pledges.partners"
PARTNERS_MANAGE = "pledges.partners_manage"
DISCLOSE = "pledges.disclose"
OVERRIDE = "pledges.override"

ROLE_PERMISSIONS = {
    Role.ADMIN: {
        TEMPLATES,
        TEMPLATES_MANAGE,
        VIEW,
        MANAGE,
        PARTNERS,
        PARTNERS_MANAGE,
        DISCLOSE,
        OVERRIDE,
    },
    Role.MANAGER: {TEMPLATES, VIEW, PARTNERS, DISCLOSE},
    Role.AUDITOR: {TEMPLATES, VIEW, PARTNERS},
    # The desk's advisor helps draft the templates; no people, no partners.
    Role.ADVISOR: {TEMPLATES},
}
