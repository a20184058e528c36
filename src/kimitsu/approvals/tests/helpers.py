"""Building blocks for the approvals' tests."""

import datetime as dt

TODAY = dt.date.today()


def make_request(membership, action, entries, **kw):
    from kimitsu.approvals import services

    kw.setdefault("purpose", "現場での打合せ")
    kw.setdefault("destination", "A建設 現場事務所")
    kw.setdefault("starts_on", TODAY)
    kw.setdefault("ends_on", TODAY + dt.timedelta(days=2))
    if action == "take_out":
        kw.setdefault("return_due", TODAY + dt.timedelta(days=3))
    return services.request_create(
        actor=membership.user, membership=membership, action=action, entries=entries, **kw
    )
