import re

import pytest
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.choices import Role
from kimitsu.organizations.models import Membership
from kimitsu.testing.browser import TEST_PASSWORD, current_code, ensure_device

pytestmark = pytest.mark.django_db


def _password_login(client, user, password=TEST_PASSWORD):
    return client.post("/accounts/login/", {"username": user.email, "password": password})


def test_member_without_device_logs_in_with_password_only(company, member_of):
    m = member_of(company, Role.MEMBER)
    client = Client()
    assert _password_login(client, m.user).status_code == 302
    assert client.get("/o/acme/").status_code == 200
    assert AuditEvent.objects.filter(
        event_type="auth.login", organization=company, actor=m.user
    ).exists()


def test_admin_must_set_up_two_factor_before_anything_else(company, member_of, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code is tried first; no waiting in tests
    m = member_of(company, Role.ADMIN)
    client = Client()
    _password_login(client, m.user)
    response = client.get("/o/acme/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/setup/"
    page = client.get("/accounts/2fa/setup/")
    assert page.status_code == 200 and b"otp-secret" in page.content
    device = TOTPDevice.objects.get(user=m.user, confirmed=False)
    bad = client.post("/accounts/2fa/setup/", {"token": "000000", "password": TEST_PASSWORD})
    assert bad.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    device.confirmed = True  # compute the real current code of the unconfirmed device
    # the right code without the password (a session left open on a lost phone) is refused
    no_password = client.post("/accounts/2fa/setup/", {"token": current_code_of(device)})
    assert no_password.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    wrong = client.post(
        "/accounts/2fa/setup/", {"token": current_code_of(device), "password": "nope"}
    )
    assert "パスワードが正しくありません" in wrong.content.decode()
    ok = client.post(
        "/accounts/2fa/setup/", {"token": current_code_of(device), "password": TEST_PASSWORD}
    )
    assert ok.status_code == 302
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/o/acme/").status_code == 200
    assert AuditEvent.objects.filter(event_type="auth.2fa_enabled", actor=m.user).exists()


def current_code_of(device):
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_user_with_device_must_enter_the_code(company, member_of, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code is tried first; no waiting in tests
    m = member_of(company, Role.MEMBER)
    ensure_device(m.user)
    client = Client()
    _password_login(client, m.user)
    response = client.get("/o/acme/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/verify/")
    wrong = client.post("/accounts/2fa/verify/?next=/o/acme/", {"token": "123456"})
    assert wrong.status_code == 200
    assert "正しくない" in wrong.content.decode() or "not correct" in wrong.content.decode()
    assert AuditEvent.objects.filter(event_type="auth.otp_failed", actor=m.user).exists()
    right = client.post("/accounts/2fa/verify/?next=/o/acme/", {"token": current_code(m.user)})
    assert right.status_code == 302 and right["Location"] == "/o/acme/"
    assert client.get("/o/acme/").status_code == 200


def test_full_width_code_is_accepted(company, member_of):
    m = member_of(company, Role.MEMBER)
    ensure_device(m.user)
    client = Client()
    _password_login(client, m.user)
    code = current_code(m.user).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert client.post("/accounts/2fa/verify/", {"token": code}).status_code == 302


def test_lockout_after_repeated_failures(company, member_of, settings):
    assert settings.AXES_FAILURE_LIMIT == 5  # the figure the security issue set
    m = member_of(company, Role.MEMBER)
    client = Client()
    for _ in range(5):
        _password_login(client, m.user, password="wrong-password")
    response = _password_login(client, m.user)  # the right password, too late
    assert response.status_code == 429
    assert "/o/acme/" not in response.get("Location", "")
    assert (
        AuditEvent.objects.filter(event_type="auth.login_failed", organization=company).count()
        >= settings.AXES_FAILURE_LIMIT
    )
    assert AuditEvent.objects.filter(event_type="auth.locked_out", organization=company).exists()


def test_failed_login_for_unknown_address_goes_to_the_global_chain(db):
    Client().post("/accounts/login/", {"username": "nobody@example.jp", "password": "x"})
    event = AuditEvent.objects.get(event_type="auth.login_failed")
    assert event.organization is None and event.chain == "global"


def test_logout_is_recorded(company, member_of, login_client):
    m = member_of(company, Role.MEMBER)
    client = login_client(m.user)
    client.post("/accounts/logout/")
    assert AuditEvent.objects.filter(event_type="auth.logout", actor=m.user).exists()


def test_invitation_creates_account_and_membership(
    company, member_of, login_client, django_capture_on_commit_callbacks
):
    admin = member_of(company, Role.ADMIN)
    client = login_client(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/o/acme/members/", {"email": "New.Hire@Example.jp", "role": Role.AUDITOR}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new.hire@example.jp"]
    link = re.search(r"/accounts/invite/[\w-]+/", mail.outbox[0].body).group(0)

    visitor = Client()
    page = visitor.get(link)
    assert page.status_code == 200 and "株式会社アクメ" in page.content.decode()
    short = visitor.post(link, {"display_name": "新人", "password1": "short", "password2": "short"})
    assert (
        short.status_code == 200
        and not Membership.objects.filter(user__email="new.hire@example.jp").exists()
    )
    done = visitor.post(
        link,
        {
            "display_name": "新人 花子",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
    )
    assert done.status_code == 302
    membership = Membership.objects.get(user__email="new.hire@example.jp")
    assert membership.organization == company and membership.role == Role.AUDITOR
    assert AuditEvent.objects.filter(
        event_type="invitation.accepted", organization=company
    ).exists()
    # the link works once
    assert Client().get(link).status_code == 404


def test_invitation_for_another_address_is_refused(
    company, member_of, login_client, django_capture_on_commit_callbacks
):
    admin = member_of(company, Role.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        login_client(admin.user).post(
            "/o/acme/members/", {"email": "x@example.jp", "role": Role.MEMBER}
        )
    link = re.search(r"/accounts/invite/[\w-]+/", mail.outbox[0].body).group(0)
    other = member_of(company, Role.MEMBER)
    response = login_client(other.user).post(link)
    assert response.status_code == 403
    assert not Membership.objects.filter(user__email="x@example.jp").exists()


def test_manager_invitation_needs_a_department(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    response = login_client(admin.user).post(
        "/o/acme/members/", {"email": "m@example.jp", "role": Role.MANAGER}
    )
    assert response.status_code == 200 and not mail.outbox


def test_only_admins_invite(company, member_of, login_client):
    auditor = member_of(company, Role.AUDITOR)
    response = login_client(auditor.user).post(
        "/o/acme/members/", {"email": "m@example.jp", "role": Role.MEMBER}
    )
    assert response.status_code == 403 and not mail.outbox


def test_language_switch_is_saved_per_user(company, member_of, login_client):
    m = member_of(company, Role.ADMIN)
    client = login_client(m.user)
    assert "7つのステップ" in client.get("/o/acme/").content.decode()
    client.post("/accounts/language/", {"language": "en", "next": "/o/acme/"})
    m.user.refresh_from_db()
    assert m.user.language == "en"
    page = client.get("/o/acme/").content.decode()
    assert "The seven steps" in page and "7つのステップ" not in page
    client.post("/accounts/language/", {"language": "ja", "next": "/o/acme/"})
    assert "7つのステップ" in client.get("/o/acme/").content.decode()


def test_english_chosen_on_the_log_in_page_becomes_the_saved_language(company, member_of):
    """Issue 16: the choice made on the log-in page was discarded at log-in (the saved
    Japanese won); it is the person's newest choice, so it is saved."""
    m = member_of(company, Role.MEMBER)
    assert m.user.language == "ja"
    client = Client()
    client.post("/accounts/language/", {"language": "en", "next": "/accounts/login/"})
    assert "Log in" in client.get("/accounts/login/").content.decode()
    assert _password_login(client, m.user).status_code == 302
    m.user.refresh_from_db()
    assert m.user.language == "en"
    assert client.cookies["kimitsu_language"].value == "en"
    page = client.get("/o/acme/").content.decode()
    assert "Home" in page and "ホーム" not in page


def test_log_in_without_choosing_keeps_the_saved_language(company, member_of):
    """A language cookie left from someone else's visit is not a choice: only a choice made
    on the log-in page in this session is saved."""
    m = member_of(company, Role.MEMBER)
    m.user.language = "en"
    m.user.save()
    client = Client()
    client.cookies["kimitsu_language"] = "ja"
    assert _password_login(client, m.user).status_code == 302
    m.user.refresh_from_db()
    assert m.user.language == "en"
    assert client.cookies["kimitsu_language"].value == "en"


def test_anonymous_default_is_japanese_whatever_the_browser_says(db):
    page = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/accounts/login/")
    assert "ログイン" in page.content.decode()


def test_password_reset_sends_a_link(company, member_of):
    m = member_of(company, Role.MEMBER)
    response = Client().post("/accounts/password-reset/", {"email": m.user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/accounts/password-reset/" in mail.outbox[0].body


def test_an_administrator_resets_a_members_lost_authenticator(
    company, other_company, member_of, login_client
):
    from django.core.management import call_command

    admin = member_of(company, Role.ADMIN)
    member = member_of(company, Role.MEMBER)
    ensure_device(member.user)
    url = f"/o/{company.slug}/members/{member.pk}/"
    client = login_client(admin.user)
    page = client.get(url).content.decode()
    assert 'id="reset-2fa"' in page
    response = client.post(url, {"reset_2fa": "1"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=member.user).exists()
    event = AuditEvent.objects.get(event_type="auth.2fa_reset", organization=company)
    assert event.actor == admin.user and event.object_repr == member.user.email
    # a manager may not; nor may an administrator reset their own (the settings page does that)
    manager = member_of(company, Role.MANAGER)
    ensure_device(member.user)
    assert login_client(manager.user).post(url, {"reset_2fa": "1"}).status_code == 403
    own = f"/o/{company.slug}/members/{admin.pk}/"
    ensure_device(admin.user)
    assert 'id="reset-2fa"' not in client.get(own).content.decode()
    client.post(own, {"reset_2fa": "1"})
    assert TOTPDevice.objects.filter(user=admin.user).exists()
    # a person who also belongs to another workspace: only the operator resets them
    Membership.objects.create(user=member.user, organization=other_company, role=Role.MEMBER)
    page = client.get(url).content.decode()
    assert 'id="reset-2fa"' not in page and "運用担当者" in page
    response = client.post(url, {"reset_2fa": "1"}, follow=True)
    assert "運用担当者" in response.content.decode()
    assert TOTPDevice.objects.filter(user=member.user).exists()
    call_command("account", "reset-2fa", member.user.email.upper())
    assert not TOTPDevice.objects.filter(user=member.user).exists()
    # recorded in both workspaces of the user, by nobody (the operator)
    assert AuditEvent.objects.filter(
        event_type="auth.2fa_reset", actor=None, organization=other_company
    ).exists()
