"""Load benchmark of the production stack (issue 12). Prints its figures; not a test.

Starts the stack as bin/serve does, in a temporary data directory of its own: ``kimitsu migrate``,
``kimitsu demo``, then ``kimitsu serve`` (gunicorn, src/config/gunicorn.py) and ``kimitsu worker``
(huey) on a free 127.0.0.1 port with KIMITSU_DEBUG=false; a generated register of N entries
(default 20,000, about a third with 図面 in the title) goes in through the import page as the
administrator (checked and written by the worker, as an office fills it). Then U logged-in
users (default 50: threads, one requests.Session each, spread over admin@ (TOTP), manager@,
member@ and auditor@; W of them, default 5, writing as manager@) work without pause for S seconds
(default 60) on a mix of pages:

  readers  home /o/demo/ · register list ?q=図面 · an entry's detail (ids read from the list)
           · the API list /api/v1/o/demo/register/entries/ (verified session)
  writers  propose an entry through the page form (GET the form, POST it) or POST to the API

Every request counts: an error is a 5xx, a connection error or timeout, or a page that says
"database is locked"; other unexpected answers (a redirect to the log-in, a 4xx) are listed apart.
Prints requests/s, p50/p95/p99, errors by kind, figures per page kind (with the server's own time
from gunicorn's access log, so that queueing shows), and the CPU seconds of the gunicorn and worker
process groups (and of the PostgreSQL backends of the scratch database) per request.

  .venv/bin/python bench/load_bench.py                      # SQLite, 50 users, 60 s
  .venv/bin/python bench/load_bench.py --users 10 --seconds 10 --entries 2000
  .venv/bin/python bench/load_bench.py --database-url postgres://postgres@127.0.0.1:5432/kimitsu_load

With --database-url the scratch database is created (and dropped afterwards) through psycopg, and the
queue moves to Redis (redis://127.0.0.1:6379/0) under a queue name of its own. Talks only to
127.0.0.1; the stack is stopped at the end, on Ctrl-C and on any error.
"""

import argparse
import csv
import os
import random
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import requests

from kimitsu.testing.postgres import create_database, drop_database

ROOT = Path(__file__).resolve().parent.parent
KIMITSU = Path(sys.executable).with_name("kimitsu")
if not KIMITSU.exists():
    KIMITSU = ROOT / ".venv" / "bin" / "kimitsu"
SLUG = "demo"
PASSWORD = "kimitsu-demo-2026"
ADMIN = "admin@demo.kimitsu.jp"
MANAGER = "manager@demo.kimitsu.jp"
READER_ACCOUNTS = [ADMIN, MANAGER, "member@demo.kimitsu.jp", "auditor@demo.kimitsu.jp"]
SEARCH = "図面"

# the demo company's departments and people (kimitsu/core/demo/people.py)
DEPARTMENTS = ["経営企画室", "工事部", "工事一課", "工事二課", "設計部", "営業部", "総務部"]
PEOPLE = ["1001", "1101", "1102", "1103", "1107", "1201", "1202", "1204", "1301", "1401", "1402"]
WORDS_A = ["製品", "金型", "加工", "設計", "試作", "検査", "顧客", "見積", "原価", "工程", "営業"]
WORDS_B = ["図面", "手順書", "仕様書", "条件表", "データ", "台帳", "名簿", "議事録", "報告書"]
CATEGORIES = ["技術・製造", "営業", "経営", "その他"]
LEVELS = ["極秘", "秘", "社外秘", "公開"]

READ_MIX = [("home", 25), ("list", 30), ("detail", 30), ("api list", 15)]
ENTRY_ID = re.compile(rf'href="/o/{SLUG}/register/entries/(\d+)/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log(msg):
    print(msg, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the stack ------------------------------------------------------------------------------


class Stack:
    """The data directory, the (optional) scratch PostgreSQL database and the two processes."""

    def __init__(self, args):
        self.args = args
        self.data = Path(tempfile.mkdtemp(prefix="kimitsu-load-"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = self.data / "stack.log"
        self.access_path = self.data / "access.log"
        self.processes: dict[str, subprocess.Popen] = {}
        self.scratch = None  # (server url, database name)
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("KIMITSU_", "DATABASE_URL", "PYTEST", "DJANGO_", "GUNICORN_"))
        }
        env.update(
            KIMITSU_DATA_DIR=str(self.data),
            KIMITSU_DEBUG="false",
            KIMITSU_BIND=f"127.0.0.1:{self.port}",
            KIMITSU_QUEUE_NAME=f"load-{uuid.uuid4().hex[:8]}",
            KIMITSU_ACCESS_LOG=str(self.access_path),
            KIMITSU_MAX_UPLOAD_MB="200",
            # the server's own time of each request (µs) by the bench's page kind; only the log
            # line's format differs from bin/serve
            GUNICORN_CMD_ARGS="--access-logformat "
            + shlex.quote("LOAD %({x-load-kind}i)s %(s)s %(D)s %(p)s"),
        )
        if args.web_workers:
            env["KIMITSU_WEB_WORKERS"] = str(args.web_workers)
        if args.database_url:
            url = urlsplit(args.database_url)
            if url.hostname not in ("127.0.0.1", "localhost", "::1"):
                raise SystemExit("--database-url must be a local server (127.0.0.1)")
            name = url.path.lstrip("/") or "kimitsu_load"
            name = f"{name}_{os.getpid()}"
            self.pg = dict(
                host=url.hostname, port=str(url.port or 5432), user=url.username or "postgres"
            )
            create_database(name, **self.pg)
            self.scratch = name
            env["DATABASE_URL"] = (
                f"postgres://{self.pg['user']}@{self.pg['host']}:{self.pg['port']}/{name}"
            )
            env["KIMITSU_REDIS_URL"] = "redis://127.0.0.1:6379/0"
        self.env = env

    def run(self, *command, **kw):
        return subprocess.run(
            [str(KIMITSU), *command], env=self.env, check=True, capture_output=True, text=True, **kw
        )

    def prepare(self):
        t = time.perf_counter()
        self.run("migrate", "--noinput", "-v", "0")
        self.run("demo")
        log(f"migrate + demo: {time.perf_counter() - t:.1f} s")

    def import_entries(self, session, entries):
        """The register through the import page as the administrator (upload, check on the
        worker, confirm, write on the worker), as an office would fill it."""
        path = self.data / "ledger.csv"
        write_ledger(path, entries)
        t = time.perf_counter()
        url = f"{self.base}/o/{SLUG}/register/import/"
        r = session.post(
            url,
            data={"csrfmiddlewaretoken": csrf_from(session, url)},
            files={"file": ("load.csv", path.read_bytes(), "text/csv")},
            headers={"Referer": url},
            timeout=120,
        )
        job = r.url
        if job.rstrip("/") == url.rstrip("/"):
            raise RuntimeError(f"the import page refused the file: {r.status_code}")
        wait_for_page(session, job, 'id="import-preview"', 600)
        session.post(
            job,
            {"csrfmiddlewaretoken": csrf_from(session, job)},
            headers={"Referer": job},
            timeout=120,
        )
        wait_for_page(session, job, 'id="import-done"', 900)
        log(
            f"import of {entries:,} rows through the page and the worker: {time.perf_counter() - t:.1f} s"
        )

    def start(self):
        logf = self.log_path.open("ab")
        for name in ("worker", "serve"):
            self.processes[name] = subprocess.Popen(
                [str(KIMITSU), name],
                env=self.env,
                stdout=logf,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: CPU accounting, and the kill
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            for name, p in self.processes.items():
                if p.poll() is not None:
                    raise RuntimeError(f"kimitsu {name} stopped: {self.tail()}")
            try:
                if requests.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"the stack did not answer /healthz within 90 s: {self.tail()}")

    def tail(self, n=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def otp(self, email) -> str:
        out = self.run("demo", "--otp", email).stdout
        return re.search(r"\b(\d{6})\b", out).group(1)

    def stop(self):
        for p in self.processes.values():
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for p in self.processes.values():
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait(timeout=10)
        # a gunicorn worker left behind by a killed master still holds the group
        for p in self.processes.values():
            for pid in group_pids(p.pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.processes.clear()

    def cleanup(self):
        self.stop()
        if self.scratch and not self.args.keep:
            drop_database(self.scratch, **self.pg)
            self.scratch = None
        elif self.scratch:
            log(f"kept: database {self.scratch} (drop it with dropdb)")
        if not self.args.keep:
            shutil.rmtree(self.data, ignore_errors=True)


def write_ledger(path: Path, n: int):
    """A register of n entries in the ledger's own columns; about a third of the titles hold 図面."""
    rnd = random.Random(12)
    header = [
        "管理番号", "名称", "概要", "区分", "種別", "媒体", "保管場所", "管理部署",
        "管理責任者", "格付け", "格付け理由", "アクセス可能部署", "アクセス可能者",
    ]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for i in range(1, n + 1):
            level = rnd.choices(LEVELS, weights=[1, 3, 4, 2])[0]
            w.writerow(
                [
                    f"LOAD-{i:06d}",
                    f"{rnd.choice(WORDS_A)}{rnd.choice(WORDS_B)}（{i}）",
                    f"{rnd.choice(WORDS_A)}に関する{rnd.choice(WORDS_B)}。第{i % 7 + 1}版。",
                    rnd.choice(CATEGORIES),
                    rnd.choice(WORDS_B),
                    rnd.choice(["紙", "電子データ", "紙、電子データ"]),
                    f"\\\\fs01\\share\\{i % 500:03d}",
                    rnd.choice(DEPARTMENTS),
                    rnd.choice(PEOPLE),
                    level,
                    "負荷試験用の格付け理由",
                    rnd.choice(DEPARTMENTS),
                    "、".join(rnd.sample(PEOPLE, 2)),
                ]
            )


# --- CPU accounting -------------------------------------------------------------------------


def _stat(pid):
    """(pgid, utime+stime+cutime+cstime in ticks) of a process, or None once it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    # fields[0] is field 3 (state): pgrp is field 5, utime..cstime are fields 14..17
    return int(fields[2]), sum(int(x) for x in fields[11:15])


def group_pids(pgid):
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(int(entry))
            if st and st[0] == pgid:
                pids.append(int(entry))
    return pids


def group_cpu_s(pgid) -> float:
    """CPU seconds of a process group: its processes' own time and that of the children they
    reaped (a gunicorn worker recycled after max_requests lands in the master's cutime)."""
    ticks = 0
    for pid in group_pids(pgid):
        st = _stat(pid)
        if st:
            ticks += st[1]
    return ticks / os.sysconf("SC_CLK_TCK")


def pg_backend_cpu(dbname) -> dict:
    """{pid: CPU seconds} of the PostgreSQL backends connected to the scratch database."""
    out = {}
    marker = f" {dbname} ".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if cmd.startswith(b"postgres: ") and marker in cmd:
            st = _stat(int(entry))
            if st:
                out[int(entry)] = st[1] / os.sysconf("SC_CLK_TCK")
    return out


# --- users ----------------------------------------------------------------------------------


def csrf_from(session, url) -> str:
    page = session.get(url, timeout=30)
    page.raise_for_status()
    return CSRF.search(page.text).group(1)


def log_in(stack, email) -> requests.Session:
    session = requests.Session()
    login = f"{stack.base}/accounts/login/"
    response = session.post(
        login,
        {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": csrf_from(session, login)},
        headers={"Referer": login},
        timeout=60,
    )
    if "/accounts/2fa/verify/" in response.url:
        verify = response.url
        response = session.post(
            verify,
            {"token": stack.otp(email), "csrfmiddlewaretoken": csrf_from(session, verify)},
            headers={"Referer": verify},
            timeout=60,
        )
    if not response.url.rstrip("/").endswith(f"/o/{SLUG}"):
        raise RuntimeError(f"log-in of {email} ended on {response.url}")
    return session


def wait_for_page(session, url, marker, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = session.get(url, timeout=60).text
        if marker in text:
            return text
        if 'id="import-errors"' in text or 'id="import-stopped"' in text:
            m = re.search(r'id="import-(?:errors|stopped)">(.{0,300})', text, re.S)
            raise RuntimeError(f"the import failed: {m.group(1) if m else ''}")
        time.sleep(1)
    raise RuntimeError(f"{marker} not seen on {url} within {seconds} s")


def clone(session) -> requests.Session:
    other = requests.Session()
    other.cookies.update(session.cookies)
    return other


def root_cause(exc) -> str:
    """The innermost error of a requests ConnectionError, e.g. RemoteDisconnected."""
    for _ in range(8):
        inner = getattr(exc, "reason", None)
        if not isinstance(inner, BaseException):
            inner = next((a for a in exc.args if isinstance(a, BaseException)), None)
        inner = inner or exc.__cause__ or exc.__context__
        if inner is None or inner is exc:
            break
        exc = inner
    return f"{type(exc).__name__}: {str(exc)[:60]}"


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []  # (kind, latency ms, outcome) where outcome is "ok", an error or "other: …"

    def add(self, kind, ms, outcome):
        with self.lock:
            self.rows.append((kind, ms, outcome))


class User(threading.Thread):
    def __init__(
        self, n, stack, session, account, writer, ids, form_defaults, rec, start, stop_at, halt
    ):
        super().__init__(name=f"user-{n}", daemon=True)
        self.stack, self.s, self.account, self.writer = stack, session, account, writer
        self.ids, self.defaults, self.rec = ids, form_defaults, rec
        self.start_event, self.stop_at, self.halt = start, stop_at, halt
        self.rnd = random.Random(n)
        self.n = n
        self.written = 0

    def request(self, kind, method, path, expect, **kw):
        url = self.stack.base + path
        headers = kw.pop("headers", {})
        headers["X-Load-Kind"] = kind.replace(" ", "-")
        t = time.perf_counter()
        try:
            r = self.s.request(
                method, url, headers=headers, timeout=30, allow_redirects=False, **kw
            )
            body = r.text
        except requests.Timeout:
            self.rec.add(kind, (time.perf_counter() - t) * 1000, "error: timeout (30 s)")
            return None
        except requests.ConnectionError as exc:
            self.rec.add(
                kind, (time.perf_counter() - t) * 1000, f"error: connection ({root_cause(exc)})"
            )
            return None
        ms = (time.perf_counter() - t) * 1000
        if r.status_code >= 500:
            outcome = f"error: HTTP {r.status_code}"
        elif "database is locked" in body:
            outcome = "error: database is locked"
        elif r.status_code != expect:
            where = r.headers.get("Location", "")
            where = " → log-in" if "/accounts/" in where else (f" → {where}" if where else "")
            outcome = f"other: HTTP {r.status_code}{where} ({kind})"
        else:
            outcome = "ok"
        self.rec.add(kind, ms, outcome)
        return r if outcome == "ok" else None

    def run(self):
        self.start_event.wait()
        while time.monotonic() < self.stop_at and not self.halt.is_set():
            if self.writer:
                self.write()
            else:
                self.read()

    def read(self):
        kind = self.rnd.choices([k for k, _ in READ_MIX], weights=[w for _, w in READ_MIX])[0]
        base = f"/o/{SLUG}/register/entries/"
        if kind == "home":
            self.request(kind, "GET", f"/o/{SLUG}/", 200)
        elif kind == "list":
            r = self.request(kind, "GET", base, 200, params={"q": SEARCH})
            if r is not None and len(self.ids) < 500:
                self.ids.extend(int(x) for x in ENTRY_ID.findall(r.text))
        elif kind == "detail":
            if self.ids:
                self.request(kind, "GET", f"{base}{self.rnd.choice(self.ids)}/", 200)
            else:
                self.request("home", "GET", f"/o/{SLUG}/", 200)
        else:
            self.request(kind, "GET", f"/api/v1/o/{SLUG}/register/entries/", 200)

    def entry_data(self):
        self.written += 1
        return {
            "title": f"負荷試験{SEARCH}（{self.n}-{self.written}）",
            "summary": "負荷試験で提案した項目。",
            "category": "technical",
            "item_type": "図面",
            "storage_locations": "\\\\fs01\\share\\load",
            "owning_department": self.defaults.get("owning_department", ""),
            "custodian": self.defaults.get("custodian", ""),
        }

    def write(self):
        if self.written % 2 == 0:
            path = f"/o/{SLUG}/register/entries/new/"
            r = self.request("new form", "GET", path, 200)
            if r is None or time.monotonic() >= self.stop_at:
                return
            m = CSRF.search(r.text)
            data = {**self.entry_data(), "media": ["paper", "electronic"]}
            data["csrfmiddlewaretoken"] = m.group(1) if m else ""
            self.request(
                "propose (form)",
                "POST",
                path,
                302,
                data=data,
                headers={"Referer": self.stack.base + path},
            )
        else:
            data = {k: v for k, v in self.entry_data().items() if v != ""}
            data["storage_locations"] = [data["storage_locations"]]
            data["media"] = ["electronic"]
            self.request(
                "propose (api)",
                "POST",
                f"/api/v1/o/{SLUG}/register/entries/",
                201,
                json=data,
                headers={
                    "X-CSRFToken": self.s.cookies.get("csrftoken", ""),
                    "Referer": self.stack.base,
                },
            )


def form_defaults(stack, session) -> dict:
    """The owning department and custodian the proposal form offers its user (the manager)."""
    text = session.get(f"{stack.base}/o/{SLUG}/register/entries/new/", timeout=30).text
    out = {}
    for field in ("owning_department", "custodian"):
        m = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', text, re.S)
        if m:
            sel = re.search(r'<option value="(\d+)"\s+selected', m.group(1))
            if sel:
                out[field] = sel.group(1)
    return out


# --- where a page's time goes -----------------------------------------------------------------

# Run by ``kimitsu shell -c`` against the stack's own database after the run: each page through
# Django's test client as the manager, its SQL time (CaptureQueriesContext) against the whole,
# and the functions of kimitsu and Django that take the most time on the slowest page.
BREAKDOWN = r"""
import cProfile, io, pstats, statistics, time
from django.contrib.auth import get_user_model
from django.db import connection
from django.conf import settings
from django.test import Client
settings.KIMITSU_HOME_CACHE_SECONDS = 0  # what computing the home page costs, not its few seconds' copy
c = Client()
c.force_login(get_user_model().objects.get(email="manager@demo.kimitsu.jp"))
spent = [0.0, 0]
def timer(execute, sql, params, many, context):
    t = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        spent[0] += time.perf_counter() - t
        spent[1] += 1
for kind, url in PAGES:
    c.get(url)
    total, sql = [], []
    for _ in range(ROUNDS):
        spent[:] = [0.0, 0]
        with connection.execute_wrapper(timer):
            t = time.perf_counter()
            r = c.get(url)
            total.append((time.perf_counter() - t) * 1000)
        sql.append(spent[0] * 1000)
    med, msql = statistics.median(total), statistics.median(sql)
    print(f"PAGE {kind:12} HTTP {r.status_code} {len(r.content) / 1024:4.0f} KB {med:6.1f} ms: "
          f"SQL {msql:5.1f} ms in {spent[1]:3d} queries, the rest (Python) {med - msql:5.1f} ms")
for kind, url in PAGES:
    if kind not in PROFILE:
        continue
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(ROUNDS):
        c.get(url)
    prof.disable()
    for order, restrict, title in (("tottime", (), "own time"), ("cumulative", ("kimitsu/",), "kimitsu's functions, cumulative")):
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats(order).print_stats(*restrict, 8)
        print(f"PROFILE {kind} ({ROUNDS} requests), {title}:")
        keep = False
        for line in out.getvalue().splitlines():
            keep = keep or line.strip().startswith("ncalls")
            if keep and line.strip():
                line = line.replace("/work/main/.venv/lib/python3.11/site-packages/", "")
                print("   ", line.replace(str(SRC), "")[:150])
"""


def breakdown(stack, detail_id, rounds=10):
    pages = [
        ("healthz", "/healthz"),
        ("home", f"/o/{SLUG}/"),
        ("list", f"/o/{SLUG}/register/entries/?q={SEARCH}"),
        ("list (none)", f"/o/{SLUG}/register/entries/"),
        ("detail", f"/o/{SLUG}/register/entries/{detail_id}/"),
        ("api list", f"/api/v1/o/{SLUG}/register/entries/"),
        ("new form", f"/o/{SLUG}/register/entries/new/"),
    ]
    code = (
        f"PAGES = {pages!r}\nROUNDS = {rounds}\nPROFILE = {('home', 'list')!r}\n"
        f"SRC = {str(ROOT / 'src') + '/'!r}\n" + BREAKDOWN
    )
    try:
        out = stack.run("shell", "-c", code, timeout=300).stdout
    except subprocess.SubprocessError as exc:
        log(f"breakdown failed: {exc}")
        return
    log(
        "\nBREAKDOWN (one request at a time, in a kimitsu shell on the stack's database, as manager@)"
    )
    for line in out.splitlines():
        log("  " + line)


def solo(stack, session, detail_id, rounds=15):
    """Each page alone over HTTP, one request at a time: its time without any queue."""
    pages = [
        ("healthz", "/healthz"),
        ("home", f"/o/{SLUG}/"),
        ("list", f"/o/{SLUG}/register/entries/?q={SEARCH}"),
        ("detail", f"/o/{SLUG}/register/entries/{detail_id}/"),
        ("api list", f"/api/v1/o/{SLUG}/register/entries/"),
    ]
    parts = []
    for kind, path in pages:
        ms = []
        for _ in range(rounds):
            t = time.perf_counter()
            session.get(stack.base + path, timeout=30, allow_redirects=False)
            ms.append((time.perf_counter() - t) * 1000)
        parts.append(f"{kind} {statistics.median(ms):.0f}")
    log("SOLO    one request at a time over HTTP, median ms: " + " · ".join(parts))


# --- figures --------------------------------------------------------------------------------


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))
    return values[k]


def server_times(path: Path, skip_bytes: int):
    """({kind: [server ms]}, Counter of requests per gunicorn worker) from the access log lines
    written after skip_bytes."""
    out, per_worker = defaultdict(list), Counter()
    try:
        with path.open("rb") as f:
            f.seek(skip_bytes)
            for raw in f:
                parts = raw.decode(errors="replace").split()
                if len(parts) == 5 and parts[0] == "LOAD" and parts[1] != "-":
                    out[parts[1].replace("-", " ")].append(int(parts[3]) / 1000)
                    per_worker[parts[4].strip("<>")] += 1
    except OSError:
        pass
    return out, per_worker


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument(
        "--writers", type=int, default=5, help="of the users, those proposing entries"
    )
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--entries", type=int, default=20_000, help="register entries to import first"
    )
    parser.add_argument(
        "--database-url", help="postgres://postgres@127.0.0.1:5432/NAME (a scratch copy)"
    )
    parser.add_argument("--web-workers", type=int, help="KIMITSU_WEB_WORKERS (default: cores + 1)")
    parser.add_argument(
        "--no-breakdown",
        dest="breakdown",
        action="store_false",
        help="skip the per-page SQL/Python breakdown and profile after the run",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the data directory (logs) and the scratch database",
    )
    args = parser.parse_args()
    if args.database_url and not args.database_url.startswith("postgres"):
        raise SystemExit("--database-url: postgres://… only")
    writers = min(args.writers, args.users)

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    log(
        f"machine: nproc {os.cpu_count()} · load average before "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    stack = Stack(args)
    halt = threading.Event()
    try:
        log(
            f"database: {'PostgreSQL ' + stack.scratch if stack.scratch else 'SQLite'} · data {stack.data}"
        )
        stack.prepare()
        stack.start()
        log(
            f"stack up on {stack.base} (gunicorn pgid {stack.processes['serve'].pid}, "
            f"worker pgid {stack.processes['worker'].pid})"
        )

        # log-ins: readers round-robin over the four accounts, writers as the manager. admin@ has
        # one real log-in (a TOTP code is good once); its other users share that session.
        t = time.perf_counter()
        admin_session = log_in(stack, ADMIN)
        if args.entries:
            stack.import_entries(admin_session, args.entries)
        plan = [
            (READER_ACCOUNTS[i % len(READER_ACCOUNTS)], False) for i in range(args.users - writers)
        ]
        plan += [(MANAGER, True)] * writers
        t = time.perf_counter()
        with ThreadPoolExecutor(4) as pool:
            sessions = list(
                pool.map(
                    lambda account: (
                        clone(admin_session) if account == ADMIN else log_in(stack, account)
                    ),
                    [a for a, _ in plan],
                )
            )
        log(
            f"{len(sessions)} users logged in in {time.perf_counter() - t:.1f} s: "
            + ", ".join(f"{a.split('@')[0]} {n}" for a, n in Counter(a for a, _ in plan).items())
            + f" ({writers} of the manager's write; the admin's share one TOTP log-in)"
        )

        # entry ids each account may open, from the first pages of its search; one warm-up
        # request per user
        ids = {}
        for account, s in zip([a for a, _ in plan], sessions, strict=True):
            if account not in ids:
                found = []
                for page in (1, 2, 3):
                    r = s.get(
                        f"{stack.base}/o/{SLUG}/register/entries/",
                        params={"q": SEARCH, "page": page},
                        timeout=60,
                    )
                    found += [int(x) for x in ENTRY_ID.findall(r.text)]
                ids[account] = sorted(set(found))
        log(
            "entries found per account: "
            + ", ".join(f"{a.split('@')[0]} {len(v)}" for a, v in ids.items())
        )
        defaults = form_defaults(stack, sessions[-1]) if writers else {}
        for s in sessions:
            s.get(f"{stack.base}/o/{SLUG}/", timeout=60)

        rec = Recorder()
        start = threading.Event()
        access_skip = stack.access_path.stat().st_size if stack.access_path.exists() else 0
        users = []
        t0 = time.monotonic()
        stop_at = t0 + 1 + args.seconds
        for n, ((account, writer), s) in enumerate(zip(plan, sessions, strict=True)):
            users.append(
                User(
                    n,
                    stack,
                    s,
                    account,
                    writer,
                    list(ids[account]),
                    defaults,
                    rec,
                    start,
                    stop_at,
                    halt,
                )
            )
        for u in users:
            u.start()
        time.sleep(max(0.0, t0 + 1 - time.monotonic()))
        cpu_before = {name: group_cpu_s(p.pid) for name, p in stack.processes.items()}
        pg_before = pg_backend_cpu(stack.scratch) if stack.scratch else {}
        client_before = time.process_time()
        began = time.monotonic()
        start.set()
        for u in users:
            u.join()
        elapsed = time.monotonic() - began
        cpu_after = {name: group_cpu_s(p.pid) for name, p in stack.processes.items()}
        pg_after = pg_backend_cpu(stack.scratch) if stack.scratch else {}
        client_cpu = time.process_time() - client_before
        load_after = os.getloadavg()

        rows = rec.rows
        n = len(rows)
        lat = [ms for _, ms, _ in rows]
        errors = Counter(o for _, _, o in rows if o.startswith("error"))
        other = Counter(o for _, _, o in rows if o.startswith("other"))
        log("")
        log(
            f"RUN     {args.users} users ({writers} writing) for {elapsed:.1f} s: {n:,} requests · "
            f"{n / elapsed:.1f} req/s · p50 {pct(lat, 50):.0f} ms · p95 {pct(lat, 95):.0f} ms · "
            f"p99 {pct(lat, 99):.0f} ms · max {max(lat, default=0):.0f} ms"
        )
        log(
            f"ERRORS  {sum(errors.values())}"
            + "".join(f" · {k[7:]}: {v}" for k, v in errors.most_common())
        )
        if other:
            log(
                f"OTHER   {sum(other.values())}"
                + "".join(f" · {k[7:]}: {v}" for k, v in other.most_common())
            )
        server, per_worker = server_times(stack.access_path, access_skip)
        log(
            f"{'kind':16} {'n':>6} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6}   server p50 / p95 (ms)"
        )
        kinds = sorted({k for k, _, _ in rows}, key=lambda k: -sum(1 for r in rows if r[0] == k))
        for kind in kinds:
            ms = [m for k, m, _ in rows if k == kind]
            srv = server.get(kind, [])
            log(
                f"{kind:16} {len(ms):6d} {len(ms) / elapsed:6.1f} {pct(ms, 50):6.0f} {pct(ms, 95):6.0f} "
                f"{pct(ms, 99):6.0f}   {pct(srv, 50):6.0f} / {pct(srv, 95):4.0f}"
            )
        if per_worker:
            log(
                "WORKERS requests per gunicorn process (keep-alive connections stay on one): "
                + " · ".join(str(v) for _, v in per_worker.most_common())
            )
        web = cpu_after["serve"] - cpu_before["serve"]
        worker = cpu_after["worker"] - cpu_before["worker"]
        line = f"CPU     gunicorn {web:.1f} s + worker {worker:.1f} s = {(web + worker) * 1000 / max(n, 1):.1f} ms per request"
        if stack.scratch:
            pg = sum(v - pg_before.get(pid, 0.0) for pid, v in pg_after.items())
            line += f" · PostgreSQL backends {pg:.1f} s ({pg * 1000 / max(n, 1):.1f} ms/request; ended backends not counted)"
        log(line)
        log(
            f"        this client {client_cpu:.1f} s · {elapsed * os.cpu_count():.0f} CPU-s available on "
            f"{os.cpu_count()} cores · load average after {' '.join(f'{x:.2f}' for x in load_after)}"
        )
        probe = ids.get(MANAGER) or [1]
        solo(
            stack,
            sessions[plan.index((MANAGER, False))] if (MANAGER, False) in plan else sessions[-1],
            probe[0],
        )
        if args.breakdown:
            breakdown(stack, probe[0])
    except KeyboardInterrupt:
        halt.set()
        log("interrupted: stopping the stack")
        raise SystemExit(130) from None
    except BaseException:
        halt.set()
        tail = stack.tail()
        if tail:
            log("--- stack log (tail) ---\n" + tail)
        raise
    finally:
        halt.set()
        stack.cleanup()


if __name__ == "__main__":
    main()
