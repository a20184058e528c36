import datetime as dt

import pytest

from kimitsu.core import dates


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (dt.date(2021, 3, 31), 2020),
        (dt.date(2021, 4, 1), 2021),
        (dt.date(2020, 12, 31), 2020),
    ],
)
def test_fiscal_year_boundaries(day, fy):
    assert dates.fiscal_year(day) == fy


def test_fiscal_year_with_january_start():
    assert dates.fiscal_year(dt.date(2021, 1, 1), start_month=1) == 2021
    assert dates.fiscal_year_range(2021, 1) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def test_fiscal_year_range():
    assert dates.fiscal_year_range(2020) == (dt.date(2020, 4, 1), dt.date(2021, 3, 31))
    assert dates.fiscal_year_range(2023, 10) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))


@pytest.mark.parametrize(
    ("fy", "label"),
    [
        (2018, "平成30年度"),
        (2019, "令和元年度"),
        (2020, "令和2年度"),
        (2024, "令和6年度"),
    ],
)
def test_fiscal_year_labels(fy, label):
    assert dates.fiscal_year_label(fy, era=True) == label
    assert dates.fiscal_year_label(fy) == f"{fy}年度"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2019, 4, 30), "平成31年4月30日"),
        (dt.date(2019, 5, 1), "令和元年5月1日"),
        (dt.date(2024, 4, 1), "令和6年4月1日"),
        (dt.date(1989, 1, 7), "昭和64年1月7日"),
    ],
)
def test_wareki(day, text):
    assert dates.wareki(day) == text


def test_a_moment_is_shown_on_the_day_it_is_in_japan(settings):
    import datetime as dt

    from django.utils import translation

    from kimitsu.core import dates
    from kimitsu.core.templatetags.kimitsu import wareki

    late_evening_utc = dt.datetime(2026, 12, 4, 19, 0, tzinfo=dt.UTC)  # 12月5日 04:00 in Tokyo
    with translation.override("ja"):
        assert dates.for_reader(late_evening_utc) == "2026年12月5日"
    assert wareki(late_evening_utc) == "令和8年12月5日"
    assert dates.local_date(dt.date(2026, 12, 4)) == dt.date(2026, 12, 4)
