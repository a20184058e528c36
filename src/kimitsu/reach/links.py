"""Personal links: signed, single-use, expiring, bound to one person and one task.

The URL is ``/l/<token>/`` where the token is Django's signature (``signing.dumps``, salted
for this purpose) over the link's id and a random secret; the database keeps the secret's
SHA-256. A token tampered with fails the signature; a copied row has no secret; a link used
once, past its date, of a person who left, or of a task already done opens a page that says so
and changes nothing.
"""

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import PersonStatus

from .models import LINK_KINDS, PersonalLink, ReminderSettings, TaskKind

SALT = "kimitsu.reach.link"
DEFAULT_DAYS = 14


class LinkProblem:
    INVALID = _("This link is not valid. Check that it was copied whole, or ask for a new one.")
    EXPIRED = _("This link has expired. Ask the information manager for a new one.")
    USED = _("This link has already been used. What you did with it is recorded.")
    RETIRED = _("This link is no longer valid: the person it was made for has left the company.")
    DONE = _("There is nothing left to do with this link: the task is already done.")


@dataclass
class Resolved:
    link: PersonalLink | None
    problem: str = ""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def days_for(org) -> int:
    found = ReminderSettings.objects.filter(organization=org).values_list("link_days", flat=True)
    return found.first() or DEFAULT_DAYS


def issue(person, kind: str, object_id: int, *, actor=None, days: int | None = None) -> str:
    """A new link for the person's task; returns its absolute URL."""
    if kind not in LINK_KINDS:
        raise ValueError(f"no personal link for {kind}")
    secret = secrets.token_urlsafe(24)
    days = days or days_for(person.organization)
    link = PersonalLink(
        organization_id=person.organization_id,
        person=person,
        kind=kind,
        object_id=object_id,
        secret_hash=_hash(secret),
        expires_at=timezone.now() + dt.timedelta(days=days),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if kind == TaskKind.PLEDGE:
        from kimitsu.pledges.documents import render_document
        from kimitsu.pledges.models import Document

        document = Document.objects.select_related("template", "person", "partner").get(
            pk=object_id, organization_id=person.organization_id, person=person
        )
        data, _name = render_document(document, "pdf")
        link.document = data
        link.document_sha256 = hashlib.sha256(data).hexdigest()
    link.save()
    return url_for(link, secret)


def url_for(link: PersonalLink, secret: str) -> str:
    token = signing.dumps([link.pk, secret], salt=SALT, compress=True)
    return f"{settings.KIMITSU_BASE_URL.rstrip('/')}/l/{token}/"


def resolve(token: str) -> Resolved:
    """The link the token names, or why it cannot be used (nothing is changed here)."""
    try:
        pk, secret = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return Resolved(None, str(LinkProblem.INVALID))
    link = (
        PersonalLink.objects.select_related("person", "organization", "person__user")
        .filter(pk=pk)
        .first()
    )
    if link is None or not hmac.compare_digest(link.secret_hash, _hash(str(secret))):
        return Resolved(None, str(LinkProblem.INVALID))
    if link.person.organization_id != link.organization_id:
        return Resolved(None, str(LinkProblem.INVALID))
    if link.used_at is not None:
        return Resolved(link, str(LinkProblem.USED))
    if link.person.status == PersonStatus.LEFT:
        return Resolved(link, str(LinkProblem.RETIRED))
    if link.expires_at <= timezone.now():
        return Resolved(link, str(LinkProblem.EXPIRED))
    return Resolved(link)


def claim(link: PersonalLink) -> bool:
    """Mark the link used, once: True for the one request that gets to act on it."""
    with transaction.atomic():
        return bool(
            PersonalLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
                used_at=timezone.now()
            )
        )
