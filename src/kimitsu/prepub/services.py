"""Checking a draft before it leaves the company, and deciding on it.

A check reads the draft (``extract``), looks for every check term of the company in each part
(``matching``) and records the version with its SHA-256 and its hits, in one audit event. The
draft itself is kept only when the user asks. A refused file (encrypted, damaged, scanned, too
large) raises ``DraftRefused`` before anything is written.
"""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.organizations.access import require
from kimitsu.register.models import Entry

from . import extract, selectors
from . import permissions as P
from .choices import Purpose, Verdict
from .models import CheckRequest, CheckVersion

MAX_STORED_HITS = 1000  # a draft that hits more is to be rewritten, not read hit by hit


def scan(organization, draft: extract.Draft) -> tuple[list[dict], int]:
    """Every hit of the company's check terms in the draft, in reading order, and the number
    of terms looked for."""
    matcher = selectors.matcher_for(organization)
    hits: list[dict] = []
    for part in draft.parts:
        for hit in matcher.find(part.text):
            kind, pk = hit.source
            hits.append(
                {
                    "source": kind,
                    "id": pk,
                    "term": hit.term,
                    "page": part.page,
                    "place": part.place,
                    "ref": part.ref,
                    "before": hit.before,
                    "matched": hit.matched,
                    "after": hit.after,
                }
            )
    return hits, matcher.term_count


def draft_input(*, upload=None, text: str = "") -> dict:
    """``check``'s draft arguments for an uploaded file (its size refused before it is read into
    memory) or a pasted text."""
    if upload is None:
        return {"text": text or ""}
    if upload.size > extract.max_bytes():
        raise extract.too_large()
    return {"filename": upload.name, "data": upload.read()}


def read_draft(*, filename: str = "", data: bytes | None = None, text: str = ""):
    """The draft and its bytes (a pasted text is checked as its UTF-8)."""
    if data is None:
        if not (text or "").strip():
            raise extract.DraftRefused(_("Choose a file or paste the text to check."))
        data = text.encode()
        return extract.read_text(text), data
    return extract.read(filename, data), data


def _entry_numbers(hits) -> list[str]:
    ids = {h["id"] for h in hits if h["source"] == selectors.ENTRY}
    return sorted(Entry.objects.filter(pk__in=ids).values_list("ledger_number", flat=True))


@transaction.atomic
def check(
    *,
    actor,
    membership,
    purpose: str,
    title: str = "",
    filename: str = "",
    data: bytes | None = None,
    text: str = "",
    keep: bool = False,
    request: CheckRequest | None = None,
) -> CheckVersion:
    """Check a draft: a new request, or (``request``) a corrected draft of an earlier one."""
    require(membership, P.CHECK)
    org = membership.organization
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Choose what the material is for.")})
    draft, data = read_draft(filename=filename, data=data, text=text)
    hits, term_count = scan(org, draft)
    if request is None:
        title = (title or "").strip() or filename or _("Pasted text")
        number = (
            CheckRequest.objects.filter(organization=org).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        request = CheckRequest(
            organization=org, number=number, title=title[:200], purpose=purpose, created_by=actor
        )
        request.full_clean()
        request.save()
    elif request.organization_id != org.pk:
        raise PermissionDenied
    sha256 = hashlib.sha256(data).hexdigest()
    version = CheckVersion(
        request=request,
        number=(request.versions.aggregate(n=Max("number"))["n"] or 0) + 1,
        filename=(filename or "")[:255],
        kind=draft.kind,
        sha256=sha256,
        size=len(data),
        pages=draft.pages,
        pages_without_text=draft.pages_without_text,
        terms_checked=term_count,
        hits=hits[:MAX_STORED_HITS],
        hit_count=len(hits),
        checked_by=actor,
    )
    if keep:
        version.file.save(sha256, ContentFile(data), save=False)
    version.save()
    entry_ids = {h["id"] for h in hits if h["source"] == selectors.ENTRY}
    version.entries.set(Entry.objects.filter(organization=org, pk__in=entry_ids))
    audit.record(
        event_type="prepub.checked",
        organization=org,
        actor=actor,
        obj=request,
        after=_check_summary(version, purpose=request.purpose, hits=hits),
    )
    return version


def _check_summary(version, *, purpose, hits) -> dict:
    """What the audit log keeps of a check: the draft's hash, never its words; the entries by
    number only (the log names no title)."""
    return {
        "version": version.number,
        "file": version.filename,
        "sha256": version.sha256,
        "purpose": purpose,
        "pages": version.pages,
        "terms_checked": version.terms_checked,
        "hits": len(hits),
        "entries": _entry_numbers(hits),
        "kept": bool(version.file),
    }


def record_command_check(*, organization, filename: str, data: bytes, purpose: str, hits, draft):
    """A check run by ``kimitsu prepub check`` (a publishing pipeline, a script): no request to
    decide on, but the same audit event."""
    with transaction.atomic():
        audit.record(
            event_type="prepub.checked",
            organization=organization,
            object_type="prepub.command",
            object_repr=filename[:300],
            after={
                "via": "command",
                "file": filename,
                "sha256": hashlib.sha256(data).hexdigest(),
                "purpose": purpose,
                "pages": draft.pages,
                "hits": len(hits),
                "entries": _entry_numbers(hits),
            },
        )


@transaction.atomic
def decide(*, actor, membership, request: CheckRequest, verdict: str, comment: str = ""):
    """Decide on the latest version: 公開可 / 修正のうえ公開可 / 公開不可, by an administrator or
    the custodian of an entry it hits. A refusal and a "once corrected" say why."""
    if request.organization_id != membership.organization_id:
        raise PermissionDenied
    request = CheckRequest.objects.select_for_update().get(pk=request.pk)
    version = selectors.latest_version(request)
    if not selectors.may_decide(membership, version):
        raise PermissionDenied
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Choose a decision.")})
    comment = (comment or "").strip()
    if verdict != Verdict.PUBLISH and not comment:
        raise ValidationError({"comment": _("Say what must change, or why it must not go out.")})
    before = {
        "verdict": request.verdict,
        "version": getattr(request.decided_version, "number", None),
    }
    request.verdict = verdict
    request.decision_comment = comment
    request.decided_version = version
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.full_clean()
    request.save()
    audit.record(
        event_type="prepub.decided",
        organization=request.organization,
        actor=actor,
        obj=request,
        before=before,
        after={
            "verdict": verdict,
            "version": version.number,
            "sha256": version.sha256,
            "comment": comment,
        },
    )
    return request
