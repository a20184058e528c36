"""How an event's changes read: Japanese field names, objects by name, need-to-know kept."""

import pytest

from kimitsu.audit import redaction, services
from kimitsu.audit.describe import Describer, field_label
from kimitsu.organizations.choices import Role
from kimitsu.register import services as register
from kimitsu.register.choices import Status
from kimitsu.register.models import Entry, Level
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

MASK = "（閲覧権限のない項目）"


def _event(company, object_type, after, before=None, **kw):
    return services.record(
        event_type="test.changed",
        organization=company,
        object_type=object_type,
        object_id="1",
        before=before,
        after=after,
        **kw,
    )


def _changes(company, event, redactor=None):
    shown = redactor.show(event) if redactor else None
    if shown is not None:
        event.object_repr, event.before, event.after = shown.object_repr, shown.before, shown.after
    describer = Describer(company, redactor).prepare([event])
    return {c.key: c for c in describer.changes(event)}


def test_keys_are_named_by_the_fields_japanese_names():
    assert field_label("organizations.person", "department") == "部署"
    assert field_label("organizations.person", "employee_number") == "社員番号"
    assert field_label("register.entry", "level") == "格付け"
    # a key that an event records about a row it holds: an attendance's person
    assert field_label("awareness.trainingsession", "person") == "従業員"
    assert field_label("awareness.trainingsession", "employee_number") == "社員番号"
    # nobody knows it: the key itself
    assert field_label("organizations.person", "no_such_key") == "no_such_key"
    assert field_label("no.such_model", "department") == "department"


def test_ids_are_named_choices_booleans_and_dates_read_as_words(company):
    dept = DepartmentFactory(organization=company, name="開発部")
    old = DepartmentFactory(organization=company, name="総務部")
    event = _event(
        company,
        "organizations.person",
        before={"department": old.pk, "status": "active", "joined_on": None},
        after={"department": dept.pk, "status": "left", "joined_on": "2024-04-01"},
    )
    rows = _changes(company, event)
    assert (rows["department"].label, rows["department"].before) == ("部署", "総務部")
    assert rows["department"].after == "開発部"
    assert rows["status"].before == "在籍" and rows["status"].after == "退職"
    assert rows["joined_on"].before == "—" and rows["joined_on"].after == "2024年4月1日"
    company.use_wareki = True
    assert _changes(company, event)["joined_on"].after == "令和6年4月1日"
    flag = _event(company, "organizations.membership", after={"is_active": False})
    assert _changes(company, flag)["is_active"].after == "いいえ"


def test_an_id_of_another_workspace_is_not_named(company, other_company):
    theirs = DepartmentFactory(organization=other_company, name="他社の部署")
    event = _event(company, "organizations.person", after={"department": theirs.pk})
    shown = _changes(company, event)["department"].after
    assert "他社の部署" not in shown and str(theirs.pk) in shown


def test_a_page_names_its_objects_in_one_query_per_model(company, django_assert_num_queries):
    depts = [DepartmentFactory(organization=company, name=f"部{i}") for i in range(10)]
    people = [PersonFactory(organization=company, department=depts[0]) for _ in range(10)]
    events = [
        _event(company, "organizations.person", after={"department": d.pk, "user": None})
        for d in depts
    ] + [
        _event(company, "awareness.trainingsession", after={"person": p.pk, "employee_number": "1"})
        for p in people
    ]
    describer = Describer(company)
    with django_assert_num_queries(2):  # the departments, the people
        describer.prepare(events)
    names = [c.after for e in events for c in describer.changes(e)]
    assert "部9" in names and str(people[3]) in names


@pytest.fixture
def secret_entry(company):
    register.levels_ensure_defaults(organization=company)
    sales = DepartmentFactory(organization=company, name="営業部")
    return Entry.objects.create(
        organization=company,
        ledger_number="S-1",
        title="積算単価表",
        category="sales",
        status=Status.APPROVED,
        level=Level.objects.get(organization=company, code="top_secret"),
        owning_department=sales,
    )


def test_an_entry_named_by_id_follows_need_to_know(company, member_of, secret_entry):
    auditor = member_of(company, Role.AUDITOR)  # reads the log, but not this entry
    admin = member_of(company, Role.ADMIN)
    after = {"entry": secret_entry.pk, "pages": 2}
    event = _event(company, "rules.distribution", after=after, object_repr="配布")
    shown = _changes(company, event, redaction.for_reader(auditor))["entry"].after
    assert shown == f"S-1{MASK}" and "積算単価表" not in shown
    event = _event(company, "rules.distribution", after=after, object_repr="配布")
    assert _changes(company, event, redaction.for_reader(admin))["entry"].after == "S-1 積算単価表"


def test_a_name_that_holds_an_entry_title_is_masked(company, member_of, secret_entry):
    """A related object named after the entry it concerns (a disclosure 「S-1 積算単価表 → 取引先」)
    has the title masked, as the log's free text has."""
    auditor = member_of(company, Role.AUDITOR)
    person = PersonFactory(organization=company, family_name="S-1 積算単価表", given_name="")
    event = _event(company, "awareness.trainingsession", after={"person": person.pk})
    shown = _changes(company, event, redaction.for_reader(auditor))["person"].after
    assert "積算単価表" not in shown and "S-1" in shown
