"""/api/docs/ serves Swagger UI from kimitsu's own static files (drf-spectacular-sidecar), under a
policy that names no other host; and every page has an icon, /favicon.ico included."""

import base64
import hashlib
import re

import pytest

from kimitsu.organizations.choices import Role
from kimitsu.testing.browser import log_in

ADDRESS = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']*)["']""", re.I)
STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.S)
ICON_LINK = re.compile(
    r"""<link rel="icon" href="(/static/kimitsu/favicon\.svg)" type="image/svg\+xml">"""
)


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.django_db
def test_the_api_docs_load_nothing_from_another_host(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    addresses = ADDRESS.findall(html)
    assert any("swagger-ui-bundle.js" in a for a in addresses)  # the page was the Swagger UI
    assert all(a.startswith("/") and not a.startswith("//") for a in addresses), addresses
    assert "http://" not in html and "https://" not in html
    for address in addresses:  # the sidecar's files and the start-up script are kimitsu's own
        assert client.get(address).status_code == 200, address
    script = client.get("/api/docs/?script=").content.decode()
    assert "SwaggerUIBundle" in script and "https://" not in script


@pytest.mark.django_db
def test_the_api_docs_allow_the_style_element_they_carry_by_its_hash(client):
    """The one inline thing on the page is drf-spectacular's <style> element; the policy allows it
    by its hash (config/urls.py), so a new drf-spectacular whose element differs fails here."""
    response = client.get("/api/docs/")
    styles = STYLE_ELEMENT.findall(response.content.decode())
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    policy = directives(response["Content-Security-Policy"])
    assert policy["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_administrator_reads_the_api_docs_with_nothing_refused(page, company, member_of):
    admin = member_of(company, Role.ADMIN)
    log_in(page, page.base_url, admin.user)
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((page.base_url, "data:"))
            else None
        ),
    )
    page.goto(f"{page.base_url}/api/docs/")
    page.get_by_text("/api/v1/o/{org_slug}/register/entries/").first.wait_for()
    assert page.locator(".opblock").count() > 10  # the operations are listed
    # Swagger UI's style sheet applies, and so does the page's own <style> element (its hash)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(250, 250, 250)"
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
    assert outside == []
    # the page fixture fails the test on any refusal of the Content-Security-Policy


@pytest.mark.django_db
def test_favicon_ico_answers_with_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/kimitsu/favicon.svg"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")
    assert b"#1f4e79" in b"".join(icon.streaming_content if icon.streaming else [icon.content])


@pytest.mark.django_db
def test_pages_link_the_icon(client, company, member_of):
    from conftest import login

    assert ICON_LINK.search(client.get("/accounts/login/").content.decode())
    login(client, member_of(company, Role.ADMIN).user)
    for url in ("/", "/o/acme/", "/o/acme/register/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert ICON_LINK.search(response.content.decode()), url
