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


def register_entry_label(request, membership, pk: int | None, stored: str) -> str:
    """The label a decision keeps of its register entry (「KM-00007 乾燥条件」), as need-to-know
    allows this reader: its number only (「KM-00007（閲覧権限のない項目）」) when the reader may not
    open the entry, or when there is no register to ask."""
    if pk is None or not stored:
        return stored
    number = stored.split(" ", 1)[0]
    try:
        from kimitsu.register.naming import mask_text, naming_for
    except ImportError:
        return number
    try:
        if naming_for(request, membership).can_open(pk):
            return stored
    except Exception:
        log.exception("register naming failed")
    return f"{number}{mask_text()}"


QUIZ_ACTIONS = ("send", "take_out", "generative_ai", "personal_device", "copy")


def handling_rules_for_quiz(organization, limit: int = 3) -> tuple[list, list]:
    """Approved handling rules to ask about: ([(level, action ja, action en, verdict code)],
    [(verdict code, ja, en)]); empty without the rules app or an approved rule set."""
    approved = _selector("rules", "rule_set_approved")
    if approved is None:
        return [], []
    try:
        from django.utils import translation

        from kimitsu.rules.choices import Action, Verdict

        rule_set = approved(organization)
        if rule_set is None:
            return [], []
        rules = [
            r
            for r in rule_set.rules.select_related("level").order_by("-level__rank", "id")
            if r.action in QUIZ_ACTIONS and getattr(r.level, "is_secret", True)
        ]
        labels = {}
        for lang in ("ja", "en"):
            with translation.override(lang):
                labels[lang] = (
                    {c: str(label) for c, label in Action.choices},
                    {c: str(label) for c, label in Verdict.choices},
                )
        picked, used_levels = [], set()
        for action in QUIZ_ACTIONS:
            candidates = [r for r in rules if r.action == action]
            if not candidates:
                continue
            # vary the levels asked about, so the answer is not always the strictest one
            rule = next((r for r in candidates if r.level_id not in used_levels), candidates[0])
            used_levels.add(rule.level_id)
            picked.append(
                (
                    rule.level.name,
                    labels["ja"][0][rule.action],
                    labels["en"][0][rule.action],
                    rule.verdict,
                )
            )
            if len(picked) >= limit:
                break
        verdicts = [(c, labels["ja"][1][c], labels["en"][1][c]) for c in Verdict.values]
        return picked, verdicts
    except Exception:
        log.exception("handling rules for the quiz failed")
        return [], []
