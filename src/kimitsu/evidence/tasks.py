"""The evidence app's schedule: stamps that wait for the TSA, and the daily anchor."""

from kimitsu.core.schedule import crontab, periodic


@periodic("timestamps.retry", crontab(minute="*/5"))
def retry_stamps() -> str:
    from kimitsu.timestamps import services

    return f"{services.retry_due()} stamped"


@periodic("audit.anchor", crontab(hour="2", minute="40"))
def anchor_chains() -> str:
    """Have the TSA vouch, each night, for the head of every workspace's audit chain."""
    from kimitsu.audit import anchors
    from kimitsu.audit.services import chain_for
    from kimitsu.organizations.models import Organization
    from kimitsu.timestamps import tsa

    if tsa.config() is None:
        return "no TSA configured"
    made = 0
    for org in Organization.objects.order_by("pk").iterator():
        if anchors.anchor(chain_for(org), org) is not None:
            made += 1
    return f"{made} anchored"
