"""Long work started from a page (a 100,000-row import), run by the task queue (huey), with its
progress on the page.

A job's state (a small JSON) and its upload live in the queue's own storage — the SQLite file of
the embedded queue, or Redis — not in the database: an import writes inside one long transaction,
which another connection would wait for (SQLite) or not see into, while every web process and
machine can read the queue's storage. The page polls the job (HTMX, ``partials/job_progress.html``).

While a job runs, its worker beats (``KIMITSU_JOB_BEAT_S``). A running job whose beat is older than
``KIMITSU_JOB_DEAD_AFTER_S`` died with its worker: its transaction never committed, so nothing was
written; the page says so, and the job goes back to where the user can start it again (the upload
is kept until the work has succeeded). A job is its starter's alone: nobody else, in the workspace
or outside it, can load it.

Work is named (``@work("register.check")``) so that a worker in another process can run it from the
job's state; ``run(state, stage, "register.check", **params)`` queues it. In immediate mode
(``KIMITSU_QUEUE_IMMEDIATE``, the tests) the work runs inside the request.
"""

import json
import logging
import secrets
import threading
import time

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from huey.constants import EmptyData
from huey.contrib.djhuey import HUEY, db_task

from kimitsu.audit import context as audit_context

log = logging.getLogger(__name__)

PREFIX = "kimitsu:job:"
KEEP_S = 86_400  # a job and its upload are forgotten a day after their last change
FAILED = "failed"
_WORK = {}
_locks: dict[str, threading.Lock] = {}


def work(name: str):
    """Register ``fn(state, **params)`` as the work called ``name``."""

    def register(fn):
        _WORK[name] = fn
        return fn

    return register


def _key(token: str, part: str = "") -> str:
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        raise ValueError("bad token")
    return f"{PREFIX}{token}{part}"


def _storage():
    return HUEY.storage


def _peek(key: str):
    value = _storage().peek_data(key)
    return None if value is EmptyData else value


def create(kind: str, *, organization, user, filename: str, data: bytes, stage: str) -> dict:
    """A new job, its upload kept until the job no longer needs it."""
    token = secrets.token_urlsafe(16)
    _storage().put_data(_key(token, ":upload"), data)
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
        "created": time.time(),
    }
    save(state)
    return state


def _read(token: str) -> dict | None:
    try:
        raw = _peek(_key(token))
    except ValueError:
        return None
    return json.loads(raw) if raw else None


def load(kind: str, token: str, *, organization, user) -> dict | None:
    """The job, if it exists and is this user's in this workspace; a running job whose worker
    stopped beating is reported as stopped, and made ready to be started again."""
    state = _read(token)
    if state is None or state.get("kind") != kind:
        return None
    if state.get("org") != organization.pk or state.get("user") != user.pk:
        return None
    if state["running"] and not HUEY.immediate and _silent_for(state) > dead_after():
        # a job still waiting in the queue behind long work is not dead while a worker lives
        if state.get("started") or _no_live_worker():
            _stopped(state)
    return state


def _no_live_worker() -> bool:
    from .tasks import last_heartbeat

    beat = last_heartbeat()
    return beat is None or time.time() - beat["at"] > max(dead_after(), 60)


def dead_after() -> float:
    return float(settings.KIMITSU_JOB_DEAD_AFTER_S)


def _silent_for(state: dict) -> float:
    return time.time() - state.get("beat", state["updated"])


def _stopped(state: dict) -> None:
    """The worker died (or never came): back to where the user can start the work again."""
    started = state.get("started", False)
    state.update(running=False, stage=state.get("retry_stage") or FAILED)
    state["message"] = (
        _("The work stopped before it finished. Nothing was written.")
        if started
        else _("No task worker took up the work. Nothing was written. Tell your administrator.")
    )
    state["stopped"] = True
    _storage().pop_data(_key(state["token"], ":claim"))
    save(state)


def save(state: dict) -> None:
    state["updated"] = time.time()
    lock = _locks.setdefault(state["token"], threading.Lock())
    with lock:  # the beat and the progress save the same dict from two threads, in order
        text = json.dumps(state, ensure_ascii=False)
        _storage().put_data(_key(state["token"]), text.encode())


def upload(state: dict) -> bytes | None:
    return _peek(_key(state["token"], ":upload"))


def claim_upload(state: dict) -> bytes | None:
    """The upload, for the one request that gets to act on it: the claim is taken first (an
    atomic put-if-empty), so that two confirmations of the same job cannot both import it. The
    upload itself stays until the work succeeded, for a retry after a dead worker."""
    if not _storage().put_if_empty(_key(state["token"], ":claim"), b"1"):
        return None
    data = upload(state)
    if data is None:
        _storage().pop_data(_key(state["token"], ":claim"))
    return data


def drop_upload(state: dict) -> None:
    for part in (":upload", ":claim"):
        _storage().pop_data(_key(state["token"], part))


def keep_result(state: dict, data: bytes) -> None:
    """The file the work made (a report), kept for its starter to download."""
    _storage().put_data(_key(state["token"], ":result"), data)


def result(state: dict) -> bytes | None:
    return _peek(_key(state["token"], ":result"))


def first_look(state: dict) -> bool:
    """True for the one request that first sees the job finished (an atomic put-if-empty), so
    that its outcome is announced once, however the browser and the worker raced."""
    return _storage().put_if_empty(_key(state["token"], ":seen"), b"1")


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


def run(state: dict, stage: str, name: str, *, retry_stage: str | None = None, **params) -> None:
    """Queue the work ``name`` (which records its outcome in ``state``) in ``stage``, in the
    language of the user who started it. ``retry_stage``: where the job goes back to if its
    worker dies (e.g. waiting for confirmation again); without it, it fails."""
    if name not in _WORK:
        raise LookupError(name)
    state.update(stage=stage, running=True, step="reading", done=0, total=0, started=False)
    state["lang"] = translation.get_language() or state["lang"]
    state["retry_stage"] = retry_stage
    # each start has its own attempt: a task of an earlier attempt, still in the queue after
    # its job was given back to the user, finds another attempt and does nothing
    state["attempt"] = secrets.token_hex(8)
    state["beat"] = time.time()
    state.pop("message", None)
    state["stopped"] = False
    save(state)
    run_job(
        state["token"],
        state["attempt"],
        name,
        params,
        audit_context.current_request_id(),
        audit_context.current_ip_address(),
    )
    if HUEY.immediate:  # the work has run: the caller sees its outcome
        state.update(_read(state["token"]) or {})


@db_task(retries=0)
def run_job(
    token: str, attempt: str, name: str, params: dict, request_id: str, ip_address: str
) -> None:
    state = _read(token)
    if state is None or not state.get("running") or state.get("attempt") != attempt:
        return  # forgotten, or given back to the user (and perhaps started again) meanwhile
    tokens = audit_context.new_request(ip_address, request_id)  # the starter's request
    state["started"] = True
    state["beat"] = time.time()  # it may have waited in the queue
    beating = _Beat(state) if not HUEY.immediate else None
    try:
        with translation.override(state["lang"]):
            try:
                _WORK[name](state, **params)
            except Exception:  # the page must learn that the job ended
                log.exception("%s job %s failed", state["kind"], token)
                state["stage"] = FAILED
                state["message"] = _("The work failed unexpectedly. Nothing was written.")
                drop_upload(state)
    finally:
        if beating:
            beating.stop()
        state["running"] = False
        save(state)
        audit_context.reset(tokens)
        _locks.pop(token, None)


class _Beat:
    """A thread that saves the job's beat while its work runs."""

    def __init__(self, state: dict):
        self.state = state
        self.done = threading.Event()
        save(state)
        self.thread = threading.Thread(
            target=self._beat, name=f"beat-{state['token']}", daemon=True
        )
        self.thread.start()

    def _beat(self):
        while not self.done.wait(float(settings.KIMITSU_JOB_BEAT_S)):
            self.state["beat"] = time.time()
            try:
                save(self.state)
            except Exception:  # a queue briefly away (Redis, a locked SQLite file): beat on
                log.warning("job %s: the beat could not be saved", self.state["token"])

    def stop(self):
        self.done.set()
        self.thread.join(timeout=5)


def clear_old(now: float | None = None) -> int:
    """Forget the jobs (and uploads) not touched for a day: the periodic clean-up. Returns how
    many jobs were forgotten."""
    now = now or time.time()
    storage = _storage()
    forgotten = 0
    for key in list(storage.result_items()):
        key = key.decode() if isinstance(key, bytes) else key
        if not key.startswith(PREFIX) or key.count(":") != 2:
            continue
        token = key[len(PREFIX) :]
        state = _read(token)
        # a running job beats, so one silent for a day died with its worker
        if state and now - state.get("updated", 0) > KEEP_S:
            for part in ("", ":upload", ":claim", ":seen", ":result"):
                storage.pop_data(_key(token, part))
            forgotten += 1
    return forgotten
