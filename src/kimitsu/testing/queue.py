"""The task queue in tests: immediate by default (each task runs inside the request that starts
it); ``queue_worker()`` gives a test a real queue of its own and a consumer in this process."""

import contextlib
import uuid

from huey.contrib.djhuey import HUEY
from huey.storage import SqliteStorage


@contextlib.contextmanager
def queue_worker(tmp_path, workers: int = 1):
    """A queue in ``tmp_path`` that no other test sees, and a consumer thread working it."""
    HUEY.immediate = False
    saved = HUEY.storage
    HUEY.storage = SqliteStorage(name=f"test-{uuid.uuid4().hex}", filename=str(tmp_path / "q.db"))
    consumer = HUEY.create_consumer(workers=workers, worker_type="thread", periodic=False)
    consumer.start()
    try:
        yield consumer
    finally:
        consumer.stop(graceful=True)
        HUEY.storage = saved
        HUEY.immediate = True
