"""The activity report PDF: its text holds the year's figures (read back with pypdf)."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from kimitsu.desk import report, services

from .conftest import at


def _text(data: bytes) -> str:
    """The PDF's text without white space (table cells and wrapped lines add some)."""
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", "", text)


@pytest.fixture
def year_2020(desk, desk_admin, make_client, consult):
    desk.contact = "03-0000-0000 / desk@example.jp"
    desk.save()
    osaka = make_client("大阪の会社", employee_count=45, industry="E", prefecture="27")
    tokyo = make_client("東京の会社", employee_count=320, industry="G", prefecture="13")
    for day in range(1, 8):  # 7 in FY2020, 3 of them online
        consult(tokyo, at(2020, 5, day), "online" if day <= 3 else "phone")
    consult(osaka, at(2021, 2, 1), "mail", ["leak"])  # 8th
    for day in range(1, 5):  # 4 in FY2019
        consult(tokyo, at(2019, 6, day))
    for held, kind, online, n in [
        (dt.date(2020, 11, 16), "ip_utilization", True, 61),
        (dt.date(2020, 11, 24), "beginner", True, 58),
        (dt.date(2021, 1, 20), "in_house", False, 14),
    ]:
        services.seminar_create(
            actor=desk_admin.user,
            membership=desk_admin,
            data={
                "held_on": held,
                "title": "営業秘密管理入門",
                "kind": kind,
                "online": online,
                "participants": n,
            },
        )
    return desk


@pytest.mark.django_db
def test_report_text_holds_the_year_figures(year_2020):
    data = report.render(year_2020, 2020, today=dt.date(2021, 6, 2))
    assert data.startswith(b"%PDF")
    text = _text(data)
    assert "活動状況" in text and "2021年6月2日（水）" in text
    assert "2020年度（令和2年度）" in text and "令和元年度" in text
    assert "相談・支援件数は8件（うちオンライン3件）" in text
    assert "2019年度（令和元年度）" in text and "4件" in text
    assert "+100.0%" in text  # 4 → 8
    assert "2回実施し119名が参加" in text  # hosted seminars
    assert "社内セミナー：2020年度は1回" in text
    assert "11月16日" in text and "知財活用支援セミナー" in text
    assert "営業秘密管理への気づき" in text and "秘密保持契約書等の雛形整備" in text
    assert "03-0000-0000" in text
    assert "21〜50人" in text and "301〜1000人" in text


@pytest.mark.django_db
def test_report_command(year_2020, tmp_path):
    out = tmp_path / "report.pdf"
    call_command(
        "desk", "report", "--desk", year_2020.slug, "--fiscal-year", "2020", "-o", str(out)
    )
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 4
    fonts = {
        str(v.get_object()["/BaseFont"]) for v in reader.pages[1]["/Resources"]["/Font"].values()
    }
    assert any("IPAex" in f for f in fonts), fonts  # the Japanese font is embedded


@pytest.mark.django_db
def test_report_of_an_empty_year(desk):
    text = _text(report.render(desk, 2030))
    assert "2030年度（令和12年度）" in text and "0件" in text


@pytest.mark.django_db
def test_report_page_downloads(year_2020, desk_admin, login_client):
    client = login_client(desk_admin.user)
    response = client.get(f"/o/{year_2020.slug}/desk/statistics/report/?fy=2020", follow=True)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "相談・支援件数は8件" in _text(response.content)
    assert len(response.redirect_chain) == 1  # drawn at once here: straight to the file


@pytest.mark.django_db(transaction=True)
def test_the_report_is_drawn_by_the_worker_and_only_its_starter_gets_it(
    year_2020, desk_admin, login_client, member_of, real_queue
):
    import time

    from kimitsu.organizations.choices import Role

    client = login_client(desk_admin.user)
    base = f"/o/{year_2020.slug}/desk/statistics/report/"
    job_url = client.get(f"{base}?fy=2020")["Location"]
    assert job_url.startswith(base) and not job_url.endswith(".pdf")
    for _ in range(300):
        status = client.get(job_url + "status/")
        if status.status_code != 200:
            break
        assert "図表とページを作成しています" in status.content.decode()
        time.sleep(0.1)
    assert status.status_code == 204 and status["HX-Redirect"].endswith("/file.pdf")
    pdf = client.get(status["HX-Redirect"])
    assert pdf["Content-Type"] == "application/pdf" and "相談・支援件数は8件" in _text(pdf.content)
    assert 'id="report-download"' in client.get(job_url).content.decode()  # coming back
    other = login_client(member_of(year_2020, Role.DESK_ADMIN).user)
    assert other.get(status["HX-Redirect"]).status_code == 404
    assert other.get(job_url).status_code == 302  # "no longer available", nothing shown
