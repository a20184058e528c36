import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.choices import Role
from kimitsu.pledges import selectors, services
from kimitsu.pledges.models import Disclosure
from kimitsu.register.choices import Category
from kimitsu.testing.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def partner(company, admin):
    return services.partner_create(
        actor=admin.user, membership=admin, data={"name": "北陸測量株式会社"}
    )


@pytest.fixture
def dept(company):
    return DepartmentFactory(organization=company, name="工事部")


@pytest.fixture
def entry(company, levels, make_entry, dept):
    return make_entry(company, levels["secret"], title="現場の施工手順書", owning_department=dept)


def nda(admin, partner, starts_on, ends_on=None):
    return services.agreement_create(
        actor=admin.user,
        membership=admin,
        partner=partner,
        data={"kind": "nda", "title": "秘密保持契約書", "starts_on": starts_on, "ends_on": ends_on},
    )


def record(membership, partner, entry, **kw):
    return services.disclosure_record(
        actor=membership.user,
        membership=membership,
        partner=partner,
        entry=entry,
        disclosed_on=kw.pop("on", TODAY),
        purpose="共同見積のため",
        **kw,
    )


def test_disclosure_without_an_agreement_is_refused(company, admin, partner, entry):
    with pytest.raises(ValidationError) as exc:
        record(admin, partner, entry)
    assert "北陸測量株式会社" in str(exc.value) and "agreement" in exc.value.message_dict
    assert not Disclosure.objects.exists()
    # an agreement that has ended does not count either
    nda(admin, partner, TODAY - dt.timedelta(days=800), TODAY - dt.timedelta(days=30))
    with pytest.raises(ValidationError):
        record(admin, partner, entry)
    assert not Disclosure.objects.exists()


def test_an_explicit_agreement_must_be_in_force_that_day(company, admin, partner, entry):
    old = nda(admin, partner, TODAY - dt.timedelta(days=800), TODAY - dt.timedelta(days=30))
    with pytest.raises(ValidationError, match="有効ではありません"):
        record(admin, partner, entry, agreement=old, override_reason="急ぎ")
    # on a day when it was in force, it is accepted
    d = record(admin, partner, entry, agreement=old, on=TODAY - dt.timedelta(days=60))
    assert d.agreement == old


def test_only_an_administrator_overrides_and_only_with_a_reason(
    company, admin, member_of, partner, entry, dept
):
    manager = member_of(company, Role.MANAGER, department=dept)
    with pytest.raises(ValidationError, match="管理責任者"):
        record(manager, partner, entry, override_reason="先方の要請")
    with pytest.raises(ValidationError):
        record(admin, partner, entry, override_reason="   ")
    d = record(admin, partner, entry, override_reason="入札期限のため、NDA締結前に概要のみ開示")
    assert d.agreement is None and d.override_reason.startswith("入札期限")
    event = AuditEvent.objects.get(event_type="pledge_disclosure.overridden")
    assert event.after["override_reason"] == d.override_reason
    assert event.actor_id == admin.user.pk
    assert selectors.disclosures_without_agreement(company).count() == 1


def test_a_disclosure_under_an_agreement_in_force_needs_no_reason(
    company, admin, member_of, partner, entry, dept
):
    agreement = nda(admin, partner, TODAY - dt.timedelta(days=10))
    manager = member_of(company, Role.MANAGER, department=dept)
    d = record(manager, partner, entry, override_reason="使われない")
    assert d.agreement == agreement and d.override_reason == ""
    assert AuditEvent.objects.filter(event_type="pledge_disclosure.recorded").count() == 1
    services.disclosure_end(
        actor=admin.user,
        membership=admin,
        disclosure=d,
        end_status="destroyed",
        note="廃棄証明書を受領",
    )
    d.refresh_from_db()
    assert d.end_status == "destroyed" and d.ended_on == TODAY
    with pytest.raises(ValidationError):
        services.disclosure_end(
            actor=admin.user, membership=admin, disclosure=d, end_status="returned"
        )


def test_received_information_is_linked_to_partner_and_agreement(
    company, admin, partner, levels, make_entry, entry
):
    agreement = nda(admin, partner, TODAY)
    received = make_entry(
        company,
        levels["secret"],
        title="先方の測量データ",
        category=Category.THIRD_PARTY,
        source_partner_name="北陸測量株式会社",
    )
    with pytest.raises(ValidationError):
        services.received_link(actor=admin.user, membership=admin, entry=entry, partner=partner)
    services.received_link(
        actor=admin.user, membership=admin, entry=received, partner=partner, agreement=agreement
    )
    assert [r.entry for r in selectors.received_list(admin).filter(partner=partner)] == [received]


def test_partner_page_answers_given_and_received(
    company, admin, partner, entry, levels, make_entry, login_client
):
    agreement = nda(admin, partner, TODAY)
    record(admin, partner, entry)
    received = make_entry(
        company, levels["secret"], title="先方の測量データ", category=Category.THIRD_PARTY
    )
    services.received_link(
        actor=admin.user, membership=admin, entry=received, partner=partner, agreement=agreement
    )
    r = login_client(admin.user).get(
        reverse("pledges:partner_detail", kwargs={"org_slug": company.slug, "pk": partner.pk})
    )
    html = r.content.decode()
    given = html[html.index('id="given"') : html.index('id="received"')]
    assert "現場の施工手順書" in given and "先方の測量データ" not in given
    assert "先方の測量データ" in html[html.index('id="received"') :]


def test_api_refuses_a_disclosure_without_agreement(
    company, admin, member_of, partner, entry, dept
):
    from django.test import Client

    manager = member_of(company, Role.MANAGER, department=dept)
    token, _ = Token.objects.get_or_create(user=manager.user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = reverse("api-pledges-disclosures", kwargs={"org_slug": company.slug})
    body = {
        "partner": partner.pk,
        "entry": entry.pk,
        "disclosed_on": TODAY.isoformat(),
        "purpose": "見積",
        "override_reason": "急ぎ",
    }
    r = client.post(url, body, content_type="application/json")
    assert r.status_code == 400 and "override_reason" in r.json()
    token, _ = Token.objects.get_or_create(user=admin.user)
    r = Client(HTTP_AUTHORIZATION=f"Token {token.key}").post(
        url, body, content_type="application/json"
    )
    assert r.status_code == 201 and r.json()["agreement"] is None
    r = client.get(
        reverse("api-pledges-partner", kwargs={"org_slug": company.slug, "pk": partner.pk})
    )
    assert [g["ledger_number"] for g in r.json()["given"]] == [entry.ledger_number]


def test_another_workspace_partner_is_not_found(
    company, other_company, member_of, partner, login_client
):
    stranger = member_of(other_company, Role.ADMIN)
    r = login_client(stranger.user).get(
        reverse("pledges:partner_detail", kwargs={"org_slug": other_company.slug, "pk": partner.pk})
    )
    assert r.status_code == 404


def test_editing_a_partner_on_the_page_is_audited_with_old_and_new(
    company, admin, partner, login_client
):
    url = reverse("pledges:partner_edit", kwargs={"org_slug": company.slug, "pk": partner.pk})
    r = login_client(admin.user).post(url, {"name": "北陸測量株式会社", "contact": "03-0000-0000"})
    assert r.status_code == 302
    partner.refresh_from_db()
    assert partner.contact == "03-0000-0000"
    event = AuditEvent.objects.get(event_type="pledge_partner.updated")
    assert event.before == {"contact": ""}
    assert event.after == {"contact": "03-0000-0000"}


def test_disclosure_page_records_under_the_agreement_in_force(
    company, admin, partner, entry, login_client
):
    agreement = nda(admin, partner, TODAY - dt.timedelta(days=10))
    url = reverse("pledges:disclosure_create", kwargs={"org_slug": company.slug})
    body = {
        "partner": partner.pk,
        "entry": entry.pk,
        "disclosed_on": TODAY.isoformat(),
        "purpose": " 共同見積のため ",
        "recipient": "",
        "override_reason": "",
    }
    r = login_client(admin.user).post(url, body)
    assert r.status_code == 302
    d = Disclosure.objects.get()
    assert d.agreement == agreement and d.purpose == "共同見積のため" and d.recipient == ""
