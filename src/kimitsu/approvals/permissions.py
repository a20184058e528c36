"""What each company role may do with requests under the handling rules (申請・承認).

- approvals.view: the requests one made and those one is named to decide.
- approvals.request: make a request (everyone who works with the information).
- approvals.all: every request of the company (the administrator and the auditor).
- approvals.decide_any: decide any request when the person the rule names cannot (the
  administrator); the page still says whom the rule names.
- approvals.settings: name the information management officer and the representative director.

Who decides one request is not a role: it is the person the rule names (services.can_decide).
"""

from kimitsu.organizations.choices import Role

VIEW = "approvals.view"
REQUEST = "approvals.request"
ALL = "approvals.all"
DECIDE_ANY = "approvals.decide_any"
SETTINGS = "approvals.settings"

ROLE_PERMISSIONS = {
    Role.ADMIN: {VIEW, REQUEST, ALL, DECIDE_ANY, SETTINGS},
    Role.MANAGER: {VIEW, REQUEST},
    Role.MEMBER: {VIEW, REQUEST},
    # The auditor reads every request (need-to-know still names the entries) and changes nothing.
    Role.AUDITOR: {VIEW, ALL},
}

# Roles whose members may be named to decide (an auditor or an outside advisor never is).
DECIDER_ROLES = (Role.ADMIN, Role.MANAGER, Role.MEMBER)
