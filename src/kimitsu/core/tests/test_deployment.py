"""The production stack as an operator runs it (issue 12): ``kimitsu serve`` (gunicorn) and
``kimitsu worker`` (huey) as real processes, driven over HTTP like a browser would.

On SQLite (the suite's default) the queue is the embedded SQLite one; when the suite runs on
PostgreSQL (DATABASE_URL=postgres://…) the stack gets a scratch PostgreSQL database of its own and
the queue moves to Redis (127.0.0.1:6379), as on several machines. Along the way the worker is
killed in the middle of an import: nothing is written, the page says so within seconds (the beat
is shortened here), and confirming again with a new worker imports the file.
"""

import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import openpyxl
import pytest
import requests
from django.conf import settings

from kimitsu.core.demo.build import COMPANY_SLUG
from kimitsu.core.demo.build import PASSWORD as DEMO_PASSWORD
from kimitsu.testing.postgres import create_database, drop_database

pytestmark = pytest.mark.deploy

KIMITSU = Path(sys.executable).with_name("kimitsu")
ADMIN = "admin@demo.kimitsu.jp"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def stack_env(tmp_path_factory):
    """The environment of the stack: its own data directory, database and queue."""
    data = tmp_path_factory.mktemp("stack")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KIMITSU_", "DATABASE_URL", "PYTEST", "DJANGO_"))
    }
    port = _free_port()
    env.update(
        KIMITSU_DATA_DIR=str(data),
        KIMITSU_DEBUG="false",
        KIMITSU_BIND=f"127.0.0.1:{port}",
        KIMITSU_WEB_WORKERS="2",
        KIMITSU_QUEUE_WORKERS="1",
        KIMITSU_JOB_BEAT_S="0.5",
        KIMITSU_JOB_DEAD_AFTER_S="4",
        KIMITSU_QUEUE_NAME=f"smoke-{uuid.uuid4().hex[:8]}",
    )
    scratch = None
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        db = settings.DATABASES["default"]
        scratch = f"kimitsu_smoke_{os.getpid()}"
        base = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}"
        create_database(scratch, **_server(db))
        env["DATABASE_URL"] = f"{base}/{scratch}"
        env["KIMITSU_REDIS_URL"] = "redis://127.0.0.1:6379/0"
    for command in (["migrate", "--noinput", "-v", "0"], ["demo"]):
        subprocess.run([KIMITSU, *command], env=env, check=True, capture_output=True)
    yield {"env": env, "url": f"http://127.0.0.1:{port}"}
    if scratch:
        drop_database(scratch, **_server(settings.DATABASES["default"]))


def _server(db) -> dict:
    return {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "password": db["PASSWORD"]}


def _start(args, env, log: Path):
    return subprocess.Popen(
        [KIMITSU, *args],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(process, sig=signal.SIGTERM):
    if process.poll() is None:
        os.killpg(process.pid, sig)
        process.wait(timeout=30)


def _wait_for(check, seconds=60, every=0.25):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not within {seconds} s")


def _otp(env) -> str:
    out = subprocess.run(
        [KIMITSU, "demo", "--otp", ADMIN], env=env, check=True, capture_output=True, text=True
    ).stdout
    return re.search(r"\b(\d{6})\b", out).group(1)


def _csrf(session, url) -> str:
    page = session.get(url)
    page.raise_for_status()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _log_in(base, env) -> requests.Session:
    session = requests.Session()
    login = f"{base}/accounts/login/"
    response = session.post(
        login,
        {
            "username": ADMIN,
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": _csrf(session, login),
        },
        headers={"Referer": login},
    )
    assert "/accounts/2fa/verify/" in response.url
    verify = response.url
    response = session.post(
        verify,
        {"token": _otp(env), "csrfmiddlewaretoken": _csrf(session, verify)},
        headers={"Referer": verify},
    )
    assert response.url.rstrip("/").endswith(f"/o/{COMPANY_SLUG}"), response.url
    return session


def _ledger(rows: int) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台帳"
    ws.append(["管理番号", "名称", "区分", "格付け", "格付け理由"])
    for n in range(1, rows + 1):
        ws.append([f"SMOKE-{n:05d}", f"試験図面{n}", "技術・製造", "秘", "試験"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _upload(session, base, data: bytes) -> str:
    url = f"{base}/o/{COMPANY_SLUG}/register/import/"
    response = session.post(
        url,
        data={"csrfmiddlewaretoken": _csrf(session, url)},
        files={"file": ("smoke.xlsx", data)},
        headers={"Referer": url},
    )
    assert "/register/import/" in response.url and response.url != url, response.url
    return response.url


def _has_entry(session, base, number: str) -> bool:
    page = session.get(f"{base}/o/{COMPANY_SLUG}/register/entries/", params={"q": number}).text
    return f">{number}<" in page


def test_the_stack_serves_imports_survives_a_dead_worker_and_reports_health(stack_env, tmp_path):
    env, base = stack_env["env"], stack_env["url"]
    log = tmp_path / "stack.log"
    web = _start(["serve"], env, log)
    worker = _start(["worker"], env, log)
    try:
        _wait_for(lambda: _ok(f"{base}/healthz"), seconds=90)
        health = requests.get(f"{base}/healthz").json()
        assert health["status"] == "ok" and health["worker"]["status"] == "ok", health
        assert set(health) == {"status", "database", "migrations", "queue", "worker"}

        # the product's 404 page, not Django's technical one
        missing = requests.get(f"{base}/no-such-page/")
        assert missing.status_code == 404
        assert "URLconf" not in missing.text and "kimitsu" in missing.text

        session = _log_in(base, env)

        # an import, checked then written by the worker, its progress read by the web processes
        job = _upload(session, base, _ledger(300))
        _wait_for(lambda: 'id="import-preview"' in session.get(job).text)
        session.post(job, {"csrfmiddlewaretoken": _csrf(session, job)}, headers={"Referer": job})
        _wait_for(lambda: _has_entry(session, base, "SMOKE-00300"))

        # a worker killed in the middle of an import: nothing written, said at once, retried
        job = _upload(session, base, _ledger(40_000))
        _wait_for(lambda: 'id="import-preview"' in session.get(job).text, seconds=120)
        session.post(job, {"csrfmiddlewaretoken": _csrf(session, job)}, headers={"Referer": job})
        _wait_for(lambda: 'id="job-progress"' in session.get(job).text, every=0.05)
        time.sleep(1)
        _stop(worker, signal.SIGKILL)
        killed = time.monotonic()
        page = _wait_for(
            lambda: (text := session.get(job).text) and 'id="import-stopped"' in text and text,
            seconds=30,
        )
        assert time.monotonic() - killed < 20
        assert "処理が途中で止まりました。何も登録していません。" in page
        assert not _has_entry(session, base, "SMOKE-40000")
        assert 'id="import-confirm"' in page  # the file is kept: confirm again
        worker = _start(["worker"], env, log)
        session.post(job, {"csrfmiddlewaretoken": _csrf(session, job)}, headers={"Referer": job})
        _wait_for(lambda: _has_entry(session, base, "SMOKE-40000"), seconds=180)
    except Exception:
        lines = [line for line in log.read_text().splitlines() if '"GET /' not in line]
        print("\n".join(lines[-80:]))
        raise
    finally:
        _stop(worker)
        _stop(web)


def _ok(url) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False
