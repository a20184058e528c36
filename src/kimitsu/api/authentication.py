"""How the API knows who is calling: a token, or the browser's session once it has passed the
second factor."""

from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication

from kimitsu.accounts.middleware import second_factor_pending


class VerifiedSessionAuthentication(SessionAuthentication):
    """The browser's session, but only when it has passed its second factor (or needs none).

    ``TwoFactorMiddleware`` already answers such a session with 403 on ``/api/``; this holds the
    same line inside DRF, so that an API view mounted elsewhere, or a middleware order changed
    by mistake, cannot let a password-only session in."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and second_factor_pending(result[0]) is not None:
            return None
        return result


class VerifiedSessionScheme(SessionScheme):
    """The schema names it as DRF's session cookie (``cookieAuth``)."""

    target_class = VerifiedSessionAuthentication
