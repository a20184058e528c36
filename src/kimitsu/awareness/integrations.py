"""Figures owned by other apps (register, pledges), read defensively.

Those apps are built in parallel: when an app or its selector is not there yet, the answer is None
and the page says so plainly (準備中) instead of inventing a figure."""

import logging

from django.apps import apps

log = logging.getLogger(__name__)


def _selector(app: str, name: str):
    if not apps.is_installed(f"kimitsu.{app}"):
        return None
    try:
        module = __import__(f"kimitsu.{app}.selectors", fromlist=[name])
    except ImportError:
        return None
    return getattr(module, name, None)


def register_counts(organization) -> dict | None:
    """{"total", "approved", "proposed", "reviews_due", "by_level"} or None."""
    fn = _selector("register", "register_counts")
    if fn is None:
        return None
    try:
        return fn(organization)
    except Exception:  # a half-built neighbour must not take the dashboard down
        log.exception("register_counts failed")
        return None


def level_names(organization) -> list[str]:
    fn = _selector("register", "levels_for")
    if fn is None:
        return []
    try:
        levels = fn(organization)
    except Exception:
        log.exception("levels_for failed")
        return []
    names = []
    for level in levels or []:
        name = (
            getattr(level, "name", None)
            or (level.get("name") if isinstance(level, dict) else None)
            or str(level)
        )
        names.append(str(name))
    return names


def pledge_counts(organization) -> dict | None:
    """{"missing": int, ...} from the pledges app, or None when it does not provide it."""
    fn = _selector("pledges", "pledge_counts")
    if fn is None:
        return None
    try:
        return fn(organization)
    except Exception:
        log.exception("pledge_counts failed")
        return None


def register_entries(organization) -> list[tuple[int, str]] | None:
    """(id, title) of register entries to link a decision to, or None without a register."""
    fn = _selector("register", "entry_choices")
    if fn is None:
        return None
    try:
        return [(int(pk), str(title)) for pk, title in fn(organization)]
    except Exception:
        log.exception("entry_choices failed")
        return None
