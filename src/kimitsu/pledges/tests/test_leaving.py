"""Leaving: marking a person 退職予定 opens the exit checklist; each step is recorded."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.choices import PersonStatus, Role
from kimitsu.organizations.models import Membership
from kimitsu.pledges import registry, services
from kimitsu.pledges.choices import DocumentStatus, StepCode, TemplateKind
from kimitsu.pledges.models import Checklist
from kimitsu.register.models import DepartmentGrant, PersonGrant
from kimitsu.testing.factories import DepartmentFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaver(company, levels, tree, make_entry):
    person = PersonFactory(organization=company, department=tree["line1"], employee_number="8001")
    member = MembershipFactory(organization=company, role=Role.MEMBER, person=person)
    person.user = member.user
    person.save()
    for i in range(2):
        PersonGrant.objects.create(
            organization=company,
            person=person,
            entry=make_entry(company, levels["secret"], title=f"直接{i}"),
        )
    DepartmentGrant.objects.create(
        organization=company,
        department=tree["line1"],
        entry=make_entry(company, levels["secret"], title="部署"),
    )
    return person


def step(checklist, code):
    return checklist.steps.get(code=code)


def test_leaving_start_marks_the_person_and_opens_the_checklist(company, admin, leaver):
    last = dt.date.today() + dt.timedelta(days=10)
    checklist = services.leaving_start(
        actor=admin.user, membership=admin, person=leaver, last_day=last
    )
    leaver.refresh_from_db()
    assert leaver.status == PersonStatus.LEAVING and leaver.left_on == last
    assert checklist.last_day == last
    assert [s.code for s in checklist.steps.all()] == [
        "review_access",
        "revoke_grants",
        "collect_items",
        "exit_pledge",
        "exit_interview",
        "account_disabled",
    ]
    assert AuditEvent.objects.filter(
        event_type="person.status_changed", object_id=str(leaver.pk)
    ).exists()
    assert AuditEvent.objects.filter(event_type="pledge_checklist.opened").count() == 1
    # idempotent: the same checklist again
    again = services.leaving_open(actor=admin.user, membership=admin, person=leaver)
    assert again.pk == checklist.pk and Checklist.objects.count() == 1


def test_exit_checklist_revokes_grants_and_the_audit_log_shows_it(
    company, admin, leaver, adopted, upload
):
    checklist = services.leaving_start(
        actor=admin.user, membership=admin, person=leaver, last_day=dt.date.today()
    )
    assert len(registry.accessible_rows(leaver)) == 3
    with pytest.raises(ValidationError, match="アクセスできた情報"):
        services.checklist_step_complete(
            actor=admin.user, membership=admin, step=step(checklist, StepCode.REVOKE_GRANTS)
        )
    review = services.checklist_step_complete(
        actor=admin.user, membership=admin, step=step(checklist, StepCode.REVIEW_ACCESS)
    )
    assert "直接0" in review.note and "部署" in review.note
    revoke = services.checklist_step_complete(
        actor=admin.user, membership=admin, step=step(checklist, StepCode.REVOKE_GRANTS)
    )
    assert revoke.done_by == admin.user and revoke.done_at is not None
    assert not PersonGrant.objects.filter(person=leaver).exists()
    revoked = AuditEvent.objects.filter(event_type="register_grant.revoked")
    assert revoked.count() == 2
    assert all(ev.before["person"] == "8001" and ev.actor_id == admin.user.pk for ev in revoked)
    done = AuditEvent.objects.get(
        event_type="pledge_checklist.step_done", after__step="revoke_grants"
    )
    assert "2" in done.after["note"]
    # the department grant still reaches the person until they have left
    assert [r["title"] for r in registry.accessible_rows(leaver)] == ["部署"]

    # items, each listed and returned
    with pytest.raises(ValidationError):
        services.checklist_step_complete(
            actor=admin.user, membership=admin, step=step(checklist, StepCode.COLLECT_ITEMS)
        )
    laptop = services.checklist_item_add(
        actor=admin.user,
        membership=admin,
        checklist=checklist,
        kind="device",
        description="ノートPC",
        identifier="PC-0042",
    )
    usb = services.checklist_item_add(
        actor=admin.user,
        membership=admin,
        checklist=checklist,
        kind="media",
        description="USBメモリ",
    )
    services.checklist_item_returned(actor=admin.user, membership=admin, item=laptop)
    with pytest.raises(ValidationError, match="USB"):
        services.checklist_step_complete(
            actor=admin.user, membership=admin, step=step(checklist, StepCode.COLLECT_ITEMS)
        )
    services.checklist_item_returned(actor=admin.user, membership=admin, item=usb)
    services.checklist_step_complete(
        actor=admin.user, membership=admin, step=step(checklist, StepCode.COLLECT_ITEMS)
    )

    # exit pledge: signing completes the step by itself
    doc = services.document_create(
        actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_EXIT, person=leaver
    )
    services.document_transition(
        actor=admin.user, membership=admin, document=doc, to_status=DocumentStatus.ISSUED
    )
    services.document_transition(
        actor=admin.user, membership=admin, document=doc, to_status=DocumentStatus.SIGNED
    )
    assert step(checklist, StepCode.EXIT_PLEDGE).is_done

    with pytest.raises(ValidationError):  # interview notes are required
        services.checklist_step_complete(
            actor=admin.user, membership=admin, step=step(checklist, StepCode.EXIT_INTERVIEW)
        )
    services.checklist_step_complete(
        actor=admin.user,
        membership=admin,
        step=step(checklist, StepCode.EXIT_INTERVIEW),
        note="転職先は同業ではないと説明あり",
    )
    services.checklist_step_complete(
        actor=admin.user, membership=admin, step=step(checklist, StepCode.ACCOUNT_DISABLED)
    )
    assert not Membership.objects.get(user=leaver.user, organization=company).is_active

    checklist.refresh_from_db()
    leaver.refresh_from_db()
    assert checklist.completed_at is not None
    assert leaver.status == PersonStatus.LEFT
    assert registry.accessible_rows(leaver) == []  # register access visibly gone
    completed = AuditEvent.objects.get(event_type="pledge_checklist.completed")
    assert completed.after["entries_reachable"] == 0


def test_an_administrator_cannot_disable_their_own_account(company, admin, leaver):
    from django.core.exceptions import PermissionDenied

    admin.person = leaver
    admin.save()
    checklist = services.leaving_start(
        actor=admin.user, membership=admin, person=leaver, last_day=dt.date.today()
    )
    with pytest.raises(PermissionDenied):
        services.checklist_step_complete(
            actor=admin.user, membership=admin, step=step(checklist, StepCode.ACCOUNT_DISABLED)
        )


def test_joining_checklist_with_mid_career_check(company, admin, adopted):
    person = PersonFactory(organization=company, department=DepartmentFactory(organization=company))
    with pytest.raises(ValidationError):
        services.joining_open(
            actor=admin.user, membership=admin, person=person, from_other_company=True
        )
    checklist = services.joining_open(
        actor=admin.user,
        membership=admin,
        person=person,
        from_other_company=True,
        former_employer="旧商事株式会社",
        training="情報管理研修（4月10日）",
    )
    assert [s.code for s in checklist.steps.all()] == [
        "hire_pledge",
        "hire_check",
        "prior_duties",
        "pledge_filed",
        "access_granted",
        "rules_briefing",
        "training",
    ]
    with pytest.raises(ValidationError, match="署名済み"):
        services.checklist_step_complete(
            actor=admin.user, membership=admin, step=step(checklist, StepCode.HIRE_PLEDGE)
        )
    for kind in (TemplateKind.PLEDGE_HIRE, TemplateKind.HIRE_CHECK):
        doc = services.document_create(
            actor=admin.user,
            membership=admin,
            kind=kind,
            person=person,
            fields={"former_employer": "旧商事株式会社"},
        )
        for status in (DocumentStatus.ISSUED, DocumentStatus.SIGNED):
            services.document_transition(
                actor=admin.user, membership=admin, document=doc, to_status=status
            )
    for code, note in (
        (StepCode.PRIOR_DUTIES, "前職の守秘義務を確認、持込みなし"),
        (StepCode.PLEDGE_FILED, "原本は総務部の書庫"),
        (StepCode.ACCESS_GRANTED, "PC・メール"),
        (StepCode.RULES_BRIEFING, "総務部長が説明"),
        (StepCode.TRAINING, "受講済み"),
    ):
        services.checklist_step_complete(
            actor=admin.user, membership=admin, step=step(checklist, code), note=note
        )
    checklist.refresh_from_db()
    assert checklist.completed_at is not None
    assert all(s.done_by == admin.user for s in checklist.steps.all())


def test_a_new_hire_without_former_employer_has_no_mid_career_step(company, admin):
    person = PersonFactory(organization=company)
    checklist = services.joining_open(actor=admin.user, membership=admin, person=person)
    assert [s.code for s in checklist.steps.all()] == [
        "hire_pledge",
        "pledge_filed",
        "access_granted",
        "rules_briefing",
        "training",
    ]


def test_grants_are_revoked_automatically_on_the_last_day(company, admin, leaver):
    from django.core.management import call_command

    today = dt.date.today()
    checklist = services.leaving_start(
        actor=admin.user, membership=admin, person=leaver, last_day=today + dt.timedelta(days=1)
    )
    call_command("pledges", "revoke-due")  # not reviewed, not the day yet
    assert PersonGrant.objects.filter(person=leaver).count() == 2
    services.checklist_step_complete(
        actor=admin.user, membership=admin, step=step(checklist, StepCode.REVIEW_ACCESS)
    )
    assert services.revoke_due(organization=company) == []  # not the day yet
    assert services.revoke_due(organization=company, today=today + dt.timedelta(days=1)) == [
        checklist
    ]
    assert not PersonGrant.objects.filter(person=leaver).exists()
    revoke = step(checklist, StepCode.REVOKE_GRANTS)
    assert revoke.is_done and revoke.done_by is None and "自動" in revoke.note
    event = AuditEvent.objects.get(
        event_type="pledge_checklist.step_done", after__step="revoke_grants"
    )
    assert event.actor_id is None and event.after["automatic"] is True
    assert AuditEvent.objects.filter(event_type="register_grant.revoked").count() == 2


def test_the_reachable_entries_follow_the_readers_need_to_know(
    company, admin, leaver, member_of, login_client
):
    """An auditor reads a leaver's page and checklist, but the titles of 秘 entries they may not
    open in the register are counted, not shown; an administrator sees them all."""
    from django.urls import reverse

    checklist = services.leaving_start(
        actor=admin.user, membership=admin, person=leaver, last_day=dt.date.today()
    )
    auditor = login_client(member_of(company, Role.AUDITOR).user)
    pages = [
        reverse("pledges:person", kwargs={"org_slug": company.slug, "pk": leaver.pk}),
        reverse("pledges:checklist_detail", kwargs={"org_slug": company.slug, "pk": checklist.pk}),
    ]
    for url in pages:
        body = auditor.get(url).content.decode()
        assert "直接0" not in body and "部署</td>" not in body, url
        assert "ほかに、あなたが台帳で閲覧できない項目が3件あります。" in body, url
        body = login_client(admin.user).get(url).content.decode()
        assert "直接0" in body and "閲覧できない項目" not in body, url


def test_the_scheduler_revokes_on_the_last_day_and_records_the_run(company, admin, leaver, client):
    """The periodic task fires when the scheduler's clock says 00:10 (time moved forward by
    asking huey what is due then, not slept), revokes, and its run is kept for /system/."""
    from huey.contrib.djhuey import HUEY

    from conftest import login
    from kimitsu.core.models import ScheduledRun
    from kimitsu.core.schedule import TASKS

    today = dt.date.today()
    checklist = services.leaving_start(
        actor=admin.user, membership=admin, person=leaver, last_day=today
    )
    services.checklist_step_complete(
        actor=admin.user, membership=admin, step=step(checklist, StepCode.REVIEW_ACCESS)
    )
    revoke_task = TASKS["pledges.revoke_due"]
    at = dt.datetime.combine(today, dt.time(0, 10))
    assert revoke_task.name not in {t.name for t in HUEY.read_periodic(at.replace(minute=11))}
    due = [t for t in HUEY.read_periodic(at) if t.name == revoke_task.name]
    assert len(due) == 1
    HUEY.execute(due[0])
    assert not PersonGrant.objects.filter(person=leaver).exists()
    run = ScheduledRun.objects.get(name="pledges.revoke_due")
    assert run.ok and run.finished_at and run.result.startswith("1 leaver(s) in 1 workspace(s)")
    assert leaver.full_name not in run.result  # counts, never names

    # the operators see it; a workspace administrator who is not staff does not
    login(client, admin.user)
    assert client.get("/system/").status_code == 403
    admin.user.is_staff = True
    admin.user.save(update_fields=["is_staff"])
    page = client.get("/system/").content.decode()
    assert "pledges.revoke_due" in page and "1 leaver(s)" in page


def test_a_failing_periodic_task_is_recorded_as_failed(db):
    from kimitsu.core.models import ScheduledRun
    from kimitsu.core.schedule import record

    def broken():
        raise RuntimeError("the disk is full")

    with pytest.raises(RuntimeError):
        record("test.broken", broken)
    run = ScheduledRun.objects.get(name="test.broken")
    assert not run.ok and run.finished_at and "the disk is full" in run.result
