"""Figures owned by other apps (register, pledges), read defensively.

Those apps are built in parallel: when an app or its selector is not there yet, the answer is None
and the page says so plainly (準備中) instead of inventing a figure."""

import logging

from django.apps import apps
from django.core.exceptions import PermissionDenied

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
        if getattr(level, "is_secret", True) is False:
            continue  # 公開/一般 is not a classification level of secrets
        name = (
            getattr(level, "name", None)
            or (level.get("name") if isinstance(level, dict) else None)
            or str(level)
        )
        names.append(str(name))
    return names


def pledge_counts(membership) -> dict | None:
    """{"missing": active staff without a signed pledge, "leavers_missing": leavers without an
    exit pledge}, as the acting member may see them; None without the pledges app."""
    without = _selector("pledges", "staff_without_pledge")
    leavers = _selector("pledges", "leavers_without_exit_pledge")
    if without is None:
        return None
    try:
        counts = {"missing": without(membership).count()}
        if leavers is not None:
            counts["leavers_missing"] = leavers(membership).count()
        return counts
    except PermissionDenied:
        return None
    except Exception:
        log.exception("pledge counts failed")
        return None


def register_entries(membership, limit: int = 500) -> list[tuple[int, str]] | None:
    """(id, "ledger number title") of the register entries the member may see, to link a
    decision to; None without a register."""
    fn = _selector("register", "entry_list")
    if fn is None:
        return None
    try:
        return [(e.pk, str(e)) for e in fn(membership).order_by("-id")[:limit]]
    except PermissionDenied:
        return None
    except Exception:
        log.exception("entry_list failed")
        return None
