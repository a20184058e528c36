"""On a 390 px phone: the e-mailed links — confirm the regulation, sign a pledge by typing the
name — and the administrator's pages show both."""

import re

import pytest
from django.core import mail

from kimitsu.reach import reminders
from kimitsu.testing.browser import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_site_worker_on_a_phone(page, company, reach_world, settings):
    settings.KIMITSU_BASE_URL = page.base_url
    reminders.send(company, now=True)
    message = next(m for m in mail.outbox if "1201@site.example.jp" in m.to)
    urls = re.findall(r"http://\S+/l/\S+/", message.body)
    assert len(urls) == 3
    page.set_viewport_size({"width": 390, "height": 844})

    # the regulation: read on the phone, tick, confirm — no typing
    by_title = dict(zip(re.findall(r"^\d+\. (.+)$", message.body, re.M), urls, strict=True))
    regulation_url = next(u for t, u in by_title.items() if reach_world["regulation"].title in t)
    page.goto(regulation_url)
    assert page.locator("#regulation-text").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone
    page.check("#confirm")
    page.click("#acknowledge")
    assert page.locator("#link-done").is_visible()
    page.screenshot(path="/tmp/phone-link-regulation-done.png", full_page=True)

    # the pledge: type the name as in the people register, confirm
    pledge_url = next(u for t, u in by_title.items() if "署名" in t)
    page.goto(pledge_url)
    assert page.locator("#pledge-pdf").is_visible()
    page.fill("#name", "森 和也")
    page.check("#confirm")
    page.click("#sign")
    assert page.locator("#link-done").is_visible()
    # the same link again: a clear page
    page.goto(pledge_url)
    assert page.locator("#link-refused").is_visible()

    # the administrator sees both
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, page.base_url, reach_world["admin"].user)
    page.goto(f"{page.base_url}/o/{company.slug}/rules/regulation/readers/?show=all")
    row = page.locator("#readers tr", has_text="1201")
    assert row.locator(".bi-check2").count() == 1
    page.goto(f"{page.base_url}/o/{company.slug}/pledges/documents/{reach_world['document'].pk}/")
    assert "署名済" in page.inner_text("main") or "Signed" in page.inner_text("main")
