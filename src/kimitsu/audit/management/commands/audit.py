from django.core.management.base import BaseCommand, CommandError

from kimitsu.audit import anchors, services
from kimitsu.organizations.models import Organization
from kimitsu.timestamps import services as stamps
from kimitsu.timestamps import tsa


class Command(BaseCommand):
    help = (
        "Audit chain tools. `kimitsu audit verify [--org SLUG]` re-computes the hash chains and "
        "checks their anchors; `kimitsu audit anchor [--org SLUG]` stamps each chain's head."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Verify the hash chain of one or every workspace.")
        verify.add_argument("--org", help="Workspace slug (default: every chain).")
        anchor = sub.add_parser(
            "anchor", help="Have the TSA vouch for the head of one or every workspace's chain."
        )
        anchor.add_argument("--org", help="Workspace slug (default: every workspace).")

    def _org(self, slug):
        org = Organization.objects.filter(slug=slug).first()
        if org is None:
            raise CommandError(f"No workspace with slug {slug!r}.")
        return org

    def handle(self, *args, action, **options):
        slug = options.get("org")
        if action == "anchor":
            return self._anchor(slug)
        chain = services.chain_for(self._org(slug)) if slug else None
        result = services.verify(chain)
        if not result.ok:
            raise CommandError(
                f"FAILED after {result.checked} events: {result.problem}", returncode=1
            )
        self.stdout.write(
            f"OK: {result.checked} events checked in {result.chains} chain(s); "
            "every hash and link matches."
        )
        for name, outcome in sorted((result.anchors or {}).items()):
            if not outcome.verified:
                line = f"  {name}: no anchor vouched for by a TSA yet"
            else:
                when = outcome.vouched_at.strftime("%Y-%m-%d %H:%M:%S UTC")
                dev = " (development TSA: no evidential value)" if outcome.development else ""
                line = (
                    f"  {name}: {outcome.verified} anchor(s) verified; events 1-"
                    f"{outcome.vouched_seq} vouched for by the TSA at {when}{dev}"
                )
            if outcome.pending:
                line += f"; {outcome.pending} anchor(s) waiting for the TSA"
            self.stdout.write(line)

    def _anchor(self, slug):
        if tsa.config() is None:
            raise CommandError("No TSA is configured (KIMITSU_TSA_URL); nothing was anchored.")
        orgs = [self._org(slug)] if slug else list(Organization.objects.order_by("pk"))
        failed = 0
        for org in orgs:
            chain = services.chain_for(org)
            made = anchors.anchor(chain, org, queue=False)
            if made is None:
                self.stdout.write(f"{org.slug}: nothing new since the last anchor.")
                continue
            stamp = stamps.stamp_now(made.timestamp_id)
            if stamp.stamped:
                when = stamp.tsa_time.strftime("%Y-%m-%d %H:%M:%S UTC")
                self.stdout.write(
                    f"{org.slug}: events {made.first_seq}-{made.seq} anchored; TSA time {when}"
                    + (" (development TSA)" if stamp.development else "")
                )
            else:
                failed += 1
                self.stdout.write(
                    f"{org.slug}: events {made.first_seq}-{made.seq} wait for the TSA "
                    f"({stamp.last_error}); the queue will retry."
                )
        if failed:
            raise CommandError(f"{failed} anchor(s) are waiting for the TSA.", returncode=2)
