"""``kimitsu worker``: the task consumer (huey) — imports, reports, and, with
``KIMITSU_SCHEDULER=true`` (the default; exactly one worker of a deployment), the periodic tasks.
While it runs it beats every few seconds, for /healthz and the jobs' pages."""

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand

HEARTBEAT_S = 10


class Command(BaseCommand):
    help = "Run the task queue's worker (huey consumer) with its heartbeat."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, help="threads (default KIMITSU_QUEUE_WORKERS)")
        parser.add_argument(
            "--no-scheduler", action="store_true", help="do not run the periodic tasks here"
        )

    def handle(self, *args, workers=None, no_scheduler=False, **options):
        from kimitsu.core import tasks

        stop = threading.Event()

        def beat():
            while True:
                try:
                    tasks.beat()
                except Exception:  # a queue that is briefly away must not end the heartbeat
                    self.stderr.write("heartbeat: the queue's storage did not answer")
                if stop.wait(HEARTBEAT_S):
                    return

        threading.Thread(target=beat, name="kimitsu-heartbeat", daemon=True).start()
        huey_options = {}
        if workers:
            huey_options["workers"] = workers
        if no_scheduler:
            huey_options["periodic"] = False
        try:
            call_command("run_huey", **huey_options)
        finally:
            stop.set()
