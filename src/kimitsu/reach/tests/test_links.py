"""Personal links: each task once, without an account; twice, expired, tampered, another
workspace's, a retired person's: a clear page, nothing changed."""

import datetime as dt
import io
import re

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from kimitsu.audit.models import AuditEvent
from kimitsu.reach import links
from kimitsu.reach.models import PersonalLink, TaskKind
from kimitsu.reach.selectors import open_tasks

pytestmark = pytest.mark.django_db


def _path(url: str) -> str:
    return url.split("testserver", 1)[-1].split("127.0.0.1:8000", 1)[-1]


def _kinds(company, person):
    return sorted(t.kind for t in open_tasks(company, [person])[person.pk])


def test_a_site_worker_has_three_tasks_to_do_by_link(company, reach_world):
    assert _kinds(company, reach_world["worker"]) == ["pledge", "quiz", "regulation"]
    assert _kinds(company, reach_world["no_mail"]) == ["regulation"]
    assert reach_world["gone"].pk not in open_tasks(company)


def test_acknowledge_the_regulation_once(company, reach_world):
    worker, regulation = reach_world["worker"], reach_world["regulation"]
    url = _path(links.issue(worker, TaskKind.REGULATION, regulation.pk))
    client = Client()
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert regulation.title in text and 'name="confirm"' in text
    assert "sidebar" not in text  # just that task, nothing else of the workspace
    # the box not ticked: nothing recorded
    assert client.post(url, {}).status_code == 400
    assert "regulation" in _kinds(company, worker)
    done = client.post(url, {"confirm": "on"}, HTTP_USER_AGENT="Mobile Safari")
    assert done.status_code == 200 and 'id="link-done"' in done.content.decode()
    assert "regulation" not in _kinds(company, worker)
    from kimitsu.rules.models import ReadConfirmation

    confirmation = ReadConfirmation.objects.get(person=worker)
    assert confirmation.via_link and confirmation.user_agent == "Mobile Safari"
    event = AuditEvent.objects.get(event_type="regulation.read_confirmed")
    assert event.after["person"] == "1201" and event.after["via"] == "personal link"
    # twice: a clear page, nothing more recorded
    again = client.post(url, {"confirm": "on"})
    assert again.status_code == 410 and 'id="link-refused"' in again.content.decode()
    assert client.get(url).status_code == 410
    assert ReadConfirmation.objects.filter(person=worker).count() == 1
    # the read-status page of the administrator shows it
    from conftest import login

    admin_page = login(Client(), reach_world["admin"].user).get(
        f"/o/{company.slug}/rules/regulation/readers/?show=all"
    )
    row = re.search(r"<tr><td[^>]*>1201</td>.*?</tr>", admin_page.content.decode(), re.S).group(0)
    assert "bi-check2" in row


def test_sign_a_pledge_by_typing_the_name(company, reach_world, django_capture_on_commit_callbacks):
    worker, document = reach_world["worker"], reach_world["document"]
    url = _path(links.issue(worker, TaskKind.PLEDGE, document.pk))
    link = PersonalLink.objects.get(kind="pledge")
    client = Client()
    assert 'id="sign-form"' in client.get(url).content.decode()
    shown = client.get(url + "document.pdf")
    assert shown["Content-Type"] == "application/pdf"
    assert bytes(link.document) == shown.content
    # a wrong name: refused, named
    wrong = client.post(url, {"name": "森 一郎", "confirm": "on"})
    assert wrong.status_code == 400 and "link-errors" in wrong.content.decode()
    document.refresh_from_db()
    assert document.status == "issued"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"name": "森和也", "confirm": "on"}, REMOTE_ADDR="203.0.113.7")
    assert done.status_code == 200
    document.refresh_from_db()
    assert document.status == "signed" and document.signed_on == timezone.localdate()
    signed = document.scan.read()
    pages = PdfReader(io.BytesIO(signed)).pages
    last = re.sub(r"\s+", "", pages[-1].extract_text())
    assert "電子署名の記録" in last and "森和也" in last and link.document_sha256 in last
    assert len(pages) == len(PdfReader(io.BytesIO(bytes(link.document))).pages) + 1
    event = AuditEvent.objects.get(event_type="pledge_document.signed_electronically")
    assert (
        event.after["typed_name"] == "森和也"
        and event.after["shown_sha256"] == link.document_sha256
    )
    # the signed copy gets a trusted timestamp (the evidence app stamps it)
    from kimitsu.timestamps.models import Timestamp

    stamp = Timestamp.objects.get(kind="pledge", object_id=str(document.pk))
    assert stamp.sha256 == document.scan_sha256 and stamp.stamped
    assert "pledge" not in _kinds(company, worker)
    assert client.post(url, {"name": "森和也", "confirm": "on"}).status_code == 410


def test_take_the_quiz(company, reach_world):
    from kimitsu.awareness.models import QuizResult
    from kimitsu.awareness.services import quiz_questions

    worker, session = reach_world["worker"], reach_world["session"]
    url = _path(links.issue(worker, TaskKind.QUIZ, session.pk))
    client = Client()
    assert 'id="quiz-form"' in client.get(url).content.decode()
    questions = quiz_questions(company)
    answers = {q.code: str(q.answer) for q in questions}
    done = client.post(url, answers)
    assert done.status_code == 200
    result = QuizResult.objects.get(person=worker, session=session)
    assert result.score == result.total == len(questions)
    assert client.post(url, answers).status_code == 410


def test_links_that_do_not_work_change_nothing(company, other_company, reach_world):
    worker, regulation = reach_world["worker"], reach_world["regulation"]
    client = Client()
    url = _path(links.issue(worker, TaskKind.REGULATION, regulation.pk))
    token = url.strip("/").split("/")[-1]
    # tampered with: one character changed
    bad = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    assert client.post(f"/l/{bad}/", {"confirm": "on"}).status_code == 404
    # a valid signature over another secret
    pk = PersonalLink.objects.get().pk
    forged = signing.dumps([pk, "guess"], salt=links.SALT, compress=True)
    assert client.post(f"/l/{forged}/", {"confirm": "on"}).status_code == 404
    # another id signed with another purpose's salt
    other_salt = signing.dumps([pk, "x"], salt="another")
    assert client.get(f"/l/{other_salt}/").status_code == 404
    # expired
    PersonalLink.objects.filter(pk=pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    expired = client.post(url, {"confirm": "on"})
    assert (
        expired.status_code == 410
        and "expired" in expired.content.decode().lower()
        or "期限" in expired.content.decode()
    )
    # a retired person's link
    gone = reach_world["gone"]
    retired = _path(links.issue(gone, TaskKind.REGULATION, regulation.pk))
    assert client.post(retired, {"confirm": "on"}).status_code == 410
    # another workspace's regulation cannot be reached through this workspace's person
    from kimitsu.rules.tests.helpers import in_force_regulation

    foreign = in_force_regulation(other_company)
    link = PersonalLink.objects.create(
        organization=other_company,
        person=worker,
        kind="regulation",
        object_id=foreign.pk,
        secret_hash=links._hash("s"),
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    crossed = links.url_for(link, "s")
    assert client.post(_path(crossed), {"confirm": "on"}).status_code == 404
    from kimitsu.rules.models import ReadConfirmation

    assert not ReadConfirmation.objects.exists()
    assert not AuditEvent.objects.filter(event_type="regulation.read_confirmed").exists()


def test_a_task_done_another_way_closes_its_link(company, reach_world, member_of):
    from kimitsu.rules import services as rules

    worker, regulation = reach_world["worker"], reach_world["regulation"]
    url = _path(links.issue(worker, TaskKind.REGULATION, regulation.pk))
    member = member_of(company, person=worker, role="member")
    worker.user = member.user
    worker.save()
    rules.regulation_confirm_read(actor=member.user, membership=member, regulation=regulation)
    page = Client().get(url)
    assert page.status_code == 410 and "link-refused" in page.content.decode()
