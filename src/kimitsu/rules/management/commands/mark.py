from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kimitsu.organizations.models import Organization
from kimitsu.rules import selectors, services


class Command(BaseCommand):
    help = (
        "Stamp a PDF with a level's marking and record the copy in the distribution log: "
        "`kimitsu mark --org SLUG --level LEVEL [--recipient NAME] IN.pdf -o OUT.pdf`."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="The PDF to stamp.")
        parser.add_argument("-o", "--output", required=True, help="The stamped PDF to write.")
        parser.add_argument("--org", required=True, help="Company workspace slug.")
        parser.add_argument("--level", required=True, help="Level name (e.g. 秘) or code.")
        parser.add_argument("--recipient", default="", help="Who receives the copy.")
        parser.add_argument(
            "--no-watermark",
            action="store_true",
            help="Without the diagonal watermark (default: watermark when a recipient is given).",
        )
        parser.add_argument("--entry", default="", help="Ledger number of the register entry.")
        parser.add_argument("--keep", action="store_true", help="Keep the stamped file.")
        parser.add_argument("--by", default="", help="E-mail of the user who distributes it.")

    def handle(self, *args, **options):
        org = Organization.objects.filter(slug=options["org"], kind="company").first()
        if org is None:
            raise CommandError(f"No company workspace with slug {options['org']!r}.")
        wanted = options["level"]
        level = (
            selectors.levels(org).filter(name=wanted).first()
            or selectors.levels(org).filter(code=wanted).first()
        )
        if level is None:
            names = ", ".join(selectors.levels(org).values_list("name", flat=True))
            raise CommandError(f"No level {wanted!r} in {org.slug}; levels: {names or 'none'}.")
        entry = None
        if options["entry"]:
            from kimitsu.register.models import Entry

            entry = Entry.objects.filter(organization=org, ledger_number=options["entry"]).first()
            if entry is None:
                raise CommandError(f"No register entry {options['entry']!r} in {org.slug}.")
        actor = None
        if options["by"]:
            actor = get_user_model().objects.filter(email__iexact=options["by"]).first()
            if actor is None:
                raise CommandError(f"No user {options['by']!r}.")
        source = Path(options["input"])
        if not source.is_file():
            raise CommandError(f"{source}: no such file.")
        size = source.stat().st_size
        if size > services.max_upload_bytes():
            raise CommandError(
                f"{source}: {size / 1024 / 1024:.1f} MB; the largest accepted is "
                f"{services.max_upload_bytes() // (1024 * 1024)} MB."
            )
        recipient = options["recipient"]
        with translation.override("ja"):
            try:
                record, stamped = services.distribution_stamp(
                    actor=actor,
                    organization=org,
                    data=source.read_bytes(),
                    filename=source.name,
                    level=level,
                    recipient=recipient,
                    watermark=bool(recipient) and not options["no_watermark"],
                    entry=entry,
                    keep_file=options["keep"],
                )
            except ValidationError as exc:
                raise CommandError(f"{source}: {' '.join(exc.messages)}") from exc
        Path(options["output"]).write_bytes(stamped)
        self.stdout.write(
            f"{options['output']}: {record.page_count} pages, {level.name}, "
            f"trace code {record.trace_code}, sha256 {record.sha256}"
        )
