"""Shared fixtures: workspaces, users in every role, and log-in helpers (with the second factor)."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from kimitsu.organizations.choices import OrgKind, Role
from kimitsu.testing import factories


@pytest.fixture(autouse=True)
def _fast_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # tests change data behind the pages' backs; the few seconds' summary has tests of its own
    settings.KIMITSU_HOME_CACHE_SECONDS = 0
    settings.KIMITSU_TOPBAR_CACHE_SECONDS = 0


@pytest.fixture(autouse=True, scope="session")
def _immediate_queue():
    """Tasks run inside the request that starts them, inside the test's transaction; a test that
    wants a real worker uses kimitsu.testing.queue.queue_worker."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield


@pytest.fixture
def real_queue(tmp_path):
    """A queue of this test's own, worked by a consumer thread, as a worker process would."""
    from kimitsu.testing.queue import queue_worker

    with queue_worker(tmp_path) as consumer:
        yield consumer


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request's LocaleMiddleware leaves the language
    it activated on the thread, and a test that reads messages after an English request would
    otherwise depend on the order the tests ran in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def company(db):
    return factories.OrganizationFactory(kind=OrgKind.COMPANY, slug="acme", name="株式会社アクメ")


@pytest.fixture
def other_company(db):
    return factories.OrganizationFactory(kind=OrgKind.COMPANY, slug="other", name="他社株式会社")


@pytest.fixture
def desk(db):
    return factories.OrganizationFactory(kind=OrgKind.DESK, slug="desk", name="相談窓口")


@pytest.fixture
def member_of(db):
    """member_of(org, role, department=None) -> Membership with a fresh user."""

    def make(org, role=Role.ADMIN, department=None, person=None):
        return factories.MembershipFactory(
            organization=org, role=role, department=department, person=person
        )

    return make


def login(client: Client, user) -> Client:
    """Log a user in with a verified second factor, as after a real TOTP log-in."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def login_client():
    def make(user):
        return login(Client(), user)

    return make


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright (session-wide)."""
    import os

    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
    # thread with a running loop unless told it is safe, which it is in tests.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    from kimitsu.testing.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        locale="ja-JP", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.base_url = live_server.url
    # Every browser test is also a Content-Security-Policy test: Chromium reports what the policy
    # refused (an inline script, handler or style) on the console, and the test fails on it.
    refused = []
    pg.on(
        "console",
        lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    pg.csp_refused = refused
    yield pg
    context.close()
    if not getattr(pg, "csp_expected", False):
        assert not refused, f"the Content-Security-Policy refused: {refused}"
