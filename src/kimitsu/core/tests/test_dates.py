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

    late_evening_utc = dt.datetime(2026, 12, 4, 19, 0, tzinfo=dt.UTC)  # 12月5日 04:00 in Tokyo
    with translation.override("ja"):
        assert dates.for_reader(late_evening_utc) == "2026年12月5日"
    assert dates.wareki(dates.local_date(late_evening_utc)) == "令和8年12月5日"
    assert dates.local_date(dt.date(2026, 12, 4)) == dt.date(2026, 12, 4)


def test_one_format_per_context_and_the_workspace_preference():
    """Display follows the company's 和暦 in Japanese and is western in English; documents are
    Japanese; files are ISO (issue 16)."""
    from django.utils import translation

    from kimitsu.core.templatetags.kimitsu import jdate, jmoment

    class Company:
        use_wareki = True

    western = Company()
    western.use_wareki = False
    moment = dt.datetime(2026, 12, 2, 5, 7, 9, tzinfo=dt.UTC)  # 14:07:09 in Tokyo
    day = dt.date(2026, 12, 2)
    with translation.override("ja"):
        assert jdate(day, Company()) == "令和8年12月2日"
        assert jdate(day, western) == jdate(day) == "2026年12月2日"
        assert jdate(moment, Company()) == "令和8年12月2日"
        assert jmoment(moment, Company()) == "令和8年12月2日 14:07"
        assert dates.moment_for_reader(moment, Company(), seconds=True) == "令和8年12月2日 14:07:09"
        assert jmoment(day, Company()) == "令和8年12月2日"  # a day has no time
        assert dates.chart_labels([day, dt.date(2027, 1, 8)], Company()) == [
            "令和8年12月2日",
            "令和9年1月8日",
        ]
        assert jdate(None) == jmoment(None) == "" and dates.for_document(None, western) == "—"
    with translation.override("en"):
        assert jdate(day, Company()) == "Dec. 2, 2026"
        assert jmoment(moment, Company()) == "Dec. 2, 2026 14:07"
        assert dates.chart_labels([day], Company()) == ["Dec. 2, 2026"]
        assert dates.for_document(day, Company()) == "令和8年12月2日"  # documents are Japanese
    assert dates.for_file(moment) == "2026-12-02" and dates.for_file(day) == "2026-12-02"
    assert dates.for_file(dt.datetime(2026, 12, 2, 16, 0, tzinfo=dt.UTC)) == "2026-12-03"
    assert dates.for_file(None) == ""
