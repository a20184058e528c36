import pytest
from playwright.sync_api import expect

from kimitsu.organizations.choices import Role
from kimitsu.testing.browser import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_new_company_from_first_self_check_to_the_home(page, company, member_of):
    """A new company's administrator takes the five quick checks: step 1 is under way (a quick
    check is a start, not good enough), and the home says what is still needed."""
    admin = member_of(company, Role.ADMIN)
    base = page.base_url
    log_in(page, base, admin.user)
    page.goto(f"{base}/o/{company.slug}/awareness/")  # the old dashboard leads to the home
    expect(page.locator("#step-1")).to_have_attribute("data-status", "not_started")
    expect(page.locator("#step-1 .step-done-when")).to_be_visible()
    page.click("#next-actions [data-step='1'] a")
    page.click("#start-quick")
    for code, answer in (("Q1", "yes"), ("Q2", "no"), ("Q3", "yes"), ("Q4", "no"), ("Q5", "no")):
        page.check(f"#q-{code} input[value={answer}]")
    page.click("#check-submit")
    expect(page.locator("#quick-summary")).to_contain_text("2")
    # every "yes" explains itself and links to where kimitsu helps
    expect(page.locator("a.quick-link")).to_have_count(2)
    page.goto(f"{base}/o/{company.slug}/")
    step1 = page.locator("#step-1")
    expect(step1).to_have_attribute("data-status", "in_progress")
    expect(step1).to_contain_text("2")
