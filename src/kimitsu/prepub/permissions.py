"""What each company role may do with the pre-publication check (merged by organizations.access).

Everyone who writes for the outside checks their drafts; an administrator decides on any of them,
and a custodian on those that hit the entries in their custody (``selectors.may_decide``). Which
requests a reader sees is ``selectors.request_list``.
"""

from kimitsu.organizations.choices import Role

VIEW = "prepub.view"
CHECK = "prepub.check"
DECIDE = "prepub.decide"
ALL = "prepub.all"  # sees every request of the company

ROLE_PERMISSIONS = {
    Role.ADMIN: {VIEW, CHECK, DECIDE, ALL},
    Role.MANAGER: {VIEW, CHECK, ALL},
    Role.MEMBER: {VIEW, CHECK},
    Role.AUDITOR: {VIEW, ALL},
}
