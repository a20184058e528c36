import datetime as dt

import pytest
from django.test import override_settings
from django.urls import resolve
from django.utils import timezone

from kimitsu.awareness import links, services
from kimitsu.awareness.choices import CheckKind, TrainingKind
from kimitsu.awareness.content import checks as C
from kimitsu.awareness.steps import step1_status, step2_status
from kimitsu.core.steps import DONE, IN_PROGRESS, NOT_STARTED, seven_steps


def _path(url):
    return url.split("#")[0]


@pytest.mark.django_db
def test_every_recommendation_points_to_an_existing_page(company):
    questions = C.TRADE_SECRET_QUESTIONS + C.SECURITY_QUESTIONS + C.QUICK_CHECKS
    for q in questions:
        url = links.for_question(company.slug, q)
        match = resolve(_path(url))  # raises Resolver404 if the page does not exist
        assert match.kwargs["org_slug"] == company.slug
        if "#step-" in url:
            assert match.view_name == "organizations:home"
            assert url.endswith(f"#step-{q.step}")


@pytest.mark.django_db
def test_awareness_targets_resolve_to_their_own_pages(company):
    assert links.resolve(company.slug, C.TRAININGS) == f"/o/{company.slug}/awareness/trainings/"
    assert links.resolve(company.slug, C.PEOPLE) == f"/o/{company.slug}/people/"
    # an unknown name falls back to the step's card on the company home
    assert links.resolve(company.slug, ("nowhere:page",), 4) == f"/o/{company.slug}/#step-4"


def _check(admin, kind=CheckKind.QUICK):
    answers = (
        {q.code: "no" for q in C.QUICK_CHECKS}
        if kind == CheckKind.QUICK
        else {q.code: "partly" for q in C.TRADE_SECRET_QUESTIONS}
    )
    return services.selfcheck_record(actor=admin.user, membership=admin, kind=kind, answers=answers)


@pytest.mark.django_db
def test_step1_follows_the_self_checks(company, admin):
    assert step1_status(company)["status"] == NOT_STARTED
    check = _check(admin)
    status = step1_status(company)
    assert status["status"] == IN_PROGRESS  # a quick check is a start, not good enough
    assert any("0" in e for e in status["evidence"])
    assert "trade secret" in status["next_action"].lower()  # the full check is still to do
    _check(admin, CheckKind.TRADE_SECRET)
    assert "60/120" in " ".join(step1_status(company)["evidence"])
    # data removed -> status follows
    from kimitsu.awareness.models import SelfCheck

    SelfCheck.objects.filter(organization=company).delete()
    assert check.pk and step1_status(company)["status"] == NOT_STARTED


@pytest.mark.django_db
def test_step2_needs_a_held_session_with_attendance(company, admin, staff):
    today = timezone.localdate()
    assert step2_status(company)["status"] == NOT_STARTED
    planned = services.training_create(
        actor=admin.user,
        membership=admin,
        data={
            "held_on": today + dt.timedelta(days=7),
            "title": "意識啓発研修",
            "kind": TrainingKind.AWARENESS,
        },
    )
    assert step2_status(company)["status"] == IN_PROGRESS
    # a session of another kind does not count for step 2
    other = services.training_create(
        actor=admin.user,
        membership=admin,
        data={
            "held_on": today - dt.timedelta(days=7),
            "title": "退職者向け",
            "kind": TrainingKind.LEAVERS,
        },
    )
    services.attendance_add(
        actor=admin.user, membership=admin, session=other, employee_numbers=["E001"]
    )
    assert step2_status(company)["status"] == IN_PROGRESS
    services.training_update(
        actor=admin.user,
        membership=admin,
        session=planned,
        data={"held_on": today - dt.timedelta(days=1)},
    )
    assert step2_status(company)["status"] == IN_PROGRESS  # held, nobody recorded yet
    services.attendance_add(
        actor=admin.user, membership=admin, session=planned, employee_numbers=["E001", "E002"]
    )
    status = step2_status(company)
    assert status["status"] == IN_PROGRESS  # 2 of 5 attended: not most of the staff yet
    assert "2 of 5" in " ".join(status["evidence"])
    assert status["url"].endswith("/awareness/trainings/missing/")
    services.attendance_add(
        actor=admin.user, membership=admin, session=planned, employee_numbers=["E003", "E004"]
    )
    assert step2_status(company)["status"] == DONE
    for number in ("E001", "E002", "E003", "E004"):
        person = next(p for p in staff if p.employee_number == number)
        services.attendance_remove(
            actor=admin.user, membership=admin, session=planned, person_id=person.pk
        )
    assert step2_status(company)["status"] == IN_PROGRESS


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="en")
def test_seven_steps_uses_the_providers(company, admin):
    steps = seven_steps(company, admin)
    assert steps[0].status == NOT_STARTED and steps[1].status == NOT_STARTED
    _check(admin)
    assert seven_steps(company, admin)[0].status == IN_PROGRESS


@pytest.mark.django_db
def test_step_links_lead_members_where_they_may_go(company, admin, member_of):
    member = member_of(company, "member")
    assert step1_status(company, member)["url"] == f"/o/{company.slug}/awareness/learn/"
    assert step2_status(company, member)["url"] == f"/o/{company.slug}/awareness/learn/"
    assert step1_status(company, admin)["url"] == f"/o/{company.slug}/awareness/checks/"
    assert step2_status(company, admin)["url"] == f"/o/{company.slug}/awareness/trainings/new/"
