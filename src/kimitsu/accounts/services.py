"""Account events (log-ins, two-factor changes, API tokens) in the audit log."""

from django.db import transaction

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
