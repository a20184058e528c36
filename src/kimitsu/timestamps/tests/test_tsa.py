"""Tokens from a real RFC 3161 responder (OpenSSL), verified by kimitsu and by OpenSSL itself."""

import hashlib

import pytest
from django.db import transaction

from kimitsu.testing.tsa import POLICY, make_ca, openssl_tsa, openssl_verify, use
from kimitsu.timestamps import devtsa, services, tsa
from kimitsu.timestamps.models import Kind, Status, Timestamp


@pytest.fixture
def openssl_server(tmp_path, settings):
    with openssl_tsa(tmp_path, username="kimitsu", password="s3cret") as server:
        use(settings, server)
        yield server


def _digest(data=b"lab notebook page 12"):
    return hashlib.sha256(data).digest()


def test_openssl_token_verifies_in_kimitsu_and_in_openssl(openssl_server, tmp_path):
    token, info = tsa.stamp(_digest())
    assert info.policy == POLICY and not info.development
    assert info.tsa_name == "Test TSA"
    path = tmp_path / "x.tst"
    path.write_bytes(token)
    ok = openssl_verify(path, _digest().hex(), openssl_server.ca_file)
    assert ok.returncode == 0, ok.stderr
    assert "Verification: OK" in ok.stdout
    # one byte of the data changed: both refuse
    other = _digest(b"lab notebook page 13")
    assert openssl_verify(path, other.hex(), openssl_server.ca_file).returncode != 0
    with pytest.raises(tsa.Invalid, match="Mismatch"):
        tsa.verify_token(token, other)


def test_a_token_under_another_ca_is_refused(openssl_server, tmp_path):
    token, _ = tsa.stamp(_digest())
    stranger, _, _ = make_ca(tmp_path / "stranger", "Stranger TSA")
    path = tmp_path / "x.tst"
    path.write_bytes(token)
    assert openssl_verify(path, _digest().hex(), stranger).returncode != 0
    from cryptography import x509

    roots = x509.load_pem_x509_certificates(stranger.read_bytes())
    with pytest.raises(tsa.Invalid):
        tsa.verify_token(token, _digest(), roots=roots)


def test_wrong_credentials_are_not_a_token(openssl_server, settings):
    settings.KIMITSU_TSA_PASSWORD = "wrong"
    with pytest.raises(tsa.Unavailable, match="401"):
        tsa.stamp(_digest())


def test_another_policy_than_configured_is_refused(openssl_server, settings):
    settings.KIMITSU_TSA_POLICY = "1.2.3.4.5"  # the TSA stamps under 1.2.3.4.5 only when asked
    token, info = tsa.stamp(_digest())
    assert info.policy == "1.2.3.4.5"
    settings.KIMITSU_TSA_POLICY = "1.2.3.4.9"
    with pytest.raises(tsa.Invalid, match="Policy"):
        tsa.verify_token(token, _digest())


def test_nonce_of_another_request_is_refused(openssl_server):
    token, _ = tsa.stamp(_digest())
    with pytest.raises(tsa.Invalid, match="Nonce"):
        tsa.verify_token(token, _digest(), nonce=12345)


def test_answer_that_is_not_rfc3161_is_refused(settings, monkeypatch):
    settings.KIMITSU_TSA_URL = "http://127.0.0.1:9/none"
    settings.KIMITSU_TSA_CA_FILE = "/nonexistent"
    monkeypatch.setattr(tsa, "_post", lambda cfg, body: b"<html>maintenance</html>")
    with pytest.raises(tsa.Invalid, match="not an RFC 3161"):
        tsa.stamp(_digest())


def test_development_tsa_tokens_verify_with_openssl_and_say_so(settings, tmp_path):
    settings.KIMITSU_TSA_URL = "dev"
    token, info = tsa.stamp(_digest())
    assert info.development and info.policy == devtsa.POLICY
    path = tmp_path / "dev.tst"
    path.write_bytes(token)
    ca = tmp_path / "ca.pem"
    ca.write_bytes(tsa.roots_pem())
    assert openssl_verify(path, _digest().hex(), ca).returncode == 0


@pytest.mark.django_db(transaction=True)
def test_tsa_down_delays_the_stamp_and_it_lands_when_back(openssl_server, company):
    openssl_server.down = True
    with transaction.atomic():
        stamp = services.request(organization=company, kind=Kind.VAULT, data=b"drawing A-12")
    stamp.refresh_from_db()
    assert stamp.status == Status.PENDING and stamp.attempts == 1
    assert "503" in stamp.last_error and stamp.token is None
    # not due yet: nothing is asked
    before = openssl_server.requests
    assert services.retry_due() == 0 and openssl_server.requests == before
    # due, still down: a second attempt, still pending, nothing lost
    Timestamp.objects.filter(pk=stamp.pk).update(next_attempt_at=stamp.created_at)
    assert services.retry_due() == 0
    stamp.refresh_from_db()
    assert stamp.status == Status.PENDING and stamp.attempts == 2
    assert stamp.next_attempt_at > stamp.created_at
    # back: it lands
    openssl_server.down = False
    Timestamp.objects.filter(pk=stamp.pk).update(next_attempt_at=stamp.created_at)
    assert services.retry_due() == 1
    stamp.refresh_from_db()
    assert stamp.stamped and stamp.tsa_time and stamp.tsa_name == "Test TSA"
    assert services.check(stamp).serial == stamp.tsa_serial


@pytest.mark.django_db
def test_without_a_tsa_nothing_is_asked_and_it_is_taken_up_later(settings, company):
    settings.KIMITSU_TSA_URL = ""
    stamp = services.request(organization=company, kind=Kind.VAULT, data=b"x")
    assert stamp.status == Status.NOT_CONFIGURED
    assert services.retry_due() == 0
    settings.KIMITSU_TSA_URL = "dev"
    assert services.retry_due() == 1
    stamp.refresh_from_db()
    assert stamp.stamped and stamp.development


def test_delay_grows_and_is_capped():
    assert services.delay_after(1).total_seconds() == 60
    assert services.delay_after(3).total_seconds() == 240
    assert services.delay_after(30).total_seconds() == 3600


def test_a_token_over_another_hash_than_sha256_is_refused(openssl_server):
    from asn1crypto import tsp as asn1_tsp

    digest = hashlib.sha512(b"lab notebook page 12").digest()
    query = asn1_tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha512"},
                "hashed_message": digest,
            },
            "cert_req": True,
        }
    ).dump()
    answer = asn1_tsp.TimeStampResp.load(openssl_server.reply(query))
    token = answer["time_stamp_token"].dump()
    with pytest.raises(tsa.Invalid, match="SHA-256"):
        tsa.verify_token(token, digest[:32])
