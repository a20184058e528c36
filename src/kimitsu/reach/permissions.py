"""Who manages the reminders and prints the personal sheets (merged by organizations.access)."""

from kimitsu.organizations.choices import Role

MANAGE = "reach.manage"  # reminder settings, what was sent, send now, QR sheets

ROLE_PERMISSIONS = {Role.ADMIN: {MANAGE}}
