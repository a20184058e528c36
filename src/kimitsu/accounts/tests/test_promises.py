"""What sign-in promises, pinned to its figures: five failures lock the account (not the
address it came from), and a password alone opens no page but the second-factor ones."""

import pytest
from django.test import Client
from django.urls import reverse

from kimitsu.organizations.choices import Role
from kimitsu.testing.browser import TEST_PASSWORD, ensure_device

pytestmark = pytest.mark.django_db


def _login(user, password=TEST_PASSWORD, ip="198.51.100.1", client=None):
    client = client or Client(REMOTE_ADDR=ip)
    return client.post(
        "/accounts/login/", {"username": user.email, "password": password}, REMOTE_ADDR=ip
    )


def test_the_fifth_failure_locks_the_account(company, member_of):
    m = member_of(company, Role.MEMBER)
    for _ in range(4):
        assert _login(m.user, "wrong-password").status_code == 200
    assert _login(m.user).status_code == 302  # four failures: still allowed, and reset
    for _ in range(5):
        _login(m.user, "wrong-password")
    assert _login(m.user).status_code == 429  # the fifth locked it


def test_the_lock_follows_the_account_not_the_address(company, member_of):
    target, neighbour = member_of(company, Role.MEMBER), member_of(company, Role.MEMBER)
    # five failures from five addresses still lock the account
    for n in range(5):
        _login(target.user, "wrong-password", ip=f"203.0.113.{n + 1}")
    assert _login(target.user, ip="192.0.2.77").status_code == 429
    # and someone else at the attacker's address is not locked out
    assert _login(neighbour.user, ip="203.0.113.1").status_code == 302


@pytest.mark.parametrize(
    "name",
    ["accounts:settings", "accounts:api_token", "accounts:password_change", "accounts:otp_disable"],
)
def test_a_password_alone_opens_no_account_page(company, member_of, name):
    """An administrator with an authenticator who gave only the password is sent to the code
    page from the account pages too (the API-token and password pages above all)."""
    admin = member_of(company, Role.ADMIN)
    ensure_device(admin.user)
    client = Client()
    assert _login(admin.user, client=client).status_code == 302
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    assert client.post(reverse("accounts:api_token")).status_code == 302
    from rest_framework.authtoken.models import Token

    assert not Token.objects.filter(user=admin.user).exists()
