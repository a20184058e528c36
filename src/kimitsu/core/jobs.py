"""Long work started from a page (a 100,000-row import), run in a thread of the web process, with
its progress on the page.

A job is a small JSON file in the data directory, with the upload it works on beside it, not a
database row: an import writes inside one long transaction, which other connections would not see
into until it ends, and any process of the server can read a file. The page polls the job (HTMX,
``partials/job_progress.html``). A job that stops reporting (its process died mid-way) shows as
interrupted; its transaction never committed, so nothing was written. A job is its starter's
alone: nobody else, in the workspace or outside it, can load it.

``KIMITSU_IMPORTS_IN_BACKGROUND=false`` runs the work inside the request instead (the tests do).
"""

import contextvars
import json
import logging
import os
import secrets
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import translation
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

STALE_AFTER_S = 600  # no progress for this long: the job has died with its process
KEEP_FILES_S = 86_400
FAILED = "failed"


def job_dir(kind: str) -> Path:
    path = Path(settings.DATA_DIR) / "tmp" / "jobs" / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def _path(kind: str, token: str, suffix: str) -> Path:
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        raise ValueError("bad token")
    return job_dir(kind) / f"{token}{suffix}"


def create(kind: str, *, organization, user, filename: str, data: bytes, stage: str) -> dict:
    """A new job, its upload kept until the job no longer needs it."""
    _clear_old_files(kind)
    token = secrets.token_urlsafe(16)
    _path(kind, token, ".bin").write_bytes(data)
    state = {
        "kind": kind,
        "token": token,
        "org": organization.pk,
        "user": user.pk,
        "filename": filename,
        "lang": translation.get_language() or settings.LANGUAGE_CODE,
        "stage": stage,
        "running": False,
        "step": "reading",
        "done": 0,
        "total": 0,
    }
    save(state)
    return state


def load(kind: str, token: str, *, organization, user) -> dict | None:
    """The job, if it exists and is this user's in this workspace."""
    try:
        state = json.loads(_path(kind, token, ".json").read_text())
    except (ValueError, OSError):
        return None
    if state.get("org") != organization.pk or state.get("user") != user.pk:
        return None
    if state["running"] and time.time() - state["updated"] > STALE_AFTER_S:
        state.update(running=False, stage=FAILED)
        state["message"] = _("The work stopped before it finished. Nothing was written.")
    return state


def save(state: dict) -> None:
    state["updated"] = time.time()
    path = _path(state["kind"], state["token"], ".json")
    # a temporary file of this writer's own, then an atomic rename: readers never see half a
    # file, and two writers never share a temporary file
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False))
    os.replace(tmp, path)


def claim_upload(state: dict) -> bytes | None:
    """The upload, for the one request that gets to act on it: the file is renamed first (an
    atomic step), so that two confirmations of the same job cannot both import it."""
    path = _path(state["kind"], state["token"], ".bin")
    claimed = _path(state["kind"], state["token"], ".claimed")
    try:
        os.rename(path, claimed)
        return claimed.read_bytes()
    except OSError:
        return None


def drop_upload(state: dict) -> None:
    for suffix in (".bin", ".claimed"):
        _path(state["kind"], state["token"], suffix).unlink(missing_ok=True)


def first_look(state: dict) -> bool:
    """True for the one request that first sees the job finished (an atomic exclusive create),
    so that its outcome is announced once, however the browser and the thread raced."""
    try:
        os.close(os.open(_path(state["kind"], state["token"], ".seen"), os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return False
    return True


def reporter(state: dict):
    """progress(step, done, total), saved at most twice a second."""
    last = [0.0]

    def report(step: str, done: int, total: int):
        state.update({"step": step, "done": done, "total": total})
        now = time.monotonic()
        if now - last[0] >= 0.5 or done == total:
            last[0] = now
            save(state)

    return report


def run(state: dict, stage: str, work) -> None:
    """Run ``work()`` (which records its outcome in ``state``) in the background, in ``stage``,
    in the language of the user who started it."""
    background = settings.KIMITSU_IMPORTS_IN_BACKGROUND
    state.update(stage=stage, running=True, step="reading", done=0, total=0)
    state["lang"] = translation.get_language() or state["lang"]
    save(state)

    def target():
        with translation.override(state["lang"]):
            try:
                work()
            except Exception:  # the page must learn that the job ended
                log.exception("%s job %s failed", state["kind"], state["token"])
                state["stage"] = FAILED
                state["message"] = _("The work failed unexpectedly. Nothing was written.")
                drop_upload(state)
            finally:
                state["running"] = False
                save(state)
                if background:
                    connections.close_all()

    if background:
        # the thread keeps the request's context (its id and IP address go into audit events)
        context = contextvars.copy_context()
        threading.Thread(
            target=context.run, args=(target,), name=f"job-{state['token']}", daemon=True
        ).start()
    else:
        target()


def _clear_old_files(kind: str) -> None:
    now = time.time()
    for old in job_dir(kind).iterdir():
        try:
            if now - old.stat().st_mtime > KEEP_FILES_S:
                old.unlink(missing_ok=True)
        except OSError:
            pass
