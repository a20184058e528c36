"""The disclosure log obeys the handling rules (issue 15): where the matrix says 承認制 for 社外への開示,
a disclosure needs the approved request (linked, or found for that partner and day) or an
administrator's override with a reason, which the audit log shows; 禁止 refuses it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kimitsu.approvals import services as approvals
from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.choices import Role
from kimitsu.pledges import services
from kimitsu.pledges.models import Disclosure
from kimitsu.rules.models import HandlingRule
from kimitsu.rules.tests.helpers import approved_rules
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def setup(company, admin, levels, make_entry, member_of):
    approved_rules(company)
    dept = DepartmentFactory(organization=company, name="工事部")
    president = PersonFactory(organization=company, family_name="山本", job_title="代表取締役")
    boss = member_of(company, Role.MEMBER, person=president)
    president.user = boss.user
    president.save()
    manager = member_of(company, Role.MANAGER, department=dept)
    partner = services.partner_create(
        actor=admin.user, membership=admin, data={"name": "北陸測量株式会社"}
    )
    services.agreement_create(
        actor=admin.user,
        membership=admin,
        partner=partner,
        data={"kind": "nda", "title": "秘密保持契約書", "starts_on": TODAY - dt.timedelta(days=30)},
    )
    top = make_entry(
        company, levels["top_secret"], title="焼成炉の温度プロファイル", owning_department=dept
    )
    public = make_entry(company, levels["public"], title="会社案内", owning_department=dept)
    return {
        "admin": admin,
        "boss": boss,
        "manager": manager,
        "partner": partner,
        "top": top,
        "public": public,
    }


def record(membership, s, entry, **kw):
    return services.disclosure_record(
        actor=membership.user,
        membership=membership,
        partner=s["partner"],
        entry=entry,
        disclosed_on=kw.pop("on", TODAY),
        purpose="共同開発の打合せ",
        **kw,
    )


def approved_request(s, entry, **kw):
    request = approvals.request_create(
        actor=s["admin"].user,
        membership=s["admin"],
        action="disclose",
        entries=[entry],
        purpose="共同開発の打合せ",
        destination="北陸測量 技術部",
        starts_on=kw.pop("starts_on", TODAY),
        ends_on=kw.pop("ends_on", TODAY + dt.timedelta(days=30)),
        **kw,
    )
    assert request.approver_role == "president"
    return approvals.request_decide(
        actor=s["boss"].user, membership=s["boss"], request=request, approve=True
    )


def test_refused_without_the_approval(setup):
    s = setup
    with pytest.raises(ValidationError) as refused:
        record(s["manager"], s, s["top"])
    message = " ".join(refused.value.message_dict["approval"])
    assert "代表取締役" in message and "KM-00001" in message and "極秘" in message
    assert not Disclosure.objects.exists()
    # a manager's reason is not an override
    with pytest.raises(ValidationError) as refused:
        record(s["manager"], s, s["top"], approval_override_reason="先方の要請")
    assert "approval_override_reason" in refused.value.message_dict
    assert not Disclosure.objects.exists()
    # a public entry needs none
    assert record(s["manager"], s, s["public"]).approval is None


def test_accepted_with_the_approval_found_for_the_partner(setup):
    s = setup
    approval = approved_request(s, s["top"], partner=s["partner"])
    d = record(s["manager"], s, s["top"])
    assert d.approval == approval
    event = AuditEvent.objects.get(event_type="pledge_disclosure.recorded")
    assert event.after["approval"] == "AP-00001" and event.after["verdict"] == "approval"
    assert "焼成炉" not in str(event.after)


def test_accepted_with_the_approval_linked_and_checked(setup, make_entry, levels):
    s = setup
    approval = approved_request(s, s["top"])  # for a recipient named in words, no partner
    with pytest.raises(ValidationError):
        record(s["manager"], s, s["top"])  # not found by itself: it names no partner
    assert record(s["manager"], s, s["top"], approval=approval).approval == approval
    other = make_entry(s["top"].organization, levels["top_secret"], title="別の資料")
    with pytest.raises(ValidationError, match="対象としていません"):
        record(s["admin"], s, other, approval=approval)
    with pytest.raises(ValidationError, match="期間"):
        record(s["admin"], s, s["top"], approval=approval, on=TODAY + dt.timedelta(days=31))
    pending = approvals.request_create(
        actor=s["admin"].user,
        membership=s["admin"],
        action="disclose",
        entries=[s["top"]],
        purpose="p",
        destination="d",
    )
    with pytest.raises(ValidationError, match="承認されていません"):
        record(s["admin"], s, s["top"], approval=pending)


def test_accepted_with_an_administrators_override_and_its_reason_in_the_log(setup):
    s = setup
    with pytest.raises(ValidationError):
        record(s["admin"], s, s["top"], approval_override_reason="   ")
    d = record(
        s["admin"], s, s["top"], approval_override_reason="社長不在のため口頭で了承、事後に申請"
    )
    assert d.approval is None and d.approval_override_reason.startswith("社長不在")
    event = AuditEvent.objects.get(event_type="pledge_disclosure.approval_overridden")
    assert event.after["approval_override_reason"] == d.approval_override_reason
    assert event.actor_id == s["admin"].user_id


def test_forbidden_is_refused_even_to_an_administrator(setup):
    s = setup
    HandlingRule.objects.filter(level=s["top"].level, action="disclose").update(
        verdict="forbidden", approver="", note="社外には一切開示しない。"
    )
    with pytest.raises(ValidationError) as refused:
        record(s["admin"], s, s["top"], approval_override_reason="どうしても")
    assert "社外には一切開示しない。" in " ".join(refused.value.message_dict["entry"])
    assert not Disclosure.objects.exists()


def test_a_day_before_the_company_had_rules_is_not_judged_by_them(setup):
    s = setup
    d = record(s["manager"], s, s["top"], on=TODAY - dt.timedelta(days=1))
    assert d.approval is None and d.approval_override_reason == ""


def test_the_page_asks_for_the_approval_then_records_the_override(setup, login_client):
    s = setup
    url = reverse("pledges:disclosure_create", kwargs={"org_slug": s["admin"].organization.slug})
    body = {
        "partner": s["partner"].pk,
        "entry": s["top"].pk,
        "disclosed_on": TODAY.isoformat(),
        "purpose": "共同開発の打合せ",
    }
    client = login_client(s["admin"].user)
    page = client.post(url, body)
    assert page.status_code == 200 and "代表取締役" in page.content.decode()
    assert not Disclosure.objects.exists()
    done = client.post(url, {**body, "approval_override_reason": "事後に申請する"}, follow=True)
    assert "取扱ルールが求める承認なしで記録しました" in done.content.decode()
    assert Disclosure.objects.get().approval_override_reason == "事後に申請する"
    approval = approved_request(s, s["top"], partner=s["partner"])
    page = client.get(url)
    assert f'value="{approval.pk}"' in page.content.decode()


def test_the_api_links_the_approval(setup):
    from django.test import Client
    from rest_framework.authtoken.models import Token

    s = setup
    approval = approved_request(s, s["top"], partner=s["partner"])
    token, _ = Token.objects.get_or_create(user=s["manager"].user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = reverse("api-pledges-disclosures", kwargs={"org_slug": s["admin"].organization.slug})
    body = {
        "partner": s["partner"].pk,
        "entry": s["top"].pk,
        "disclosed_on": TODAY.isoformat(),
        "purpose": "見積",
        "approval": approval.pk,
    }
    r = client.post(url, body, content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["approval_code"] == "AP-00001"
