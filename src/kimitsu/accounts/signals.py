"""Log-ins, failed log-ins, lock-outs and log-outs go into the audit chain of every workspace the
user belongs to (or the global chain when the address is unknown)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from kimitsu.audit import services as audit

from .services import record_user_event


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    record_user_event("auth.login", user, actor=user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record_user_event("auth.logout", user, actor=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    email = (credentials or {}).get("username") or (credentials or {}).get("email") or ""
    user = get_user_model().objects.filter(email__iexact=email).first() if email else None
    if user is not None:
        record_user_event("auth.login_failed", user, after={"email": email})
    else:
        audit.record(
            event_type="auth.login_failed",
            organization=None,
            object_type="accounts.user",
            object_repr=email[:300],
            after={"email": email[:254]},
        )


@receiver(user_locked_out)
def on_locked_out(sender, request, username, ip_address, **kwargs):
    user = get_user_model().objects.filter(email__iexact=username or "").first()
    if user is not None:
        record_user_event("auth.locked_out", user, after={"email": username})
    else:
        audit.record(
            event_type="auth.locked_out",
            organization=None,
            object_type="accounts.user",
            object_repr=(username or "")[:300],
            after={"email": (username or "")[:254]},
        )
