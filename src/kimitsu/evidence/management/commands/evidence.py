"""kimitsu evidence stamp | verify | pack — the evidence vault from the command line.

    kimitsu evidence stamp --org SLUG FILE [--title T] [--keep]
    kimitsu evidence verify --org SLUG [--pack PACK.zip] [FILE]
    kimitsu evidence pack --org SLUG -o PACK.zip [--entries KM-00001,KM-00008]

The command acts as the workspace's first active administrator (every change it makes is in the
audit log under that name), or as ``--as EMAIL``.
"""

import hashlib
import io
import json
import zipfile
from pathlib import Path

from cryptography import x509
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from kimitsu.organizations.choices import Role
from kimitsu.organizations.models import Membership, Organization
from kimitsu.timestamps import services as stamps
from kimitsu.timestamps import tsa
from kimitsu.timestamps.models import Timestamp

from ... import pack, services
from ...models import Record, RecordKind


class Command(BaseCommand):
    help = "Evidence vault: stamp a file, verify tokens, export the evidence pack."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        stamp = sub.add_parser(
            "stamp", help="Record a file in the vault and have the TSA stamp it."
        )
        stamp.add_argument("file")
        stamp.add_argument("--title")
        stamp.add_argument("--kind", default=RecordKind.OTHER, choices=RecordKind.values)
        stamp.add_argument("--keep", action="store_true", help="Keep the file in kimitsu.")
        verify = sub.add_parser(
            "verify", help="Verify every token of the workspace, of a pack, or of one file."
        )
        verify.add_argument("file", nargs="?")
        verify.add_argument("--pack", help="An evidence pack (zip) to verify instead.")
        out = sub.add_parser("pack", help="Export the evidence pack.")
        out.add_argument("-o", "--output", required=True)
        out.add_argument("--entries", default="", help="Ledger numbers, comma-separated.")
        for p in (stamp, verify, out):
            p.add_argument("--org", required=True, help="Workspace slug.")
            p.add_argument("--as", dest="as_user", help="Act as this member (e-mail).")

    def handle(self, *args, action, **options):
        org = Organization.objects.filter(slug=options["org"]).first()
        if org is None:
            raise CommandError(f"No workspace with slug {options['org']!r}.")
        self.org = org
        return getattr(self, f"_{action}")(options)

    def _membership(self, options) -> Membership:
        qs = Membership.objects.filter(organization=self.org, is_active=True).select_related(
            "user", "organization"
        )
        if options.get("as_user"):
            found = qs.filter(user__email__iexact=options["as_user"]).first()
        else:
            found = qs.filter(role=Role.ADMIN).order_by("pk").first()
        if found is None:
            raise CommandError("No active administrator (or --as member) in this workspace.")
        return found

    def _stamp(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        membership = self._membership(options)
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        record = services.record_create(
            actor=membership.user,
            membership=membership,
            title=options.get("title") or path.name,
            kind=options["kind"],
            upload=upload,
            keep=options["keep"],
        )
        stamp = stamps.stamp_now(record.timestamp_id)
        self.stdout.write(f"{record.code} (id {record.pk})")
        self.stdout.write(f"SHA-256  {record.sha256}")
        if stamp.stamped:
            dev = "  (development TSA: no evidential value)" if stamp.development else ""
            self.stdout.write(f"TSA time {stamp.tsa_time.isoformat()}  {stamp.tsa_name}{dev}")
        else:
            self.stdout.write(f"TSA time not yet: {stamp.last_error or stamp.get_status_display()}")
            raise CommandError("The stamp waits for the TSA; the queue retries it.", returncode=2)

    def _verify(self, options):
        if options.get("pack"):
            return self._verify_pack(Path(options["pack"]), options.get("file"))
        qs = Timestamp.objects.filter(organization=self.org, status="stamped").order_by("pk")
        if options.get("file"):
            digest = hashlib.sha256(Path(options["file"]).read_bytes()).hexdigest()
            records = list(Record.objects.filter(organization=self.org, sha256=digest))
            if not records:
                raise CommandError(f"No record of this workspace was stamped over {digest}.")
            qs = qs.filter(pk__in=[r.timestamp_id for r in records])
        checked = 0
        for stamp in qs.iterator():
            try:
                stamps.check(stamp)
            except (tsa.Invalid, tsa.NotConfigured) as error:
                raise CommandError(
                    f"FAILED: token {stamp.token_name} ({stamp.kind} {stamp.label}): {error}",
                    returncode=1,
                ) from error
            checked += 1
        waiting = Timestamp.objects.filter(organization=self.org).exclude(status="stamped").count()
        self.stdout.write(f"OK: {checked} token(s) verified; {waiting} waiting for the TSA.")

    def _verify_pack(self, path: Path, file_arg):
        try:
            zf = zipfile.ZipFile(path)
            manifest = json.loads(zf.read("manifest.json"))
            roots = x509.load_pem_x509_certificates(zf.read("tsa-ca.pem"))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
            raise CommandError(f"Not an evidence pack: {error}") from error
        digest = hashlib.sha256(Path(file_arg).read_bytes()).hexdigest() if file_arg else None
        checked = 0
        for item in manifest["items"]:
            if "token" not in item or (digest and item["sha256"] != digest):
                continue
            token = zf.read(item["token"])
            sha = item["sha256"]
            if "document" in item:
                sha = hashlib.sha256(zf.read(item["document"])).hexdigest()
                if sha != item["sha256"]:
                    raise CommandError(
                        f"FAILED: {item['document']} is not what was stamped.", returncode=1
                    )
            try:
                tsa.verify_token(token, bytes.fromhex(sha), roots=roots)
            except tsa.Invalid as error:
                raise CommandError(f"FAILED: {item['token']}: {error}", returncode=1) from error
            checked += 1
        if digest and not checked:
            raise CommandError(f"No token in the pack is over {digest}.")
        self.stdout.write(f"OK: {checked} token(s) in {path.name} verified against its tsa-ca.pem.")

    def _pack(self, options):
        membership = self._membership(options)
        entries = None
        numbers = [n.strip() for n in options["entries"].split(",") if n.strip()]
        if numbers:
            from kimitsu.register.selectors import entry_list

            entries = list(entry_list(membership).filter(ledger_number__in=numbers))
            missing = set(numbers) - {e.ledger_number for e in entries}
            if missing:
                raise CommandError(f"No entry {', '.join(sorted(missing))} for this member.")
        data = pack.build(membership, actor=membership.user, entries=entries)
        Path(options["output"]).write_bytes(data)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            manifest = json.loads(zf.read("manifest.json"))
        tokens = sum(1 for i in manifest["items"] if "token" in i)
        self.stdout.write(
            f"{options['output']}: {len(manifest['items'])} item(s), {tokens} token(s), "
            f"{len(data):,} bytes"
        )
