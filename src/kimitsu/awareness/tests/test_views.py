import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kimitsu.awareness import services
from kimitsu.awareness.choices import CheckKind
from kimitsu.awareness.content import checks as C
from kimitsu.awareness.content.quiz import LAW_BANK
from kimitsu.awareness.models import (
    Attendance,
    PatentDecision,
    QuizResult,
    SelfCheck,
    TrainingSession,
)
from kimitsu.organizations.choices import Role
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db
YESTERDAY = timezone.localdate() - dt.timedelta(days=1)


def url(name, org, **kwargs):
    return reverse(f"awareness:{name}", kwargs={"org_slug": org.slug, **kwargs})


def _post_check(client, org, kind, value, **extra):
    data = {
        q.code: value
        for q in (
            C.QUICK_CHECKS
            if kind == "quick"
            else C.TRADE_SECRET_QUESTIONS
            if kind == "trade_secret"
            else C.SECURITY_QUESTIONS
        )
    }
    data["answered_on"] = YESTERDAY.isoformat()
    data.update(extra)
    return client.post(url("check_new", org, kind=kind), data)


def test_answering_the_trade_secret_check_shows_scores_and_links(company, admin, login_client):
    client = login_client(admin.user)
    response = _post_check(client, company, "trade_secret", "unknown", TS01="done")
    check = SelfCheck.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "check_detail", company, pk=check.pk
    )
    # every objective is below 0 before its floor: a part never scores below nothing done
    assert check.score == 0 and check.answered_on == YESTERDAY
    page = client.get(response["Location"]).content.decode()
    assert 'id="overall-score">0<' in page
    assert page.count('class="rec-link"') == 29
    assert f'href="/o/{company.slug}/awareness/trainings/"' in page


def test_unanswered_form_is_shown_again_with_errors(company, admin, login_client):
    client = login_client(admin.user)
    response = client.post(
        url("check_new", company, kind="quick"), {"Q1": "yes", "answered_on": "2026-11-01"}
    )
    assert response.status_code == 200
    assert b"list-group-item-danger" in response.content
    assert not SelfCheck.objects.exists()


def test_unknown_check_kind_is_404(company, admin, login_client):
    assert login_client(admin.user).get(url("check_new", company, kind="nope")).status_code == 404


def test_manager_gets_only_own_departments_in_the_security_form(company, member_of, login_client):
    mine = DepartmentFactory(organization=company, name="工事部")
    DepartmentFactory(organization=company, name="営業部")
    manager = member_of(company, Role.MANAGER, department=mine)
    client = login_client(manager.user)
    page = client.get(url("check_new", company, kind="security")).content.decode()
    assert "工事部" in page and "営業部" not in page
    assert client.get(url("check_new", company, kind="quick")).status_code == 403
    response = _post_check(client, company, "security", "done", department=mine.pk)
    assert response.status_code == 302
    assert SelfCheck.objects.get().department == mine


def test_security_summary_aggregates_departments(company, admin, login_client):
    client = login_client(admin.user)
    for name, value in (("工事部", "done"), ("営業部", "partly")):
        dept = DepartmentFactory(organization=company, name=name)
        assert (
            _post_check(client, company, "security", value, department=dept.pk).status_code == 302
        )
    page = client.get(url("security_summary", company)).content.decode()
    assert 'id="aggregate-average">75<' in page
    api = client.get(
        reverse("api-awareness-security-summary", kwargs={"org_slug": company.slug})
    ).json()
    assert api["average"] == 75 and len(api["departments"]) == 2


def test_pdf_lists_every_gap_on_at_most_three_pages(company, admin, login_client):
    client = login_client(admin.user)
    _post_check(client, company, "trade_secret", "partly")
    response = client.get(url("check_pdf", company, pk=SelfCheck.objects.get().pk))
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF")
    assert 1 < int(re.findall(rb"/Count (\d+)", body)[0]) <= 3  # all 30 gaps, not the first 8


def test_other_workspace_objects_are_404(company, other_company, admin, login_client):
    theirs = SelfCheck.objects.create(
        organization=other_company, kind="quick", score=1, max_score=5
    )
    client = login_client(admin.user)
    assert client.get(url("check_detail", company, pk=theirs.pk)).status_code == 404
    assert client.get(url("check_pdf", company, pk=theirs.pk)).status_code == 404


def test_training_flow_entry_import_and_missing(company, admin, login_client, staff):
    client = login_client(admin.user)
    response = client.post(
        url("training_create", company),
        {
            "held_on": "2026-04-10",
            "title": "営業秘密の基礎",
            "kind": "awareness",
            "lecturer_kind": "desk_advisor",
            "lecturer_name": "窓口 アドバイザー",
            "mode": "online",
            "materials": "学習ページ",
            "required": "on",
        },
    )
    assert response.status_code == 302
    detail = response["Location"]
    response = client.post(detail, {"employee_numbers": "E001, E002 E404"})
    assert response.status_code == 200 and "E404" in response.content.decode()
    assert not Attendance.objects.exists()
    assert client.post(detail, {"employee_numbers": "E001、E002"}).status_code == 302
    assert Attendance.objects.count() == 2
    session_pk = Attendance.objects.first().session_id
    bad = SimpleUploadedFile("a.csv", b"E003\nX1\nE004\n", content_type="text/csv")
    response = client.post(url("training_import", company, pk=session_pk), {"file": bad})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="import-errors"' in page and "X1" in page
    assert Attendance.objects.count() == 2
    good = SimpleUploadedFile("a.csv", b"E003\nE004\n", content_type="text/csv")
    response = client.post(url("training_import", company, pk=session_pk), {"file": good})
    assert response.status_code == 302 and Attendance.objects.count() == 4
    missing = client.get(url("training_missing", company)).content.decode()
    assert "E005" in missing and "E001" not in missing
    assert 'id="coverage-percent">80%' in client.get(f"/o/{company.slug}/").content.decode()


def test_quiz_view_records_the_persons_score(company, admin, member_of, login_client, staff):
    session = services.training_create(
        actor=admin.user,
        membership=admin,
        data={"held_on": dt.date(2026, 4, 10), "title": "研修", "kind": "awareness"},
    )
    member = member_of(company, Role.MEMBER, person=staff[1])
    client = login_client(member.user)
    data = {q.code: str(q.answer) for q in LAW_BANK}
    data["L2"] = "0"
    response = client.post(url("training_quiz", company, pk=session.pk), data)
    assert response.status_code == 302
    result = QuizResult.objects.get()
    assert result.person == staff[1] and (result.score, result.total) == (7, 8)
    assert 'id="quiz-result"' in client.get(response["Location"]).content.decode()


def test_decision_flow(company, admin, login_client):
    client = login_client(admin.user)
    answers = {
        "visible": "yes",
        "detectable": "yes",
        "keepable": "no",
        "long_life": "no",
        "rivals": "unsure",
        "licensing": "unsure",
        "core": "unsure",
    }
    response = client.post(url("decision_create", company), {"title": "連結金具の形状", **answers})
    assert response.status_code == 302
    decision = PatentDecision.objects.get()
    assert decision.recommendation == "patent"
    page = client.get(response["Location"]).content.decode()
    assert 'data-value="patent"' in page and 'id="evidence-card"' not in page
    response = client.post(
        response["Location"],
        {
            "decision": "secret",
            "decision_reason": "量産前のため当面秘匿",
            "approver": "社長",
            "decided_on": "2026-11-01",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'id="evidence-card"' in page  # choosing secrecy adds the prior-use checklist
    client.post(response["Location"], {"evidence": "1", "done": ["timestamp", "drawings"]})
    decision.refresh_from_db()
    assert set(decision.evidence) == {"timestamp", "drawings"}


def test_home_queries_do_not_grow_with_rows(
    company, admin, login_client, django_assert_max_num_queries
):
    client = login_client(admin.user)
    home = f"/o/{company.slug}/"
    client.get(home)  # warm caches (sessions, content types)
    with django_assert_max_num_queries(80) as baseline:
        client.get(home)
    first = len(baseline.captured_queries)
    dept = DepartmentFactory(organization=company)
    for _n in range(30):
        PersonFactory(organization=company, department=dept)
    for kind, value in (("quick", "yes"), ("trade_secret", "partly")):
        for _ in range(3):
            _post_check(client, company, kind, value)
    for _ in range(3):
        _post_check(client, company, "security", "done", department=dept.pk)
    with django_assert_max_num_queries(first + 2):
        response = client.get(home)
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["checks", "trainings", "decisions", "training_missing"])
def test_list_queries_are_bounded(
    name, company, admin, login_client, staff, django_assert_max_num_queries
):
    client = login_client(admin.user)

    def add_rows(count, start=0):
        for n in range(start, start + count):
            _rows(n)

    def _rows(n):
        SelfCheck.objects.create(organization=company, kind="quick", score=1, max_score=5)
        PatentDecision.objects.create(organization=company, title=f"t{n}", recommendation="secret")
        services.training_create(
            actor=admin.user,
            membership=admin,
            data={"held_on": dt.date(2026, 4, 1), "title": f"研修{n}", "kind": "awareness"},
        )

    add_rows(1)
    client.get(url(name, company))
    with django_assert_max_num_queries(30) as baseline:
        client.get(url(name, company))
    first = len(baseline.captured_queries)
    add_rows(20, start=1)
    with django_assert_max_num_queries(first):
        assert client.get(url(name, company)).status_code == 200


def test_api_creates_and_lists_checks(company, admin):
    from django.test import Client
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=admin.user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    api = reverse("api-awareness-checks", kwargs={"org_slug": company.slug})
    bad = client.post(
        api, {"kind": "quick", "answers": {"Q1": "yes"}}, content_type="application/json"
    )
    assert bad.status_code == 400
    ok = client.post(
        api,
        {"kind": "quick", "answers": {q.code: "yes" for q in C.QUICK_CHECKS}},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["score"] == 5
    listed = client.get(api).json()
    assert (
        listed["results"][0]["kind"] == CheckKind.QUICK
        if "results" in listed
        else listed[0]["kind"] == CheckKind.QUICK
    )
    roadmap = client.get(reverse("api-awareness-roadmap", kwargs={"org_slug": company.slug}))
    step1 = roadmap.json()["steps"][0]
    assert step1["status"] == "in_progress" and step1["done_when"]  # quick checks are a start


def test_quiz_includes_the_companys_levels_when_the_register_has_them(company, admin):
    from django.apps import apps

    if not apps.is_installed("kimitsu.register"):
        pytest.skip("no register app")
    from kimitsu.register.models import Level

    for rank, (code, name) in enumerate((("ts", "極秘"), ("s", "秘"), ("i", "社外秘"))):
        Level.objects.create(organization=company, code=code, name=name, rank=10 - rank)
    questions = services.quiz_questions(company)
    assert len(questions) == len(LAW_BANK) + 2
    level_q = next(q for q in questions if q.code == "C1")
    assert str(level_q.options[level_q.answer]) == "極秘"


def test_quiz_asks_about_the_approved_handling_rules(company, admin):
    from django.apps import apps

    if not (apps.is_installed("kimitsu.rules") and apps.is_installed("kimitsu.register")):
        pytest.skip("no rules app")
    from kimitsu.register.models import Level
    from kimitsu.rules.models import HandlingRule, RuleSet

    top = Level.objects.create(organization=company, code="ts", name="極秘", rank=3)
    low = Level.objects.create(organization=company, code="i", name="社外秘", rank=1)
    draft = RuleSet.objects.create(organization=company, number=1, status="draft")
    HandlingRule.objects.create(
        rule_set=draft, level=top, action="send", verdict="allowed", objective="take_out"
    )
    assert not [q for q in services.quiz_questions(company) if q.code.startswith("R")]
    approved = RuleSet.objects.create(organization=company, number=2, status="approved")
    HandlingRule.objects.create(
        rule_set=approved, level=top, action="send", verdict="forbidden", objective="take_out"
    )
    HandlingRule.objects.create(
        rule_set=approved, level=low, action="take_out", verdict="approval", objective="take_out"
    )
    rules = [q for q in services.quiz_questions(company) if q.code.startswith("R")]
    assert [(q.text.ja.split("「")[1].split("」")[0], q.options[q.answer].en) for q in rules] == [
        ("極秘", "Forbidden"),
        ("社外秘", "Needs approval"),
    ]


def test_home_shows_other_apps_figures_or_says_not_available(
    company, admin, login_client, monkeypatch
):
    from kimitsu.awareness import integrations

    client = login_client(admin.user)
    monkeypatch.setattr(
        integrations,
        "register_counts",
        lambda org: {
            "total": 12,
            "approved": 9,
            "proposed": 3,
            "reviews_due": 2,
            "by_level": {"極秘": 4},
        },
    )
    monkeypatch.setattr(integrations, "pledge_counts", lambda m: {"missing": 7})
    page = client.get(f"/o/{company.slug}/").content.decode()
    assert 'id="register-total">12<' in page and 'id="pledges-missing">7<' in page
    monkeypatch.setattr(integrations, "register_counts", lambda org: None)
    monkeypatch.setattr(integrations, "pledge_counts", lambda m: None)
    page = client.get(f"/o/{company.slug}/").content.decode()
    assert 'id="register-unavailable"' in page
    assert 'id="register-total"' not in page


def test_integrations_answer_none_without_the_apps(company, admin, monkeypatch):
    from kimitsu.awareness import integrations

    monkeypatch.setattr(integrations, "_selector", lambda app, name: None)
    assert integrations.register_counts(company) is None
    assert integrations.pledge_counts(admin) is None
    assert integrations.register_entries(admin) is None
    assert integrations.level_names(company) == []


def test_api_trainings_and_decisions(company, admin, member_of, staff):
    from django.test import Client
    from rest_framework.authtoken.models import Token

    def client_for(membership):
        token, _ = Token.objects.get_or_create(user=membership.user)
        return Client(HTTP_AUTHORIZATION=f"Token {token.key}")

    client = client_for(admin)
    kw = {"org_slug": company.slug}
    created = client.post(
        reverse("api-awareness-trainings", kwargs=kw),
        {"held_on": "2026-04-01", "title": "意識啓発", "kind": "awareness"},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    services.attendance_add(
        actor=admin.user,
        membership=admin,
        session=TrainingSession.objects.get(pk=pk),
        employee_numbers=["E001", "E002"],
    )
    detail = client.get(reverse("api-awareness-training", kwargs={**kw, "pk": pk})).json()
    assert [a["employee_number"] for a in detail["attendance"]] == ["E001", "E002"]
    decided = client.post(
        reverse("api-awareness-decisions", kwargs=kw),
        {"title": "焼成条件", "answers": {"visible": "no", "detectable": "no", "keepable": "yes"}},
        content_type="application/json",
    )
    assert decided.status_code == 201 and decided.json()["recommendation"] == "secret"
    # an auditor reads but may not write
    auditor = client_for(member_of(company, Role.AUDITOR))
    assert auditor.get(reverse("api-awareness-decisions", kwargs=kw)).status_code == 200
    assert (
        auditor.post(
            reverse("api-awareness-decisions", kwargs=kw),
            {"title": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )


def test_external_advisor_sees_training_figures_not_people(
    company, admin, member_of, login_client, staff
):
    session = services.training_create(
        actor=admin.user,
        membership=admin,
        data={"held_on": dt.date(2026, 4, 10), "title": "研修", "kind": "awareness"},
    )
    services.attendance_add(
        actor=admin.user, membership=admin, session=session, employee_numbers=["E001", "E002"]
    )
    advisor = login_client(member_of(company, Role.ADVISOR).user)
    page = advisor.get(url("training_detail", company, pk=session.pk)).content.decode()
    assert 'id="attendee-count">2<' in page
    assert staff[0].full_name not in page and 'id="attendance-list"' not in page
    assert advisor.get(url("training_missing", company)).status_code == 403
    api = advisor.get(
        reverse("api-awareness-training", kwargs={"org_slug": company.slug, "pk": session.pk})
    ).json()
    assert api["attendees"] == 2 and "attendance" not in api
    admin_page = login_client(admin.user).get(url("training_detail", company, pk=session.pk))
    assert staff[0].full_name in admin_page.content.decode()
