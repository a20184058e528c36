"""Department names are unique among siblings: one 工事部 at the top, one 工事一課 under it."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kimitsu.organizations import services
from kimitsu.organizations.choices import Role
from kimitsu.organizations.models import Department
from kimitsu.testing.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(company, member_of):
    return member_of(company, Role.ADMIN)


@pytest.fixture
def works(company):
    return DepartmentFactory(organization=company, name="工事部", parent=None)


def _create(admin, name, parent=None):
    return services.department_create(actor=admin.user, membership=admin, name=name, parent=parent)


@pytest.mark.parametrize("name", ["工事部", " 工事部 ", "工事部　", "工 事部"])
def test_a_second_top_level_department_of_the_same_name_is_refused(admin, works, name):
    with pytest.raises(ValidationError) as exc:
        _create(admin, name)
    assert exc.value.message_dict["name"] == ["最上位の部署に「工事部」が既にあります。"]
    assert Department.objects.filter(name__contains="工").count() == 1


@pytest.mark.parametrize("first, second", [("ＩＴ推進課", "it推進課"), ("ｼｽﾃﾑ課", "システム課")])
def test_width_and_case_do_not_make_another_name(admin, works, first, second):
    _create(admin, first, works)
    with pytest.raises(ValidationError) as exc:
        _create(admin, second, works)
    assert exc.value.message_dict["name"] == [
        f"「工事部」には「{first}」という部署が既にあります。"
    ]


def test_the_same_name_under_another_parent_is_fine(company, admin, works):
    branch = DepartmentFactory(organization=company, name="大阪支店")
    _create(admin, "工事一課", works)
    _create(admin, "工事一課", branch)
    assert Department.objects.filter(name="工事一課").count() == 2


def test_renaming_or_moving_onto_a_sibling_name_is_refused(company, admin, works):
    sales = DepartmentFactory(organization=company, name="営業部")
    with pytest.raises(ValidationError):
        services.department_update(
            actor=admin.user, membership=admin, department=sales, data={"name": "工事部"}
        )
    one = _create(admin, "工事一課", works)
    other = _create(admin, "工事一課", sales)
    with pytest.raises(ValidationError):
        services.department_update(
            actor=admin.user, membership=admin, department=other, data={"parent": works}
        )
    # keeping its own name is no clash
    services.department_update(
        actor=admin.user, membership=admin, department=one, data={"name": "工事一課", "code": "9"}
    )


def test_the_page_names_the_clash_and_adds_nothing(company, admin, works, login_client):
    response = login_client(admin.user).post(
        "/o/acme/departments/new/", {"name": "工事部", "parent": "", "sort_order": "0"}
    )
    assert response.status_code == 200
    assert "最上位の部署に「工事部」が既にあります。" in response.content.decode()
    assert Department.objects.filter(organization=company).count() == 1


def test_the_database_refuses_a_second_top_level_name_too(company, works):
    with pytest.raises(IntegrityError), transaction.atomic():
        Department.objects.create(organization=company, name="工事部", parent=None)


def test_the_migration_renames_siblings_that_already_share_a_name(company, works):
    Department.objects.create(organization=company, name="工事一課", parent=works)
    Department.objects.create(organization=company, name="工事一課 ", parent=works)
    Department.objects.create(organization=company, name="ｺｳｼﾞ", parent=works)
    Department.objects.create(organization=company, name="コウジ", parent=works)
    migration = importlib.import_module(
        "kimitsu.organizations.migrations.0004_department_names_unique_among_siblings"
    )
    migration.rename_duplicates(apps, None)
    names = sorted(Department.objects.filter(parent=works).values_list("name", flat=True))
    assert names == sorted(["工事一課", "工事一課 （2）", "ｺｳｼﾞ", "コウジ（2）"])


def test_the_api_names_the_clash_too(company, admin, works):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=admin.user).key}")
    response = client.post(
        "/api/v1/o/acme/departments/", {"name": "工事部"}, format="json", HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert response.status_code == 400
    assert response.json()["name"] == ["最上位の部署に「工事部」が既にあります。"]
    assert Department.objects.filter(organization=company).count() == 1
