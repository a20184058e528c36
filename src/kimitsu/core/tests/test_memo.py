from django.urls import reverse

from kimitsu.core import memo
from kimitsu.organizations import selectors
from kimitsu.organizations.choices import Role
from kimitsu.testing.factories import DepartmentFactory


def test_a_scope_reads_once_and_outside_one_nothing_is_kept():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.memo(("k",), compute) == 1 and memo.memo(("k",), compute) == 2
    with memo.scope():
        assert memo.memo(("k",), compute) == 3 and memo.memo(("k",), compute) == 3
        assert memo.memo(("other",), compute) == 4
    with memo.scope():  # the next request reads again
        assert memo.memo(("k",), compute) == 5


def test_a_write_in_the_scope_is_seen_by_the_next_read(company, django_assert_num_queries):
    DepartmentFactory(organization=company, name="設計部")
    with memo.scope():
        assert [d.name for d, _ in selectors.department_tree(company)] == ["設計部"]
        with django_assert_num_queries(0):
            selectors.department_descendant_ids(company, [])
            selectors.department_paths(company)
        DepartmentFactory(organization=company, name="営業部")
        assert sorted(selectors.department_paths(company).values()) == ["営業部", "設計部"]


def test_only_reading_requests_keep_a_memo(company, member_of, login_client, monkeypatch):
    seen = []
    from kimitsu.core import middleware

    real = middleware.memo.scope

    def spy():
        seen.append(True)
        return real()

    monkeypatch.setattr(middleware.memo, "scope", spy)
    client = login_client(member_of(company, Role.MEMBER).user)
    url = reverse("organizations:home", kwargs={"org_slug": company.slug})
    client.get(url)
    assert seen == [True]
    client.post(url)
    assert seen == [True]  # a POST reads afresh
