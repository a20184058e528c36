"""Human labels for audit event types. Apps add their own types; unknown ones show their code."""

import functools
import importlib

from django.apps import apps
from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "auth.login": _("Logged in"),
    "auth.logout": _("Logged out"),
    "auth.login_failed": _("Failed log-in"),
    "auth.locked_out": _("Locked out"),
    "auth.otp_failed": _("Wrong two-factor code"),
    "auth.2fa_enabled": _("Two-factor authentication enabled"),
    "auth.2fa_disabled": _("Two-factor authentication disabled"),
    "auth.2fa_reset": _("Two-factor authentication reset"),
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


@functools.cache
def _app_labels() -> tuple[dict, dict]:
    """Apps describe their own event types in ``kimitsu/<app>/events.py`` with ``EVENT_LABELS``
    (event type -> label) and ``EVENT_GROUPS`` (prefix -> label)."""
    labels, groups = dict(EVENT_LABELS), dict(EVENT_GROUPS)
    for config in apps.get_app_configs():
        if not config.name.startswith("kimitsu.") or config.name == "kimitsu.audit":
            continue
        try:
            module = importlib.import_module(f"{config.name}.events")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.events":
                raise
            continue
        labels.update(getattr(module, "EVENT_LABELS", {}))
        groups.update(getattr(module, "EVENT_GROUPS", {}))
    return labels, groups


def label(event_type: str) -> str:
    return str(_app_labels()[0].get(event_type, event_type))


def groups() -> dict:
    return _app_labels()[1]
