"""kimitsu prepub check — the pre-publication check from the command line (a publishing
pipeline, a script that checks a website's build before it goes out).

    kimitsu prepub check --org SLUG FILE [--purpose KIND] [--format text|json]

Exit status: 0 when no check term is found, 1 when there are hits, 2 when the file cannot be
read (the reason on standard error). The check is recorded in the audit log with the file's
SHA-256; the file is not kept.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kimitsu.organizations.models import Organization
from kimitsu.register.models import Entry

from ... import extract, services
from ...choices import Purpose
from ...views.report import place_label


class Command(BaseCommand):
    help = "Check a draft for the company's check terms before it is published."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Check one file.")
        check.add_argument("file")
        check.add_argument("--org", required=True, help="Workspace slug.")
        check.add_argument("--purpose", default=Purpose.OTHER, choices=Purpose.values)
        check.add_argument("--format", default="text", choices=["text", "json"])

    def handle(self, *args, action, **options):
        org = Organization.objects.filter(slug=options["org"]).first()
        if org is None:
            raise CommandError(f"No workspace with slug {options['org']!r}.", returncode=2)
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}", returncode=2) from None
        try:
            draft = extract.read(path.name, data)
        except extract.DraftRefused as refused:
            raise CommandError(f"{path}: {refused.message}", returncode=2) from None
        hits, term_count = services.scan(org, draft)
        services.record_command_check(
            organization=org,
            filename=path.name,
            data=data,
            purpose=options["purpose"],
            hits=hits,
            draft=draft,
        )
        entries = {
            e.pk: e
            for e in Entry.objects.filter(
                organization=org, pk__in={h["id"] for h in hits if h["source"] == "entry"}
            ).select_related("level")
        }
        rows = []
        for h in hits:
            entry = entries.get(h["id"]) if h["source"] == "entry" else None
            rows.append(
                {
                    "ledger_number": entry.ledger_number if entry else None,
                    "level": entry.level.name if entry and entry.level else None,
                    "decision": h["id"] if h["source"] == "decision" else None,
                    "term": h["term"],
                    "page": h["page"],
                    "where": str(place_label(h)),
                    "context": f"{h['before']}【{h['matched']}】{h['after']}",
                }
            )
        if options["format"] == "json":
            out = {
                "file": str(path),
                "pages": draft.pages,
                "terms_checked": term_count,
                "pages_without_text": draft.pages_without_text,
                "hits": rows,
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            for r in rows:
                self.stdout.write(
                    f"{r['ledger_number'] or '#' + str(r['decision'])}"
                    f" [{r['level'] or '-'}] {r['where']}: {r['context']}"
                )
            self.stdout.write(
                f"{path}: {draft.pages} page(s), {term_count} term(s) checked, {len(rows)} hit(s)."
            )
        if rows:
            sys.stdout.flush()
            sys.exit(1)
