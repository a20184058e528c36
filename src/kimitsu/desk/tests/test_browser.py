"""A desk advisor records a consultation, opens the statistics and downloads the report."""

import re

import pytest
from django.utils import timezone

from kimitsu.core.dates import fiscal_year
from kimitsu.desk import services
from kimitsu.organizations.choices import Role
from kimitsu.testing.browser import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_record_consultation_open_statistics_download_report(page, desk, member_of):
    advisor = member_of(desk, Role.DESK_ADVISOR)
    services.client_create(
        actor=advisor.user,
        membership=advisor,
        data={
            "name": "株式会社ブラウザ試験",
            "attribute": "sme",
            "employee_count": 41,
            "industry": "D",
            "prefecture": "27",
        },
    )
    log_in(page, page.base_url, advisor.user)
    page.goto(f"{page.base_url}/o/{desk.slug}/desk/")
    page.click("#new-consultation")
    page.wait_for_selector("#secret-warning")
    page.select_option("#id_channel", "online")
    page.select_option("#id_client", label="株式会社ブラウザ試験")
    page.check("input[name=subjects][value=management]")
    page.check("input[name=subjects][value=leak]")
    page.fill("#id_summary", "退職予定者への対応について")
    page.click("#save")
    page.wait_for_selector("#kansai-flag")  # 大阪: the Kansai desk's region
    assert "株式会社ブラウザ試験" in page.content()

    page.goto(f"{page.base_url}/o/{desk.slug}/desk/")
    page.click("#nav-stats")
    page.wait_for_selector("#stat-total")
    assert page.inner_text("#stat-total") == "1"
    assert page.inner_text("#stat-online") == "1"
    assert page.locator("#chart-by_subject").count() == 1
    fy = fiscal_year(timezone.localdate())
    assert str(fy) in page.inner_text("#stats-title")

    with page.expect_download() as info:
        page.click("#download-report")
    download = info.value
    assert re.match(rf"activity-report-{desk.slug}-{fy}\.pdf", download.suggested_filename)
    data = open(download.path(), "rb").read()
    assert data.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "相談・支援件数は1件（うちオンライン1件）" in re.sub(r"\s+", "", text)
