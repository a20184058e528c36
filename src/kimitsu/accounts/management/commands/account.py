"""kimitsu account reset-2fa EMAIL — for the operator of kimitsu, when a user has lost the phone
with their authenticator and no workspace administrator can reset it (they are the only
administrator, or they belong to several workspaces). Recorded in every workspace of the user."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kimitsu.accounts.services import two_factor_reset


class Command(BaseCommand):
    help = "Account tools for the operator. `kimitsu account reset-2fa EMAIL`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reset = sub.add_parser("reset-2fa", help="remove a user's authenticator")
        reset.add_argument("email")

    def handle(self, *args, action, email, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user has the e-mail address {email!r}.")
        two_factor_reset(actor=None, user=user)
        self.stdout.write(
            f"Two-factor authentication of {user.email} was reset; "
            "they set up a new authenticator at their next log-in."
        )
