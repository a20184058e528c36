"""What each company role may do with handling rules, the regulation and markings.

- rules.view: the employee page "what may I do with…", the matrix, the regulation in force.
- rules.versions: every version of the rules and the regulation, drafts included, and diffs.
- rules.manage: edit and approve the rules and the regulation (the administrator).
- rules.confirm: confirm having read the regulation in force (employees with an account).
- rules.readers: see who has and has not confirmed.
- rules.mark: stamp a PDF with a level's marking (creates a distribution record).
- rules.distributions: the distribution log (配布記録) and the trace-code lookup.
"""

from kimitsu.organizations.choices import Role

VIEW = "rules.view"
VERSIONS = "rules.versions"
MANAGE = "rules.manage"
CONFIRM = "rules.confirm"
READERS = "rules.readers"
MARK = "rules.mark"
DISTRIBUTIONS = "rules.distributions"

ROLE_PERMISSIONS = {
    Role.ADMIN: {VIEW, VERSIONS, MANAGE, CONFIRM, READERS, MARK, DISTRIBUTIONS},
    Role.MANAGER: {VIEW, VERSIONS, CONFIRM, MARK, DISTRIBUTIONS},
    Role.MEMBER: {VIEW, CONFIRM},
    Role.AUDITOR: {VIEW, VERSIONS, CONFIRM, READERS, DISTRIBUTIONS},
    # A desk advisor invited by the company helps draft the rules and the regulation.
    Role.ADVISOR: {VIEW, VERSIONS},
}

# Roles whose members are expected to confirm having read the regulation in force.
READER_ROLES = [Role.ADMIN, Role.MANAGER, Role.MEMBER, Role.AUDITOR]
