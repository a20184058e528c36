"""Fiscal years and Japanese era (和暦) dates, as Japanese users write them.

One format per context, and every date shown anywhere goes through one of these:

- **display** (pages, messages, e-mails, chart labels): ``for_reader`` (a day) and
  ``moment_for_reader`` (a day and a time). Japanese follows the workspace's preference —
  2026年12月2日, or 令和8年12月2日 when the company writes the era (``use_wareki``); English uses
  the western calendar as Japanese institutions do in English (Dec. 2, 2026). In templates:
  ``{{ value|jdate:org }}`` and ``{{ value|jmoment:org }}``.
- **document** (Word, PDF; always Japanese): ``for_document`` and ``moment_for_document``.
- **file** (exports, file names, API values, what a program reads back): ``for_file``, ISO 8601
  (2026-12-02), whatever the preference, since a spreadsheet or a script must be able to sort it.
"""

import datetime as dt

# (first day, era name); Reiwa began on 2019-05-01, Heisei on 1989-01-08, Showa on 1926-12-25.
ERAS = [
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
]


def fiscal_year(day: dt.date, start_month: int = 4) -> int:
    """The fiscal year a day belongs to, named by the calendar year in which it starts."""
    return day.year if day.month >= start_month else day.year - 1


def fiscal_year_range(year: int, start_month: int = 4) -> tuple[dt.date, dt.date]:
    """First and last day of a fiscal year."""
    start = dt.date(year, start_month, 1)
    end_year, end_month = (year + 1, start_month - 1) if start_month > 1 else (year, 12)
    if end_month == 12:
        end = dt.date(end_year, 12, 31)
    else:
        end = dt.date(end_year, end_month + 1, 1) - dt.timedelta(days=1)
    return start, end


def era_year(day: dt.date) -> tuple[str, int]:
    for first, name in ERAS:
        if day >= first:
            return name, day.year - first.year + 1
    raise ValueError("Dates before 1926-12-25 are not supported.")


def _year_label(n: int) -> str:
    return "元" if n == 1 else str(n)


def wareki(day: dt.date) -> str:
    """令和6年4月1日"""
    name, n = era_year(day)
    return f"{name}{_year_label(n)}年{day.month}月{day.day}日"


def seireki(day: dt.date) -> str:
    """2024年4月1日"""
    return f"{day.year}年{day.month}月{day.day}日"


def fiscal_year_label(year: int, era: bool = False) -> str:
    """2020年度, or 令和2年度 (令和N年度 is April 2018+N to March 2019+N; FY2019 is 令和元年度)."""
    if not era:
        return f"{year}年度"
    # A fiscal year is named by the era in force at its start, except FY2019 which Japanese
    # administration calls 令和元年度 although April 2019 was still Heisei.
    if year >= 2019:
        return f"令和{_year_label(year - 2018)}年度"
    if year >= 1989:
        return f"平成{_year_label(year - 1988)}年度"
    return f"昭和{_year_label(year - 1925)}年度"


def local_date(value) -> dt.date:
    """The calendar day of a moment where the company is (Asia/Tokyo): 2026-12-04T19:00Z is
    12月5日 there. A date is returned as it is."""
    from django.utils import timezone

    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _japanese() -> bool:
    from django.utils import translation

    return (translation.get_language() or "ja").startswith("ja")


def for_reader(value, organization=None) -> str:
    """A day as the reader expects it on a page or in a message: 2024年4月1日 (or 令和6年4月1日
    when the company prefers the era) in Japanese, Apr. 1, 2024 in English. A moment (datetime)
    is shown as the day it is in Japan. Empty for none."""
    from django.utils import formats

    if not value:
        return ""
    value = local_date(value)
    if _japanese():
        if organization is not None and getattr(organization, "use_wareki", False):
            return wareki(value)
        return seireki(value)
    return formats.date_format(value, "DATE_FORMAT")


def moment_for_reader(value, organization=None, *, seconds: bool = False) -> str:
    """A moment on a page or in a message, in Japan: 2026年12月5日 04:11 (令和8年12月5日 04:11),
    Dec. 5, 2026 04:11 in English; with the seconds for a log. A bare date is shown as a day."""
    from django.utils import timezone

    if not value:
        return ""
    if not isinstance(value, dt.datetime):
        return for_reader(value, organization)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    time = f"{local:%H:%M:%S}" if seconds else f"{local:%H:%M}"
    return f"{for_reader(local.date(), organization)} {time}"


def chart_labels(values, organization=None) -> list[str]:
    """The labels of a chart's axis: each day as the reader expects it (``for_reader``)."""
    return [for_reader(value, organization) for value in values]


def for_file(value) -> str:
    """A day in a file a program reads back (CSV, a file name, an API value): 2026-12-05, the
    day in Japan for a moment; empty for none."""
    if not value:
        return ""
    return local_date(value).isoformat()


def for_document(value, organization) -> str:
    """A day in a generated document (always Japanese): 2026年12月5日, or 令和8年12月5日 when the
    company writes the era; a dash for none."""
    if not value:
        return "—"
    day = local_date(value)
    return wareki(day) if getattr(organization, "use_wareki", False) else seireki(day)


def moment_for_document(value, organization) -> str:
    """A moment in a generated document, in Japan: 2026年12月5日 04:11:31."""
    if not value:
        return "—"
    from django.utils import timezone

    local = timezone.localtime(value)
    return f"{for_document(local, organization)} {local:%H:%M:%S}"
