"""An approved take-out comes back by its date; once it is late, the requester has a task (and
so a reminder), the approver sees it, and the log notes it once."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kimitsu.approvals import selectors, services
from kimitsu.approvals.choices import Status
from kimitsu.audit.models import AuditEvent
from kimitsu.reach import reminders
from kimitsu.reach.selectors import open_tasks, tasks_of

from .helpers import TODAY, make_request

pytestmark = pytest.mark.django_db


def _late_take_out(world):
    request = make_request(
        world.member,
        "take_out",
        [world.entries["secret"]],
        starts_on=TODAY - dt.timedelta(days=10),
        ends_on=TODAY - dt.timedelta(days=8),
        return_due=TODAY - dt.timedelta(days=7),
    )
    return services.request_decide(
        actor=world.manager.user, membership=world.manager, request=request, approve=True
    )


def test_an_overdue_return_is_a_task_a_reminder_and_an_event(world):
    request = _late_take_out(world)
    assert request.is_overdue(TODAY)
    tasks = open_tasks(world.org)
    mine = [t for t in tasks[world.people["member"].pk] if t.kind == selectors.TASK_RETURN]
    assert len(mine) == 1 and "AP-00001" in mine[0].title
    assert world.entries["secret"].title not in mine[0].title
    assert mine[0].url.endswith(f"/approvals/{request.pk}/")
    assert [t.kind for t in tasks_of(world.member)] == [selectors.TASK_RETURN]
    # the reminders pick it up like every other task
    person = world.people["member"]
    person.email = "suzuki@example.jp"
    person.save()
    digests = reminders.plan(world.org, now=True)
    assert any(
        d.to == "suzuki@example.jp" and any(t.kind == selectors.TASK_RETURN for t in d.tasks)
        for d in digests
    )
    # the approver sees it among the requests to watch
    late = selectors.overdue(selectors.request_list(world.manager))
    assert list(late) == [request]
    # the night's task notes it once
    assert services.mark_overdue(organization=world.org) == 1
    assert services.mark_overdue(organization=world.org) == 0
    event = AuditEvent.objects.get(event_type="approvals.return_overdue")
    assert event.after["entries"] == ["KM-00002"]
    request.refresh_from_db()
    assert request.overdue_since == request.return_due + dt.timedelta(days=1)

    # returned: the task is gone
    with pytest.raises(PermissionDenied):
        services.request_return(
            actor=world.designer.user, membership=world.designer, request=request
        )
    with pytest.raises(ValidationError):
        services.request_return(
            actor=world.member.user,
            membership=world.member,
            request=request,
            returned_on=TODAY + dt.timedelta(days=1),
        )
    services.request_return(
        actor=world.member.user, membership=world.member, request=request, note="全数返却"
    )
    request.refresh_from_db()
    assert request.status == Status.RETURNED and request.returned_on == TODAY
    assert not [t for t in open_tasks(world.org)[person.pk] if t.kind == selectors.TASK_RETURN]
    assert (
        AuditEvent.objects.get(event_type="approvals.returned").after["return_note"] == "全数返却"
    )


def test_the_periodic_task_runs_for_every_company(world):
    from kimitsu.approvals.tasks import note_overdue_returns

    _late_take_out(world)
    assert note_overdue_returns.work() == "1 overdue"


def test_a_request_to_decide_is_a_task_of_the_approver(world):
    request = make_request(world.member, "take_out", [world.entries["secret"]])
    tasks = open_tasks(world.org)
    decide = [t for t in tasks[world.people["manager"].pk] if t.kind == selectors.TASK_DECIDE]
    assert [t.object_id for t in decide] == [request.pk]
    assert not [t for t in tasks[world.people["member"].pk] if t.kind == selectors.TASK_DECIDE]


def test_not_yet_due_is_no_task(world):
    request = make_request(world.member, "take_out", [world.entries["secret"]])
    services.request_decide(
        actor=world.manager.user, membership=world.manager, request=request, approve=True
    )
    assert not [
        t
        for t in open_tasks(world.org)[world.people["member"].pk]
        if t.kind == selectors.TASK_RETURN
    ]
