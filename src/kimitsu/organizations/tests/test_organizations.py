import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations import selectors, services
from kimitsu.organizations.choices import PersonStatus, Role
from kimitsu.organizations.models import Department, Person
from kimitsu.organizations.validators import validate_corporate_number
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["5835678256246", "7000012050002", "1180301018771"])
def test_valid_corporate_numbers(number):
    validate_corporate_number(number)


@pytest.mark.parametrize(
    "number",
    ["5835678256247", "6835678256246", "123", "１１８０３０１０１８７７１", "118030101877a"],
)
def test_invalid_corporate_numbers(number):
    with pytest.raises(ValidationError):
        validate_corporate_number(number)


@pytest.fixture
def tree(company):
    """工事部 > 工事一課 > 第1班, and 営業部, each with a person."""
    top = DepartmentFactory(organization=company, name="工事部")
    one = DepartmentFactory(organization=company, name="工事一課", parent=top)
    team = DepartmentFactory(organization=company, name="第1班", parent=one)
    sales = DepartmentFactory(organization=company, name="営業部")
    people = {
        d.name: PersonFactory(organization=company, department=d) for d in (top, one, team, sales)
    }
    return {"top": top, "one": one, "team": team, "sales": sales, "people": people}


def test_descendants(company, tree):
    ids = selectors.department_descendant_ids(company, [tree["top"].pk])
    assert ids == {tree["top"].pk, tree["one"].pk, tree["team"].pk}
    assert selectors.department_descendant_ids(company, [tree["sales"].pk]) == {tree["sales"].pk}


def test_manager_sees_only_their_subtree(company, member_of, tree):
    manager = member_of(company, Role.MANAGER, department=tree["one"])
    visible = set(selectors.person_list(manager).values_list("department__name", flat=True))
    assert visible == {"工事一課", "第1班"}
    with pytest.raises(Http404):
        selectors.person_get(manager, tree["people"]["営業部"].pk)


def test_admin_and_auditor_see_everyone_member_and_advisor_see_nobody(company, member_of, tree):
    for role in (Role.ADMIN, Role.AUDITOR):
        assert selectors.person_list(member_of(company, role)).count() == 4
    for role in (Role.MEMBER, Role.ADVISOR):
        with pytest.raises(PermissionDenied):
            selectors.person_list(member_of(company, role))


def test_no_person_of_another_workspace_is_reachable(company, other_company, member_of):
    stranger = PersonFactory(organization=other_company)
    admin = member_of(company, Role.ADMIN)
    with pytest.raises(Http404):
        selectors.person_get(admin, stranger.pk)


def test_manager_cannot_move_a_person_out_of_their_subtree(company, member_of, tree):
    manager = member_of(company, Role.MANAGER, department=tree["one"])
    person = tree["people"]["第1班"]
    with pytest.raises(PermissionDenied):
        services.person_update(
            actor=manager.user,
            membership=manager,
            person=person,
            data={"department": tree["sales"]},
        )
    assert Person.objects.get(pk=person.pk).department == tree["team"]


def test_department_cannot_move_under_itself(company, member_of, tree):
    admin = member_of(company, Role.ADMIN)
    with pytest.raises(ValidationError):
        services.department_update(
            actor=admin.user,
            membership=admin,
            department=tree["top"],
            data={"parent": tree["team"]},
        )


def test_department_with_people_cannot_be_deleted(company, member_of, tree):
    admin = member_of(company, Role.ADMIN)
    with pytest.raises(ValidationError):
        services.department_delete(actor=admin.user, membership=admin, department=tree["sales"])
    assert Department.objects.filter(pk=tree["sales"].pk).exists()


def test_person_status_change_is_audited_with_before_and_after(company, member_of):
    admin = member_of(company, Role.ADMIN)
    person = PersonFactory(organization=company)
    services.person_update(
        actor=admin.user,
        membership=admin,
        person=person,
        data={"status": PersonStatus.LEAVING, "left_on": dt.date(2026, 12, 31)},
    )
    event = AuditEvent.objects.get(event_type="person.status_changed")
    assert event.before == {"status": "active", "left_on": None}
    assert event.after == {"status": "leaving", "left_on": "2026-12-31"}


def test_duplicate_employee_number_is_refused(company, member_of):
    admin = member_of(company, Role.ADMIN)
    PersonFactory(organization=company, employee_number="0001")
    with pytest.raises(ValidationError) as exc:
        services.person_create(
            actor=admin.user,
            membership=admin,
            data={"employee_number": "0001", "family_name": "重複"},
        )
    assert "employee_number" in str(exc.value) or "社員番号" in str(exc.value)


def test_last_administrator_cannot_be_demoted(company, member_of):
    admin = member_of(company, Role.ADMIN)
    with pytest.raises(ValidationError):
        services.member_update(actor=admin.user, membership=admin, member=admin, role=Role.MEMBER)


# --- views ----------------------------------------------------------------------------------


def test_admin_adds_a_department_and_a_person_through_the_pages(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    client = login_client(admin.user)
    response = client.post(
        "/o/acme/departments/new/", {"name": "品質管理部", "code": "700", "sort_order": "1"}
    )
    assert response.status_code == 302
    dept = Department.objects.get(organization=company, name="品質管理部")
    response = client.post(
        "/o/acme/people/new/",
        {
            "employee_number": "２００１",
            "family_name": "青木",
            "given_name": "遥",
            "family_name_kana": "アオキ",
            "given_name_kana": "ハルカ",
            "department": dept.pk,
            "status": "active",
            "joined_on": "2026-04-01",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(organization=company, employee_number="2001")
    assert person.full_name == "青木\u3000遥"
    assert AuditEvent.objects.filter(
        organization=company, event_type="person.created", object_id=str(person.pk)
    ).exists()


def test_person_form_reports_errors_in_japanese(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    response = login_client(admin.user).post(
        "/o/acme/people/new/", {"employee_number": "1", "family_name": "X", "status": "left"}
    )
    assert response.status_code == 200
    assert "退職者には退職日を入力してください。" in response.content.decode()
    assert not Person.objects.filter(organization=company).exists()


def test_member_cannot_post_to_people(company, member_of, login_client):
    m = member_of(company, Role.MEMBER)
    response = login_client(m.user).post(
        "/o/acme/people/new/", {"employee_number": "1", "family_name": "X"}
    )
    assert response.status_code == 403
    assert not Person.objects.exists()


def test_auditor_cannot_change_the_profile(company, member_of, login_client):
    auditor = member_of(company, Role.AUDITOR)
    response = login_client(auditor.user).post("/o/acme/profile/", {"name": "乗っ取り"})
    assert response.status_code == 403


def test_corporate_number_with_full_width_digits_is_saved(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    response = login_client(admin.user).post(
        "/o/acme/profile/",
        {
            "name": "株式会社アクメ",
            "corporate_number": "１１８０３０１０１８７７１",
            "fiscal_year_start_month": "4",
            "prefecture": "13",
            "industry": "E",
            "employee_count": "41",
        },
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.corporate_number == "1180301018771"


def test_people_list_query_count_does_not_grow(
    company, member_of, login_client, django_assert_max_num_queries
):
    admin = member_of(company, Role.ADMIN)
    client = login_client(admin.user)
    dept = DepartmentFactory(organization=company)
    PersonFactory.create_batch(5, organization=company, department=dept)
    with django_assert_max_num_queries(14) as small:
        assert client.get("/o/acme/people/").status_code == 200
    PersonFactory.create_batch(60, organization=company, department=dept)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/o/acme/people/")
    assert response.status_code == 200 and response.context["page"].paginator.count == 65


def test_people_search_finds_kana_and_number(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    PersonFactory(
        organization=company,
        employee_number="7777",
        family_name="長谷川",
        family_name_kana="ハセガワ",
    )
    PersonFactory(
        organization=company,
        employee_number="8888",
        family_name="近藤",
        family_name_kana="コンドウ",
    )
    client = login_client(admin.user)
    page = client.get("/o/acme/people/?q=ハセガワ")
    assert [p.employee_number for p in page.context["page"]] == ["7777"]
    page = client.get("/o/acme/people/?q=8888")
    assert [p.employee_number for p in page.context["page"]] == ["8888"]


def test_api_creates_a_person_with_audit(company, member_of):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    admin = member_of(company, Role.ADMIN)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=admin.user).key}")
    response = client.post(
        "/api/v1/o/acme/people/", {"employee_number": "3001", "family_name": "API"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert AuditEvent.objects.filter(event_type="person.created", actor=admin.user).exists()
    duplicate = client.post(
        "/api/v1/o/acme/people/", {"employee_number": "3001", "family_name": "API"}, format="json"
    )
    assert duplicate.status_code == 400


def test_api_member_cannot_write_departments(company, member_of):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    m = member_of(company, Role.MEMBER)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=m.user).key}")
    assert client.get("/api/v1/o/acme/departments/").status_code == 200
    assert (
        client.post("/api/v1/o/acme/departments/", {"name": "X"}, format="json").status_code == 403
    )


def test_marking_a_person_leaving_opens_the_exit_checklist(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    dept = DepartmentFactory(organization=company)
    person = PersonFactory(organization=company, department=dept, employee_number="4001")
    client = login_client(admin.user)
    detail = client.get(f"/o/acme/people/{person.pk}/").content.decode()
    assert f"/o/acme/register/people/{person.pk}/access/" in detail
    assert f"/o/acme/pledges/people/{person.pk}/" in detail
    response = client.post(
        f"/o/acme/people/{person.pk}/edit/",
        {
            "employee_number": "4001",
            "family_name": person.family_name,
            "department": dept.pk,
            "status": "leaving",
            "left_on": "2026-12-31",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/o/acme/pledges/people/{person.pk}/leaving/"
    assert client.get(response["Location"]).status_code == 200
    opened = client.post(response["Location"], {"last_day": "2026-12-31"})
    assert opened.status_code == 302
    from kimitsu.pledges.models import Checklist

    assert Checklist.objects.filter(person=person).exists()


def test_the_invitation_form_offers_the_least_privilege_first(company, desk):
    from kimitsu.organizations.choices import Role
    from kimitsu.organizations.forms import InvitationForm

    assert InvitationForm(org=company)["role"].value() == Role.MEMBER
    assert InvitationForm(org=desk)["role"].value() == Role.DESK_ADVISOR
    html = str(InvitationForm(org=company)["role"])
    assert 'value="member" selected' in html
