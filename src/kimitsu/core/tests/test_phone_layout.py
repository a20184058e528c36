"""kimitsu on a 390 px phone: the sidebar folds into a menu opened from the top bar, and the
register list reads without a header wrapping one character a line; at 1280 px nothing folds."""

import datetime as dt

import pytest

from kimitsu.organizations.choices import Role
from kimitsu.register import services
from kimitsu.register.choices import Category, Status
from kimitsu.register.models import Entry, Level
from kimitsu.testing.browser import log_in
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# each visible header cell: its text, height, line height and vertical padding (a header row is
# as tall as its tallest header, so one squeezed header shows)
HEADER_BOXES = """row => [...row.children]
    .filter(cell => cell.getBoundingClientRect().width > 0)
    .map(cell => ({text: cell.innerText.trim(), height: cell.getBoundingClientRect().height,
                   line: parseFloat(getComputedStyle(cell).lineHeight),
                   padding: parseFloat(getComputedStyle(cell).paddingTop)
                            + parseFloat(getComputedStyle(cell).paddingBottom)}))"""
# the lines a link's text takes: one box per line
LINES = "link => ({text: link.innerText.trim(), lines: link.getClientRects().length})"


@pytest.fixture
def register(company):
    """Entries with long Japanese titles, departments and custodians: what squeezes a column."""
    services.levels_ensure_defaults(organization=company)
    level = Level.objects.filter(organization=company).order_by("rank").first()
    department = DepartmentFactory(organization=company, name="東日本営業本部 第二営業部")
    custodian = PersonFactory(
        organization=company, department=department, family_name="長谷川", given_name="真理子"
    )
    return [
        Entry.objects.create(
            organization=company,
            ledger_number=f"KM-{n:05d}",
            title=f"大型物流倉庫新築工事の実行予算書および協力会社別見積比較表 その{n}",
            category=Category.TECHNICAL,
            status=Status.APPROVED,
            level=level,
            owning_department=department,
            custodian=custodian,
            next_review_on=dt.date(2027, 12, 5),
        )
        for n in range(1, 4)
    ]


def _sidebar_links(page):
    links = page.locator("#sidebar a.nav-link")
    assert links.count() > 5
    return [links.nth(i) for i in range(links.count())]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_sidebar_is_a_menu_on_a_phone_and_a_column_on_a_desktop(page, company, member_of):
    admin = member_of(company, Role.ADMIN)
    page.set_viewport_size(PHONE)
    log_in(page, page.base_url, admin.user)
    page.goto(f"{page.base_url}/o/{company.slug}/")

    assert all(not link.is_visible() for link in _sidebar_links(page))
    page.click("#sidebar-toggle")
    page.wait_for_selector("#sidebar.show")
    register_link = page.locator(f"#sidebar a[href='/o/{company.slug}/register/entries/']").first
    register_link.wait_for(state="visible")
    assert all(link.is_visible() for link in _sidebar_links(page))
    # the menu closes again, and a link in it opens its page
    page.click("#sidebar .btn-close")
    page.wait_for_selector("#sidebar:not(.show)", state="attached")
    register_link.wait_for(state="hidden")
    page.click("#sidebar-toggle")
    register_link.click()
    page.wait_for_url(f"**/o/{company.slug}/register/entries/")

    page.set_viewport_size(DESKTOP)
    page.goto(f"{page.base_url}/o/{company.slug}/")
    assert not page.locator("#sidebar-toggle").is_visible()
    assert all(link.is_visible() for link in _sidebar_links(page))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_register_list_reads_on_a_phone(page, company, member_of, register):
    admin = member_of(company, Role.ADMIN)
    page.set_viewport_size(PHONE)
    log_in(page, page.base_url, admin.user)
    page.goto(f"{page.base_url}/o/{company.slug}/register/entries/")

    headers = page.locator("#entries thead tr").evaluate(HEADER_BOXES)
    assert {"管理番号", "名称", "格付け", "状況"} <= {h["text"] for h in headers}, headers
    for header in headers:  # one line each (two at most), not a character a line
        assert header["height"] < 2 * header["line"] + header["padding"] + 1, header
    for row in page.locator("#entries tbody tr").all():
        number, title = (row.locator("td").nth(i).locator("a").evaluate(LINES) for i in (0, 1))
        assert number["lines"] == 1, number
        assert len(title["text"]) / title["lines"] > 5, title
    # each entry's number, title, level and status are on the screen, and the page does not
    # scroll sideways
    for entry in register:
        row = page.locator("#entries tbody tr", has_text=entry.ledger_number)
        for text in (entry.ledger_number, entry.title, entry.level.name, "承認済み"):
            assert row.get_by_text(text, exact=True).first.is_visible(), text
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # the filters fold behind one button; the search stays in view
    assert page.locator("input[name=q]").is_visible()
    assert not page.locator("select[name=level]").is_visible()
    page.click("#filters-toggle")
    page.locator("select[name=level]").wait_for(state="visible")

    page.set_viewport_size(DESKTOP)
    page.reload()
    assert page.locator("select[name=level]").is_visible()
    assert not page.locator("#filters-toggle").is_visible()
    assert page.get_by_role("columnheader", name="管理部署").is_visible()
