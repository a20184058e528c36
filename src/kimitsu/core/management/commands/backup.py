"""kimitsu backup -o FILE — the database and the media in one .tar.gz (kimitsu.core.backup)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from kimitsu.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite's online backup, or pg_dump) and the media into one .tar.gz "
        "with a manifest. Safe while the server runs. Restore it with `kimitsu restore FILE`."
    )

    # Like migrate: an operator's backup or restore must run even while a system check fails
    # (half-way through an upgrade, say), and it need not load every URL and view first.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="the backup file (.tar.gz)")
        parser.add_argument(
            "--language", choices=["ja", "en"], default="ja", help="language of the messages"
        )

    def handle(self, *args, output, language="ja", **options):
        with translation.override(language):
            try:
                manifest = backup.create(output)
            except backup.BackupError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                _(
                    "Backup written to %(path)s: %(vendor)s database, %(files)s media file(s), "
                    "%(events)s audit event(s)."
                )
                % {
                    "path": output,
                    "vendor": backup.vendor_name(manifest["database"]["vendor"]),
                    "files": f"{manifest['media_files']:,}",
                    "events": f"{manifest['audit_events']['total']:,}",
                }
            )
