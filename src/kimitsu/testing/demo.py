"""The demo workspaces for a module of tests: built once, inside a transaction that is rolled
back at the end, so the other tests of the worker never see them."""

import contextlib

from django.db import transaction


@contextlib.contextmanager
def demo_in_transaction(django_db_blocker):
    """Build the demo (``kimitsu demo``) and yield; everything is rolled back afterwards."""
    from kimitsu.core.demo import build

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            build.ensure_demo()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
