"""Status of the seven steps this app owns (see kimitsu.core.steps)."""

from kimitsu.core.steps import NOT_BUILT


def step7_status(organization, membership=None) -> dict:
    return {"status": NOT_BUILT}
