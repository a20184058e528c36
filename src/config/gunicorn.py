"""gunicorn's configuration for ``kimitsu serve`` (read from the environment)."""

import multiprocessing
import os

bind = os.environ.get("KIMITSU_BIND", "127.0.0.1:8000")
# a page is mostly database and template work in Python: a process per core and one more, each
# with a few threads for the requests that wait on the database or a file
workers = int(os.environ.get("KIMITSU_WEB_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("KIMITSU_WEB_THREADS", "4"))
worker_class = "gthread"
# long work runs on the task queue; a request that takes this long is stuck
timeout = int(os.environ.get("KIMITSU_WEB_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5
# behind nginx: trust its X-Forwarded-* headers only from the local proxy
forwarded_allow_ips = os.environ.get("KIMITSU_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("KIMITSU_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("KIMITSU_LOG_LEVEL", "info").lower()
# load the application once, then fork the workers (less memory; a broken setting fails at once)
preload_app = True
max_requests = 5000
max_requests_jitter = 500
