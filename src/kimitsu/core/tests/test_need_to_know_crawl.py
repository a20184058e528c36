"""Need-to-know everywhere (issue 11): as each role of the demo, follow every link of every page
reachable from the home page, read every API list and detail, download every export and document
offered — and find no title or summary of an entry that the role may not open.

The demo is built once for the module, inside a transaction that is rolled back at the end, so
the other tests of the worker never see it.
"""

import html
import io
import json
import re
import zipfile
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kimitsu.organizations.choices import OrgKind, Role
from kimitsu.organizations.models import Membership
from kimitsu.register.models import Entry
from kimitsu.register.selectors import entry_list
from kimitsu.testing.demo import demo_in_transaction
from kimitsu.testing.factories import MembershipFactory, OrganizationFactory

# Pages that change state on GET do not exist; these only end the session or switch language.
SKIP = ("/accounts/logout/", "/accounts/language/", "/static/", "/django-admin/", "/api/docs/")
MAX_VARIANTS = 3  # query-string variants followed per path (sorts, filters, pages)
MAX_REQUESTS = 1500


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_in_transaction(django_db_blocker):
        stranger = OrganizationFactory(kind=OrgKind.COMPANY, slug="stranger", name="別会社")
        stranger_admin = MembershipFactory(organization=stranger, role=Role.ADMIN)
        # What the product writes in any workspace (a regulation's clauses, the learning
        # pages): an entry titled 「就業規則」 is found there by its words, not as a leak.
        generic = "\n".join(crawl(_login(stranger_admin.user), stranger.slug).values())
        yield {"stranger_admin": stranger_admin, "generic": generic}


def _login(user) -> Client:
    from conftest import login

    return login(Client(), user)


def _secrets_hidden_from(membership, company, generic="") -> dict[str, str]:
    """text -> ledger number, for every title and summary the reader may not see (leaving out
    the few that the product's own texts contain, such as 「就業規則」)."""
    entries = Entry.objects.filter(organization=company)
    if membership.organization_id == company.pk:
        try:
            visible = set(entry_list(membership).values_list("pk", flat=True))
        except Exception:  # a role without the register's entries at all (external advisor)
            visible = set()
        entries = entries.exclude(pk__in=visible)
    texts = {}
    for number, title, summary in entries.values_list("ledger_number", "title", "summary"):
        for text in (title, summary):
            if text and len(text) >= 4 and text not in generic:
                texts[text] = number
    return texts


def _text_of(response) -> str:
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "pdf" in content_type or body[:5] == b"%PDF-":
        from pypdf import PdfReader

        return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(body)).pages)
    if body[:2] == b"PK":  # .docx, .xlsx: their XML, tags removed
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            parts = [
                z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
            ]
        return html.unescape(re.sub(r"<[^>]+>", "", "".join(parts)))
    if "json" in content_type:
        try:
            return json.dumps(json.loads(body), ensure_ascii=False)
        except ValueError:
            pass
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return html.unescape(body.decode(encoding))
        except UnicodeDecodeError:
            continue
    return ""


_HREF = re.compile(r"""(?:href|src|hx-get|data-url)=["']([^"'#]+)""")


def _links(base: str, text: str, json_body) -> list[str]:
    links = [urljoin(base, html.unescape(h)) for h in _HREF.findall(text)]
    if json_body is not None:
        stack = [json_body]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
            elif isinstance(value, str) and value.startswith(("http://testserver/", "/")):
                links.append(urljoin(base, value))
    return links


def _api_routes(slug: str) -> list[str]:
    """Every API route of the workspace, with the ids that lists reveal filled in later."""

    def walk(resolvers, prefix=""):
        for entry in resolvers:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    return [
        "/" + r.replace("<slug:org_slug>", slug)
        for r in walk(get_resolver().url_patterns)
        if r.startswith("api/v1/o/<slug:org_slug>/")
    ]


def crawl(client: Client, slug: str) -> dict[str, str]:
    """url -> text of every page, file and API answer reachable for this client."""
    seen: dict[str, str] = {}
    variants: dict[str, int] = {}
    ids: set[int] = set()
    queue = deque(["/", f"/o/{slug}/"])
    api = _api_routes(slug)
    queue.extend(r for r in api if "<" not in r)

    def allowed(url: str) -> bool:
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or parts.path.startswith(SKIP):
            return False
        return parts.path == "/" or parts.path.startswith((f"/o/{slug}/", f"/api/v1/o/{slug}/"))

    while queue and len(seen) < MAX_REQUESTS:
        url = queue.popleft()
        parts = urlsplit(url)
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url in seen or not allowed(url):
            continue
        if parts.query:
            variants[parts.path] = variants.get(parts.path, 0) + 1
            if variants[parts.path] > MAX_VARIANTS:
                continue
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            seen[url] = ""
            continue
        text = _text_of(response) if response.status_code == 200 else ""
        seen[url] = text
        json_body = None
        if "json" in response.get("Content-Type", "") and text:
            json_body = json.loads(text)
            for match in re.finditer(r'"id": (\d+)', text):
                ids.add(int(match.group(1)))
        if "html" in response.get("Content-Type", "") or json_body is not None:
            queue.extend(_links(f"http://testserver{url}", text, json_body))
        if not queue:  # API details: every route with one id, for the ids the lists showed
            for route in api:
                if route.count("<") == 1:
                    for pk in sorted(ids)[:200]:
                        candidate = re.sub(r"<[^>]+>", str(pk), route)
                        if candidate not in seen:
                            queue.append(candidate)
            ids.clear()
    return seen


def _leaks(pages: dict[str, str], secrets: dict[str, str]) -> list[str]:
    found = []
    for url, text in pages.items():
        for secret, number in secrets.items():
            if secret in text:
                found.append(f"{url}: {number} 「{secret[:30]}」")
    return found


CRAWL_ROLES = {
    Role.MEMBER: "member@demo.kimitsu.jp",
    Role.MANAGER: "manager@demo.kimitsu.jp",
    Role.AUDITOR: "auditor@demo.kimitsu.jp",
    Role.ADVISOR: "advisor@demo.kimitsu.jp",
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", CRAWL_ROLES)
def test_no_page_file_or_api_answer_names_an_entry_the_role_may_not_open(demo, role):
    membership = Membership.objects.select_related("organization").get(
        organization__slug="demo", user__email=CRAWL_ROLES[role]
    )
    assert membership.role == role
    secrets = _secrets_hidden_from(membership, membership.organization, demo["generic"])
    assert len(secrets) >= 10, f"the demo hides almost nothing from the {role}"
    pages = crawl(_login(membership.user), "demo")
    assert len(pages) > 20, f"only {len(pages)} URLs reached as {role}"
    api = sum(1 for url in pages if url.startswith("/api/"))
    print(f"crawl as {role}: {len(pages)} URLs ({api} API), {len(secrets)} hidden texts")
    leaks = _leaks(pages, secrets)
    assert not leaks, f"{len(leaks)} leaks as {role}:\n" + "\n".join(leaks[:80])


@pytest.mark.django_db
def test_another_companys_administrator_reaches_nothing_of_the_demo(demo):
    admin = demo["stranger_admin"]
    company = Membership.objects.get(
        organization__slug="demo", user__email="admin@demo.kimitsu.jp"
    ).organization
    secrets = _secrets_hidden_from(admin, company, demo["generic"])
    assert len(secrets) > 80
    client = _login(admin.user)
    pages = crawl(client, admin.organization.slug)
    pages.update(crawl(client, "demo"))  # the demo's own URLs answer 404 to a stranger
    assert not _leaks(pages, secrets)


@pytest.mark.django_db
def test_the_crawl_finds_a_planted_leak(demo):
    """The crawl can fail: the administrator sees every title, and the crawl finds them."""
    admin = Membership.objects.get(organization__slug="demo", user__email="admin@demo.kimitsu.jp")
    member = Membership.objects.get(organization__slug="demo", user__email=CRAWL_ROLES[Role.MEMBER])
    secrets = _secrets_hidden_from(member, member.organization, demo["generic"])
    pages = crawl(_login(admin.user), "demo")
    assert _leaks(pages, secrets)
