import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kimitsu.audit.models import AuditEvent
from kimitsu.awareness import services
from kimitsu.awareness.choices import CheckKind
from kimitsu.awareness.content import checks as C
from kimitsu.awareness.content.quiz import LAW_BANK
from kimitsu.awareness.models import Attendance, PatentDecision, QuizResult, SelfCheck
from kimitsu.organizations.choices import PersonStatus, Role
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _session(admin, **extra):
    data = {"held_on": dt.date(2026, 4, 10), "title": "営業秘密の基礎", "kind": "awareness"}
    data.update(extra)
    return services.training_create(actor=admin.user, membership=admin, data=data)


def test_selfcheck_is_scored_stored_and_audited(admin):
    answers = {q.code: "done" for q in C.SECURITY_QUESTIONS}
    answers["S01"] = "unknown"
    check = services.selfcheck_record(
        actor=admin.user, membership=admin, kind=CheckKind.SECURITY, answers=answers
    )
    assert (check.score, check.max_score) == (95, 100)
    event = AuditEvent.objects.get(event_type="selfcheck.recorded")
    assert event.after["score"] == 95 and event.object_id == str(check.pk)


def test_selfcheck_refuses_unanswered_questions(admin):
    answers = {q.code: "done" for q in C.TRADE_SECRET_QUESTIONS[:-2]}
    with pytest.raises(ValidationError) as exc:
        services.selfcheck_record(
            actor=admin.user, membership=admin, kind=CheckKind.TRADE_SECRET, answers=answers
        )
    assert "29, 30" in exc.value.messages[0]
    assert not SelfCheck.objects.exists()


def test_manager_answers_security_for_own_department_only(company, member_of):
    mine = DepartmentFactory(organization=company, name="工事部")
    other = DepartmentFactory(organization=company, name="営業部")
    manager = member_of(company, Role.MANAGER, department=mine)
    answers = {q.code: "partly" for q in C.SECURITY_QUESTIONS}
    check = services.selfcheck_record(
        actor=manager.user,
        membership=manager,
        kind=CheckKind.SECURITY,
        answers=answers,
        department=mine,
    )
    assert check.department == mine and check.score == 50
    with pytest.raises(PermissionDenied):
        services.selfcheck_record(
            actor=manager.user,
            membership=manager,
            kind=CheckKind.SECURITY,
            answers=answers,
            department=other,
        )
    with pytest.raises(PermissionDenied):
        services.selfcheck_record(
            actor=manager.user,
            membership=manager,
            kind=CheckKind.QUICK,
            answers={q.code: "no" for q in C.QUICK_CHECKS},
        )


def test_member_cannot_answer(company, member_of):
    member = member_of(company, Role.MEMBER)
    with pytest.raises(PermissionDenied):
        services.selfcheck_record(
            actor=member.user,
            membership=member,
            kind=CheckKind.QUICK,
            answers={q.code: "no" for q in C.QUICK_CHECKS},
        )


def test_import_refuses_bad_rows_with_their_numbers_and_writes_nothing(company, admin, staff):
    gone = PersonFactory(
        organization=company,
        employee_number="E900",
        status=PersonStatus.LEFT,
        left_on=dt.date(2026, 3, 31),
    )
    session = _session(admin)
    content = "社員番号\nE001\nE999\nE002\nE001\nE900\n\nＥ003\n".encode("cp932")
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.attendance_import(
            actor=admin.user, membership=admin, session=session, content=content
        )
    messages = exc.value.messages
    assert len(messages) == 4
    assert messages[0].startswith("Row 3:") and "E999" in messages[0]
    assert messages[1].startswith("Row 5:") and "row 2" in messages[1]
    assert messages[2].startswith("Row 6:") and gone.full_name in messages[2]
    assert messages[3].startswith("Row 8:")  # a full-width letter is not an employee number
    assert not Attendance.objects.exists()
    assert AuditEvent.objects.count() == before


def test_import_records_good_files_all_at_once(admin, staff):
    session = _session(admin)
    services.attendance_add(
        actor=admin.user, membership=admin, session=session, employee_numbers=["E001"]
    )
    content = "\ufeffemployee_number,name\nE001,a\nE002,b\n E003 ,c\n".encode()
    result = services.attendance_import(
        actor=admin.user, membership=admin, session=session, content=content
    )
    assert result == {"added": 2, "already": 1}
    assert sorted(session.attendances.values_list("person__employee_number", flat=True)) == [
        "E001",
        "E002",
        "E003",
    ]
    assert set(session.attendances.values_list("source", flat=True)) == {"entered", "imported"}
    event = AuditEvent.objects.get(event_type="attendance.imported")
    assert event.after == {"added": ["E002", "E003"], "already_recorded": ["E001"]}


def test_import_refuses_an_empty_file_and_binary(admin, staff):
    session = _session(admin)
    with pytest.raises(ValidationError):
        services.attendance_import(
            actor=admin.user, membership=admin, session=session, content=b"employee_number\n"
        )
    with pytest.raises(ValidationError):
        services.attendance_import(
            actor=admin.user, membership=admin, session=session, content=b"\xff\xfe\x00\x81\x00"
        )


def test_quiz_submit_scores_and_keeps_the_latest(company, member_of, admin, staff):
    session = _session(admin)
    member = member_of(company, Role.MEMBER, person=staff[0])
    answers = {q.code: str(q.answer) for q in LAW_BANK}
    answers["L1"] = "0"
    result = services.quiz_submit(
        actor=member.user, membership=member, session=session, answers=answers, questions=LAW_BANK
    )
    assert (result.score, result.total) == (len(LAW_BANK) - 1, len(LAW_BANK))
    answers["L1"] = "3"
    services.quiz_submit(
        actor=member.user, membership=member, session=session, answers=answers, questions=LAW_BANK
    )
    assert QuizResult.objects.get().score == len(LAW_BANK)
    nobody = member_of(company, Role.MEMBER)
    with pytest.raises(ValidationError):
        services.quiz_submit(actor=nobody.user, membership=nobody, session=session, answers=answers)


def test_decision_record_and_evidence(admin):
    decision = services.decision_create(
        actor=admin.user,
        membership=admin,
        title="焼成炉の温度プロファイル",
        answers={"visible": "no", "detectable": "no", "keepable": "yes", "long_life": "yes"},
    )
    assert decision.recommendation == "secret"
    with pytest.raises(ValidationError) as exc:
        services.decision_record(
            actor=admin.user,
            membership=admin,
            decision=decision,
            choice="secret",
            reason=" ",
            approver="",
        )
    assert set(exc.value.message_dict) == {"decision_reason", "approver"}
    services.decision_record(
        actor=admin.user,
        membership=admin,
        decision=decision,
        choice="secret",
        reason="工場内の工程で外から分からない",
        approver="代表取締役",
    )
    decision.refresh_from_db()
    assert decision.keeps_secret and decision.decided_by == admin.user
    services.decision_evidence(
        actor=admin.user, membership=admin, decision=decision, done={"timestamp", "bogus"}
    )
    decision.refresh_from_db()
    assert list(decision.evidence) == ["timestamp"]
    assert AuditEvent.objects.filter(event_type__startswith="decision.").count() == 3


def test_services_refuse_another_workspace(admin, other_company, member_of):
    stranger = member_of(other_company, Role.ADMIN)
    decision = PatentDecision.objects.create(
        organization=admin.organization, title="x", recommendation="secret"
    )
    with pytest.raises(PermissionDenied):
        services.decision_record(
            actor=stranger.user,
            membership=stranger,
            decision=decision,
            choice="secret",
            reason="r",
            approver="a",
        )
    session = _session(admin)
    with pytest.raises(PermissionDenied):
        services.attendance_import(
            actor=stranger.user, membership=stranger, session=session, content=b"E001\n"
        )


def test_selfcheck_cannot_be_dated_in_the_future(admin):
    from django.utils import timezone

    with pytest.raises(ValidationError) as exc:
        services.selfcheck_record(
            actor=admin.user,
            membership=admin,
            kind=CheckKind.QUICK,
            answers={q.code: "no" for q in C.QUICK_CHECKS},
            answered_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert "answered_on" in exc.value.message_dict


def test_decision_links_to_a_register_entry_when_the_register_offers_it(admin, monkeypatch):
    from kimitsu.awareness import integrations

    monkeypatch.setattr(integrations, "register_entries", lambda m: [(7, "KM-00007 乾燥条件")])
    decision = services.decision_create(
        actor=admin.user, membership=admin, title="乾燥条件", answers={}, register_entry_id=7
    )
    assert decision.register_entry_label == "KM-00007 乾燥条件"
    assert decision.recommendation == "undecided"
    with pytest.raises(ValidationError):
        services.decision_create(
            actor=admin.user, membership=admin, title="x", answers={}, register_entry_id=8
        )
    monkeypatch.setattr(integrations, "register_entries", lambda m: None)
    with pytest.raises(ValidationError):
        services.decision_create(
            actor=admin.user, membership=admin, title="x", answers={}, register_entry_id=7
        )
