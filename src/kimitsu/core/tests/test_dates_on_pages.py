"""One way of writing dates (issue 16): in a workspace that writes the era (和暦), every page and
every generated document of the demo — followed link by link from the home page, as the
administrator, in Japanese and in English — shows its dates as the reader writes them: 令和8年12月2日
in Japanese, Dec. 2, 2026 in English; never 2026-12-02, and in Japanese never the western
2026年12月2日 either. ISO dates belong to files a program reads (CSV, spreadsheets, the API, file
names), which are not read here.

The demo is built once for the module, inside a transaction that is rolled back at the end.
"""

import html
import io
import re
import zipfile
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client

from kimitsu.organizations.models import Membership, Organization
from kimitsu.testing.demo import demo_in_transaction

ISO_DATE = re.compile(r"(?<![\d/.-])(?:19|20)\d\d-\d\d-\d\d(?![\d-])")
WESTERN_DAY = re.compile(r"(?<!\d)(?:19|20)\d\d年\d{1,2}月\d{1,2}日")
# How a date may be typed into an import (2026/4/1、2026年4月1日、令和8年4月1日): the page explains it.
EXPLAINED = ("2026年4月1日",)
# kimitsu's learning pages about the law, dated as the statute is (施行日 2025年6月1日).
LAW_TEXTS = ("/awareness/learn/",)
SKIP = ("/accounts/", "/static/", "/django-admin/", "/api/", "/media/")
# Files a program reads: the ISO date is right there.
FILE_TYPES = ("text/csv", "spreadsheetml", "application/json", "application/zip")
MAX_PAGES = 900
PER_SHAPE = 4  # pages read of each shape (/people/N/, /pledges/documents/N/file.pdf…)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from django.db.models.signals import pre_save

    def writes_the_era(sender, instance, **kwargs):
        instance.use_wareki = True

    # from the start: what the demo's people wrote (a note, an audit label) keeps the dates as
    # they were written when it was written
    pre_save.connect(writes_the_era, sender=Organization)
    try:
        with demo_in_transaction(django_db_blocker):
            pre_save.disconnect(writes_the_era, sender=Organization)
            assert Organization.objects.filter(slug="demo", use_wareki=True).exists()
            yield
    finally:
        pre_save.disconnect(writes_the_era, sender=Organization)


def _visible_text(response) -> str | None:
    """What a person reads in the answer; None for a file a program reads."""
    content_type = response.get("Content-Type", "")
    if any(kind in content_type for kind in FILE_TYPES):
        return None
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:5] == b"%PDF-":
        from pypdf import PdfReader

        return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(body)).pages)
    if body[:2] == b"PK":  # a Word document: its text, not its properties (which are ISO)
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            names = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
            if not names:
                return None
            xml = "".join(z.read(n).decode("utf-8", "replace") for n in names)
        return html.unescape(re.sub(r"<[^>]+>", "", xml))
    text = body.decode("utf-8", "replace")
    # a chart's data (json_script) is shown as its axis; other scripts and the values of form
    # fields (<input type="date" value="2026-12-02">, an attribute) are not read by a person
    text = re.sub(r"(?is)<script(?![^>]*application/json)[^>]*>.*?</script>", " ", text)
    text = re.sub(r"(?is)<style[^>]*>.*?</style>", " ", text)
    text = re.sub(r"(?s)<[^>]+>", " ", text)
    return html.unescape(text)


_HREF = re.compile(r"""(?:href|hx-get|data-url)=["']([^"'#]+)""")


def _read_everything(client: Client, slug: str) -> dict[str, str]:
    """url -> visible text of every page and document reachable from the workspace's home."""
    seen: dict[str, str] = {}
    variants: dict[str, int] = {}
    shapes: dict[str, int] = {}
    queue = deque([f"/o/{slug}/"])
    while queue and len(seen) < MAX_PAGES:
        parts = urlsplit(queue.popleft())
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if (
            url in seen
            or parts.netloc not in ("", "testserver")
            or not parts.path.startswith(f"/o/{slug}/")
            or parts.path.startswith(SKIP)
        ):
            continue
        if parts.query:  # a few sorts, filters and pages of each list
            variants[parts.path] = variants.get(parts.path, 0) + 1
            if variants[parts.path] > 2:
                continue
        shape = re.sub(r"\d+", "N", parts.path)
        shapes[shape] = shapes.get(shape, 0) + 1
        if shapes[shape] > PER_SHAPE:
            continue
        response = client.get(url)
        seen[url] = ""
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        if response.status_code != 200:
            continue
        text = _visible_text(response)
        if text is None:
            continue
        seen[url] = text
        if "html" in response.get("Content-Type", ""):
            raw = response.content.decode("utf-8", "replace")
            queue.extend(
                urljoin(f"http://testserver{url}", html.unescape(h)) for h in _HREF.findall(raw)
            )
    return seen


def _client(email: str, language: str) -> Client:
    from conftest import login

    membership = Membership.objects.select_related("user").get(user__email=email)
    user = membership.user
    user.language = language
    user.save(update_fields=["language"])
    client = login(Client(), user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _typed_by_people() -> tuple[str, ...]:
    """Western dates the demo's people typed themselves (a note: 「入社前面談（2024年9月20日）で確認」):
    the values of every field a person fills in (kimitsu's own fields are editable=False, and
    the audit log only repeats them)."""
    from django.apps import apps
    from django.db import models

    typed = set()
    for model in apps.get_models():
        if model._meta.app_label in ("audit", "admin", "sessions", "contenttypes", "auth"):
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and f.editable
        ]
        for row in model.objects.values_list(*fields) if fields else ():
            for value in row:
                typed.update(WESTERN_DAY.findall(value or ""))
    return tuple(typed)


def _found(pages: dict[str, str], pattern, allowed=()) -> list[str]:
    found = []
    for url, text in pages.items():
        for match in pattern.finditer(text):
            around = text[max(0, match.start() - 40) : match.end() + 20]
            if not any(phrase in around for phrase in allowed):
                found.append(f"{url}: …{' '.join(around.split())}…")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "slug"),
    [("admin@demo.kimitsu.jp", "demo"), ("desk-admin@demo.kimitsu.jp", "demo-desk")],
)
def test_a_wareki_workspace_shows_no_iso_and_no_western_date_in_japanese(demo, email, slug):
    pages = _read_everything(_client(email, "ja"), slug)
    assert len(pages) > (200 if slug == "demo" else 20), len(pages)
    joined = "\n".join(pages.values())
    assert "令和" in joined
    iso = _found(pages, ISO_DATE)
    assert not iso, f"{len(iso)} ISO dates:\n" + "\n".join(iso[:60])
    pages = {u: t for u, t in pages.items() if not any(part in u for part in LAW_TEXTS)}
    western = _found(pages, WESTERN_DAY, EXPLAINED + _typed_by_people())
    assert not western, f"{len(western)} western dates:\n" + "\n".join(western[:60])


@pytest.mark.django_db
def test_an_english_reader_sees_dates_in_english_and_never_iso(demo):
    pages = _read_everything(_client("admin@demo.kimitsu.jp", "en"), "demo")
    html_pages = {u: t for u, t in pages.items() if "/file" not in u and "download" not in u}
    assert re.search(
        r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.? \d{1,2}, 20\d\d",
        "\n".join(html_pages.values()),
    )
    iso = _found(pages, ISO_DATE)
    assert not iso, f"{len(iso)} ISO dates:\n" + "\n".join(iso[:60])
