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


def test_the_sidebar_says_nothing_twice(company, member_of):
    """Each step names the page it opens; the modules list only the pages no step opens, and the
    dashboard and the roadmap (now the home) are gone."""
    nav = sidebar(member_of(company, Role.ADMIN))
    urls = [link.url for link in [*nav["steps"], *nav["modules"], *nav["admin"]]]
    assert len(urls) == len(set(urls)), urls
    assert [s.number for s in nav["steps"]] == [1, 2, 3, 4, 5, 6, 7]
    assert all(s.page for s in nav["steps"] if "#" not in s.url)
    labels = {str(link.label) for link in nav["modules"]}
    assert not labels & {"Dashboard", "Roadmap"}
    assert not labels & {str(s.label) for s in nav["steps"]}
    assert "/awareness/roadmap/" not in " ".join(urls)
    assert f"/o/{company.slug}/awareness/" not in urls


def test_the_sidebar_keeps_the_other_modules(company, member_of):
    from django.urls import NoReverseMatch, reverse

    nav = sidebar(member_of(company, Role.ADMIN))
    urls = {link.url for link in nav["modules"]}
    for name in ("approvals:requests", "prepub:list", "rules:guide", "pledges:home"):
        try:
            expected = reverse(name, kwargs={"org_slug": company.slug})
        except NoReverseMatch:
            continue  # a module still being built
        assert expected in urls, name


def test_employees_get_no_steps_in_the_sidebar(company, member_of):
    """An employee's home is their tasks: the steps would lead to cards that are not there."""
    nav = sidebar(member_of(company, Role.MEMBER))
    assert nav["steps"] == []
    assert nav["modules"]
