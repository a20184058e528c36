"""Account events (log-ins, two-factor changes, API tokens) in the audit log, and the changes to
an account's second factor."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kimitsu.audit import services as audit


@transaction.atomic
def record_user_event(event_type: str, user, *, actor=None, after=None) -> None:
    """Record an event about a user in every workspace they belong to, so that each workspace's
    own chain shows it; a user without a workspace goes to the global chain."""
    orgs = [
        m.organization
        for m in user.memberships.filter(is_active=True).select_related("organization")
    ]
    for org in orgs or [None]:
        audit.record(
            event_type=event_type,
            organization=org,
            actor=actor,
            obj=user,
            object_repr=user.email,
            after=after,
        )


@transaction.atomic
def two_factor_disable(*, user) -> None:
    """The user turns their own second factor off (only where no role of theirs requires it)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .middleware import requires_two_factor

    if requires_two_factor(user):
        raise ValidationError(_("Your role requires two-factor authentication."))
    TOTPDevice.objects.filter(user=user).delete()
    record_user_event("auth.2fa_disabled", user, actor=user)


RESET_BY_OPERATOR = gettext_lazy(  # spelt out: makemessages finds gettext_lazy, not an alias
    "This person also belongs to other workspaces; ask the operator of kimitsu to reset their "
    "two-factor authentication (kimitsu account reset-2fa)."
)


def belongs_elsewhere(user, membership) -> bool:
    """Whether the user is also an active member of another workspace than the membership's:
    then a reset there would weaken their log-in to a workspace this administrator does not run."""
    return (
        user.memberships.filter(is_active=True)
        .exclude(organization_id=membership.organization_id)
        .exists()
    )


@transaction.atomic
def two_factor_reset(*, actor, user, membership=None) -> None:
    """Remove a user's authenticator (a lost or replaced phone): at the next log-in they set up a
    new one, and a role that requires two factors lets them do nothing else before. By a
    workspace administrator (``membership``) for a member who belongs to that workspace only,
    since the reset weakens the log-in to every workspace of the user; or by an operator on the
    command line (no membership)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kimitsu.organizations.access import Perm, require

    if membership is not None:
        require(membership, Perm.MEMBERS_MANAGE)
        if (
            user.pk == actor.pk
            or not user.memberships.filter(organization_id=membership.organization_id).exists()
        ):
            raise PermissionDenied
        if belongs_elsewhere(user, membership):
            raise ValidationError(RESET_BY_OPERATOR)
    removed, _kinds = TOTPDevice.objects.filter(user=user).delete()
    record_user_event("auth.2fa_reset", user, actor=actor, after={"devices_removed": removed})


def second_factor_check(user, token: str):
    """Check a code against the user's confirmed authenticators, honouring their throttling (each
    wrong code doubles the wait before the next try). Returns ``(device, None)`` when a device
    accepts the code, ``(None, wait_until)`` when every device is still waiting after wrong codes,
    and ``(None, None)`` for a wrong code.

    One transaction: the devices are read ``for_verify`` (SELECT … FOR UPDATE), so that two
    requests cannot both spend one code — PostgreSQL refuses that lock outside a transaction."""
    from django_otp import devices_for_user

    with transaction.atomic():
        allowed, waits = [], []
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            ok, info = device.verify_is_allowed()
            if ok:
                allowed.append(device)
            elif info and info.get("locked_until"):
                waits.append(info["locked_until"])
        if not allowed and waits:
            return None, min(waits)
        for device in allowed:
            if device.verify_token(token):
                return device, None
    return None, None
