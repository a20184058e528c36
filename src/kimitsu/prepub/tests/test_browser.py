"""In the browser: a draft with two hits, the custodian's 修正のうえ公開可, the corrected draft clean."""

import pytest

from kimitsu.prepub.models import CheckRequest
from kimitsu.testing.browser import log_in

from . import drafts


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_check_decide_and_check_again(page, company, prepub_world):
    base = page.base_url
    home = f"{base}/o/{company.slug}/prepub/"
    log_in(page, base, prepub_world["seller"].user, two_factor=False)
    page.goto(home)
    page.click("#check-new")
    page.wait_for_url("**/prepub/new/")
    panel = drafts.pdf([["2027年 展示会パネル", "新素材アルミ", "合金X200を採用、焼結は１１８０℃"]])
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "panel.pdf", "mimeType": "application/pdf", "buffer": panel}],
    )
    page.fill("input[name=title]", "展示会パネル")
    page.select_option("select[name=purpose]", "exhibition")
    page.click("#check-run")
    page.wait_for_url("**/prepub/*/")
    assert page.locator(".hit").count() == 2
    assert page.locator("mark").first.inner_text() == "アルミ 合金X200"
    assert "焼結炉の温度プロファイル" not in page.content()  # the seller may not open KM-00008
    assert page.locator("#decide-form").count() == 0

    page.context.clear_cookies()
    log_in(page, base, prepub_world["engineer"].user, two_factor=False)  # the custodian
    req = CheckRequest.objects.get()
    page.goto(f"{home}{req.pk}/")
    assert "焼結炉の温度プロファイル" in page.inner_text(f"#group-entry-{prepub_world['top'].pk}")
    page.check("input[value=after_changes]")
    page.fill("#id_comment", "素材名と温度を削除すること")
    page.click("#decide-save")
    page.wait_for_url(f"**/prepub/{req.pk}/")
    assert "素材名と温度を削除すること" in page.inner_text("#decision")

    page.context.clear_cookies()
    log_in(page, base, prepub_world["seller"].user, two_factor=False)
    page.goto(f"{home}{req.pk}/")
    page.set_input_files(
        "#recheck-form input[name=file]",
        files=[
            {
                "name": "panel-v2.pdf",
                "mimeType": "application/pdf",
                "buffer": drafts.pdf([["2027年 展示会パネル", "新素材を採用しました"]]),
            }
        ],
    )
    page.click("#recheck-run")
    page.wait_for_url(f"**/prepub/{req.pk}/")
    assert page.locator("#clean-report").count() == 1
    assert page.locator("#versions li").count() == 2
    req.refresh_from_db()
    assert req.verdict == "after_changes" and req.versions.count() == 2
