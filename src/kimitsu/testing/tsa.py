"""A real RFC 3161 responder for the tests that is not kimitsu's code: ``openssl ts -reply``
behind a small HTTP handler, with a CA of its own.

``with openssl_tsa(tmp_path) as server:`` gives ``server.url``, ``server.ca_file`` (the root),
``server.down`` (set True to answer 503, as a TSA in maintenance does) and ``server.requests``.
"""

import base64
import contextlib
import datetime as dt
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

POLICY = "1.2.3.4.1"

CONFIG = """
[ tsa ]
default_tsa = tsa_config1

[ tsa_config1 ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/tsa.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = {policy}
other_policies = 1.2.3.4.5
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def make_ca(folder: Path, name: str = "Test TSA") -> tuple[Path, Path, Path]:
    """A root and a time-stamping certificate under it: (root.pem, tsa.pem, tsa.key)."""
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{name} Root CA")])
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    (folder / "root.pem").write_bytes(root.public_bytes(pem))
    (folder / "tsa.pem").write_bytes(cert.public_bytes(pem))
    (folder / "tsa.key").write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return folder / "root.pem", folder / "tsa.pem", folder / "tsa.key"


class Server:
    def __init__(self, folder: Path, username: str = "", password: str = ""):
        self.folder = folder
        self.ca_file, _, _ = make_ca(folder)
        (folder / "serial").write_text("01\n")
        self.config = folder / "ts.cnf"
        self.config.write_text(CONFIG.format(dir=folder, policy=POLICY))
        self.username, self.password = username, password
        self.down = False
        self.requests = 0
        self.lock = threading.Lock()
        self.url = ""

    def reply(self, query: bytes) -> bytes:
        with self.lock, tempfile.TemporaryDirectory(dir=self.folder) as work:
            q, r = Path(work) / "q.tsq", Path(work) / "r.tsr"
            q.write_bytes(query)
            subprocess.run(
                [
                    "openssl",
                    "ts",
                    "-reply",
                    "-config",
                    str(self.config),
                    "-queryfile",
                    str(q),
                    "-out",
                    str(r),
                ],
                check=True,
                capture_output=True,
            )
            return r.read_bytes()


@contextlib.contextmanager
def openssl_tsa(folder: Path, username: str = "", password: str = ""):
    server = Server(Path(folder) / "openssl-tsa", username, password)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):  # noqa: N802 (the standard library's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            server.requests += 1
            if server.down:
                self.send_response(503)
                self.end_headers()
                return
            if server.username:
                expected = base64.b64encode(
                    f"{server.username}:{server.password}".encode()
                ).decode()
                if self.headers.get("Authorization") != f"Basic {expected}":
                    self.send_response(401)
                    self.end_headers()
                    return
            answer = server.reply(body)
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}/tsa"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


def use(settings, server: Server) -> None:
    """Point kimitsu at the OpenSSL TSA for this test."""
    settings.KIMITSU_TSA_URL = server.url
    settings.KIMITSU_TSA_CA_FILE = str(server.ca_file)
    settings.KIMITSU_TSA_USERNAME = server.username
    settings.KIMITSU_TSA_PASSWORD = server.password


def openssl_verify(token: Path, digest_hex: str, ca_file: Path, untrusted: Path | None = None):
    args = ["openssl", "ts", "-verify", "-token_in", "-in", str(token), "-digest", digest_hex]
    args += ["-CAfile", str(ca_file)]
    if untrusted:
        args += ["-untrusted", str(untrusted)]
    return subprocess.run(args, capture_output=True, text=True)
