"""Fiscal-year boundaries, size bands at their edges, and Kansai routing."""

import pytest

from kimitsu.core.dates import fiscal_year_label
from kimitsu.desk import sizebands
from kimitsu.desk.choices import KANSAI_PREFECTURES, is_kansai
from kimitsu.desk.models import Consultation

from .conftest import at


@pytest.mark.django_db
def test_fiscal_year_boundary_31_march_and_1_april(make_client, consult):
    client = make_client()
    last_day = consult(client, at(2021, 3, 31, 23, 59))
    first_day = consult(client, at(2021, 4, 1, 0, 1))
    assert (last_day.fiscal_year, first_day.fiscal_year) == (2020, 2021)
    # the subject rows carry the same fiscal year (statistics by subject need no join)
    assert list(last_day.subject_rows.values_list("fiscal_year", flat=True)) == [2020]


@pytest.mark.django_db
def test_fiscal_year_follows_tokyo_time_not_utc(make_client, consult):
    import datetime as dt

    # 2021-03-31 16:00 UTC is 2021-04-01 01:00 in Tokyo: fiscal year 2021
    moment = dt.datetime(2021, 3, 31, 16, 0, tzinfo=dt.UTC)
    assert consult(make_client(), moment).fiscal_year == 2021


def test_fiscal_year_labels_reiwa_gannen():
    assert fiscal_year_label(2019, era=True) == "令和元年度"
    assert fiscal_year_label(2020, era=True) == "令和2年度"
    assert fiscal_year_label(2018, era=True) == "平成30年度"
    assert fiscal_year_label(2020) == "2020年度"


@pytest.mark.parametrize(
    ("count", "label"),
    [
        (0, "1〜20人"),
        (1, "1〜20人"),
        (20, "1〜20人"),
        (21, "21〜50人"),
        (50, "21〜50人"),
        (51, "51〜100人"),
        (100, "51〜100人"),
        (101, "101〜300人"),
        (300, "101〜300人"),
        (301, "301〜1000人"),
        (1000, "301〜1000人"),
        (1001, "1001人以上"),
        (99999, "1001人以上"),
        (None, "不明"),
    ],
)
def test_default_size_bands_at_their_edges(count, label):
    assert sizebands.band_label(count, (20, 50, 100, 300, 1000)) == label


def test_configured_size_bands():
    bounds = sizebands.parse_bounds("10, 100")
    assert sizebands.labels(bounds) == ["1〜10人", "11〜100人", "101人以上"]
    assert sizebands.band_label(10, bounds) == "1〜10人"
    assert sizebands.band_label(11, bounds) == "11〜100人"
    for bad in ("", "abc", "50,20", "0,10", "10,10"):
        with pytest.raises(Exception):  # noqa: B017 - ValidationError
            sizebands.parse_bounds(bad)


@pytest.mark.django_db
def test_sql_band_expression_agrees_at_edges(make_client, consult):
    from django.db.models import Count

    bounds = (20, 50, 100, 300, 1000)
    for n in (20, 21, 1000, 1001, None):
        consult(make_client(f"会社{n}", employee_count=n), at(2020, 5, 1))
    rows = dict(
        Consultation.objects.annotate(band=sizebands.band_expression(bounds))
        .values("band")
        .annotate(n=Count("id"))
        .values_list("band", "n")
    )
    assert rows == {0: 1, 1: 1, 4: 1, 5: 1, -1: 1}


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("18", "福井"),
        ("25", "滋賀"),
        ("26", "京都"),
        ("27", "大阪"),
        ("28", "兵庫"),
        ("29", "奈良"),
        ("30", "和歌山"),
    ],
)
def test_each_kinki_prefecture_goes_to_the_kansai_desk(code, name):
    assert is_kansai(code), name


@pytest.mark.parametrize("code", ["24", "13", "23", "31", "", None])
def test_mie_and_others_are_not_kansai(code):
    assert not is_kansai(code)  # 三重 (24) is a Kinki neighbour but not the Kansai desk's


def test_kansai_set_is_exactly_seven():
    assert KANSAI_PREFECTURES == {"18", "25", "26", "27", "28", "29", "30"}


@pytest.mark.django_db
def test_consultation_routing_flag_and_filter(make_client, consult, desk_admin, login_client):
    osaka = consult(make_client("大阪の会社", prefecture="27"), at(2020, 6, 1))
    mie = consult(make_client("三重の会社", prefecture="24"), at(2020, 6, 2))
    assert osaka.is_kansai and not mie.is_kansai
    client = login_client(desk_admin.user)
    page = client.get(f"/o/{desk_admin.organization.slug}/desk/consultations/?kansai=1")
    ids = [c.pk for c in page.context["page"]]
    assert ids == [osaka.pk]
    detail = client.get(f"/o/{desk_admin.organization.slug}/desk/consultations/{osaka.pk}/")
    assert b'id="kansai-flag"' in detail.content
    detail = client.get(f"/o/{desk_admin.organization.slug}/desk/consultations/{mie.pk}/")
    assert b'id="kansai-flag"' not in detail.content
