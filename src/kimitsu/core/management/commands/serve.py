"""``kimitsu serve``: the production web server (gunicorn with the configuration kimitsu ships,
src/config/gunicorn.py: KIMITSU_BIND, KIMITSU_WEB_WORKERS, KIMITSU_WEB_THREADS)."""

import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

import config


class Command(BaseCommand):
    help = "Serve kimitsu with gunicorn (the production WSGI server)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", help="address:port (default KIMITSU_BIND, 127.0.0.1:8000)")
        parser.add_argument("--workers", type=int, help="processes (default KIMITSU_WEB_WORKERS)")

    def handle(self, *args, bind=None, workers=None, **options):
        conf = Path(config.__file__).with_name("gunicorn.py")
        argv = [sys.executable, "-m", "gunicorn", "-c", str(conf)]
        if bind:
            argv += ["--bind", bind]
        if workers:
            argv += ["--workers", str(workers)]
        argv.append("config.wsgi:application")
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # gunicorn takes this process over (signals, exit code)
