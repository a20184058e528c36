from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.module_loading import import_string

from kimitsu.organizations.models import Organization

# kind -> dotted path of render(*, organization, fmt, person=None, partner=None, actor=None)
#         returning (bytes, suggested_filename). Each app owns its renderers.
RENDERERS = {
    "regulation": "kimitsu.rules.documents.render_regulation",
    "pledge-hire": "kimitsu.pledges.documents.render_pledge_hire",
    "pledge-project": "kimitsu.pledges.documents.render_pledge_project",
    "pledge-exit": "kimitsu.pledges.documents.render_pledge_exit",
    "hire-check": "kimitsu.pledges.documents.render_hire_check",
    "nda": "kimitsu.pledges.documents.render_nda",
}


class Command(BaseCommand):
    help = "Generated documents. `kimitsu documents render --org SLUG --kind KIND --format docx|pdf -o FILE`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        render = sub.add_parser("render", help="Render a document of a company to a file.")
        render.add_argument("--org", required=True, help="Company workspace slug.")
        render.add_argument("--kind", required=True, choices=sorted(RENDERERS))
        render.add_argument("--format", required=True, choices=["docx", "pdf"])
        render.add_argument("--person", help="Employee number (pledges).")
        render.add_argument("--partner", help="Partner name (NDA).")
        render.add_argument("-o", "--output", required=True, help="Output file.")

    def handle(self, *args, action, **options):
        org = Organization.objects.filter(slug=options["org"], kind="company").first()
        if org is None:
            raise CommandError(f"No company workspace with slug {options['org']!r}.")
        try:
            renderer = import_string(RENDERERS[options["kind"]])
        except ImportError as exc:
            raise CommandError(f"The {options['kind']} document is not available yet.") from exc
        with translation.override("ja"):
            try:
                data, _name = renderer(
                    organization=org,
                    fmt=options["format"],
                    person=options.get("person"),
                    partner=options.get("partner"),
                    actor=None,
                )
            except (LookupError, ValueError) as exc:
                raise CommandError(str(exc)) from exc
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"{options['output']}: {len(data):,} bytes")
