"""The approvals' background work: the e-mails of a request, and the nightly note of late returns."""

from huey.contrib.djhuey import db_task

from kimitsu.core.schedule import crontab, periodic


@db_task(retries=2, retry_delay=60)
def notify_task(pk: int, what: str) -> str:
    from .notifications import send

    return f"{send(pk, what)} sent"


@periodic("approvals.overdue", crontab(hour="0", minute="20"))
def note_overdue_returns() -> str:
    """Each night, after the day has turned: every take-out whose return date has passed is noted
    once in the audit log (its requester's task and the reminders follow from the data)."""
    from kimitsu.organizations.choices import OrgKind
    from kimitsu.organizations.models import Organization

    from .services import mark_overdue

    noted = 0
    for org in Organization.objects.filter(kind=OrgKind.COMPANY).order_by("pk").iterator():
        noted += mark_overdue(organization=org)
    return f"{noted} overdue"
