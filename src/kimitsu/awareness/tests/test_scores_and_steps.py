"""Issue 16, "Scores and the seven steps": one rounding and banding, the company-wide security
figure, no negative parts, a recommendation for every gap, steps done only when good enough."""

import datetime as dt
import io

import pytest
from django.urls import resolve, reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from kimitsu.awareness import links, scoring, selectors, services
from kimitsu.awareness.choices import CheckKind, TrainingKind
from kimitsu.awareness.content import checks as C
from kimitsu.awareness.models import SelfCheck
from kimitsu.awareness.steps import (
    STEP1_OWN_PERCENT,
    STEP2_COVERAGE_PERCENT,
    step1_status,
    step2_status,
)
from kimitsu.core.steps import DONE, IN_PROGRESS, NOT_STARTED, seven_steps
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
SEC = CheckKind.SECURITY
TS = CheckKind.TRADE_SECRET


def url(name, org, **kwargs):
    return reverse(f"awareness:{name}", kwargs={"org_slug": org.slug, **kwargs})


def _security(org, score, department=None, day=TODAY):
    """A recorded security check with the given score (the answers do not matter here)."""
    return SelfCheck.objects.create(
        organization=org,
        kind=SEC,
        department=department,
        score=score,
        max_score=100,
        answered_on=day,
        answers={q.code: "done" for q in C.SECURITY_QUESTIONS},
    )


def _departments(org, scores, day=TODAY):
    return [
        _security(org, score, DepartmentFactory(organization=org, name=f"部署{n}"), day)
        for n, score in enumerate(scores, start=1)
    ]


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# --- 1. one rounding, one band ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown", "band"),
    [
        (69.5, 70, "good"),
        (68.5, 69, "fair"),
        (49.5, 50, "fair"),
        (49.49, 49, "poor"),
        (99.5, 100, "excellent"),
    ],
)
def test_a_figure_is_rounded_half_up_and_banded_by_the_shown_number(value, shown, band):
    standing = scoring.security_standing(value)
    assert (standing.score, standing.code) == (shown, band)
    assert scoring.security_band(standing.score)[0] == band


def test_the_average_of_25_77_92_84_is_70_and_nearly_there_everywhere(company, admin, login_client):
    _departments(company, [25, 77, 92, 84])
    client = login_client(admin.user)
    with translation.override("ja"):
        summary = client.get(url("security_summary", company)).content.decode()
        home = client.get(f"/o/{company.slug}/").content.decode()
    assert 'id="aggregate-average">70<' in summary
    assert 'id="aggregate-band" data-band="good">70〜99点：あと一歩です<' in summary
    assert "69.5" not in summary and "69.5" not in home
    assert '<span class="fs-3 fw-semibold company-security-score">70</span>' in home
    assert 'data-band="good">70〜99点：あと一歩です<' in home
    api = client.get(
        reverse("api-awareness-security-summary", kwargs={"org_slug": company.slug})
    ).json()
    assert api["average"] == 70 and api["band"] == "good" and api["mean"] == 69.5


# --- 2. the company-wide figure is the aggregate of departments -------------------------------


def test_company_figure_is_the_average_of_each_departments_latest_answer(company):
    a, b = (DepartmentFactory(organization=company, name=n) for n in ("工事部", "安全管理室"))
    _security(company, 60, a, TODAY - dt.timedelta(days=30))
    _security(company, 92, a, TODAY - dt.timedelta(days=10))  # replaces 工事部's 60
    _security(company, 25, b, TODAY - dt.timedelta(days=1))
    _security(company, 10, None, TODAY - dt.timedelta(days=20))  # whole company: not counted
    figure = selectors.company_security(company)
    assert figure.basis == "departments"
    assert figure.score == 59  # (92 + 25) / 2 = 58.5, half up; not 25, the latest single answer
    assert figure.aggregate.lowest.score == 25
    assert selectors.security_trend(company) == [
        (TODAY - dt.timedelta(days=30), 60),
        (TODAY - dt.timedelta(days=10), 92),
        (TODAY - dt.timedelta(days=1), 59),
    ]


def test_whole_company_answers_are_the_figure_while_no_department_answered(company):
    assert selectors.company_security(company).standing is None
    _security(company, 40, None, TODAY - dt.timedelta(days=40))
    _security(company, 64, None, TODAY - dt.timedelta(days=4))
    figure = selectors.company_security(company)
    assert (figure.basis, figure.score) == ("company", 64)
    assert [score for _d, score in selectors.security_trend(company)] == [40, 64]


def test_the_company_wide_chart_on_the_checks_page_is_drawn_from_departments(
    company, admin, login_client
):
    _departments(company, [25, 77, 92, 84])
    client = login_client(admin.user)
    response = client.get(url("checks", company))
    assert response.context["trend_security"]["values"] == [70]
    page = response.content.decode()
    assert 'id="trend-security"' in page and 'id="company-security"' in page
    assert "4部署の最新の回答の平均" in page


def test_the_home_does_not_show_the_latest_department_as_the_company(company, admin, login_client):
    a, b = (DepartmentFactory(organization=company, name=n) for n in ("設計部", "安全管理室"))
    _security(company, 92, a, TODAY - dt.timedelta(days=3))
    _security(company, 25, b, TODAY)
    page = login_client(admin.user).get(f"/o/{company.slug}/").content.decode()
    assert '<span class="fs-3 fw-semibold company-security-score">59</span>' in page
    assert "最低：安全管理室 25点" in page


# --- 3. no part below 0; every gap has its recommendation and page ----------------------------


def _answers_with_unknown_basics():
    answers = {q.code: "done" for q in C.SECURITY_QUESTIONS}
    for code in ("S01", "S02", "S03"):
        answers[code] = "unknown"
    for code in ("S04", "S05"):
        answers[code] = "not_done"
    return answers


def test_no_part_scores_below_zero_and_the_total_adds_up():
    answers = _answers_with_unknown_basics()
    parts = {g.code: g for g in scoring.group_scores(SEC, answers)}
    assert (parts["basic"].score, parts["basic"].percent) == (0, 0)
    assert parts["basic"].unknown == 3
    assert scoring.total(SEC, answers) == (sum(g.score for g in parts.values()), 100) == (80, 100)
    every_unknown = {q.code: "unknown" for q in C.SECURITY_QUESTIONS}
    assert scoring.total(SEC, every_unknown) == (0, 100)
    assert scoring.total(TS, {q.code: "unknown" for q in C.TRADE_SECRET_QUESTIONS}) == (0, 120)
    assert all(g.score >= 0 for g in scoring.group_scores(TS, every_unknown, by="step"))


def test_every_security_question_has_a_recommendation_on_a_kimitsu_page(company):
    for q in C.SECURITY_QUESTIONS:
        assert q.recommendation and q.recommendation.ja and q.recommendation.en, q.code
        page = links.page_for_question(company.slug, q)
        assert "#step-" not in page.url, q.code  # a real page, not the fallback
        assert resolve(page.url).kwargs["org_slug"] == company.slug
        assert page.name, q.code


def test_security_results_and_pdf_give_every_gap_its_recommendation(company, admin, login_client):
    check = services.selfcheck_record(
        actor=admin.user, membership=admin, kind=SEC, answers=_answers_with_unknown_basics()
    )
    assert check.score == 80
    client = login_client(admin.user)
    page = client.get(url("check_detail", company, pk=check.pk)).content.decode()
    assert page.count('class="rec-link"') == 5
    assert '<tr data-group="basic"><td>基本的な対策</td><td>0 / 20</td><td>0%</td>' in page
    regulation = reverse("rules:regulation", kwargs={"org_slug": company.slug})
    assert f'<a class="rec-link" href="{regulation}">' in page
    text = _pdf_text(client.get(url("check_pdf", company, pk=check.pk)).content)
    assert "0 / 20" in text and "-3 / 20" not in text and "-15%" not in text
    flat = text.replace("\n", "")
    for code in ("S01", "S02", "S03", "S04", "S05"):
        q = next(q for q in C.SECURITY_QUESTIONS if q.code == code)
        assert q.recommendation.ja[:12] in flat, code
    assert "—" not in text
    assert "kimitsu「情報管理規程」" in flat


# --- 4. a step is done when its evidence is good enough ---------------------------------------


def _trade_secret(admin, step1_value, others="not_done", day=None):
    answers = {q.code: (step1_value if q.step == 1 else others) for q in C.TRADE_SECRET_QUESTIONS}
    return services.selfcheck_record(
        actor=admin.user, membership=admin, kind=TS, answers=answers, answered_on=day
    )


def test_step1_is_not_done_at_32_of_120_and_25_of_100(company, admin):
    answers = {q.code: "not_done" for q in C.TRADE_SECRET_QUESTIONS}
    for q in C.TRADE_SECRET_QUESTIONS[4:12]:  # eight questions of later steps done
        answers[q.code] = "done"
    check = services.selfcheck_record(actor=admin.user, membership=admin, kind=TS, answers=answers)
    assert (check.score, check.max_score) == (32, 120)
    _departments(company, [25])
    status = step1_status(company, admin)
    assert status["status"] == IN_PROGRESS
    assert "step-1 gaps" in status["next_action"]
    assert f"{STEP1_OWN_PERCENT}%" in status["done_when"]


def test_step1_needs_its_own_questions_a_recent_check_and_security_out_of_act_now(company, admin):
    assert step1_status(company)["status"] == NOT_STARTED
    services.selfcheck_record(
        actor=admin.user,
        membership=admin,
        kind=CheckKind.QUICK,
        answers={q.code: "no" for q in C.QUICK_CHECKS},
    )
    assert step1_status(company)["status"] == IN_PROGRESS  # a quick check is a start only
    _trade_secret(admin, "done", day=TODAY - dt.timedelta(days=400))
    assert "over a year old" in step1_status(company)["next_action"]
    _trade_secret(admin, "partly")  # step-1 questions at 50%
    assert step1_status(company)["status"] == IN_PROGRESS
    _trade_secret(admin, "done")  # the other steps may still be open
    assert "information security" in step1_status(company)["next_action"]
    departments = _departments(company, [49, 49])
    status = step1_status(company)
    assert status["status"] == IN_PROGRESS and "act now" in status["next_action"]
    # 49 and 50 average 49.5, shown as 50: the band of the shown figure decides, here as on pages
    _security(company, 50, departments[1].department)
    status = step1_status(company)
    assert status["status"] == DONE
    assert any("company-wide" in e and "50/100" in e for e in status["evidence"])


def test_step2_needs_most_of_the_staff_and_a_session_this_year(company, admin, staff):
    session = services.training_create(
        actor=admin.user,
        membership=admin,
        data={
            "held_on": TODAY - dt.timedelta(days=3),
            "title": "意識啓発研修",
            "kind": TrainingKind.AWARENESS,
            "required": True,
        },
    )
    services.attendance_add(
        actor=admin.user, membership=admin, session=session, employee_numbers=["E001", "E002"]
    )
    status = step2_status(company)
    assert status["status"] == IN_PROGRESS  # 2 of 5 attended
    assert f"{STEP2_COVERAGE_PERCENT}%" in status["done_when"]
    services.attendance_add(
        actor=admin.user, membership=admin, session=session, employee_numbers=["E003", "E004"]
    )
    status = step2_status(company)
    assert status["status"] == DONE  # 4 of 5: 80%
    assert status["next_action"] == "Train the person who has not attended yet."
    services.training_update(
        actor=admin.user,
        membership=admin,
        session=session,
        data={"held_on": TODAY - dt.timedelta(days=400)},
    )
    assert step2_status(company)["status"] == IN_PROGRESS


def test_every_step_says_what_good_enough_is_on_the_home(company, admin, login_client):
    assert all(step.done_when for step in seven_steps(company, admin))
    page = login_client(admin.user).get(f"/o/{company.slug}/").content.decode()
    assert page.count('class="small border-start border-3 ps-2 mb-2 step-done-when"') == 7


# --- 5. one home --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "anchor"), [("dashboard", ""), ("roadmap", "#seven-steps")])
def test_the_dashboard_and_the_roadmap_lead_to_the_home(company, admin, login_client, name, anchor):
    response = login_client(admin.user).get(url(name, company))
    assert response.status_code == 302
    assert response["Location"] == f"/o/{company.slug}/{anchor}"


def test_the_home_shows_steps_next_actions_and_figures(company, admin, login_client):
    _departments(company, [80])
    response = login_client(admin.user).get(f"/o/{company.slug}/")
    page = response.content.decode()
    assert 'id="seven-steps"' in page and 'id="next-actions"' in page
    assert 'id="home-figures"' in page and 'id="figure-security"' in page
    assert response.context["steps_done"] == sum(
        1 for s in response.context["steps"] if s.status == DONE
    )
    first = next(s for s in response.context["steps"] if s.status != DONE)
    assert f'data-step="{first.number}"' in page


def test_the_home_dates_follow_the_workspace_calendar(company, admin, login_client):
    _security(company, 80, None, dt.date(2026, 4, 1))
    company.use_wareki = True
    company.save()
    client = login_client(admin.user)
    with translation.override("ja"):
        page = client.get(f"/o/{company.slug}/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "令和8年4月1日" in page and "2026-04-01" not in page


def test_auditors_and_managers_get_the_steps_home_employees_their_tasks(
    company, member_of, login_client
):
    for role, steps in (("auditor", True), ("advisor", True), ("member", False)):
        page = login_client(member_of(company, role).user).get(f"/o/{company.slug}/")
        assert ('id="seven-steps"' in page.content.decode()) is steps, role
    dept = DepartmentFactory(organization=company)
    PersonFactory(organization=company, department=dept)
    manager = member_of(company, "manager", department=dept)
    assert (
        'id="seven-steps"' in login_client(manager.user).get(f"/o/{company.slug}/").content.decode()
    )
