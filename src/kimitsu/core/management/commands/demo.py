from django.core.management.base import BaseCommand, CommandError

from kimitsu.core.demo import build


class Command(BaseCommand):
    help = (
        "Create the demo workspaces (company 'demo', desk 'demo-desk') if absent, and print the "
        "demo log-ins. Idempotent. With --otp EMAIL, print the current two-factor code of a demo "
        "user instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--otp", metavar="EMAIL", help="Print the current TOTP code of a demo user."
        )
        parser.add_argument("--quiet", action="store_true", help="Do not print the log-ins.")

    def handle(self, *args, otp=None, quiet=False, **options):
        if otp:
            code = build.demo_otp_code(otp)
            if code is None:
                raise CommandError("Codes are printed only for demo users with a device.")
            self.stdout.write(code)
            return
        created = build.ensure_demo()
        if quiet:
            return
        self.stdout.write(build.login_sheet(created))
