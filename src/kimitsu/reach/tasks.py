"""The reminders' schedule: each morning the digests due, every few minutes the e-mails to retry."""

from huey.contrib.djhuey import db_task

from kimitsu.core.schedule import crontab, periodic


@db_task(retries=0)
def send_message_task(pk: int) -> str:
    from .reminders import deliver

    message = deliver(pk)
    return message.status if message else "gone"


@periodic("reminders.send", crontab(hour="8", minute="0"))
def send_reminders() -> str:
    from kimitsu.organizations.choices import OrgKind
    from kimitsu.organizations.models import Organization

    from .reminders import send

    messages = people = 0
    for org in Organization.objects.filter(kind=OrgKind.COMPANY).order_by("pk").iterator():
        outcome = send(org)
        messages += outcome.messages
        people += outcome.people
    return f"{messages} messages to {people} people"


@periodic("reminders.retry", crontab(minute="*/5"))
def retry_reminders() -> str:
    from .reminders import retry_due

    return f"{retry_due()} sent"
