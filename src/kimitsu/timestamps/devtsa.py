"""The development TSA: an RFC 3161 responder with its own key, for the demo and the tests.

Its key, its certificate (critical extended key usage id-kp-timeStamping, as RFC 3161 §2.3 asks)
and the root that issued it are made at first use in ``DATA_DIR/dev-tsa/``. Its tokens are real
tokens — OpenSSL verifies them against ``ca.pem`` — but the key is kimitsu's own, so they prove
nothing to anyone else: every page and document that shows one labels it 「開発用（証拠力なし）」.
It is never the default in production (settings: ``KIMITSU_TSA_URL=dev``).
"""

import datetime as dt
import hashlib
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

# A private-use policy under the UUID arc (ITU-T X.667): no registry needed, never confused
# with an accredited TSA's policy.
POLICY = "2.25.143946420931374357935434432170052441233"
NAME = "kimitsu development TSA"
_lock = threading.Lock()


@dataclass
class Keys:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate
    root: x509.Certificate

    @property
    def root_pem(self) -> bytes:
        return self.root.public_bytes(serialization.Encoding.PEM)

    @property
    def chain_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def directory() -> Path:
    return Path(settings.DATA_DIR) / "dev-tsa"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "kimitsu (development only)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _make(folder: Path) -> None:
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    until = now + dt.timedelta(days=3650)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name("kimitsu development TSA root")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(until)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), False)
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(NAME))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(until)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
        .sign(root_key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    pem = serialization.Encoding.PEM
    key_path = folder / "tsa-key.pem"
    key_path.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    (folder / "tsa.pem").write_bytes(cert.public_bytes(pem))
    (folder / "ca.pem").write_bytes(root.public_bytes(pem))  # written last: it marks "complete"


_cache: dict[str, Keys] = {}


def keys() -> Keys:
    """The development TSA's key and certificates, made on first use."""
    folder = directory()
    cached = _cache.get(str(folder))
    if cached is not None:
        return cached
    with _lock:
        if not (folder / "ca.pem").exists():
            _make(folder)
        loaded = Keys(
            key=serialization.load_pem_private_key((folder / "tsa-key.pem").read_bytes(), None),
            cert=x509.load_pem_x509_certificate((folder / "tsa.pem").read_bytes()),
            root=x509.load_pem_x509_certificate((folder / "ca.pem").read_bytes()),
        )
        _cache[str(folder)] = loaded
        return loaded


def respond(request_der: bytes, *, now: dt.datetime | None = None) -> bytes:
    """A DER ``TimeStampResp`` granting the DER ``TimeStampReq``."""
    request = tsp.TimeStampReq.load(request_der)
    k = keys()
    cert_der = k.cert.public_bytes(serialization.Encoding.DER)
    cert = asn1_x509.Certificate.load(cert_der)
    info = {
        "version": "v1",
        "policy": POLICY,
        "message_imprint": request["message_imprint"],
        "serial_number": secrets.randbits(63),
        "gen_time": (now or dt.datetime.now(dt.UTC)).replace(microsecond=0),
        "accuracy": {"seconds": 1},
    }
    if request["nonce"].native is not None:
        info["nonce"] = request["nonce"]
    tst_info = tsp.TSTInfo(info)
    content = tst_info.dump()
    signed_attrs = cms.CMSAttributes(
        [
            cms.CMSAttribute({"type": "content_type", "values": ["tst_info"]}),
            cms.CMSAttribute(
                {"type": "signing_time", "values": [cms.Time({"utc_time": info["gen_time"]})]}
            ),
            cms.CMSAttribute(
                {"type": "message_digest", "values": [hashlib.sha256(content).digest()]}
            ),
            cms.CMSAttribute(
                {
                    "type": "signing_certificate_v2",
                    "values": [
                        {
                            "certs": [
                                {
                                    "hash_algorithm": {"algorithm": "sha256"},
                                    "cert_hash": hashlib.sha256(cert_der).digest(),
                                }
                            ]
                        }
                    ],
                }
            ),
        ]
    )
    signature = k.key.sign(signed_attrs.dump(), padding.PKCS1v15(), hashes.SHA256())
    signer = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": {
                        "issuer": cert.issuer,
                        "serial_number": cert.serial_number,
                    }
                }
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": signed_attrs,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"}),
            "signature": signature,
        }
    )
    signed_data = {
        "version": "v3",
        "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
        "encap_content_info": {
            "content_type": "tst_info",
            "content": core.ParsableOctetString(content),
        },
        "signer_infos": [signer],
    }
    if request["cert_req"].native:
        signed_data["certificates"] = [cert]
    token = cms.ContentInfo({"content_type": "signed_data", "content": cms.SignedData(signed_data)})
    return tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token}).dump()
