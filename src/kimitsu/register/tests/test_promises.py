"""The register's need-to-know, at its edges: what an employee sees of entries not yet (or no
longer) in the register, whatever their level says."""

import pytest

from kimitsu.organizations.choices import Role
from kimitsu.register import services
from kimitsu.register.choices import Status
from kimitsu.register.models import Entry, Level
from kimitsu.register.naming import EntryNaming
from kimitsu.register.selectors import entry_list
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(company, member_of):
    services.levels_ensure_defaults(organization=company)
    internal = Level.objects.get(organization=company, code="internal")  # open to everyone
    dept = DepartmentFactory(organization=company, name="工事部")
    me = member_of(
        company, Role.MEMBER, person=PersonFactory(organization=company, department=dept)
    )
    colleague = member_of(
        company, Role.MEMBER, person=PersonFactory(organization=company, department=dept)
    )

    def entry(number, status, proposer):
        return Entry.objects.create(
            organization=company,
            ledger_number=number,
            title=f"項目 {number}",
            category="technical",
            status=status,
            level=internal,
            owning_department=dept,
            proposed_by=proposer.user,
        )

    return {
        "me": me,
        "mine": entry("KM-1", Status.PROPOSED, me),
        "theirs_proposed": entry("KM-2", Status.PROPOSED, colleague),
        "theirs_returned": entry("KM-3", Status.RETURNED, colleague),
        "theirs_rejected": entry("KM-4", Status.REJECTED, colleague),
        "approved": entry("KM-5", Status.APPROVED, colleague),
        "retired": entry("KM-6", Status.RETIRED, colleague),
    }


def test_an_employee_does_not_see_a_colleagues_proposals_even_at_an_open_level(world):
    """An open level opens entries of the register, not the proposals waiting to enter it."""
    seen = set(entry_list(world["me"]).values_list("ledger_number", flat=True))
    assert seen == {"KM-1", "KM-5", "KM-6"}
    naming = EntryNaming(world["me"])
    assert not naming.can_open(world["theirs_proposed"])
    assert naming.label(world["theirs_rejected"]) == "KM-4（閲覧権限のない項目）"


def test_an_import_made_invalid_while_it_was_checked_writes_nothing(company, monkeypatch):
    """All or nothing holds across the gap between the check and the write: a department renamed
    while the file is checked makes the file wrong, and the write transaction sees it."""
    from kimitsu.audit.models import AuditEvent
    from kimitsu.organizations.models import Department
    from kimitsu.register import ledger_io
    from kimitsu.register.ledger_io import applying
    from kimitsu.register.tests.test_ledger_io import GOOD, xlsx

    services.levels_ensure_defaults(organization=company)
    eng = DepartmentFactory(organization=company, name="設計部", code="300")
    DepartmentFactory(organization=company, name="設計一課", code="310", parent=eng)
    DepartmentFactory(organization=company, name="営業部", code="400")
    PersonFactory(organization=company, employee_number="1201", department=eng)
    PersonFactory(organization=company, employee_number="1401")
    real, calls = applying.plan_import, []

    def plan(*args, **kwargs):
        result = real(*args, **kwargs)
        if not calls:  # the first check passes; then 設計部 is renamed
            Department.objects.filter(pk=eng.pk).update(name="設計本部")
        calls.append(result.ok)
        return result

    monkeypatch.setattr(applying, "plan_import", plan)
    events = AuditEvent.objects.count()
    result = ledger_io.apply_import(
        actor=None, organization=company, filename="a.xlsx", data=xlsx(GOOD)
    )
    assert calls == [True, False]
    assert not result.ok and not result.applied
    assert any("設計部" in str(e) for e in result.errors)
    assert not Entry.objects.filter(organization=company).exists()
    assert AuditEvent.objects.count() == events
