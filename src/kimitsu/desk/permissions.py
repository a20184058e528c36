"""Desk permissions (merged into the access choke point, organizations/access.py)."""

from kimitsu.organizations.choices import Role

VIEW = "desk.view"  # read everything of the desk, statistics and report
RECORD = "desk.record"  # record and update consultations
MANAGE = "desk.manage"  # clients, support engagements, seminars, hand-overs
ADMIN = "desk.admin"  # imports and settings

ROLE_PERMISSIONS = {
    Role.DESK_ADMIN: {VIEW, RECORD, MANAGE, ADMIN},
    Role.DESK_ADVISOR: {VIEW, RECORD, MANAGE},
    # Lawyers take consultations by reservation: they record them, the advisors run support.
    Role.LAWYER: {VIEW, RECORD},
}
