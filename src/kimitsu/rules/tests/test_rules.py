"""Handling rules: kimitsu's defaults per level, editing, versions, steps 6."""

import pytest
from django.core.exceptions import ValidationError

from kimitsu.audit.models import AuditEvent
from kimitsu.core.steps import DONE, IN_PROGRESS, NOT_STARTED
from kimitsu.organizations.choices import Role
from kimitsu.register.models import Level
from kimitsu.register.services import levels_ensure_defaults
from kimitsu.rules import selectors, services
from kimitsu.rules.choices import Action, Approver, Objective, RuleSetStatus, Verdict
from kimitsu.rules.steps import step6_status

from .helpers import approved_rules


def _cell(rule_set, level_name, action):
    return rule_set.rules.get(level__name=level_name, action=action)


@pytest.mark.django_db
def test_defaults_for_the_default_levels(company):
    rule_set = services.rule_set_start(actor=None, organization=company)
    levels = list(selectors.levels(company))
    assert [lv.name for lv in levels] == ["極秘", "秘", "社外秘", "公開"]
    assert rule_set.rules.count() == 4 * len(Action.values) == 48
    # the most secret: named people only, never out, never into AI
    assert _cell(rule_set, "極秘", Action.VIEW).verdict == Verdict.CONDITIONAL
    assert "指名" in _cell(rule_set, "極秘", Action.VIEW).condition
    assert _cell(rule_set, "極秘", Action.TAKE_OUT).verdict == Verdict.FORBIDDEN
    assert _cell(rule_set, "極秘", Action.GENERATIVE_AI).verdict == Verdict.FORBIDDEN
    copy = _cell(rule_set, "極秘", Action.COPY)
    assert (copy.verdict, copy.approver) == (Verdict.APPROVAL, Approver.OFFICER)
    # 秘: taking out needs the head of the department
    take_out = _cell(rule_set, "秘", Action.TAKE_OUT)
    assert (take_out.verdict, take_out.approver) == (Verdict.APPROVAL, Approver.MANAGER)
    assert _cell(rule_set, "秘", Action.PERSONAL_DEVICE).verdict == Verdict.FORBIDDEN
    # 社外秘: anyone inside may view
    assert _cell(rule_set, "社外秘", Action.VIEW).verdict == Verdict.ALLOWED
    # 公開: everything allowed
    assert set(rule_set.rules.filter(level__name="公開").values_list("verdict", flat=True)) == {
        Verdict.ALLOWED
    }
    # the marking cell names the level's own marking text
    secret = Level.objects.get(organization=company, name="秘")
    assert secret.marking_text in _cell(rule_set, "秘", Action.MARK).condition
    # every rule serves one of the five objectives; every condition and approver is filled in
    for rule in rule_set.rules.all():
        assert rule.objective in Objective.values
        if rule.verdict == Verdict.APPROVAL:
            assert rule.approver
        if rule.verdict == Verdict.CONDITIONAL:
            assert rule.condition
    assert AuditEvent.objects.filter(event_type="rule_set.created").count() == 1


@pytest.mark.django_db
def test_a_company_level_gets_the_defaults_of_its_place(company):
    levels_ensure_defaults(organization=company)
    Level.objects.create(
        organization=company,
        code="restricted",
        name="関係者限り",
        rank=35,
        marking_text="関係者限り",
        is_secret=True,
    )
    rule_set = services.rule_set_start(actor=None, organization=company)
    assert rule_set.rules.filter(level__name="関係者限り").count() == 12
    # between 極秘 and 秘: the defaults of a middle level (not the strictest, not 社外秘's)
    assert _cell(rule_set, "関係者限り", Action.TAKE_OUT).verdict == Verdict.APPROVAL
    assert "関係者限り" in _cell(rule_set, "関係者限り", Action.MARK).condition


@pytest.mark.django_db
def test_edit_approve_and_version(company, member_of):
    admin = member_of(company, Role.ADMIN)
    rule_set = services.rule_set_start(actor=admin.user, membership=admin)
    rule = _cell(rule_set, "秘", Action.PRINT)
    with pytest.raises(ValidationError) as exc:
        services.rule_update(
            actor=admin.user,
            membership=admin,
            rule=rule,
            data={"verdict": Verdict.APPROVAL, "approver": ""},
        )
    assert "approver" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.rule_update(
            actor=admin.user,
            membership=admin,
            rule=rule,
            data={"verdict": Verdict.CONDITIONAL, "condition": " "},
        )
    assert "condition" in exc.value.message_dict
    services.rule_update(
        actor=admin.user,
        membership=admin,
        rule=rule,
        data={
            "verdict": Verdict.APPROVAL,
            "approver": Approver.OWNER,
            "note": "印刷は台帳に記録する。",
        },
    )
    rule.refresh_from_db()
    assert (rule.verdict, rule.approver) == (Verdict.APPROVAL, Approver.OWNER)
    event = AuditEvent.objects.get(event_type="rule.updated")
    assert event.after["verdict"] == Verdict.APPROVAL and event.before["verdict"] == "conditional"

    first = services.rule_set_approve(actor=admin.user, membership=admin, rule_set=rule_set)
    assert first.status == RuleSetStatus.APPROVED and first.approved_on
    assert first.approved_by == admin.user and first.approved_by_label
    with pytest.raises(ValidationError):
        services.rule_update(
            actor=admin.user, membership=admin, rule=rule, data={"verdict": Verdict.ALLOWED}
        )

    second = services.rule_set_start(actor=admin.user, membership=admin)
    assert second.number == 2 and second.status == RuleSetStatus.DRAFT
    copied = _cell(second, "秘", Action.PRINT)
    assert (copied.verdict, copied.approver) == (Verdict.APPROVAL, Approver.OWNER)
    assert services.rule_set_start(actor=admin.user, membership=admin) == second
    services.rule_set_approve(actor=admin.user, membership=admin, rule_set=second)
    first.refresh_from_db()
    assert first.status == RuleSetStatus.SUPERSEDED
    assert selectors.rule_set_approved(company) == second


@pytest.mark.django_db
def test_only_the_administrator_changes_rules(company, member_of):
    manager = member_of(company, Role.MANAGER)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.rule_set_start(actor=manager.user, membership=manager)


@pytest.mark.django_db
def test_step6_from_real_data(company):
    from kimitsu.register.choices import Status
    from kimitsu.register.models import Entry

    assert step6_status(company)["status"] == NOT_STARTED
    rule_set = services.rule_set_start(actor=None, organization=company)
    assert step6_status(company)["status"] == IN_PROGRESS
    services.rule_set_approve(actor=None, organization=company, rule_set=rule_set)
    done = step6_status(company)
    assert done["status"] == DONE and "第" not in done["next_action"]
    # a new level used in the register without approved rules: back to in progress
    extra = Level.objects.create(
        organization=company, code="x", name="開発限り", rank=25, is_secret=True
    )
    Entry.objects.create(
        organization=company,
        ledger_number="KM-00001",
        title="試作条件",
        category="technical",
        level=extra,
        status=Status.APPROVED,
    )
    status = step6_status(company)
    assert status["status"] == IN_PROGRESS and "開発限り" in status["next_action"]
    draft = services.rule_set_start(actor=None, organization=company)
    assert draft.rules.filter(level=extra).count() == 12
    services.rule_set_approve(actor=None, organization=company, rule_set=draft)
    assert step6_status(company)["status"] == DONE


@pytest.mark.django_db
def test_pages_edit_a_rule_and_approve(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    client = login_client(admin.user)
    base = f"/o/{company.slug}/rules"
    assert client.post(f"{base}/matrix/draft/").status_code == 302
    rule_set = selectors.rule_set_draft(company)
    rule = _cell(rule_set, "社外秘", Action.GENERATIVE_AI)
    response = client.post(
        f"{base}/matrix/rules/{rule.pk}/",
        {"verdict": "forbidden", "objective": "take_out", "note": "入力しない"},
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.verdict == Verdict.FORBIDDEN
    # a bad cell: approval without approver → the form says so and nothing changes
    response = client.post(
        f"{base}/matrix/rules/{rule.pk}/", {"verdict": "approval", "objective": "take_out"}
    )
    assert response.status_code == 200 and "approver" in response.context["form"].errors
    assert client.post(f"{base}/matrix/{rule_set.pk}/approve/").status_code == 302
    rule_set.refresh_from_db()
    assert rule_set.status == RuleSetStatus.APPROVED
    page = client.get(f"{base}/?level={rule.level_id}")
    assert page.status_code == 200
    assert "入力しない" in page.content.decode()
    # a member may read the guide, not edit
    member = member_of(company, Role.MEMBER)
    member_client = login_client(member.user)
    assert member_client.get(f"{base}/").status_code == 200
    assert member_client.post(f"{base}/matrix/draft/").status_code == 403


@pytest.mark.django_db
def test_guide_query_count_is_bounded(
    company, member_of, login_client, django_assert_max_num_queries
):
    approved_rules(company)
    member = member_of(company, Role.MEMBER)
    client = login_client(member.user)
    with django_assert_max_num_queries(20):
        assert client.get(f"/o/{company.slug}/rules/matrix/").status_code == 200
