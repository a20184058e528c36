"""In the browser: an employee asks, from the guide, to take a 秘 drawing to a site; the
department manager approves it."""

import datetime as dt

import pytest

from kimitsu.approvals.choices import Status
from kimitsu.approvals.models import ApprovalRequest
from kimitsu.testing.browser import log_in

TODAY = dt.date.today()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_request_a_take_out_and_the_manager_approves(page, world):
    base = page.base_url
    org = world.org.slug
    log_in(page, base, world.member.user, two_factor=False)
    page.goto(f"{base}/o/{org}/rules/?level={world.levels['secret'].pk}")
    page.click('[data-request="take_out"]')
    page.wait_for_url("**/approvals/new/**")
    assert page.input_value("select[name=action]") == "take_out"
    assert "承認制（所属部門の長）" in page.inner_text("#rule-preview")
    page.fill("input[name=entries]", "KM-00002")
    page.fill("input[name=purpose]", "現場での補修打合せ")
    page.fill("input[name=destination]", "A建設 現場事務所")
    page.fill("input[name=starts_on]", TODAY.isoformat())
    page.fill("input[name=ends_on]", (TODAY + dt.timedelta(days=1)).isoformat())
    page.fill("input[name=return_due]", (TODAY + dt.timedelta(days=2)).isoformat())
    page.click("#request-submit")
    page.wait_for_url("**/approvals/*/")
    assert page.inner_text("#request-status") == "承認待ち"
    assert "佐藤" in page.inner_text("#request-approvers")
    request = ApprovalRequest.objects.get()
    assert request.status == Status.PENDING

    page.context.clear_cookies()
    log_in(page, base, world.manager.user, two_factor=False)
    page.goto(f"{base}/o/{org}/approvals/?show=decide")
    page.click(f'tr[data-number="{request.code}"] a')
    page.wait_for_url(f"**/approvals/{request.pk}/")
    assert "閲覧権限" in page.inner_text("#request-entries")  # 佐藤 may not open the drawing
    assert world.entries["secret"].title not in page.content()
    page.fill("textarea[name=comment]", "返却日を守ること")
    page.click("#decide-approve")
    page.wait_for_url(f"**/approvals/{request.pk}/")
    assert page.inner_text("#request-status") == "承認済み"
    request.refresh_from_db()
    assert request.status == Status.APPROVED and request.decided_by_id == world.manager.user_id
    assert "返却日を守ること" in page.inner_text("#request-decided")
