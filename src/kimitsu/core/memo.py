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
"""

import contextvars
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


def active() -> bool:
    return _store.get() is not None


def forget(*args, **kwargs) -> None:
    """Empty the current scope's memo (connected to every model's save and delete)."""
    store = _store.get()
    if store:
        store.clear()


for _signal in (post_save, post_delete, m2m_changed):
    _signal.connect(forget, dispatch_uid=f"kimitsu.core.memo.forget.{id(_signal)}")
