"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1): ``with smtp_server() as server``
gives ``server.port``, ``server.messages`` (parsed e-mails) and ``server.fail`` (set True to
answer every message with 451, as a mail server that is down for a while)."""

import contextlib
import email
import email.policy
import socket

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self):
        self.messages = []
        self.fail = False

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.fail:
            return "451 4.3.0 try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message.rcpt = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def smtp_server():
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    handler.port = controller.port
    try:
        yield handler
    finally:
        controller.stop()


def use(settings, server) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()
