"""kimitsu ledger template|export|import — the secret register as a spreadsheet.

  kimitsu ledger template -o FILE.xlsx [--org SLUG]
  kimitsu ledger export --org SLUG -o FILE.xlsx|FILE.csv
  kimitsu ledger import --org SLUG FILE [--dry-run]

An import exits 0 with a one-line summary (created / updated / unchanged), or non-zero with every
error listed and nothing written.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kimitsu.organizations.choices import OrgKind
from kimitsu.organizations.models import Organization
from kimitsu.register import ledger_io, selectors
from kimitsu.register.models import Entry


def _company(slug) -> Organization:
    org = Organization.objects.filter(slug=slug, kind=OrgKind.COMPANY).first()
    if org is None:
        raise CommandError(f"No company workspace with the slug “{slug}”.")
    return org


class Command(BaseCommand):
    help = "Template, export and import of the secret register (秘密情報管理台帳)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        t = sub.add_parser("template", help="write a blank ledger template (.xlsx)")
        t.add_argument("-o", "--output", required=True)
        t.add_argument("--org", help="use this company's levels in the drop-down list")
        e = sub.add_parser("export", help="export the register (.xlsx or .csv)")
        e.add_argument("--org", required=True)
        e.add_argument("-o", "--output", required=True)
        e.add_argument(
            "--all",
            action="store_true",
            help="include retired and rejected entries (by default only current ones, as on the page)",
        )
        i = sub.add_parser("import", help="import a ledger (.xlsx or .csv)")
        i.add_argument("--org", required=True)
        i.add_argument("file")
        i.add_argument("--dry-run", action="store_true", help="validate only; write nothing")

    def handle(self, *args, action, **options):
        with translation.override(options.get("language") or "ja"):
            return getattr(self, f"do_{action}")(**options)

    def do_template(self, output, org=None, **_):
        organization = _company(org) if org else None
        with open(output, "wb") as f:
            ledger_io.template_xlsx(f, organization)
        self.stdout.write(f"template written to {output}")

    def do_export(self, org, output, all=False, **_):
        organization = _company(org)
        entries = selectors.entry_filter(
            Entry.objects.filter(organization=organization),
            {"status": "all"} if all else {},
            organization,
        )
        with open(output, "wb") as f:
            if output.lower().endswith(".csv"):
                n = ledger_io.export_csv(organization, entries, f)
            else:
                n = ledger_io.export_xlsx(organization, entries, f)
        self.stdout.write(f"{n} entries exported to {output}")

    def do_import(self, org, file, dry_run=False, **_):
        organization = _company(org)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        data = path.read_bytes()
        progress = self.progress if sys.stderr.isatty() else None
        if dry_run:
            result = ledger_io.plan_import(organization, path.name, data, progress=progress)
        else:
            result = ledger_io.apply_import(
                actor=None,
                organization=organization,
                filename=path.name,
                data=data,
                progress=progress,
            )
        if progress:
            sys.stderr.write("\r\033[K")
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"{len(result.errors)} error(s); nothing was written.")
            sys.exit(1)
        counts = (len(result.creates), len(result.updates), result.unchanged)
        if dry_run:
            line = "dry run (nothing written): would create {}, update {}, leave {} unchanged"
        else:
            line = "created {}, updated {}, unchanged {}"
        line = line.format(*counts)
        if result.unclassified:
            line += f" ({result.unclassified} without a level: registered unclassified)"
        self.stdout.write(line)

    def progress(self, step: str, done: int, total: int):
        """On a terminal, one line that says how far a long import has got."""
        sys.stderr.write(f"\r\033[K{step} {done:,}/{total:,}")
        sys.stderr.flush()
