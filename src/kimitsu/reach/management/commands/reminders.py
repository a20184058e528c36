"""kimitsu reminders send [--org SLUG] [--dry-run] [--now] — the e-mail digests."""

from django.core.management.base import BaseCommand, CommandError

from kimitsu.organizations.choices import OrgKind
from kimitsu.organizations.models import Organization

from ... import reminders


class Command(BaseCommand):
    help = "Send each person one digest of their open tasks (the scheduler does it daily)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        send = sub.add_parser("send")
        send.add_argument("--org", help="Workspace slug (default: every company).")
        send.add_argument("--dry-run", action="store_true", help="Say what would be sent.")
        send.add_argument("--now", action="store_true", help="Ignore the schedule.")

    def handle(self, *args, action, org=None, dry_run=False, now=False, **options):
        orgs = Organization.objects.filter(kind=OrgKind.COMPANY).order_by("pk")
        if org:
            orgs = orgs.filter(slug=org)
            if not orgs.exists():
                raise CommandError(f"No company workspace with slug {org!r}.")
        total_messages = total_people = 0
        for organization in orgs:
            outcome = reminders.send(organization, now=now, dry_run=dry_run)
            total_messages += outcome.messages
            total_people += outcome.people
            note = f" (quiet period: {outcome.quiet})" if outcome.quiet else ""
            verb = "would send" if dry_run else "queued"
            self.stdout.write(
                f"{organization.slug}: {verb} {outcome.messages} message(s) to "
                f"{outcome.people} people{note}"
            )
            if dry_run:
                for d in outcome.planned:
                    what = "manager" if d.escalation else f"{len(d.tasks)} task(s)"
                    self.stdout.write(f"  {d.to}: {what}")
        self.stdout.write(f"{total_messages} message(s) to {total_people} people")
