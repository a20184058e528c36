"""kimitsu ledger template|export|import — the secret register as a spreadsheet.

  kimitsu ledger template -o FILE.xlsx [--org SLUG]
  kimitsu ledger export --org SLUG -o FILE.xlsx|FILE.csv
  kimitsu ledger import --org SLUG FILE [--dry-run]

An import exits 0 with a one-line summary (created / updated / unchanged), or non-zero with every
error listed and nothing written. Messages are in Japanese; ``--language en`` gives English.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kimitsu.organizations.choices import OrgKind
from kimitsu.organizations.models import Organization
from kimitsu.register import ledger_io, selectors
from kimitsu.register.models import Entry


def _company(slug) -> Organization:
    org = Organization.objects.filter(slug=slug, kind=OrgKind.COMPANY).first()
    if org is None:
        raise CommandError(_("There is no company workspace “%(slug)s”.") % {"slug": slug})
    return org


class Command(BaseCommand):
    help = "Template, export and import of the secret register (秘密情報管理台帳)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--language", choices=["ja", "en"], default="ja", help="language of the messages"
        )
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

    def do_template(self, output, org=None, **rest):
        organization = _company(org) if org else None
        with open(output, "wb") as f:
            ledger_io.template_xlsx(f, organization)
        self.stdout.write(_("Template written to %(path)s.") % {"path": output})

    def do_export(self, org, output, all=False, **rest):
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
        self.stdout.write(
            ngettext("%(n)s entry exported to %(path)s.", "%(n)s entries exported to %(path)s.", n)
            % {"n": f"{n:,}", "path": output}
        )

    def do_import(self, org, file, dry_run=False, **rest):
        organization = _company(org)
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file})
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
            n = len(result.errors)
            self.stderr.write(
                ngettext(
                    "%(n)s error; nothing was written.", "%(n)s errors; nothing was written.", n
                )
                % {"n": f"{n:,}"}
            )
            sys.exit(1)
        for warning in result.warnings:  # shown, never blocking (a review date already past)
            self.stderr.write(str(warning))
        counts = {
            "created": f"{len(result.creates):,}",
            "updated": f"{len(result.updates):,}",
            "unchanged": f"{result.unchanged:,}",
        }
        if dry_run:
            line = _(
                "Dry run, nothing written: would create %(created)s, update %(updated)s, "
                "leave %(unchanged)s unchanged"
            )
        else:
            line = _("Created %(created)s, updated %(updated)s, unchanged %(unchanged)s")
        line %= counts
        if n := result.unclassified:
            line += _(" (%(n)s without a level, registered unclassified)") % {"n": f"{n:,}"}
        self.stdout.write(line)

    def progress(self, step: str, done: int, total: int):
        """On a terminal, one line that says how far a long import has got."""
        label = {"reading": _("Reading"), "checking": _("Checking"), "writing": _("Writing")}
        sys.stderr.write(f"\r\033[K{label.get(step, step)} {done:,}/{total:,}")
        sys.stderr.flush()
