"""Browser flow of the foundation (Playwright driving Debian's Chromium)."""

import pytest

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.choices import Role
from kimitsu.organizations.models import Department, Person
from kimitsu.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_day_one(page, company, member_of):
    admin = member_of(company, Role.ADMIN)
    base = page.base_url
    log_in(page, base, admin.user)  # password, then the TOTP code
    assert page.url.endswith("/o/acme/")

    # Japanese by default (the browser says ja-JP, but a cookie-less en-US browser would too)
    assert page.locator("h1").inner_text() == "株式会社アクメ"
    assert page.get_by_text("7つのステップ").first.is_visible()
    steps = page.locator("#seven-steps .step-card")
    assert steps.count() == 7
    assert "営業秘密管理への気づき" in steps.nth(0).inner_text()

    # to English and back
    page.click("#lang-en")
    page.wait_for_load_state()
    assert page.get_by_text("The seven steps").first.is_visible()
    assert "Awareness" in page.locator("#seven-steps").inner_text()
    page.click("#lang-ja")
    page.wait_for_load_state()
    assert "営業秘密管理への気づき" in page.locator("#seven-steps").inner_text()

    # add a department
    page.goto(f"{base}/o/acme/departments/")
    page.click("#add-department")
    page.fill("input[name=name]", "品質保証部")
    page.fill("input[name=code]", "800")
    page.click("#save-department")
    page.wait_for_load_state()
    assert "品質保証部" in page.locator("#departments").inner_text()
    dept = Department.objects.get(organization=company, name="品質保証部")

    # add a person in it
    page.goto(f"{base}/o/acme/people/")
    page.click("#add-person")
    page.fill("input[name=employee_number]", "5001")
    page.fill("input[name=family_name]", "小野")
    page.fill("input[name=given_name]", "葵")
    page.fill("input[name=family_name_kana]", "オノ")
    page.fill("input[name=given_name_kana]", "アオイ")
    page.select_option("select[name=department]", str(dept.pk))
    page.click("#save-person")
    page.wait_for_load_state()
    assert "小野\u3000葵" in page.locator("h1").inner_text()
    assert Person.objects.filter(organization=company, employee_number="5001").exists()

    # both changes are in the audit log
    page.goto(f"{base}/o/acme/audit/")
    log = page.locator("#audit-events").inner_text()
    assert "従業員の追加" in log and "部署の追加" in log and "小野" in log
    assert AuditEvent.objects.filter(organization=company, event_type="person.created").exists()
