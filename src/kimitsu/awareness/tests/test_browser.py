import pytest
from playwright.sync_api import expect

from kimitsu.organizations.choices import Role
from kimitsu.testing.browser import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_new_company_from_first_self_check_to_dashboard(page, company, member_of):
    """A new company's administrator takes the five quick checks and sees step 1 done."""
    admin = member_of(company, Role.ADMIN)
    base = page.base_url
    log_in(page, base, admin.user)
    page.goto(f"{base}/o/{company.slug}/awareness/")
    expect(page.locator("#dashboard-step-1")).to_have_attribute("data-status", "not_started")
    page.click("#take-self-check")
    page.click("#start-quick")
    for code, answer in (("Q1", "yes"), ("Q2", "no"), ("Q3", "yes"), ("Q4", "no"), ("Q5", "no")):
        page.check(f"#q-{code} input[value={answer}]")
    page.click("#check-submit")
    expect(page.locator("#quick-summary")).to_contain_text("2")
    # every "yes" explains itself and links to where kimitsu helps
    expect(page.locator("a.quick-link")).to_have_count(2)
    page.click("#awareness-nav >> a[href$='/awareness/']")
    step1 = page.locator("#dashboard-step-1")
    expect(step1).to_have_attribute("data-status", "done")
    expect(step1).to_contain_text("2")
    # the company home shows the same status through seven_steps()
    page.goto(f"{base}/o/{company.slug}/")
    expect(page.locator("#step-1 .step-status")).to_have_attribute("data-status", "done")
