"""The queue's side of stamping. The periodic retry lives with the evidence app's schedule."""

from huey.contrib.djhuey import db_task

from . import services


@db_task(retries=0)
def stamp_task(pk: int) -> str:
    stamp = services.stamp_now(pk)
    return stamp.status if stamp is not None else "gone"
