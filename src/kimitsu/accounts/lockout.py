"""One account, one failure counter, whatever the spelling of its e-mail address.

Log-in finds the account case-insensitively and ignores surrounding spaces, so django-axes must
count failures under the same normalised name: otherwise ``Manager@…`` and `` manager@… `` each
get five more guesses, and ``manaGer@…`` logs in while ``manager@…`` is locked."""

from django.conf import settings


def normalize_login(value) -> str:
    """The form of an e-mail address that log-in and the lockout both use."""
    return str(value or "").strip().casefold()


def lockout_username(request, credentials=None) -> str:
    """``AXES_USERNAME_CALLABLE``: the normalised address, from the credentials that
    ``authenticate`` was given, or from the posted form."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field) or credentials.get("email")
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get(field)
    return normalize_login(value)
