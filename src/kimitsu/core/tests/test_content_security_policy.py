"""The Content-Security-Policy: every page is served with a policy that runs only kimitsu's own
script files, and no template holds what that policy would refuse (every browser test fails on a
refusal, through the ``page`` fixture)."""

import re
from pathlib import Path

import pytest

from kimitsu.organizations.choices import Role
from kimitsu.testing.browser import log_in

KIMITSU = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(KIMITSU.rglob("templates/**/*.html"))
# what the policy refuses: an inline script (json_script's data blocks are not run, so allowed),
# an inline event handler, a style element or attribute, a javascript: address
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
JS_URL = re.compile(r"javascript:", re.I)


def test_templates_hold_nothing_the_policy_refuses():
    assert len(TEMPLATES) > 100  # the glob found the apps' templates
    found = []
    for path in TEMPLATES:
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE, JS_URL):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(KIMITSU)}:{line}: {match.group(0)}")
    assert found == []


@pytest.mark.django_db
def test_every_page_carries_the_strict_policy(client, company, member_of):
    from conftest import login

    login(client, member_of(company, Role.ADMIN).user)
    for url in ("/accounts/login/", "/o/acme/", "/o/acme/register/", "/o/acme/audit/"):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(
            (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
        )
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["default-src"] == ["'self'"], url
        assert directives["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, url


@pytest.mark.django_db
def test_no_page_allows_another_host(client, company, member_of):
    """Swagger UI is served from kimitsu's static files (drf-spectacular-sidecar), so even
    /api/docs/, the one page with a wider policy (a style element allowed by its hash), names no
    CDN or other host (core/tests/test_api_docs_and_favicon.py)."""
    from conftest import login

    login(client, member_of(company, Role.ADMIN).user)
    for url in ("/api/docs/", "/api/docs/?script=", "/accounts/login/", "/o/acme/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "cdn.jsdelivr.net" not in policy, url
        assert "http:" not in policy and "https:" not in policy, url
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_injected_script_or_style_does_nothing(page, company, member_of):
    """What an attacker might get into a page (an inline script, a handler, a style) is refused by
    the browser, while kimitsu's own scripts run (the confirm of data-confirm, the level colour of
    data-bg)."""
    admin = member_of(company, Role.ADMIN)
    log_in(page, page.base_url, admin.user)
    page.goto(f"{page.base_url}/o/acme/")
    page.evaluate(
        """() => {
        const s = document.createElement("script");
        s.textContent = "window.injected = true";
        document.body.appendChild(s);
        const d = document.createElement("div");
        d.id = "styled";
        d.setAttribute("style", "color: rgb(255, 0, 0)");
        document.body.appendChild(d);
        const b = document.createElement("div");
        b.dataset.bg = "#00ff00"; b.id = "coloured";
        document.body.appendChild(b);
        document.dispatchEvent(new CustomEvent("htmx:load", {detail: {elt: b}}));
    }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected") is None
    assert page.evaluate("getComputedStyle(document.getElementById('styled')).color") != (
        "rgb(255, 0, 0)"
    )
    # kimitsu.js styles from data attributes, which the policy allows
    assert page.evaluate(
        "getComputedStyle(document.getElementById('coloured')).backgroundColor"
    ) == ("rgb(0, 255, 0)")
    assert any("Content Security Policy" in text for text in page.csp_refused)
    page.csp_expected = True  # the refusals were the point here
