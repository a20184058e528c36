"""The password alone opens nothing, on the pages or the API; the lockout counts one account once,
whatever the spelling of its address (issue 11, defects 1 and 2)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from kimitsu.organizations.choices import OrgKind, Role
from kimitsu.organizations.models import Department
from kimitsu.testing.browser import TEST_PASSWORD, current_code, ensure_device
from kimitsu.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db

# What a session that has not passed its second factor may still open.
OPEN_TO_PENDING = {
    "accounts:otp_verify",
    "accounts:otp_setup",
    "accounts:logout",
    "accounts:set_language",
}


def _walk(resolvers, prefix="", namespace=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, prefix + str(entry.pattern)


def every_url(org_slug: str) -> list[tuple[str, str]]:
    """Every route of the URL configuration, with its parameters filled in (the workspace's slug,
    a number or a word): the gate stands before any view, so the objects need not exist."""
    urls = []
    for name, route in _walk(get_resolver().url_patterns):
        path = route.replace("<slug:org_slug>", org_slug)
        path = re.sub(r"<int:[^>]+>", "1", path)
        path = re.sub(r"<[^>]+>", "x", path)
        path = re.sub(r"[\^$]", "", path)  # regex routes (the admin's)
        if "(" in path:
            continue
        urls.append((name or route, "/" + path))
    return urls


def _password_only(user) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302, "the password log-in itself failed"
    return client


@pytest.fixture
def pending_sessions(company, desk):
    """Sessions that passed the password only: an administrator with an authenticator who has
    not entered its code, an invited administrator who has none yet, and desk staff."""
    with_device = MembershipFactory(organization=company, role=Role.ADMIN)
    ensure_device(with_device.user)
    without_device = MembershipFactory(organization=company, role=Role.ADMIN)
    desk_staff = MembershipFactory(organization=desk, role=Role.DESK_ADVISOR)
    ensure_device(desk_staff.user)
    return {
        "verify": (_password_only(with_device.user), company.slug),
        "setup": (_password_only(without_device.user), company.slug),
        "desk-verify": (_password_only(desk_staff.user), desk.slug),
    }


def _assert_gated(client, method, name, url):
    response = getattr(client, method)(url, HTTP_X_CSRFTOKEN="x")
    where = f"{method.upper()} {url} ({name})"
    if url.startswith("/api/"):
        assert response.status_code == 403, f"{where}: {response.status_code}"
        return
    assert response.status_code == 302, f"{where}: {response.status_code}"
    location = response["Location"]
    assert location.startswith(("/accounts/2fa/verify/", "/accounts/2fa/setup/")), (
        f"{where} -> {location}"
    )


@pytest.mark.parametrize("state", ["verify", "setup", "desk-verify"])
def test_a_password_only_session_opens_no_page_and_no_api(pending_sessions, state):
    client, slug = pending_sessions[state]
    urls = [(n, u) for n, u in every_url(slug) if n not in OPEN_TO_PENDING]
    assert len(urls) > 150, "the URL configuration was not walked"
    assert any(u.startswith("/api/v1/o/") for _n, u in urls)
    for name, url in urls:
        _assert_gated(client, "get", name, url)
        _assert_gated(client, "post", name, url)


def test_the_api_refuses_the_session_but_not_the_data_of_a_verified_one(company, member_of):
    """The cases of the report: the entries, the export and a new department."""
    from rest_framework.authtoken.models import Token

    admin = member_of(company, Role.ADMIN)
    ensure_device(admin.user)
    client = _password_only(admin.user)
    for url in (
        f"/api/v1/o/{company.slug}/register/entries/",
        f"/api/v1/o/{company.slug}/register/export/",
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "二要素認証" in response.json()["detail"]
    before = Department.objects.filter(organization=company).count()
    response = client.post(
        f"/api/v1/o/{company.slug}/departments/",
        {"name": "侵入部"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies.get("csrftoken").value
        if "csrftoken" in client.cookies
        else "x",
    )
    assert response.status_code == 403
    assert Department.objects.filter(organization=company).count() == before
    # the same session after its code: the API answers
    client.post("/accounts/2fa/verify/", {"token": current_code(admin.user)})
    assert client.get(f"/api/v1/o/{company.slug}/register/entries/").status_code == 200
    # a token needs no session, hence no second factor on the session
    token, _ = Token.objects.get_or_create(user=admin.user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(f"/api/v1/o/{company.slug}/register/entries/").status_code == 200


def test_drf_itself_refuses_a_pending_session(company, member_of):
    """Behind the middleware, the API's own session authentication holds the same line."""
    from rest_framework.request import Request

    from kimitsu.api.authentication import VerifiedSessionAuthentication

    admin = member_of(company, Role.ADMIN)
    ensure_device(admin.user)
    client = _password_only(admin.user)
    request = client.get("/accounts/2fa/verify/").wsgi_request
    assert request.user.is_authenticated and not request.user.is_verified()
    assert VerifiedSessionAuthentication().authenticate(Request(request)) is None
    client.post("/accounts/2fa/verify/", {"token": current_code(admin.user)})
    request = client.get("/accounts/2fa/verify/").wsgi_request
    assert request.user.is_verified()
    assert VerifiedSessionAuthentication().authenticate(Request(request))[0] == admin.user


def test_members_without_a_required_second_factor_are_not_gated(company, member_of):
    member = member_of(company, Role.MEMBER)
    client = _password_only(member.user)
    assert client.get(f"/o/{company.slug}/").status_code == 200
    assert client.get(f"/api/v1/o/{company.slug}/register/entries/").status_code == 200


def test_passing_the_second_factor_renews_the_session_key(company, member_of):
    admin = member_of(company, Role.ADMIN)
    ensure_device(admin.user)
    client = _password_only(admin.user)
    key_before = client.session.session_key
    response = client.post("/accounts/2fa/verify/", {"token": current_code(admin.user)})
    assert response.status_code == 302
    assert client.session.session_key != key_before
    # the old key is worth nothing now
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = key_before
    assert stale.get(f"/o/{company.slug}/").status_code == 302
    assert client.get(f"/o/{company.slug}/").status_code == 200


def test_setting_up_the_second_factor_renews_the_session_key(company, member_of):
    from kimitsu.accounts.tests.test_auth import current_code_of

    admin = member_of(company, Role.ADMIN)
    client = _password_only(admin.user)
    client.get("/accounts/2fa/setup/")
    key_before = client.session.session_key
    device = TOTPDevice.objects.get(user=admin.user, confirmed=False)
    response = client.post(
        "/accounts/2fa/setup/", {"token": current_code_of(device), "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session.session_key != key_before


def test_too_many_wrong_codes_tell_the_user_to_wait(company, member_of, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    admin = member_of(company, Role.ADMIN)
    ensure_device(admin.user)
    client = _password_only(admin.user)
    first = client.post("/accounts/2fa/verify/", {"token": "000000"}).content.decode()
    assert "コードが正しくないか" in first
    # now the device waits 60 s: even the right code is not tried, and the page says why
    second = client.post("/accounts/2fa/verify/", {"token": current_code(admin.user)})
    text = second.content.decode()
    assert second.status_code == 200
    assert "間違ったコードが続いた" in text and "秒" in text
    assert not second.wsgi_request.user.is_verified()


# --- the lockout ------------------------------------------------------------------------------


def _login(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


SPELLINGS = [
    "manager@acme.example.jp",
    "Manager@acme.example.jp",
    "MANAGER@ACME.EXAMPLE.JP",
    " manager@acme.example.jp ",
    "manaGer@acme.example.jp",
]


def test_the_lockout_limit_is_five():
    assert settings.AXES_FAILURE_LIMIT == 5


def test_one_account_has_one_counter_whatever_its_spelling(company):
    m = MembershipFactory(organization=company, role=Role.MEMBER, user__email=SPELLINGS[0])
    client = Client()
    for spelling in SPELLINGS[:4]:  # five failures, each under another spelling
        assert _login(client, spelling, "wrong-password").status_code == 200
    assert _login(client, SPELLINGS[4], "wrong-password").status_code == 429  # the fifth locks
    # locked: the right password fails under every spelling
    for spelling in SPELLINGS:
        response = _login(Client(), spelling, TEST_PASSWORD)
        assert response.status_code == 429, spelling
        assert not response.wsgi_request.user.is_authenticated
    assert m.user.is_active


def test_four_failures_in_mixed_spellings_do_not_lock(company):
    MembershipFactory(organization=company, role=Role.MEMBER, user__email=SPELLINGS[0])
    for spelling in SPELLINGS[:4]:
        _login(Client(), spelling, "wrong-password")
    response = _login(Client(), "MANAGER@acme.example.jp", TEST_PASSWORD)
    assert response.status_code == 302


def test_another_account_is_not_locked_by_these_failures(company):
    MembershipFactory(organization=company, role=Role.MEMBER, user__email=SPELLINGS[0])
    other = MembershipFactory(organization=company, role=Role.MEMBER)
    for spelling in SPELLINGS:
        _login(Client(), spelling, "wrong-password")
    assert _login(Client(), other.user.email, TEST_PASSWORD).status_code == 302


def test_desk_kind_is_gated_too(desk):
    assert desk.kind == OrgKind.DESK
    staff = MembershipFactory(organization=desk, role=Role.LAWYER)
    client = _password_only(staff.user)  # no device yet: must set one up
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/setup/"


@pytest.mark.django_db(transaction=True)
def test_a_code_is_checked_outside_any_transaction_of_the_caller(company, member_of):
    """Production requests run in autocommit: the check opens its own transaction for the
    devices' row lock (on PostgreSQL, SELECT … FOR UPDATE outside one is an error)."""
    from kimitsu.accounts.services import second_factor_check

    user = member_of(company, Role.ADMIN).user
    ensure_device(user)
    device, wait = second_factor_check(user, current_code(user))
    assert device is not None and wait is None
