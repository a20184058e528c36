"""The administrator adds, edits and retires quiz questions; every answered quiz keeps the version
of each question it was asked."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kimitsu.audit.models import AuditEvent
from kimitsu.awareness import question_bank, services
from kimitsu.awareness.content.quiz import LAW_BANK
from kimitsu.awareness.models import QuizQuestion, QuizQuestionVersion, QuizResult
from kimitsu.organizations.choices import Role

pytestmark = pytest.mark.django_db

EDIT = {
    "text_ja": "営業秘密として守られるための要件はいくつですか。",
    "text_en": "How many requirements must a trade secret meet?",
    "options_ja": "2つ\n3つ\n4つ",
    "options_en": "Two\nThree\nFour",
    "answer": 2,
    "explanation_ja": "秘密管理性・有用性・非公知性の3つです。",
    "explanation_en": "Kept secret, useful, not public.",
}


@pytest.fixture
def session(admin):
    return services.training_create(
        actor=admin.user,
        membership=admin,
        data={"held_on": dt.date(2026, 4, 10), "title": "営業秘密研修", "kind": "awareness"},
    )


def _l1(company):
    return QuizQuestion.objects.get(organization=company, code="L1")


def _take(company, member_of, person, session):
    member = member_of(company, Role.MEMBER, person=person)
    answers = {q.code: str(q.answer) for q in services.quiz_questions(company)}
    return services.quiz_submit(
        actor=member.user, membership=member, session=session, answers=answers
    )


def test_the_standard_questions_are_the_companys_first_bank(company):
    questions = services.quiz_questions(company)
    assert [q.code for q in questions] == [q.code for q in LAW_BANK]
    assert all(q.version_id for q in questions)
    assert QuizQuestionVersion.objects.filter(question__organization=company).count() == 8
    services.quiz_questions(company)  # once only
    assert QuizQuestion.objects.filter(organization=company).count() == 8


def test_an_edit_is_a_new_version_and_the_answers_keep_the_old_one(
    company, admin, member_of, staff, session
):
    before = _take(company, member_of, staff[0], session)
    old = before.question_versions.get(question__code="L1")
    version = question_bank.question_update(
        actor=admin.user, membership=admin, question=_l1(company), data=EDIT
    )
    assert version.number == 2
    old.refresh_from_db()
    assert old.number == 1 and "含まれないもの" in old.text_ja  # history is not rewritten
    assert before.question_versions.get(question__code="L1") == old
    asked = next(q for q in services.quiz_questions(company) if q.code == "L1")
    assert asked.version_id == version.pk and asked.answer == 1
    assert [str(o) for o in asked.options] == ["Two", "Three", "Four"]  # English test run
    after = _take(company, member_of, staff[1], session)
    assert after.question_versions.get(question__code="L1") == version
    event = AuditEvent.objects.get(event_type="quiz.question_revised")
    assert event.before["version"] == 1 and event.after["version"] == 2
    assert event.after["answer"] == 2
    taken = AuditEvent.objects.filter(event_type="quiz.taken").order_by("pk").last()
    assert taken.after["versions"]["L1"] == 2


def test_saving_the_same_wording_adds_no_version(company, admin):
    services.quiz_questions(company)
    question_bank.question_update(
        actor=admin.user, membership=admin, question=_l1(company), data=EDIT
    )
    question_bank.question_update(
        actor=admin.user, membership=admin, question=_l1(company), data=EDIT
    )
    assert _l1(company).versions.count() == 2
    assert AuditEvent.objects.filter(event_type="quiz.question_revised").count() == 1


def test_a_retired_question_is_no_longer_asked_and_can_come_back(company, admin):
    services.quiz_questions(company)
    question_bank.question_retire(actor=admin.user, membership=admin, question=_l1(company))
    assert "L1" not in [q.code for q in services.quiz_questions(company)]
    assert _l1(company).versions.count() == 1
    with pytest.raises(ValidationError):
        question_bank.question_retire(actor=admin.user, membership=admin, question=_l1(company))
    question_bank.question_restore(actor=admin.user, membership=admin, question=_l1(company))
    assert "L1" in [q.code for q in services.quiz_questions(company)]
    assert AuditEvent.objects.filter(event_type__startswith="quiz.question_").count() == 2


def test_a_new_question_is_asked_last_and_its_form_is_checked(company, admin):
    with pytest.raises(ValidationError) as exc:
        question_bank.question_create(
            actor=admin.user,
            membership=admin,
            data={**EDIT, "options_ja": "ひとつだけ", "options_en": "", "answer": 3},
        )
    assert {"options_ja", "answer"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        question_bank.question_create(
            actor=admin.user, membership=admin, data={**EDIT, "options_en": "Two\nThree"}
        )
    assert "options_en" in exc.value.message_dict
    question = question_bank.question_create(actor=admin.user, membership=admin, data=EDIT)
    assert question.code == "Q1"
    assert services.quiz_questions(company)[-1].code == "Q1"
    assert (
        AuditEvent.objects.get(event_type="quiz.question_created").after["text"] == EDIT["text_ja"]
    )


def test_only_the_administrator_edits_questions(company, member_of):
    manager = member_of(company, Role.MANAGER)
    services.quiz_questions(company)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        question_bank.question_update(
            actor=manager.user, membership=manager, question=_l1(company), data=EDIT
        )


def test_questions_built_from_the_levels_are_versioned_but_not_edited(company, admin):
    from kimitsu.register.models import Level

    level = Level.objects.create(organization=company, code="ts", name="極秘", rank=3)
    c1 = next(q for q in services.quiz_questions(company) if q.code == "C1")
    level.name = "最重要"
    level.save()
    again = next(q for q in services.quiz_questions(company) if q.code == "C1")
    assert again.version_id != c1.version_id
    built = QuizQuestion.objects.get(organization=company, code="C1")
    assert built.versions.count() == 2
    with pytest.raises(ValidationError):
        question_bank.question_update(actor=admin.user, membership=admin, question=built, data=EDIT)


def test_the_pages_add_edit_and_retire(company, admin, login_client, member_of, staff, session):
    client = login_client(admin.user)
    base = f"/o/{company.slug}/awareness/quiz/questions/"
    body = client.get(base).content.decode()
    assert 'id="question-L1"' in body and 'id="question-new"' in body
    response = client.post(f"{base}new/", EDIT)
    assert response.status_code == 302
    question = QuizQuestion.objects.get(organization=company, code="Q1")
    response = client.post(f"{base}{question.pk}/", {**EDIT, "answer": "5"})
    assert response.status_code == 200 and "1〜3" in response.content.decode()
    client.post(f"{base}{question.pk}/", {**EDIT, "text_ja": "要件の数は？"})
    assert question.versions.count() == 2
    client.post(base, {"question": question.pk, "retire": "1"})
    question.refresh_from_db()
    assert question.is_retired
    # the person's review shows the wording they were asked
    _take(company, member_of, staff[0], session)
    l1 = _l1(company)
    question_bank.question_update(actor=admin.user, membership=admin, question=l1, data=EDIT)
    person_client = login_client(QuizResult.objects.get().person.memberships.get().user)
    review = person_client.get(
        f"/o/{company.slug}/awareness/trainings/{session.pk}/quiz/"
    ).content.decode()
    assert LAW_BANK[0].text.en in review or LAW_BANK[0].text.ja in review
