"""Building blocks for the rules app's tests: real rows made through the services."""

import datetime as dt
import io

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kimitsu.rules import selectors, services


def approved_rules(org, actor=None):
    existing = selectors.rule_set_approved(org)
    if existing is not None and selectors.rule_set_draft(org) is None:
        return existing
    rule_set = services.rule_set_start(actor=actor, organization=org)
    return services.rule_set_approve(actor=actor, organization=org, rule_set=rule_set)


def draft_rules(org, actor=None):
    return services.rule_set_start(actor=actor, organization=org)


def draft_regulation(org, actor=None, **data):
    return selectors.regulation_draft(org) or services.regulation_create(
        actor=actor, organization=org, data=data
    )


def in_force_regulation(org, actor=None, effective_on=None, **data):
    current = selectors.regulation_in_force(org)
    if current is not None and not data:
        return current
    approved_rules(org, actor)
    reg = draft_regulation(org, actor, **data)
    return services.regulation_approve(
        actor=actor,
        organization=org,
        regulation=reg,
        effective_on=effective_on or timezone.localdate() - dt.timedelta(days=1),
    )


def sample_pdf(pages: int = 3, size=A4) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size)
    for i in range(pages):
        c.drawString(72, size[1] - 100, f"Sample page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()
