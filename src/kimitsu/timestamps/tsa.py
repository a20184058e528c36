"""Asking a time-stamping authority (RFC 3161) for a token, and checking every answer.

A request carries the SHA-256 of what is stamped (never the thing itself), a fresh nonce and asks
for the TSA's certificate. Before a token is kept it is verified with rfc3161-client: the status is
granted, the signature holds and chains to the trust roots at the token's own time, the signer has
the critical id-kp-timeStamping key usage, the nonce and the message imprint are ours, and the
policy is the configured one. ``verify_token`` checks a kept token again the same way.

Settings (environment): ``KIMITSU_TSA_URL`` (``dev`` for the development TSA), optional
``KIMITSU_TSA_USERNAME`` / ``KIMITSU_TSA_PASSWORD`` (basic auth), ``KIMITSU_TSA_CA_FILE`` (PEM trust
roots), ``KIMITSU_TSA_POLICY`` (an OID), ``KIMITSU_TSA_TIMEOUT_S``.
"""

import base64
import datetime as dt
import hashlib
import os
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import lru_cache

from asn1crypto import cms, tsp
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from rfc3161_client import VerificationError, VerifierBuilder, decode_timestamp_response

from . import devtsa

DEV = "dev"
SHA256_OID = "2.16.840.1.101.3.4.2.1"
MAX_RESPONSE = 256 * 1024


class NotConfigured(RuntimeError):
    """No TSA is configured for this deployment."""


class Unavailable(RuntimeError):
    """The TSA could not be reached or answered with an error: try again later."""


class Invalid(ValueError):
    """A token (or an answer) that does not verify; the message says which check failed."""


@dataclass(frozen=True)
class Config:
    url: str
    username: str = ""
    password: str = ""
    ca_file: str = ""
    policy: str = ""
    timeout: float = 20.0

    @property
    def development(self) -> bool:
        return self.url == DEV


@dataclass(frozen=True)
class TokenInfo:
    gen_time: dt.datetime
    serial: str
    tsa_name: str
    policy: str
    development: bool


def config() -> Config | None:
    url = (getattr(settings, "KIMITSU_TSA_URL", "") or "").strip()
    if not url:
        return None
    return Config(
        url=url,
        username=settings.KIMITSU_TSA_USERNAME,
        password=settings.KIMITSU_TSA_PASSWORD,
        ca_file=settings.KIMITSU_TSA_CA_FILE,
        policy=settings.KIMITSU_TSA_POLICY,
        timeout=settings.KIMITSU_TSA_TIMEOUT_S,
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=8)
def _load_roots(path: str, mtime: float) -> tuple[x509.Certificate, ...]:
    with open(path, "rb") as handle:
        return tuple(x509.load_pem_x509_certificates(handle.read()))


def trust_roots(cfg: Config | None = None) -> list[x509.Certificate]:
    """The certificates a token must chain to: the development root, or KIMITSU_TSA_CA_FILE."""
    cfg = cfg or config()
    if cfg is None:
        raise NotConfigured("No TSA is configured (KIMITSU_TSA_URL).")
    if cfg.development:
        return [devtsa.keys().root]
    if not cfg.ca_file:
        raise NotConfigured("KIMITSU_TSA_CA_FILE names no trust roots for the TSA.")
    return list(_load_roots(cfg.ca_file, os.path.getmtime(cfg.ca_file)))


def roots_pem(cfg: Config | None = None) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in trust_roots(cfg))


def build_request(digest: bytes, nonce: int, policy: str = "") -> bytes:
    fields = {
        "version": "v1",
        "message_imprint": {"hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest},
        "nonce": nonce,
        "cert_req": True,
    }
    if policy:
        fields["req_policy"] = policy
    return tsp.TimeStampReq(fields).dump()


def _post(cfg: Config, body: bytes) -> bytes:
    request = urllib.request.Request(
        cfg.url,
        data=body,
        headers={
            "Content-Type": "application/timestamp-query",
            "Accept": "application/timestamp-reply",
        },
        method="POST",
    )
    if cfg.username:
        pair = f"{cfg.username}:{cfg.password}".encode()
        request.add_header("Authorization", "Basic " + base64.b64encode(pair).decode())
    try:
        with urllib.request.urlopen(request, timeout=cfg.timeout) as answer:  # noqa: S310
            data = answer.read(MAX_RESPONSE + 1)
    except urllib.error.HTTPError as error:
        raise Unavailable(f"The TSA answered HTTP {error.code}.") from error
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        raise Unavailable(f"The TSA could not be reached: {error}") from error
    if len(data) > MAX_RESPONSE:
        raise Invalid("The TSA's answer is too large.")
    return data


def stamp(digest: bytes, cfg: Config | None = None) -> tuple[bytes, TokenInfo]:
    """Ask the TSA to stamp a SHA-256 digest; the DER ``TimeStampToken``, verified, and its facts."""
    cfg = cfg or config()
    if cfg is None:
        raise NotConfigured("No TSA is configured (KIMITSU_TSA_URL).")
    if len(digest) != 32:
        raise ValueError("a SHA-256 digest has 32 bytes")
    nonce = secrets.randbits(63)
    body = build_request(digest, nonce, cfg.policy)
    answer = devtsa.respond(body) if cfg.development else _post(cfg, body)
    try:
        response = tsp.TimeStampResp.load(answer)
        status = response["status"]["status"].native
    except (ValueError, TypeError, KeyError) as error:
        raise Invalid(f"The TSA's answer is not an RFC 3161 response: {error}") from error
    if status not in ("granted", "granted_with_mods"):
        text = response["status"]["status_string"].native
        raise Invalid(f"The TSA refused the request ({status}: {text}).")
    token = response["time_stamp_token"].dump()
    return token, verify_token(token, digest, cfg=cfg, nonce=nonce)


def _as_response(token: bytes):
    try:
        content = cms.ContentInfo.load(token)
        wrapped = tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": content})
        return decode_timestamp_response(wrapped.dump())
    except Exception as error:  # asn1crypto and the Rust parser raise several kinds
        raise Invalid(f"Not a time-stamp token: {error}") from error


def _signer_name(response) -> str:
    signers = list(response.signed_data.signer_infos)
    for der in response.signed_data.certificates:
        cert = x509.load_der_x509_certificate(der)
        if signers and cert.serial_number == signers[0].serial_number:
            names = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
            return names[0].value if names else cert.subject.rfc4514_string()
    return ""


def verify_token(
    token: bytes,
    digest: bytes,
    *,
    cfg: Config | None = None,
    roots: list[x509.Certificate] | None = None,
    nonce: int | None = None,
) -> TokenInfo:
    """Check a DER ``TimeStampToken`` over a SHA-256 digest; raises ``Invalid`` naming the check."""
    cfg = cfg or config()
    response = _as_response(token)
    builder = VerifierBuilder()
    for root in roots if roots is not None else trust_roots(cfg):
        builder = builder.add_root_certificate(root)
    if nonce is not None:
        builder = builder.nonce(nonce)
    if cfg is not None and cfg.policy and roots is None:
        builder = builder.policy_id(x509.ObjectIdentifier(cfg.policy))
    info = response.tst_info
    if info.message_imprint.hash_algorithm.dotted_string != SHA256_OID:
        raise Invalid("The token is not over a SHA-256 digest.")
    try:
        builder.build().verify(response, digest)
    except VerificationError as error:
        raise Invalid(str(error)) from error
    except ValueError as error:
        raise Invalid(str(error)) from error
    gen_time = info.gen_time
    if gen_time.tzinfo is None:
        gen_time = gen_time.replace(tzinfo=dt.UTC)
    policy = info.policy.dotted_string
    return TokenInfo(
        gen_time=gen_time,
        serial=format(info.serial_number, "x"),
        tsa_name=_signer_name(response),
        policy=policy,
        development=policy == devtsa.POLICY,
    )
