"""``kimitsu workspace create``: the operator opens a workspace and invites its first
administrator (the link is printed, and e-mailed when e-mail is configured)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError

from kimitsu.core import dates
from kimitsu.organizations import services
from kimitsu.organizations.choices import OrgKind


class Command(BaseCommand):
    help = "Create a workspace (company or desk) and invite its first administrator."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="a new workspace and its first administrator")
        create.add_argument("--slug", required=True, help="the address: /o/SLUG/")
        create.add_argument("--name", required=True, help="e.g. 株式会社サンプル")
        create.add_argument("--kind", choices=[OrgKind.COMPANY, OrgKind.DESK], default="company")
        create.add_argument("--admin", required=True, help="the administrator's e-mail address")
        create.add_argument("--no-mail", action="store_true", help="only print the link")

    def handle(self, *args, action, slug, name, kind, admin, no_mail=False, **options):
        try:
            invitation, token = services.workspace_open(
                slug=slug, name=name, kind=kind, admin_email=admin
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        link = f"{settings.KIMITSU_BASE_URL}/accounts/invite/{token}/"
        if not no_mail:
            from django.utils import translation

            with translation.override("ja"):  # the e-mail is Japanese; the day is in Japan
                until = dates.moment_for_reader(invitation.expires_at, invitation.organization)
            send_mail(
                f"[kimitsu] {name}",
                f"kimitsu の {name} の管理者として招待されました。次のリンクから登録してください：\n"
                f"{link}\n\n（有効期限：{until}）",
                None,
                [invitation.email],
            )
        self.stdout.write(f"{slug}: {invitation.email} is invited as its administrator.")
        self.stdout.write(f"Invitation link (valid until {invitation.expires_at:%Y-%m-%d}): {link}")
