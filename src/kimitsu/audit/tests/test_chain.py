import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from kimitsu.audit import services
from kimitsu.audit.models import AppendOnlyError, AuditEvent
from kimitsu.organizations import services as org_services
from kimitsu.organizations.choices import Role


def _events(company, n=5):
    for i in range(n):
        services.record(
            event_type="test.event",
            organization=company,
            object_repr=f"#{i}",
            after={"i": i, "名前": "値"},
        )
    return list(AuditEvent.objects.filter(organization=company).order_by("seq"))


def _verify_fails(match: str):
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify")
    assert match in str(exc.value)
    return str(exc.value)


@pytest.mark.django_db
def test_clean_chain_verifies(company, capsys):
    _events(company, 5)
    call_command("audit", "verify", "--org", company.slug)
    out = capsys.readouterr().out
    assert "OK: 5 events checked" in out


@pytest.mark.django_db
def test_changed_value_is_detected(company):
    events = _events(company)
    AuditEvent.objects.filter(pk=events[2].pk).update(after={"i": 99, "名前": "値"})
    message = _verify_fails(f"event id={events[2].pk}")
    assert "content does not match" in message


@pytest.mark.django_db
def test_changed_actor_is_detected(company):
    events = _events(company)
    AuditEvent.objects.filter(pk=events[1].pk).update(actor_label="someone@else.jp")
    assert "content does not match" in _verify_fails(f"event id={events[1].pk}")


@pytest.mark.django_db
def test_changed_time_is_detected(company):
    """Moving an event by one second breaks the chain: the time is part of what is hashed."""
    import datetime as dt

    events = _events(company)
    moved = events[1].created_at + dt.timedelta(seconds=1)
    AuditEvent.objects.filter(pk=events[1].pk).update(created_at=moved)
    assert "content does not match" in _verify_fails(f"event id={events[1].pk}")


# every column a reader relies on, each changed in the database behind kimitsu's back
TAMPERED = {
    "actor_label": "someone@else.jp",
    "event_type": "test.other",
    "object_type": "register.entry",
    "object_id": "999",
    "object_repr": "#changed",
    "before": {"i": -1},
    "after": {"i": 99},
    "request_id": "forged",
    "ip_address": "203.0.113.9",
}


@pytest.mark.django_db
@pytest.mark.parametrize("column", sorted(TAMPERED))
def test_every_recorded_column_is_in_the_hash(company, column):
    events = _events(company)
    AuditEvent.objects.filter(pk=events[2].pk).update(**{column: TAMPERED[column]})
    assert "content does not match" in _verify_fails(f"event id={events[2].pk}")


@pytest.mark.django_db
def test_changed_actor_id_is_detected(company, member_of):
    events = _events(company)
    someone = member_of(company, Role.MEMBER).user
    AuditEvent.objects.filter(pk=events[1].pk).update(actor=someone)
    assert "content does not match" in _verify_fails(f"event id={events[1].pk}")


@pytest.mark.django_db
def test_deleted_row_is_detected(company):
    events = _events(company)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    _verify_fails(f"event id={events[3].pk} has seq 4, expected 3")


@pytest.mark.django_db
def test_deleted_last_row_is_detected(company):
    events = _events(company)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    _verify_fails("events were removed from the end")


@pytest.mark.django_db
def test_reordered_rows_are_detected(company):
    events = _events(company)
    a, b = events[1], events[2]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET seq = 1000 WHERE id = %s", [a.pk])
        cursor.execute("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [a.seq, b.pk])
        cursor.execute("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [b.seq, a.pk])
    _verify_fails(f"event id={b.pk}")


@pytest.mark.django_db
def test_rewritten_hash_breaks_the_next_link(company):
    """Re-hashing a tampered event is not enough: the next event links to the old hash."""
    events = _events(company)
    target = events[1]
    target.after = {"i": 42}
    new_hash = services.compute_hash(target, target.prev_hash)
    AuditEvent.objects.filter(pk=target.pk).update(after={"i": 42}, hash=new_hash)
    _verify_fails(f"event id={events[2].pk} seq=3 does not link")


@pytest.mark.django_db
def test_events_are_append_only(company):
    event = _events(company, 1)[0]
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


@pytest.mark.django_db
def test_chains_are_per_workspace(company, other_company):
    _events(company, 3)
    _events(other_company, 2)
    assert list(
        AuditEvent.objects.filter(organization=other_company)
        .values_list("seq", flat=True)
        .order_by("seq")
    ) == [1, 2]
    assert services.verify(services.chain_for(company)).checked == 3


@pytest.mark.django_db
def test_service_change_records_before_and_after(company, member_of):
    admin = member_of(company, Role.ADMIN)
    dept = org_services.department_create(actor=admin.user, membership=admin, name="設計部")
    org_services.department_update(
        actor=admin.user, membership=admin, department=dept, data={"name": "設計開発部"}
    )
    event = AuditEvent.objects.filter(event_type="department.updated").get()
    assert event.before == {"name": "設計部"} and event.after == {"name": "設計開発部"}
    assert event.actor == admin.user and event.object_id == str(dept.pk)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain(company):
    """Four threads, each with its own database connection, append 15 events at once."""
    errors = []
    barrier = threading.Barrier(4)

    def writer(n):
        try:
            barrier.wait()
            for i in range(15):
                services.record(
                    event_type="test.concurrent", organization=company, after={"writer": n, "i": i}
                )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    seqs = list(
        AuditEvent.objects.filter(organization=company)
        .order_by("seq")
        .values_list("seq", flat=True)
    )
    assert seqs == list(range(1, 61))
    result = services.verify(services.chain_for(company))
    assert result.ok and result.checked == 60
