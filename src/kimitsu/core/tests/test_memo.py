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


def test_the_home_summary_is_kept_a_few_seconds_but_never_hides_the_readers_own_change(
    company, member_of, login_client, settings, monkeypatch
):
    settings.KIMITSU_HOME_CACHE_SECONDS = 5
    memo._recent.clear()
    client = login_client(member_of(company, Role.ADMIN).user)
    url = reverse("organizations:home", kwargs={"org_slug": company.slug})

    def departments():
        return client.get(url).context["department_count"]

    assert departments() == 0
    DepartmentFactory(organization=company, name="設計部")  # another person's change
    assert departments() == 0  # kept: shown within the few seconds
    client.post(reverse("accounts:set_language"), {"language": "ja", "next": url})
    assert memo.WROTE_COOKIE in client.cookies
    assert departments() == 1  # the reader wrote since: computed again
    DepartmentFactory(organization=company, name="営業部")
    assert departments() == 1
    later = memo.time.time() + 6
    monkeypatch.setattr(memo.time, "time", lambda: later)
    assert departments() == 2  # the seconds have passed
    assert "people_count" in client.get(url).context
    other = login_client(member_of(company, Role.MEMBER).user)
    assert "people_count" not in other.get(url).context  # each role its own summary


def test_recent_with_no_seconds_computes_every_time():
    calls = []
    for _ in range(3):
        memo.recent(("x",), lambda: calls.append(1), seconds=0)
    assert len(calls) == 3
