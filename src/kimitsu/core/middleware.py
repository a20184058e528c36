import time
from contextlib import nullcontext

from django.conf import settings

from kimitsu.audit import context

from . import memo

READING = {"GET", "HEAD", "OPTIONS"}


class RequestIdMiddleware:
    """Gives every request an id (or keeps the proxy's X-Request-ID) that audit events carry,
    and a reading request the memo of what its page reads more than once (``core.memo``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if incoming.isalnum() and len(incoming) <= 64 else None
        tokens = context.new_request(ip_address=request.META.get("REMOTE_ADDR", ""), request_id=rid)
        request.request_id = context.current_request_id()
        try:
            with memo.scope() if request.method in READING else nullcontext():
                response = self.get_response(request)
        finally:
            context.reset(tokens)
        response["X-Request-ID"] = request.request_id
        if request.method not in READING:
            # after the write has been committed: what a page kept from before is older than
            # this (``memo.recent``); the value is a time, no secret and no identity
            response.set_cookie(
                memo.WROTE_COOKIE,
                f"{time.time():.3f}",
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
