from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import TWO_FACTOR_ROLES

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class UserLanguageMiddleware:
    """Japanese first: the user's saved language, else the language cookie, else Japanese.

    The browser's Accept-Language is deliberately ignored: kimitsu is a Japanese product whose
    English translation is chosen, not guessed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.language
        if language not in SUPPORTED:
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in SUPPORTED:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def requires_two_factor(user) -> bool:
    """Whether one of the user's active memberships has a role that needs a second factor
    (from the memberships the request reads anyway for the workspace menu: ``my_memberships``)."""
    from kimitsu.organizations.access import my_memberships

    return any(m.role in TWO_FACTOR_ROLES for m in my_memberships(user))


def has_confirmed_device(user) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


VERIFY = "verify"
SETUP = "setup"


def second_factor_pending(user) -> str | None:
    """What a logged-in user must still do before anything else: ``VERIFY`` (enter the code of
    their authenticator), ``SETUP`` (their role requires one and they have none yet), or None.
    Cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or user.is_verified():
        return None
    cached = getattr(user, "_kimitsu_second_factor", False)
    if cached is not False:
        return cached
    if has_confirmed_device(user):
        pending = VERIFY
    elif requires_two_factor(user):
        pending = SETUP
    else:
        pending = None
    user._kimitsu_second_factor = pending
    return pending


class TwoFactorMiddleware:
    """After the password, a user with an authenticator must enter its code, and a user whose
    role requires two factors and who has none must set one up, before anything else: on the
    pages (a redirect to the verify or setup page) and on the API alike (403), so that the
    password alone opens nothing. Only the verify and setup pages, log-out, the language switch
    and static files answer such a session."""

    ALLOWED_PREFIXES = ("/static/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pending = second_factor_pending(request.user)
        if pending is not None and not self._allowed(request.path):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": str(SECOND_FACTOR_REQUIRED)}, status=403, json_dumps_params=JSON
                )
            if pending == VERIFY:
                verify_url = reverse("accounts:otp_verify")
                return redirect(f"{verify_url}?{urlencode({'next': request.get_full_path()})}")
            return redirect("accounts:otp_setup")
        return self.get_response(request)

    def _allowed(self, path: str) -> bool:
        if path.startswith(self.ALLOWED_PREFIXES):
            return True
        return path in {
            reverse("accounts:otp_verify"),
            reverse("accounts:otp_setup"),
            reverse("accounts:logout"),
            reverse("accounts:set_language"),
        }


JSON = {"ensure_ascii": False}
SECOND_FACTOR_REQUIRED = _(
    "Two-factor authentication is not complete: enter the code of your authenticator app on "
    "the log-in page first, or use an API token."
)
