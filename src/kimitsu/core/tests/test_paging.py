import pytest

from kimitsu.core.paging import CappedPaginator
from kimitsu.organizations.models import Department
from kimitsu.testing.factories import DepartmentFactory


def test_a_short_list_is_counted_exactly():
    p = CappedPaginator(list(range(120)), 50, cap=1000)
    page = p.get_page(1)
    assert (p.count, p.capped, p.num_pages, page.has_next()) == (120, False, 3, True)


@pytest.mark.parametrize(
    ("asked", "number", "count", "capped", "has_next"),
    [
        (1, 1, 1000, True, True),
        (20, 20, 1000, True, True),  # the last page under the cap still has a next one
        (21, 21, 1050, True, True),  # asked beyond the cap: counted to that page's end and one
        (49, 49, 2450, True, True),
        (50, 50, 2500, False, False),  # the real end, exactly
        (999, 50, 2500, False, False),  # beyond the end: the last page, as Django does
        ("x", 1, 1000, True, True),
        (None, 1, 1000, True, True),
    ],
)
def test_a_long_list_is_counted_as_far_as_the_page_asked_for(
    asked, number, count, capped, has_next
):
    p = CappedPaginator(list(range(2500)), 50, cap=1000)
    page = p.get_page(asked)
    assert (page.number, p.count, p.capped, page.has_next()) == (number, count, capped, has_next)
    assert list(page.object_list) == list(range((number - 1) * 50, number * 50))


def test_exactly_one_more_than_the_cap_is_capped_and_has_its_page():
    p = CappedPaginator(list(range(1001)), 50, cap=1000)
    assert p.get_page(1).paginator.capped and p.num_pages == 21
    last = CappedPaginator(list(range(1001)), 50, cap=1000).get_page(21)
    assert list(last.object_list) == [1000] and not last.has_next()


def test_a_queryset_is_counted_with_a_limit(company, django_assert_num_queries):
    for i in range(7):
        DepartmentFactory(organization=company, name=f"部{i}")
    qs = Department.objects.filter(organization=company).order_by("name")
    p = CappedPaginator(qs, 2, cap=3)
    with django_assert_num_queries(1) as counted:
        assert p.count == 3 and p.capped
    assert "LIMIT 4" in counted.captured_queries[0]["sql"]
    assert [d.name for d in CappedPaginator(qs, 2, cap=3).get_page(4).object_list] == ["部6"]
