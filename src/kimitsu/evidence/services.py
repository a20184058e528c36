"""The evidence vault: recording a file (or only its hash), and re-checking a file later."""

import hashlib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.awareness import permissions as AP
from kimitsu.organizations.access import has_perm, require
from kimitsu.organizations.models import Organization
from kimitsu.register.selectors import entry_list
from kimitsu.timestamps import services as stamps
from kimitsu.timestamps.models import Kind

from . import permissions as P
from .models import Record

SHA256 = re.compile(r"^[0-9a-f]{64}$")


def hash_upload(upload) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return digest.hexdigest(), size


def clean_sha256(value: str) -> str:
    value = (value or "").strip().lower().replace(" ", "")
    if not SHA256.match(value):
        raise ValidationError({"sha256": _("A SHA-256 is 64 hexadecimal characters (0-9, a-f).")})
    return value


@transaction.atomic
def record_create(
    *,
    actor,
    membership,
    title: str,
    kind: str,
    description: str = "",
    upload=None,
    sha256: str = "",
    filename: str = "",
    size: int | None = None,
    keep: bool = False,
    entries=(),
    decision=None,
) -> Record:
    """A vault record: the file's SHA-256 stamped by the TSA (once this transaction commits),
    the file kept only with ``keep``. Entries must be ones the actor may open."""
    require(membership, P.ADD)
    org = membership.organization
    Organization.objects.select_for_update().filter(pk=org.pk).first()  # numbers in order
    if upload is not None:
        sha256, size = hash_upload(upload)
        filename = filename or upload.name
    else:
        sha256 = clean_sha256(sha256)
        keep = False
    entries = list(entries)
    if entries:
        visible = set(
            entry_list(membership)
            .filter(pk__in=[e.pk for e in entries])
            .values_list("pk", flat=True)
        )
        if len(visible) != len({e.pk for e in entries}):
            raise ValidationError({"entries": _("Choose register entries you may open.")})
    if decision is not None and (
        decision.organization_id != org.pk or not has_perm(membership, AP.DECISION_VIEW)
    ):
        raise ValidationError({"decision": _("Choose a decision of this workspace.")})
    number = (Record.objects.filter(organization=org).aggregate(n=Max("number"))["n"] or 0) + 1
    code = f"EV-{number:05d}"
    stamp = stamps.request(organization=org, kind=Kind.VAULT, sha256=sha256, label=code)
    record = Record(
        organization=org,
        number=number,
        title=title,
        kind=kind,
        description=description,
        sha256=sha256,
        filename=(filename or "")[:255],
        size=size,
        decision=decision,
        timestamp=stamp,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record.full_clean(exclude=["timestamp", "file"])
    if keep and upload is not None:
        record.file.save(sha256, ContentFile(upload.read()), save=False)
    record.save()
    stamp.object_type, stamp.object_id = "evidence.record", str(record.pk)
    stamp.save(update_fields=["object_type", "object_id"])
    if entries:
        record.entries.set(entries)
    audit.record(
        event_type="evidence.recorded",
        organization=org,
        actor=actor,
        obj=record,
        object_repr=code,
        after={
            "number": code,
            "kind": kind,
            "sha256": sha256,
            "filename": record.filename,
            "size": size,
            "kept": record.kept,
            "entries": [e.ledger_number for e in sorted(entries, key=lambda e: e.ledger_number)],
            "decision": decision.pk if decision else None,
        },
    )
    return record


@dataclass
class Recheck:
    matches: bool
    sha256: str
    size: int
    records: list  # the visible records stamped over this hash


def recheck(record: Record, upload) -> Recheck:
    """Is this file byte for byte the one stamped for the record?"""
    sha256, size = hash_upload(upload)
    return Recheck(
        sha256 == record.sha256, sha256, size, [record] if sha256 == record.sha256 else []
    )


def find_by_file(records, upload) -> Recheck:
    """The records (of those given, i.e. those the reader sees) stamped over this file."""
    sha256, size = hash_upload(upload)
    found = list(records.filter(sha256=sha256).order_by("number"))
    return Recheck(bool(found), sha256, size, found)
