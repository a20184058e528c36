import pytest

from kimitsu.testing.browser import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_login_page_renders_in_japanese(page, company, member_of):
    m = member_of(company)
    log_in(page, page.base_url, m.user)
    assert "/o/acme/" in page.url
    assert "7つのステップ" in page.content() or "seven steps" in page.content()
