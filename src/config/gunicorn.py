"""gunicorn's configuration for ``kimitsu serve`` (read from the environment)."""

import multiprocessing
import os

bind = os.environ.get("KIMITSU_BIND", "127.0.0.1:8000")
# A page is CPU work in Python (templates, the ORM) and SQLite answers from memory: a process per
# core and one more, each doing one request at a time. The connections then wait in the kernel's
# queue and are served in turn, so every user waits about as long; threads in a process would
# share its interpreter lock, and a request would take as many times longer as there are threads
# (bench/load_bench.py, 50 users on 2 cores: 4 threads each gave 68 requests/s with p95 1.3 s,
# one thread 80 requests/s with p95 0.7 s). A process is busy for the whole of its request: put a
# proxy that buffers (nginx, contrib/) in front of slow clients. KIMITSU_WEB_THREADS above 1 gives
# each process threads instead (gthread), for requests that mostly wait.
workers = int(os.environ.get("KIMITSU_WEB_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("KIMITSU_WEB_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# long work runs on the task queue; a request that takes this long is stuck
timeout = int(os.environ.get("KIMITSU_WEB_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5  # gthread only: a sync process closes each connection after its answer
# behind nginx: trust its X-Forwarded-* headers only from the local proxy
forwarded_allow_ips = os.environ.get("KIMITSU_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("KIMITSU_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("KIMITSU_LOG_LEVEL", "info").lower()
# load the application once, then fork the workers (less memory; a broken setting fails at once)
preload_app = True
max_requests = 5000
max_requests_jitter = 500
