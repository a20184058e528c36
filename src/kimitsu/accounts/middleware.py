from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

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
    return user.memberships.filter(is_active=True, role__in=TWO_FACTOR_ROLES).exists()


def has_confirmed_device(user) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


class TwoFactorMiddleware:
    """After the password, a user with a TOTP device must enter a code; a user whose role requires
    two factors and who has no device yet must set one up before doing anything else."""

    EXEMPT_PREFIXES = ("/static/", "/accounts/logout/", "/accounts/language/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            path = request.path
            verify_url = reverse("accounts:otp_verify")
            setup_url = reverse("accounts:otp_setup")
            if not path.startswith(self.EXEMPT_PREFIXES) and path not in (verify_url, setup_url):
                if has_confirmed_device(user):
                    return redirect(f"{verify_url}?next={request.get_full_path()}")
                if requires_two_factor(user):
                    return redirect(setup_url)
        return self.get_response(request)
