"""Reads a page repeats, made once per request.

The parts of one page ask the same questions again and again: the sidebar, the filter form and
the need-to-know rule each want the department tree; steps 4 and 5 of the home page want the
same counts of the register; the workspace menu and the view want the user's memberships. A
``memo`` keeps such an answer for the rest of the request, so that each is read once.

What is kept can never be older than what the request itself wrote:

- only a request that should not write (GET, HEAD, OPTIONS) keeps anything (``RequestIdMiddleware``
  opens the ``scope``); a POST, a command, a task and a test that calls a service read afresh;
- any save or delete of a model (Django's signals) empties the memo at once, should a GET write
  anyway (an audit event of an opened 極秘 entry, a session).

Keys name the question and its arguments (model instances by their primary key). A memoised
value is shared by every caller of the request: callers do not change it.

``recent`` keeps a summary for a few seconds across requests, for pages that many people open
and that may lag others' changes by that much (never the reader's own: see ``wrote_at``).
"""

import contextvars
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_save

_store: contextvars.ContextVar[dict | None] = contextvars.ContextVar("kimitsu_memo", default=None)


@contextmanager
def scope():
    """Keep what ``memo`` computes until the block ends."""
    token = _store.set({})
    try:
        yield
    finally:
        _store.reset(token)


def memo(key: tuple, compute):
    """``compute()``'s value, computed once per scope for this key (every time outside one)."""
    store = _store.get()
    if store is None:
        return compute()
    try:
        return store[key]
    except KeyError:
        value = store[key] = compute()
        return value


def forget(*args, **kwargs) -> None:
    """Empty the current scope's memo (connected to every model's save and delete)."""
    store = _store.get()
    if store:
        store.clear()


for _signal in (post_save, post_delete, m2m_changed):
    _signal.connect(forget, dispatch_uid=f"kimitsu.core.memo.forget.{id(_signal)}")


# --- a few seconds, across requests ---------------------------------------------------------

WROTE_COOKIE = "kimitsu_wrote"
RECENT_MAX = 2048
_recent: OrderedDict = OrderedDict()
_recent_lock = threading.Lock()


def recent(key: tuple, compute, *, seconds: float, newer_than: float = 0.0):
    """``compute()``'s value as this process computed it at most ``seconds`` ago, and after the
    wall-clock time ``newer_than`` (the reader's own last write, ``wrote_at``): a summary that
    several people open often (the home page's seven steps) is computed once in a few seconds,
    and each reader still sees their own changes at once. Another person's change shows within
    ``seconds``. ``seconds`` of 0 computes every time."""
    if seconds <= 0:
        return compute()
    now = time.time()
    with _recent_lock:
        kept = _recent.get(key)
        if kept is not None and now - kept[0] < seconds and kept[0] > newer_than:
            _recent.move_to_end(key)
            return kept[1]
    value = compute()
    with _recent_lock:
        _recent[key] = (now, value)
        _recent.move_to_end(key)
        while len(_recent) > RECENT_MAX:
            _recent.popitem(last=False)
    return value


def wrote_at(request) -> float:
    """When this browser's last request that may have written ended (the cookie that
    ``RequestIdMiddleware`` sets), or 0."""
    try:
        return float(request.COOKIES.get(WROTE_COOKIE, 0))
    except ValueError:
        return 0.0
