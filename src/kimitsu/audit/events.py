"""Human labels for audit event types. Apps add their own types; unknown ones show their code."""

import functools
import importlib

from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import OrgKind

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

# The workspace kinds whose log a group belongs to (a group not listed: every kind's). A desk
# keeps no departments or people register. An app says it of all its groups at once with
# ``WORKSPACE_KINDS`` in its events.py.
GROUP_KINDS = {
    "department": (OrgKind.COMPANY,),
    "person": (OrgKind.COMPANY,),
}


@functools.cache
def _app_labels() -> tuple[dict, dict, dict]:
    """Apps describe their own event types in ``kimitsu/<app>/events.py`` with ``EVENT_LABELS``
    (event type -> label), ``EVENT_GROUPS`` (prefix -> label) and, when the app serves one kind
    of workspace only, ``WORKSPACE_KINDS``."""
    labels, groups, kinds = dict(EVENT_LABELS), dict(EVENT_GROUPS), dict(GROUP_KINDS)
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
        app_groups = getattr(module, "EVENT_GROUPS", {})
        groups.update(app_groups)
        app_kinds = getattr(module, "WORKSPACE_KINDS", None)
        if app_kinds is not None:
            kinds.update(dict.fromkeys(app_groups, tuple(app_kinds)))
    return labels, groups, kinds


def label(event_type: str) -> str:
    return str(_app_labels()[0].get(event_type, event_type))


@functools.cache
def _filter_groups(kind: str | None) -> dict[str, tuple]:
    """The groups of the log's filter: prefixes that share a label are one group (an app may
    file template and clause events both under 「誓約書の雛形」), named by its first prefix.
    Grouped by the untranslated label, so that a group is the same in every language."""
    _labels, groups, kinds = _app_labels()
    merged: dict[str, tuple] = {}
    by_label: dict[str, str] = {}
    with translation.override(None):
        for prefix, group_label in groups.items():
            if kind is not None and kind not in kinds.get(prefix, (kind,)):
                continue
            key = by_label.setdefault(str(group_label), prefix)
            if key == prefix:
                merged[key] = (group_label, (prefix,))
            else:
                merged[key] = (merged[key][0], (*merged[key][1], prefix))
    return merged


def groups(kind: str | None = None) -> dict:
    """Group -> label for the log's filter, each group once, only those of a workspace of
    ``kind`` (every group when None)."""
    return {key: group_label for key, (group_label, _p) in _filter_groups(kind).items()}


def group_prefixes(group: str) -> tuple[str, ...]:
    """The event type prefixes that a group of the filter stands for."""
    for key, (_label, prefixes) in _filter_groups(None).items():
        if group == key or group in prefixes:
            return prefixes
    return (group,)
