"""One stamp per object per transaction, and nothing carried over from a rolled-back one."""

import json

import pytest
from django.db import transaction

from kimitsu.audit import services as audit
from kimitsu.awareness.models import Attendance, TrainingSession
from kimitsu.testing.factories import PersonFactory
from kimitsu.timestamps.models import Kind, Timestamp


class Rollback(Exception):
    pass


def _add(company, session, person):
    Attendance.objects.create(session=session, person=person)
    audit.record(event_type="attendance.added", organization=company, obj=session)


@pytest.mark.django_db(transaction=True)
def test_several_events_one_stamp_and_a_rollback_leaves_nothing_behind(company):
    session = TrainingSession.objects.create(
        organization=company, held_on="2026-11-02", title="研修"
    )
    people = [PersonFactory(organization=company, employee_number=f"10{i}") for i in range(3)]
    with transaction.atomic():
        _add(company, session, people[0])
        _add(company, session, people[1])
    stamps = Timestamp.objects.filter(kind=Kind.ATTENDANCE)
    assert stamps.count() == 1
    assert len(json.loads(stamps.get().document)["attendees"]) == 2

    with pytest.raises(Rollback), transaction.atomic():
        _add(company, session, people[2])
        raise Rollback
    assert stamps.count() == 1
    # the next transaction does not take the rolled-back row for its own
    other = TrainingSession.objects.create(
        organization=company, held_on="2026-11-03", title="研修2"
    )
    with transaction.atomic():
        _add(company, other, people[2])
    assert stamps.count() == 2
    newest = stamps.order_by("-pk").first()
    assert newest.object_id == str(other.pk)
    assert [a["employee_number"] for a in json.loads(newest.document)["attendees"]] == ["102"]
    first = stamps.order_by("pk").first()
    assert len(json.loads(first.document)["attendees"]) == 2  # untouched


@pytest.mark.django_db
def test_an_import_of_entries_is_not_stamped_entry_by_entry(company, vault_world):
    # a 100,000-row import writes its events in bulk: no TSA request per entry (a commercial TSA
    # charges per token); the chain's nightly anchor vouches for them
    from kimitsu.audit import bulk

    entry = vault_world["internal"]
    pending = bulk.PendingEvent(
        event_type="register_entry.imported",
        object_type="register.entry",
        object_id=str(entry.pk),
        object_repr=entry.ledger_number,
        after={"level": "internal"},
    )
    assert bulk.record_many(organization=company, actor=None, events=[pending] * 3) == 3
    assert not Timestamp.objects.filter(kind=Kind.DESIGNATION).exists()
    # while one approval is stamped
    audit.record(event_type="register_entry.approved", organization=company, obj=entry)
    assert Timestamp.objects.filter(kind=Kind.DESIGNATION, object_id=str(entry.pk)).count() == 1


@pytest.mark.django_db(transaction=True)
def test_what_a_rolled_back_transaction_opened_is_forgotten(company):
    from kimitsu.evidence.subjects import _open_stamps

    with pytest.raises(Rollback), transaction.atomic():
        _open_stamps()["key"] = 1
        raise Rollback
    with transaction.atomic():
        assert _open_stamps() == {}
        _open_stamps()["key"] = 2
        assert _open_stamps() == {"key": 2}  # the same map within one transaction
    with transaction.atomic():
        assert _open_stamps() == {}  # emptied by the commit
