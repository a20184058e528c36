import pytest
from django.test import Client

from kimitsu.core.navigation import sidebar
from kimitsu.organizations.choices import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role", [Role.ADMIN, Role.MANAGER, Role.MEMBER, Role.AUDITOR, Role.ADVISOR]
)
def test_every_sidebar_link_opens_for_the_role(company, member_of, login_client, role):
    from kimitsu.testing.factories import DepartmentFactory

    dept = DepartmentFactory(organization=company) if role == Role.MANAGER else None
    m = member_of(company, role, department=dept)
    client = login_client(m.user)
    nav = sidebar(m)
    links = [*nav["modules"], *nav["admin"], *[s for s in nav["steps"] if "#" not in s.url]]
    assert links
    for link in links:
        assert client.get(link.url).status_code == 200, (role, link.url)


@pytest.mark.parametrize("role", [Role.DESK_ADMIN, Role.DESK_ADVISOR, Role.LAWYER])
def test_every_desk_sidebar_link_opens(desk, member_of, login_client, role):
    m = member_of(desk, role)
    client = login_client(m.user)
    nav = sidebar(m)
    assert not nav["steps"]
    for link in [*nav["modules"], *nav["admin"]]:
        assert client.get(link.url).status_code == 200, (role, link.url)


def test_anonymous_has_no_sidebar(db):
    assert "sidebar" not in Client().get("/accounts/login/").content.decode()
