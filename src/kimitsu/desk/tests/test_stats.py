"""Statistics on a hand-built data set whose every figure is known."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kimitsu.desk import services, stats
from kimitsu.organizations.choices import OrgKind, Role
from kimitsu.testing.factories import MembershipFactory, OrganizationFactory

from .conftest import at

EXPECTED_2020 = {
    "fiscal_year": 2020,
    "label": "令和2年度",
    "consultations": {
        "total": 5,
        "online": 2,
        "by_channel": {
            "電話": 1,
            "メール": 1,
            "Webフォーム": 1,
            "来訪": 0,
            "訪問": 0,
            "オンライン": 2,
        },
        "by_attribute": {
            "中小企業": 2,
            "大企業": 1,
            "個人事業主": 1,
            "大学・研究機関": 1,
            "その他": 0,
        },
        "by_size_band": {
            "1〜20人": 2,
            "21〜50人": 1,
            "51〜100人": 0,
            "101〜300人": 0,
            "301〜1000人": 0,
            "1001人以上": 1,
            "不明": 1,
        },
        "by_industry": {"製造業": 2, "情報通信業": 1, "教育，学習支援業": 1, "不明": 1},
        "by_subject": {
            "営業秘密管理": 3,
            "知財戦略（権利化・秘匿化）": 1,
            "契約": 1,
            "漏えい・流出": 1,
            "情報セキュリティ": 1,
            "知財制度一般": 1,
        },
        "by_prefecture": {"東京都": 2, "三重県": 1, "大阪府": 1, "不明": 1},
    },
    "seminars": {
        "total": 3,
        "participants": 97,
        "online": 2,
        "by_kind": {
            "知財活用支援セミナー": 1,
            "営業秘密・知財戦略セミナー（初級）": 0,
            "営業秘密・知財戦略セミナー（中級）": 0,
            "営業秘密・知財戦略セミナー（初中級）": 0,
            "営業秘密・知財戦略セミナー（ワークショップ）": 1,
            "社内セミナー": 1,
            "他機関主催セミナー": 0,
        },
    },
}


@pytest.fixture
def dataset(desk, desk_admin, make_client, consult):
    a = make_client("A社", attribute="sme", employee_count=20, industry="E", prefecture="13")
    b = make_client("B社", attribute="large", employee_count=1001, industry="G", prefecture="27")
    c = make_client("C氏", attribute="sole")
    d = make_client("D大学", attribute="academic", employee_count=21, industry="O", prefecture="24")
    consult(a, at(2020, 4, 1, 0, 5), "phone", ["management", "leak"])
    consult(a, at(2020, 10, 10), "online", ["management"])
    consult(b, at(2021, 3, 31, 23, 0), "online", ["strategy", "contract"])
    consult(c, at(2020, 12, 1), "mail", ["general"])
    consult(d, at(2020, 7, 7), "web_form", ["security", "management"])
    # outside the fiscal year
    consult(a, at(2020, 3, 31, 23, 59), "phone", ["management"])
    consult(b, at(2021, 4, 1, 0, 0), "online", ["general"])
    for held, kind, online, n in [
        (dt.date(2020, 11, 16), "ip_utilization", True, 60),
        (dt.date(2021, 1, 28), "workshop", False, 25),
        (dt.date(2020, 6, 1), "in_house", True, 12),
        (dt.date(2021, 4, 1), "external", False, 40),
    ]:
        services.seminar_create(
            actor=desk_admin.user,
            membership=desk_admin,
            data={
                "held_on": held,
                "title": "セミナー",
                "kind": kind,
                "online": online,
                "participants": n,
            },
        )
    # another desk's records never count
    other = OrganizationFactory(kind=OrgKind.DESK, slug="other-desk")
    other_admin = MembershipFactory(organization=other, role=Role.DESK_ADMIN)
    oc = services.client_create(
        actor=other_admin.user, membership=other_admin, data={"name": "A社", "attribute": "sme"}
    )
    services.consultation_create(
        actor=other_admin.user,
        membership=other_admin,
        data={
            "client": oc,
            "received_at": at(2020, 5, 5),
            "channel": "phone",
            "subjects": ["management"],
        },
    )
    return desk


@pytest.mark.django_db
def test_every_figure_of_the_year(dataset):
    assert stats.as_json(stats.stats_for(dataset, 2020)) == EXPECTED_2020


@pytest.mark.django_db
def test_regions_kansai_and_hosted(dataset):
    data = stats.stats_for(dataset, 2020)
    assert data["consultations"]["kansai"] == 1  # 大阪 only; 三重 is not the Kansai desk's
    assert data["consultations"]["by_region"]["関東"] == 2
    assert data["consultations"]["by_region"]["近畿"] == 2  # 8地方区分: 三重 and 大阪
    assert data["seminars"]["hosted"] == {"count": 2, "participants": 85, "online": 1}


@pytest.mark.django_db
def test_year_over_year(dataset):
    rows = stats.year_over_year(dataset)
    assert [
        (r["fiscal_year"], r["consultations"], r["online"], r["seminars"], r["participants"])
        for r in rows
    ] == [(2019, 1, 0, 0, 0), (2020, 5, 2, 3, 97), (2021, 1, 1, 1, 40)]
    assert [r["change"] for r in rows] == [None, 400.0, -80.0]
    assert rows[0]["era_label"] == "令和元年度"


@pytest.mark.django_db
def test_configured_bands_change_the_breakdown(dataset, desk_admin):
    services.settings_update(actor=desk_admin.user, membership=desk_admin, size_bounds="20,1000")
    bands = stats.stats_for(dataset, 2020)["consultations"]["by_size_band"]
    assert bands == {"1〜20人": 2, "21〜1000人": 1, "1001人以上": 1, "不明": 1}


@pytest.mark.django_db
def test_command_prints_the_documented_json(dataset):
    out = io.StringIO()
    call_command(
        "desk",
        "stats",
        "--desk",
        dataset.slug,
        "--fiscal-year",
        "2020",
        "--format",
        "json",
        stdout=out,
    )
    printed = json.loads(out.getvalue())
    assert printed == EXPECTED_2020
    assert list(printed) == ["fiscal_year", "label", "consultations", "seminars"]
    assert list(printed["consultations"]) == [
        "total",
        "online",
        "by_channel",
        "by_attribute",
        "by_size_band",
        "by_industry",
        "by_subject",
        "by_prefecture",
    ]


@pytest.mark.django_db
def test_statistics_take_a_fixed_number_of_queries(dataset, make_client, consult):
    with CaptureQueriesContext(connection) as few:
        stats.stats_for(dataset, 2020)
    client = make_client("E社", employee_count=5)
    for day in range(1, 25):
        consult(client, at(2020, 8, day))
    with CaptureQueriesContext(connection) as many:
        stats.stats_for(dataset, 2020)
    assert len(few) == len(many) <= 12


@pytest.mark.django_db
def test_api_statistics(dataset, desk_admin):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    token, _ = Token.objects.get_or_create(user=desk_admin.user)
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get(f"/api/v1/o/{dataset.slug}/desk/statistics/?fiscal_year=2020")
    assert response.status_code == 200
    assert response.json() == EXPECTED_2020


@pytest.mark.django_db
def test_statistics_page_and_exports(dataset, desk_admin, login_client):
    import csv

    from openpyxl import load_workbook

    client = login_client(desk_admin.user)
    page = client.get(f"/o/{dataset.slug}/desk/statistics/?fy=2020")
    assert page.status_code == 200
    assert page.context["data"]["consultations"]["total"] == 5
    assert "令和2年度" in page.content.decode()
    response = client.get(f"/o/{dataset.slug}/desk/statistics/export/?fy=2020&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["相談", "合計", "5"] in rows and ["相談", "うちオンライン", "2"] in rows
    assert ["相談内容", "営業秘密管理", "3"] in rows
    assert ["従業員数", "1001人以上", "1"] in rows
    response = client.get(f"/o/{dataset.slug}/desk/statistics/export/?fy=2020&format=xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    values = [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    assert ("相談", "合計", 5) in values and ("セミナー", "参加者数", 97) in values
    assert ("2020年度", "令和2年度", 5, 2, 400.0, 3, 97) in list(
        wb["年度推移"].iter_rows(values_only=True)
    )


@pytest.mark.django_db
def test_year_over_year_compares_with_the_year_just_before(desk):
    """A year without records is a row of zeros, and the next year is not compared with an
    earlier one (no +11900% from FY2020 to FY2023)."""
    import datetime as dt

    from django.utils import timezone

    from kimitsu.desk.models import Client, Consultation

    client = Client.objects.create(organization=desk, name="株式会社テスト")
    for year, n in ((2020, 1), (2023, 3), (2024, 6)):
        for i in range(n):
            Consultation.objects.create(
                organization=desk,
                client=client,
                channel="phone",
                fiscal_year=year,
                received_at=timezone.make_aware(dt.datetime(year, 5, 1 + i)),
            )
    rows = stats.year_over_year(desk)
    assert [(r["fiscal_year"], r["consultations"]) for r in rows] == [
        (2020, 1),
        (2021, 0),
        (2022, 0),
        (2023, 3),
        (2024, 6),
    ]
    assert [r["change"] for r in rows] == [None, -100.0, None, None, 100.0]
