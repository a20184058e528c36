from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kimitsu.organizations.choices import OrgKind
from kimitsu.organizations.models import Organization
from kimitsu.pledges import services


class Command(BaseCommand):
    help = (
        "Pledges and exits. `kimitsu pledges revoke-due [--org SLUG]`: on a leaver's last "
        "working day, revoke their personal register grants (run it daily)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        due = sub.add_parser(
            "revoke-due", help="Revoke the grants of leavers whose last working day has come."
        )
        due.add_argument("--org", help="Company workspace slug (default: every company).")

    def handle(self, *args, action, **options):
        companies = Organization.objects.filter(kind=OrgKind.COMPANY)
        if options.get("org"):
            companies = companies.filter(slug=options["org"])
            if not companies.exists():
                raise CommandError(f"No company workspace with slug {options['org']!r}.")
        total = 0
        with translation.override("ja"):
            for org in companies.order_by("slug"):
                for checklist in services.revoke_due(organization=org):
                    total += 1
                    self.stdout.write(
                        f"{org.slug}: {checklist.person.employee_number} "
                        f"{checklist.person.full_name}"
                    )
        self.stdout.write(f"{total} exit checklist(s): personal grants revoked.")
