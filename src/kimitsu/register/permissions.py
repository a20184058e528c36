"""What each company role may do in the register (merged by organizations.access).

- register.view: the overview with counts (an external advisor sees counts, never entries).
- register.entries: read entries (subject to need-to-know, see selectors.entry_list).
- register.propose: propose an entry (提案).
- register.manage: approve, classify, grant, review and retire (a manager within the department
  subtree they manage).
- register.levels: configure the levels (格付け).
- register.import / register.export: Excel and CSV.
"""

from kimitsu.organizations.choices import Role

VIEW = "register.view"
ENTRIES = "register.entries"
PROPOSE = "register.propose"
MANAGE = "register.manage"
LEVELS = "register.levels"
IMPORT = "register.import"
EXPORT = "register.export"
ACCESS_VIEW = "register.access_view"

ROLE_PERMISSIONS = {
    Role.ADMIN: {VIEW, ENTRIES, PROPOSE, MANAGE, LEVELS, IMPORT, EXPORT, ACCESS_VIEW},
    Role.MANAGER: {VIEW, ENTRIES, PROPOSE, MANAGE, EXPORT, ACCESS_VIEW},
    Role.MEMBER: {VIEW, ENTRIES, PROPOSE},
    # The auditor reads (need-to-know decides which entries, as for employees) and changes nothing.
    Role.AUDITOR: {VIEW, ENTRIES, EXPORT, ACCESS_VIEW},
    Role.ADVISOR: {VIEW},
}
