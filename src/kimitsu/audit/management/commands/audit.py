from django.core.management.base import BaseCommand, CommandError

from kimitsu.audit import services
from kimitsu.organizations.models import Organization


class Command(BaseCommand):
    help = "Audit chain tools. `kimitsu audit verify [--org SLUG]` re-computes the hash chains."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Verify the hash chain of one or every workspace.")
        verify.add_argument("--org", help="Workspace slug (default: every chain).")

    def handle(self, *args, action, **options):
        if action == "verify":
            chain = None
            if options.get("org"):
                org = Organization.objects.filter(slug=options["org"]).first()
                if org is None:
                    raise CommandError(f"No workspace with slug {options['org']!r}.")
                chain = services.chain_for(org)
            result = services.verify(chain)
            if not result.ok:
                raise CommandError(
                    f"FAILED after {result.checked} events: {result.problem}", returncode=1
                )
            self.stdout.write(
                f"OK: {result.checked} events checked in {result.chains} chain(s); "
                "every hash and link matches."
            )
