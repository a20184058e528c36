"""E-mails about a request: to the people named to decide it, and to the requester once decided.

They name entries by ledger number and level only — an e-mail is read outside kimitsu, and an
approver may be someone who may not open the entry — and each says where to open the request."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import ApprovalRequest

log = logging.getLogger(__name__)


def _language(user) -> str:
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def send(pk: int, what: str) -> int:
    request = (
        ApprovalRequest.objects.filter(pk=pk)
        .select_related("organization", "requested_by", "decided_by")
        .first()
    )
    if request is None:
        return 0
    if what == "requested":
        recipients = list(request.approvers.all())
        template = "approvals/email_requested"
    else:
        recipients = [request.requested_by] if request.requested_by_id else []
        template = "approvals/email_decided"
    url = settings.KIMITSU_BASE_URL.rstrip("/") + reverse(
        "approvals:request", kwargs={"org_slug": request.organization.slug, "pk": request.pk}
    )
    entries = [
        (e.ledger_number, e.level.name if e.level_id else "")
        for e in request.entries.select_related("level").order_by("ledger_number")
    ]
    sent = 0
    for user in recipients:
        if not user.email:
            continue
        with translation.override(_language(user)):
            context = {"request": request, "entries": entries, "url": url, "user": user}
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}.txt", context)
        EmailMessage(subject[:200], body, to=[user.email]).send()
        sent += 1
    return sent
