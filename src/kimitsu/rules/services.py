"""State changes of handling rules, regulations, read confirmations and distribution records.

Every function is keyword-only and atomic, and writes its audit event in the same transaction.
``membership`` is the acting membership (its permission is checked); the command line passes
``organization`` and no membership, as the operator of the installation.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.core.dates import for_document
from kimitsu.core.text import addressee
from kimitsu.core.validators import check_fields
from kimitsu.organizations.access import require
from kimitsu.organizations.services import snapshot
from kimitsu.register import services as register_services

from . import permissions as P
from . import selectors
from .choices import Action, RegulationStatus, RuleSetStatus, Verdict
from .clauses import CHAPTER_OF, CHAPTERS, DEFAULT_OPTIONS, OPTIONS, generate
from .defaults import default_rule
from .documents import build_context, level_profile
from .models import (
    Distribution,
    HandlingRule,
    ReadConfirmation,
    Regulation,
    RegulationArticle,
    RuleSet,
)
from .stamping import StampError, new_trace_code, stamp_pdf

RULE_FIELDS = ["verdict", "approver", "condition", "note", "objective"]
REGULATION_FIELDS = [
    "title",
    "options",
    "officer_post",
    "officer_name",
    "manager_post",
    "approving_body",
    "marking_level",
    "note",
]


def _org(membership, organization, perm):
    if membership is not None:
        require(membership, perm)
        return membership.organization
    if organization is None:
        raise PermissionDenied
    return organization


def _label(actor) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return getattr(actor, "display_name", "") or actor.email
    return _("command line")


def _actor(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


# --- handling rules ---------------------------------------------------------------------------


def _levels(org, actor):
    levels = list(selectors.levels(org))
    if not levels:
        levels = register_services.levels_ensure_defaults(organization=org, actor=_actor(actor))
    return levels


def _fill_missing_cells(rule_set: RuleSet, levels) -> int:
    have = set(rule_set.rules.values_list("level_id", "action"))
    new = []
    for level in levels:
        profile = level_profile(level, levels)
        for action in Action.values:
            if (level.pk, action) in have:
                continue
            cell = default_rule(profile, action, name=level.name, mark=level.marking_text)
            new.append(HandlingRule(rule_set=rule_set, level=level, action=action, **cell))
    HandlingRule.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def rule_set_start(*, actor, membership=None, organization=None) -> RuleSet:
    """The draft to work on: the existing one, or a new version copied from the approved rules
    (or from kimitsu's proposal for the company's levels when there are none yet)."""
    org = _org(membership, organization, P.MANAGE)
    draft = selectors.rule_set_draft(org)
    if draft is not None:
        return draft
    levels = _levels(org, actor)
    approved = selectors.rule_set_approved(org)
    last = selectors.rule_sets(org).first()
    rule_set = RuleSet.objects.create(
        organization=org, number=(last.number + 1) if last else 1, created_by=_actor(actor)
    )
    if approved is not None:
        HandlingRule.objects.bulk_create(
            HandlingRule(
                rule_set=rule_set,
                level_id=r.level_id,
                action=r.action,
                **{f: getattr(r, f) for f in RULE_FIELDS},
            )
            for r in approved.rules.all()
        )
    added = _fill_missing_cells(rule_set, levels)
    audit.record(
        event_type="rule_set.created",
        organization=org,
        actor=actor,
        obj=rule_set,
        after={
            "number": rule_set.number,
            "copied_from": approved.number if approved else None,
            "proposed_cells": added,
        },
    )
    return rule_set


@transaction.atomic
def rule_set_sync_levels(*, actor, membership=None, organization=None, rule_set) -> int:
    """Add kimitsu's proposal for levels created since the draft was started."""
    org = _org(membership, organization, P.MANAGE)
    if rule_set.organization_id != org.pk or rule_set.status != RuleSetStatus.DRAFT:
        raise PermissionDenied
    added = _fill_missing_cells(rule_set, list(selectors.levels(org)))
    if added:
        audit.record(
            event_type="rule_set.levels_added",
            organization=org,
            actor=actor,
            obj=rule_set,
            after={"proposed_cells": added},
        )
    return added


def _clean_rule(rule: HandlingRule):
    errors = {}
    if rule.verdict == Verdict.APPROVAL and not rule.approver:
        errors["approver"] = _("Say who approves.")
    if rule.verdict == Verdict.CONDITIONAL and not rule.condition.strip():
        errors["condition"] = _("Write the condition.")
    if rule.verdict != Verdict.APPROVAL:
        rule.approver = ""
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def rule_update(
    *, actor, membership=None, organization=None, rule: HandlingRule, data: dict
) -> HandlingRule:
    org = _org(membership, organization, P.MANAGE)
    rule_set = RuleSet.objects.select_for_update().get(pk=rule.rule_set_id)
    if rule_set.organization_id != org.pk:
        raise PermissionDenied
    if rule_set.status != RuleSetStatus.DRAFT:
        raise ValidationError(_("Only a draft can be edited; start a new version first."))
    before = snapshot(rule, RULE_FIELDS)
    for key in RULE_FIELDS:
        if key in data:
            value = data[key]
            setattr(rule, key, value.strip() if isinstance(value, str) else value)
    _clean_rule(rule)
    rule.full_clean(exclude=["rule_set", "level"])
    rule.save()
    b, a = audit.diff(before, snapshot(rule, RULE_FIELDS))
    if a:
        audit.record(
            event_type="rule.updated",
            organization=org,
            actor=actor,
            obj=rule,
            object_repr=f"{rule_set} {rule.level.name} / {rule.get_action_display()}",
            before=b,
            after=a,
        )
    return rule


@transaction.atomic
def rule_set_approve(
    *,
    actor,
    membership=None,
    organization=None,
    rule_set: RuleSet,
    approved_on: dt.date | None = None,
    note: str = "",
) -> RuleSet:
    org = _org(membership, organization, P.MANAGE)
    rule_set = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
    if rule_set.organization_id != org.pk:
        raise PermissionDenied
    if rule_set.status != RuleSetStatus.DRAFT:
        raise ValidationError(_("This version is not a draft."))
    missing = selectors.missing_levels(rule_set, selectors.levels(org))
    if missing:
        raise ValidationError(
            _("Rules are missing for: %(levels)s.") % {"levels": "、".join(m.name for m in missing)}
        )
    previous = selectors.rule_set_approved(org)
    if previous is not None:
        previous.status = RuleSetStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    rule_set.status = RuleSetStatus.APPROVED
    rule_set.approved_by = _actor(actor)
    rule_set.approved_by_label = _label(actor)
    rule_set.approved_on = approved_on or timezone.localdate()
    if note:
        rule_set.note = note[:300]
    check_fields(rule_set, "approved_on", "note")
    rule_set.save()
    audit.record(
        event_type="rule_set.approved",
        organization=org,
        actor=actor,
        obj=rule_set,
        before={"status": RuleSetStatus.DRAFT},
        after={
            "status": RuleSetStatus.APPROVED,
            "approved_on": rule_set.approved_on,
            "approved_by": rule_set.approved_by_label,
            "supersedes": previous.number if previous else None,
        },
    )
    return rule_set


# --- regulations ------------------------------------------------------------------------------


def default_marking_level(org):
    levels = [lv for lv in selectors.levels(org) if lv.is_secret]
    for level in levels:
        if level.name == "社外秘":
            return level
    return levels[-1] if levels else None


def _write_articles(reg: Regulation, keep_edited: dict[str, RegulationArticle]) -> None:
    """(Re)write the articles of a draft from the library; articles the company edited keep
    their wording."""
    ctx = build_context(reg)
    generated = generate(ctx)
    wanted = {a.key for a, _lines in generated}
    reg.articles.exclude(key__in=wanted).delete()
    existing = {a.key: a for a in reg.articles.all()}
    for position, (article, lines) in enumerate(generated, start=1):
        row = existing.get(article.key) or RegulationArticle(regulation=reg, key=article.key)
        previous = keep_edited.get(article.key)
        row.position = position
        row.chapter = CHAPTER_OF[article.key]
        row.chapter_title = CHAPTERS[row.chapter - 1].title
        if previous is not None and previous.edited:
            row.title, row.body, row.edited = previous.title, previous.body, True
        elif not row.edited:
            row.title, row.body = article.title, "\n".join(lines)
        row.save()


@transaction.atomic
def regulation_create(*, actor, membership=None, organization=None, data=None) -> Regulation:
    """A new draft: the settings and the edited wording of the latest version carry over."""
    org = _org(membership, organization, P.MANAGE)
    if selectors.regulation_draft(org) is not None:
        raise ValidationError(_("A draft already exists; edit it or approve it first."))
    _levels(org, actor)
    last = selectors.regulations(org).first()
    reg = Regulation(
        organization=org, number=(last.number + 1) if last else 1, created_by=_actor(actor)
    )
    carried = {}
    if last is not None:
        for field in REGULATION_FIELDS:
            setattr(reg, field, getattr(last, field))
        carried = {a.key: a for a in last.articles.all()}
    else:
        reg.options = dict(DEFAULT_OPTIONS)
        reg.marking_level = default_marking_level(org)
    for key, value in (data or {}).items():
        if key in REGULATION_FIELDS:
            setattr(reg, key, value)
    reg.options = {k: bool(reg.options.get(k)) for k in OPTIONS}
    reg.full_clean(exclude=["rule_set"])
    reg.save()
    _write_articles(reg, carried)
    audit.record(
        event_type="regulation.created",
        organization=org,
        actor=actor,
        obj=reg,
        after={**snapshot(reg, REGULATION_FIELDS), "number": reg.number},
    )
    return reg


def _check_draft(org, reg):
    if reg.organization_id != org.pk:
        raise PermissionDenied
    if reg.status != RegulationStatus.DRAFT:
        raise ValidationError(_("Only a draft can be edited; start a new version first."))


@transaction.atomic
def regulation_update(
    *, actor, membership=None, organization=None, regulation: Regulation, data: dict
) -> Regulation:
    org = _org(membership, organization, P.MANAGE)
    reg = Regulation.objects.select_for_update().get(pk=regulation.pk)
    _check_draft(org, reg)
    before = snapshot(reg, REGULATION_FIELDS)
    for key in REGULATION_FIELDS:
        if key in data:
            setattr(reg, key, data[key])
    reg.options = {k: bool((reg.options or {}).get(k)) for k in OPTIONS}
    if reg.marking_level_id and reg.marking_level.organization_id != org.pk:
        raise ValidationError({"marking_level": _("Choose a level of this company.")})
    reg.full_clean(exclude=["rule_set"])
    reg.save()
    _write_articles(reg, {})
    b, a = audit.diff(before, snapshot(reg, REGULATION_FIELDS))
    if a:
        audit.record(
            event_type="regulation.updated",
            organization=org,
            actor=actor,
            obj=reg,
            before=b,
            after=a,
        )
    return reg


PLACEHOLDER_MARKS = ("○○", "〇〇", "××", "＿＿", "__", "{", "}", "[要記入]", "TODO")


@transaction.atomic
def article_update(
    *, actor, membership=None, organization=None, article: RegulationArticle, title: str, body: str
) -> RegulationArticle:
    org = _org(membership, organization, P.MANAGE)
    _check_draft(org, article.regulation)
    title, body = (
        (title or "").strip(),
        "\n".join(line.rstrip() for line in (body or "").strip().splitlines()),
    )
    errors = {}
    if not title:
        errors["title"] = _("Write the heading.")
    if not body:
        errors["body"] = _("Write the wording of the article.")
    found = [m for m in PLACEHOLDER_MARKS if m in body or m in title]
    if found:
        errors["body"] = _("Replace the placeholder %(mark)s with the real wording.") % {
            "mark": found[0]
        }
    if errors:
        raise ValidationError(errors)
    before = {"title": article.title, "body": article.body}
    article.title, article.body, article.edited = title, body, True
    check_fields(article, "title", "body")
    article.save()
    b, a = audit.diff(before, {"title": title, "body": body})
    if a:
        audit.record(
            event_type="regulation.article_updated",
            organization=org,
            actor=actor,
            obj=article.regulation,
            object_repr=f"{article.regulation} {article}",
            before=b,
            after=a,
        )
    return article


@transaction.atomic
def article_reset(
    *, actor, membership=None, organization=None, article: RegulationArticle
) -> RegulationArticle:
    """Back to kimitsu's wording for the company's current settings."""
    org = _org(membership, organization, P.MANAGE)
    reg = article.regulation
    _check_draft(org, reg)
    before = {"title": article.title, "body": article.body}
    article.edited = False
    article.save(update_fields=["edited"])
    _write_articles(reg, {})
    article.refresh_from_db()
    audit.record(
        event_type="regulation.article_reset",
        organization=org,
        actor=actor,
        obj=reg,
        object_repr=f"{reg} {article}",
        before=before,
        after={"title": article.title, "body": article.body},
    )
    return article


@transaction.atomic
def regulation_approve(
    *,
    actor,
    membership=None,
    organization=None,
    regulation: Regulation,
    effective_on: dt.date,
    approved_on: dt.date | None = None,
) -> Regulation:
    """Approve a draft; it comes into force on ``effective_on`` (today or later, or a past date
    when recording a regulation that was already approved on paper)."""
    org = _org(membership, organization, P.MANAGE)
    reg = Regulation.objects.select_for_update().get(pk=regulation.pk)
    if reg.organization_id != org.pk:
        raise PermissionDenied
    if reg.status != RegulationStatus.DRAFT:
        raise ValidationError(_("This version is not a draft."))
    if effective_on is None:
        raise ValidationError({"effective_on": _("Give the date it comes into force.")})
    approved_on = approved_on or timezone.localdate()
    # the dates' range first: a year 0001 has no year before it to compare with
    reg.approved_on, reg.effective_on = approved_on, effective_on
    check_fields(reg, "approved_on", "effective_on")
    if effective_on < approved_on - dt.timedelta(days=366):
        raise ValidationError(
            {"effective_on": _("The date it comes into force is more than a year ago.")}
        )
    rules = selectors.rule_set_approved(org)
    if rules is None:
        raise ValidationError(
            _("Approve the handling rules first: they are the annex of the regulation.")
        )
    if not reg.articles.exists():
        raise ValidationError(_("The regulation has no article."))
    reg.status = RegulationStatus.APPROVED
    reg.approved_by = _actor(actor)
    reg.approved_by_label = _label(actor)
    reg.rule_set = rules
    reg.save()
    # An approved version still waiting for its date is replaced by this one.
    waiting = (
        selectors.regulations(org)
        .filter(status=RegulationStatus.APPROVED, effective_on__gt=timezone.localdate())
        .exclude(pk=reg.pk)
    )
    for old in waiting:
        old.status = RegulationStatus.SUPERSEDED
        old.save(update_fields=["status"])
    audit.record(
        event_type="regulation.approved",
        organization=org,
        actor=actor,
        obj=reg,
        before={"status": RegulationStatus.DRAFT},
        after={
            "status": RegulationStatus.APPROVED,
            "approved_on": approved_on,
            "effective_on": effective_on,
            "approved_by": reg.approved_by_label,
            "rule_set": rules.number,
        },
    )
    return reg


@transaction.atomic
def regulation_confirm_read(*, actor, membership, regulation: Regulation) -> ReadConfirmation:
    require(membership, P.CONFIRM)
    org = membership.organization
    in_force = selectors.regulation_in_force(org)
    if in_force is None or regulation.pk != in_force.pk:
        raise ValidationError(_("Only the version in force can be confirmed."))
    existing = selectors.has_confirmed(regulation, actor)
    if existing is not None:
        return existing
    person = membership.person
    if (
        person is not None
        and ReadConfirmation.objects.filter(regulation=regulation, person=person).exists()
    ):
        person = None  # confirmed already through a personal link: the log-in adds its own
    confirmation = ReadConfirmation.objects.create(
        regulation=regulation, user=actor, person=person, confirmed_at=timezone.now()
    )
    audit.record(
        event_type="regulation.read_confirmed",
        organization=org,
        actor=actor,
        obj=regulation,
        after={"user": actor.email, "number": regulation.number},
    )
    return confirmation


# --- marking ----------------------------------------------------------------------------------


def max_upload_bytes() -> int:
    return int(getattr(settings, "KIMITSU_MAX_UPLOAD_MB", 20)) * 1024 * 1024


@transaction.atomic
def distribution_stamp(
    *,
    actor,
    membership=None,
    organization=None,
    data: bytes,
    filename: str,
    level,
    recipient: str = "",
    watermark: bool = False,
    entry=None,
    keep_file: bool = False,
    today: dt.date | None = None,
):
    """Stamp a PDF with the level's marking and record the copy (配布記録).
    Returns (distribution, stamped bytes); raises ValidationError for a PDF that cannot be used."""
    org = _org(membership, organization, P.MARK)
    if level is None or level.organization_id != org.pk:
        raise ValidationError({"level": _("Choose a level of this company.")})
    if entry is not None and entry.organization_id != org.pk:
        raise ValidationError({"entry": _("Choose an entry of this company's register.")})
    recipient = (recipient or "").strip()
    if watermark and not recipient:
        raise ValidationError({"recipient": _("A watermark names the recipient; enter it.")})
    code = new_trace_code()
    while Distribution.objects.filter(trace_code=code).exists():
        code = new_trace_code()
    now = timezone.now()
    day = today or timezone.localdate()
    marking = level.marking_text or level.name
    # a document's date (令和8年12月2日 when the company writes the era); 様 or 御中 once
    lines = [addressee(recipient), for_document(day, org), code] if watermark else None
    try:
        stamped, pages = stamp_pdf(
            data,
            marking=marking,
            watermark=lines,
            footer_note=f"配布番号 {code}",
            max_bytes=max_upload_bytes(),
        )
    except StampError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    record = Distribution(
        organization=org,
        trace_code=code,
        entry=entry,
        level=level,
        level_name=level.name,
        marking_text=marking,
        recipient=recipient[:200],
        watermark=bool(watermark),
        source_name=(filename or "document.pdf")[:255],
        page_count=pages,
        sha256=hashlib.sha256(stamped).hexdigest(),
        created_by=_actor(actor),
        created_by_label=_label(actor),
        created_at=now,
    )
    if keep_file:
        record.stamped_file.save(f"{code}.pdf", ContentFile(stamped), save=False)
    record.save()
    audit.record(
        event_type="distribution.created",
        organization=org,
        actor=actor,
        obj=record,
        after={
            "trace_code": code,
            "level": level.name,
            "recipient": record.recipient,
            "entry": entry.ledger_number if entry else None,
            "pages": pages,
            "sha256": record.sha256,
            "kept": bool(keep_file),
        },
    )
    return record, stamped
