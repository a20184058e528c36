"""Helpers for Playwright browser tests against Debian's /usr/bin/chromium."""

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
TEST_PASSWORD = "correct-horse-battery"


def current_code(user) -> str:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def ensure_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def log_in(page, base_url: str, user, password: str = TEST_PASSWORD, two_factor: bool = True):
    """Log in through the real form; enter the TOTP code when asked."""
    if two_factor:
        ensure_device(user)
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", password)
    page.click("#login-submit")
    page.wait_for_load_state()
    if "/accounts/2fa/verify/" in page.url:
        page.fill("input[name=token]", current_code(user))
        page.click("#otp-submit")
        page.wait_for_load_state()
