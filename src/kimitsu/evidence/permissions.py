"""What each company role may do with the evidence vault (merged by organizations.access).

Everyone who works on secrets may put evidence in the vault — a researcher stamps the page of
their lab notebook the day it is written; only the administrator and the auditor take the whole
evidence pack out. Which records a reader sees follows the entries they are linked to
(``selectors.record_list``).
"""

from kimitsu.organizations.choices import Role

VIEW = "evidence.view"
ADD = "evidence.add"
PACK = "evidence.pack"

ROLE_PERMISSIONS = {
    Role.ADMIN: {VIEW, ADD, PACK},
    Role.MANAGER: {VIEW, ADD},
    Role.MEMBER: {VIEW, ADD},
    Role.AUDITOR: {VIEW, PACK},
}
