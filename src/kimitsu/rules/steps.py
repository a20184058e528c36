"""Status of the seven steps this app owns (see kimitsu.core.steps), from real data."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kimitsu.core.dates import for_reader
from kimitsu.core.steps import DONE, IN_PROGRESS, NOT_STARTED

from . import selectors


def step3_status(organization, membership=None) -> dict:
    """Done when a version of the regulation is in force."""
    url = reverse("rules:regulation", kwargs={"org_slug": organization.slug})
    in_force = selectors.regulation_in_force(organization)
    if in_force is not None:
        evidence = [
            _("%(title)s version %(n)d in force since %(date)s")
            % {
                "title": in_force.title,
                "n": in_force.number,
                "date": for_reader(in_force.effective_on, organization),
            },
        ]
        readers = selectors.readers(organization, in_force)
        total = readers.count()
        if total:
            evidence.append(
                ngettext(
                    "%(read)d of %(total)d member confirmed reading it",
                    "%(read)d of %(total)d members confirmed reading it",
                    total,
                )
                % {"read": readers.filter(has_read=True).count(), "total": total}
            )
        draft = selectors.regulation_draft(organization)
        return {
            "status": DONE,
            "evidence": evidence,
            "url": url,
            "next_action": _("Approve the draft of the next version.") if draft else "",
        }
    draft = selectors.regulation_draft(organization)
    waiting = selectors.regulations(organization).filter(status="approved").first()
    if waiting is not None:
        return {
            "status": IN_PROGRESS,
            "url": url,
            "evidence": [
                _("Version %(n)d approved, in force from %(date)s")
                % {"n": waiting.number, "date": for_reader(waiting.effective_on, organization)}
            ],
            "next_action": _("It comes into force on its date."),
        }
    if draft is not None:
        articles = draft.articles.count()
        return {
            "status": IN_PROGRESS,
            "url": url,
            "evidence": [
                ngettext(
                    "Draft version %(n)d, %(count)d article",
                    "Draft version %(n)d, %(count)d articles",
                    articles,
                )
                % {"n": draft.number, "count": articles}
            ],
            "next_action": _("Review the articles and approve the regulation."),
        }
    return {
        "status": NOT_STARTED,
        "evidence": [],
        "url": url,
        "next_action": _("Prepare the information management regulations."),
    }


def step6_status(organization, membership=None) -> dict:
    """Done when approved rules cover every level in use in the register."""
    url = reverse("rules:matrix", kwargs={"org_slug": organization.slug})
    approved = selectors.rule_set_approved(organization)
    draft = selectors.rule_set_draft(organization)
    in_use = list(selectors.levels_in_use(organization))
    if approved is None:
        if draft is not None:
            return {
                "status": IN_PROGRESS,
                "url": url,
                "evidence": [_("Draft version %(n)d of the handling rules") % {"n": draft.number}],
                "next_action": _("Review the rules and approve them."),
            }
        return {
            "status": NOT_STARTED,
            "evidence": [],
            "url": url,
            "next_action": _("Set the handling rules for each level."),
        }
    evidence = [
        _("Handling rules version %(n)d approved on %(date)s by %(who)s")
        % {
            "n": approved.number,
            "date": for_reader(approved.approved_on, organization),
            "who": approved.approved_by_label,
        }
    ]
    missing = selectors.missing_levels(approved, in_use)
    if missing:
        return {
            "status": IN_PROGRESS,
            "url": url,
            "evidence": evidence,
            "next_action": _("Approve rules for the levels in use: %(levels)s")
            % {"levels": "、".join(lv.name for lv in missing)},
        }
    if in_use:
        evidence.append(
            _("Rules cover every level in use: %(levels)s")
            % {"levels": "、".join(lv.name for lv in in_use)}
        )
    else:
        evidence.append(_("No register entry is classified yet; the rules cover every level."))
    return {
        "status": DONE,
        "evidence": evidence,
        "url": url,
        "next_action": _("Approve the draft of the next version.") if draft else "",
    }
