"""Human labels for audit event types. Apps add their own types; unknown ones show their code."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "auth.login": _("Logged in"),
    "auth.logout": _("Logged out"),
    "auth.login_failed": _("Failed log-in"),
    "auth.locked_out": _("Locked out"),
    "auth.otp_failed": _("Wrong two-factor code"),
    "auth.2fa_enabled": _("Two-factor authentication enabled"),
    "auth.2fa_disabled": _("Two-factor authentication disabled"),
    "auth.api_token_created": _("API token created"),
    "organization.created": _("Workspace created"),
    "organization.updated": _("Profile changed"),
    "department.created": _("Department added"),
    "department.updated": _("Department changed"),
    "department.deleted": _("Department deleted"),
    "person.created": _("Person added"),
    "person.updated": _("Person changed"),
    "person.status_changed": _("Person's status changed"),
    "membership.created": _("Member added"),
    "membership.updated": _("Member's role changed"),
    "invitation.created": _("Invitation sent"),
    "invitation.accepted": _("Invitation accepted"),
    "invitation.revoked": _("Invitation withdrawn"),
}

EVENT_GROUPS = {
    "auth": _("Log-in and security"),
    "organization": _("Profile"),
    "department": _("Departments"),
    "person": _("People"),
    "membership": _("Members"),
    "invitation": _("Invitations"),
}


def label(event_type: str) -> str:
    return str(EVENT_LABELS.get(event_type, event_type))
