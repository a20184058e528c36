"""Per-request context the audit log reads: request id and client address."""

import contextvars
import uuid

_request_id = contextvars.ContextVar("kimitsu_request_id", default="")
_ip_address = contextvars.ContextVar("kimitsu_ip_address", default="")


def new_request(ip_address: str = "", request_id: str | None = None):
    rid = request_id or uuid.uuid4().hex
    return _request_id.set(rid), _ip_address.set(ip_address or "")


def reset(tokens) -> None:
    rid_token, ip_token = tokens
    _request_id.reset(rid_token)
    _ip_address.reset(ip_token)


def current_request_id() -> str:
    return _request_id.get()


def current_ip_address() -> str:
    return _ip_address.get()
