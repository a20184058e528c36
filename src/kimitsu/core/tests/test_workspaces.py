import pytest
from django.test import Client

from kimitsu.core.demo import build
from kimitsu.organizations.choices import OrgKind, Role
from kimitsu.organizations.models import Membership, Organization, Person
from kimitsu.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_one_user_switches_between_workspaces(company, desk, member_of, login_client):
    m = member_of(company, Role.MEMBER)
    MembershipFactory(user=m.user, organization=desk, role=Role.DESK_ADVISOR)
    client = login_client(m.user)
    choose = client.get("/")
    assert choose.status_code == 200
    html = choose.content.decode()
    assert "/o/acme/" in html and "/o/desk/" in html
    assert client.get("/o/acme/").status_code == 200
    assert client.get("/o/desk/", follow=True).status_code == 200


def test_single_workspace_goes_straight_home(company, member_of, login_client):
    client = login_client(member_of(company, Role.MEMBER).user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/o/acme/"


def test_company_home_shows_seven_steps_and_honest_status(company, member_of, login_client):
    page = login_client(member_of(company, Role.ADMIN).user).get("/o/acme/")
    steps = page.context["steps"]
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6, 7]
    assert all(s.status in {"not_built", "not_started", "in_progress", "done"} for s in steps)


def test_desk_home_lists_companies_that_invited_its_advisor(company, desk, member_of, login_client):
    advisor = member_of(desk, Role.DESK_ADVISOR)
    MembershipFactory(user=advisor.user, organization=company, role=Role.ADVISOR)
    client = login_client(advisor.user)
    response = client.get("/o/desk/")
    assert response.status_code == 302 and response["Location"] == "/o/desk/desk/"
    assert company.name in client.get(response["Location"]).content.decode()


def test_demo_is_idempotent_and_verifiable():
    build.ensure_demo()
    counts = (Organization.objects.count(), Person.objects.count(), Membership.objects.count())
    build.ensure_demo()
    assert (
        Organization.objects.count(),
        Person.objects.count(),
        Membership.objects.count(),
    ) == counts
    company = Organization.objects.get(slug="demo")
    assert company.kind == OrgKind.COMPANY and company.employee_count == 41
    assert Person.objects.filter(organization=company).count() >= 30
    roles = set(Membership.objects.filter(organization=company).values_list("role", flat=True))
    assert roles == {Role.ADMIN, Role.MANAGER, Role.MEMBER, Role.AUDITOR, Role.ADVISOR}
    from kimitsu.audit.services import verify

    assert verify().ok
    # information received from others names who disclosed it
    from kimitsu.register.models import Entry

    received = Entry.objects.filter(organization=company, category="third_party")
    assert received.count() >= 5
    assert all(e.source_partner_name and e.source_agreement_ref for e in received)


def test_demo_login_works_with_printed_password_and_code():
    build.ensure_demo()
    client = Client()
    client.post(
        "/accounts/login/", {"username": "admin@demo.kimitsu.jp", "password": build.PASSWORD}
    )
    code = build.demo_otp_code("admin@demo.kimitsu.jp")
    response = client.post("/accounts/2fa/verify/", {"token": code})
    assert response.status_code == 302
    assert client.get("/o/demo/people/").status_code == 200


def test_otp_codes_are_printed_only_for_demo_users(company, member_of):
    from kimitsu.testing.browser import ensure_device

    m = member_of(company, Role.ADMIN)
    ensure_device(m.user)
    assert build.demo_otp_code(m.user.email) is None
