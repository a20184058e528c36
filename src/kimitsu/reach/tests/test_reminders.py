"""Reminders through a real SMTP server (aiosmtpd on 127.0.0.1)."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kimitsu.reach import reminders
from kimitsu.reach.models import MessageStatus, ReminderMessage, ReminderSettings
from kimitsu.testing.smtp import body, smtp_server, use

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp(settings):
    with smtp_server() as server:
        use(settings, server)
        yield server


def _later(days):
    return timezone.localdate() + dt.timedelta(days=days)


def test_the_digest_arrives_with_links_that_work(company, reach_world, smtp, capsys):
    # the training was two days ago: with the default start after 3 days, nothing yet for it…
    call_command("reminders", "send", "--org", company.slug, "--now")
    out = capsys.readouterr().out
    assert "queued" in out and "message(s)" in out
    digests = [m for m in smtp.messages if "1201@site.example.jp" in m.rcpt]
    assert len(digests) == 1
    text = body(digests[0])
    assert "森" in text
    urls = re.findall(r"http://\S+/l/\S+/", text)
    assert len(urls) == 3  # regulation, pledge, quiz: each with its own link
    # nobody without an address, nobody who left, gets mail
    assert not any("gone@" in r for m in smtp.messages for r in m.rcpt)
    # a link from the mail opens its task
    client = Client()
    path = urls[0].split("127.0.0.1:8000", 1)[-1]
    assert client.get(path).status_code == 200
    sent = ReminderMessage.objects.get(to="1201@site.example.jp")
    assert sent.status == MessageStatus.SENT and sent.task_count == 3


def test_schedule_repeat_quiet_and_escalation(company, reach_world, smtp):
    rules = reminders.settings_for(company)
    rules.quiet_periods = ""  # (30 days from early December is 年末年始)
    rules.save()
    company.use_wareki = True  # the e-mails write their dates as the company does (issue 16)
    company.save()
    today = timezone.localdate()
    # the regulation has been in force long enough; a week later, one more digest; not before
    reminders.send(company, today=_later(3))
    first = len(smtp.messages)
    assert first >= 1
    reminders.send(company, today=_later(5))
    assert len(smtp.messages) == first  # less than repeat_days since the last
    # escalate: 14 days and more → the department's manager hears of it
    reminders.send(company, today=_later(30))
    to_manager = [m for m in smtp.messages if reach_world["manager"].user.email in m.rcpt]
    assert to_manager and "1201" in body(to_manager[-1]) and "1202" in body(to_manager[-1])
    assert "令和" in body(to_manager[-1])
    assert not re.search(r"\d{4}-\d\d-\d\d", body(to_manager[-1]))
    # a quiet period: nothing is sent, unless now
    rules.quiet_periods = f"{today:%m-%d}..{today:%m-%d} 創立記念日"
    rules.save()
    count = len(smtp.messages)
    outcome = reminders.send(company, today=today)
    assert outcome.quiet == "創立記念日" and len(smtp.messages) == count
    assert reminders.send(company, today=today, now=True).messages >= 1
    assert len(smtp.messages) > count


def test_year_end_quiet_period_wraps_the_new_year(company):
    rules = ReminderSettings(organization=company)
    assert reminders.quiet_label(rules, dt.date(2026, 12, 30)) == "年末年始"
    assert reminders.quiet_label(rules, dt.date(2027, 1, 3)) == "年末年始"
    assert reminders.quiet_label(rules, dt.date(2027, 1, 5)) == ""
    assert reminders.quiet_label(rules, dt.date(2026, 8, 14)) == "お盆"


def test_a_failing_server_is_retried_then_shown_as_failed(company, reach_world, smtp):
    smtp.fail = True
    reminders.send(company, now=True)
    message = ReminderMessage.objects.get(to="1201@site.example.jp")
    assert message.status == MessageStatus.QUEUED and message.attempts == 1
    assert "451" in message.last_error
    # the server comes back: the retry sends it
    smtp.fail = False
    ReminderMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert reminders.retry_due() >= 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    # a message that keeps failing ends as failed, shown to the administrators
    smtp.fail = True
    reminders.send(company, now=True)
    again = ReminderMessage.objects.filter(to="1201@site.example.jp").order_by("-pk").first()
    for _ in range(len(reminders.RETRY_MINUTES)):
        ReminderMessage.objects.filter(pk=again.pk).update(next_attempt_at=timezone.now())
        reminders.retry_due()
    again.refresh_from_db()
    assert again.status == MessageStatus.FAILED
    from conftest import login

    page = login(Client(), reach_world["admin"].user).get(f"/o/{company.slug}/reach/reminders/")
    assert 'id="reminders-failed"' in page.content.decode()
