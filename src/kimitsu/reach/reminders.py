"""E-mail reminders: one digest per person of their open tasks, each with its personal link.

``plan(org)`` decides who gets what today (the workspace's settings: the first reminder some days
after a task appears, then at most every ``repeat_days``; quiet periods such as 年末年始 send
nothing; after ``escalate_after_days`` the department's manager hears of it too); ``send`` makes
the links and queues one message per recipient. A message is sent by the task queue and retried
(1, 5, 30 minutes); after the last try it is shown as failed on the reminders page — never
dropped. ``now=True`` (the page's 「今すぐ送信」, ``--now``) ignores the schedule.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kimitsu.audit import services as audit
from kimitsu.organizations.choices import Role
from kimitsu.organizations.models import Membership

from . import links
from .models import MessageStatus, ReminderMessage, ReminderSettings
from .selectors import open_tasks, people_of

log = logging.getLogger(__name__)
RETRY_MINUTES = (1, 5, 30)  # after the first failure, the second, the third; then failed


def settings_for(org) -> ReminderSettings:
    found, _created = ReminderSettings.objects.get_or_create(organization=org)
    return found


def quiet_label(rules: ReminderSettings, today: dt.date) -> str:
    """The quiet period ``today`` falls in (its note), or ""."""
    for line in (rules.quiet_periods or "").splitlines():
        span, _sep, note = line.strip().partition(" ")
        if ".." not in span:
            continue
        try:
            (fm, fd), (tm, td) = (
                tuple(int(x) for x in part.split("-")) for part in span.split("..")
            )
        except ValueError:
            continue
        start, end, now = (fm, fd), (tm, td), (today.month, today.day)
        inside = start <= now <= end if start <= end else (now >= start or now <= end)
        if inside:
            return note or span
    return ""


@dataclass
class Digest:
    person: object
    to: str
    tasks: list
    escalation: bool = False
    about: list = field(default_factory=list)  # (person, tasks) for a manager's note
    name: str = ""
    user: object = None


def plan(org, *, today=None, now: bool = False, tasks=None) -> list[Digest]:
    """``tasks``: ``open_tasks(org)`` when the caller has it already."""
    today = today or timezone.localdate()
    rules = settings_for(org)
    if not now and (not rules.enabled or quiet_label(rules, today)):
        return []
    people = people_of(org)
    tasks = tasks if tasks is not None else open_tasks(org, people, today)
    last_sent = {}
    for person_id, escalation, created in ReminderMessage.objects.filter(
        organization=org, status__in=[MessageStatus.SENT, MessageStatus.QUEUED]
    ).values_list("person_id", "escalation", "created_at"):
        key = (person_id, escalation)
        day = timezone.localtime(created).date()
        last_sent[key] = max(last_sent.get(key, day), day)
    digests, late = [], {}
    for person in people:
        mine = [t for t in tasks.get(person.pk, []) if t.by_link or person.user_id]
        if not mine:
            continue
        # the manager hears of everyone late, those without e-mail above all
        overdue = [t for t in mine if t.age(today) >= rules.escalate_after_days]
        if overdue and person.department_id:
            late.setdefault(person.department_id, []).append((person, overdue))
        if not person.email:
            continue  # reached by the printed sheet of QR codes
        oldest = max(t.age(today) for t in mine)
        recent = last_sent.get((person.pk, False))
        due = now or (
            oldest >= rules.start_after_days
            and (recent is None or (today - recent).days >= rules.repeat_days)
        )
        if due:
            digests.append(Digest(person, person.email, mine, name=person.full_name))
    if late:
        managers = Membership.objects.filter(
            organization=org, is_active=True, role=Role.MANAGER, department_id__in=list(late)
        ).select_related("user", "person")
        for manager in managers:
            recent = last_sent.get((manager.person_id, True)) if manager.person_id else None
            if now or recent is None or (today - recent).days >= rules.repeat_days:
                digests.append(
                    Digest(
                        manager.person,
                        manager.user.email,
                        [],
                        escalation=True,
                        about=late[manager.department_id],
                        name=manager.person.full_name
                        if manager.person
                        else (manager.user.display_name or manager.user.email),
                        user=manager.user,
                    )
                )
    return digests


def _language(digest) -> str:
    """The recipient's language: their account's, Japanese for everyone without one."""
    user = digest.user or (getattr(digest.person, "user", None) if digest.person else None)
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def compose(org, digest: Digest, *, actor=None) -> tuple[str, str]:
    """Subject and text of a digest, in the person's language, each task with its link."""
    with translation.override(_language(digest)):
        rows = []
        for task in digest.tasks:
            if task.by_link:
                url = links.issue(digest.person, task.kind, task.object_id, actor=actor)
            else:
                url = settings.KIMITSU_BASE_URL.rstrip("/") + task.url
            rows.append((task, url))
        context = {
            "org": org,
            "person": digest.person,
            "name": digest.name,
            "rows": rows,
            "about": digest.about,
            "base_url": settings.KIMITSU_BASE_URL.rstrip("/"),
        }
        name = "reach/email_escalation" if digest.escalation else "reach/email_digest"
        subject = render_to_string(f"{name}_subject.txt", context).strip()
        body = render_to_string(f"{name}.txt", context)
    return subject, body


@dataclass
class Outcome:
    messages: int = 0
    people: int = 0
    quiet: str = ""
    planned: list = field(default_factory=list)


def send(org, *, today=None, now: bool = False, dry_run: bool = False, actor=None) -> Outcome:
    today = today or timezone.localdate()
    rules = settings_for(org)
    outcome = Outcome(quiet="" if now else quiet_label(rules, today))
    digests = plan(org, today=today, now=now)
    outcome.planned = digests
    outcome.messages = len(digests)
    outcome.people = len({d.to for d in digests})
    if dry_run or not digests:
        return outcome
    made = []
    with transaction.atomic():
        for digest in digests:
            subject, body = compose(org, digest, actor=actor)
            made.append(
                ReminderMessage.objects.create(
                    organization=org,
                    person=digest.person,
                    escalation=digest.escalation,
                    to=digest.to,
                    subject=subject[:200],
                    body=body,
                    task_count=len(digest.tasks) or sum(len(t) for _p, t in digest.about),
                    next_attempt_at=timezone.now(),
                )
            )
        audit.record(
            event_type="reminders.sent",
            organization=org,
            actor=actor,
            object_type="reach.remindermessage",
            object_repr="reminders",
            after={"messages": len(made), "now": now},
        )
        transaction.on_commit(lambda: [_enqueue(m.pk) for m in made])
    return outcome


def _enqueue(pk: int) -> None:
    from .tasks import send_message_task

    try:
        send_message_task(pk)
    except Exception:  # the queue is down: retry_due takes it up
        log.exception("could not queue reminder %s", pk)


def deliver(pk: int) -> ReminderMessage | None:
    """Send one queued message; a failure leaves it queued for the next try, or failed."""
    message = ReminderMessage.objects.filter(pk=pk, status=MessageStatus.QUEUED).first()
    if message is None:
        return None
    try:
        EmailMessage(message.subject, message.body, to=[message.to]).send()
    except Exception as error:  # SMTP errors have many classes
        attempts = message.attempts + 1
        failed = attempts > len(RETRY_MINUTES)
        ReminderMessage.objects.filter(pk=pk).update(
            attempts=attempts,
            last_error=str(error)[:300],
            status=MessageStatus.FAILED if failed else MessageStatus.QUEUED,
            next_attempt_at=None
            if failed
            else timezone.now() + dt.timedelta(minutes=RETRY_MINUTES[attempts - 1]),
        )
        log.warning("reminder %s not sent (attempt %s): %s", pk, attempts, error)
    else:
        ReminderMessage.objects.filter(pk=pk).update(
            status=MessageStatus.SENT,
            sent_at=timezone.now(),
            attempts=message.attempts + 1,
            last_error="",
            next_attempt_at=None,
        )
    message.refresh_from_db()
    return message


def retry_due(now=None) -> int:
    now = now or timezone.now()
    due = ReminderMessage.objects.filter(
        status=MessageStatus.QUEUED, next_attempt_at__lte=now
    ).values_list("pk", flat=True)[:1000]
    return sum(1 for pk in list(due) if (m := deliver(pk)) and m.status == MessageStatus.SENT)
