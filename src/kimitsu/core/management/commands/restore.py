"""kimitsu restore FILE [--yes] — put a `kimitsu backup` file back, then verify the audit chains.

Refuses, changing nothing, a file that is not a kimitsu backup or that holds another vendor's
database. Exits non-zero if the restored audit chains do not verify.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import translation
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.core import backup


class Command(BaseCommand):
    help = (
        "Restore a `kimitsu backup` file: replace the database and the media, then verify the "
        "audit chains. Stop the server first."
    )

    # Like migrate: an operator's backup or restore must run even while a system check fails
    # (half-way through an upgrade, say), and it need not load every URL and view first.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by `kimitsu backup`")
        parser.add_argument(
            "--yes",
            "--noinput",
            "--no-input",
            dest="yes",
            action="store_true",
            help="do not ask for confirmation",
        )
        parser.add_argument(
            "--language", choices=["ja", "en"], default="ja", help="language of the messages"
        )

    def handle(self, *args, file, yes=False, language="ja", **options):
        with translation.override(language):
            try:
                manifest = backup.read_manifest(file)
                backup.check_restorable(manifest, file)
                if not yes and not self._confirmed(manifest):
                    self.stdout.write(_("Restore cancelled. Nothing was changed."))
                    return
                restored = backup.restore(file)
            except backup.BackupError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                _("Restored the backup of %(created)s: the database and %(files)s media file(s).")
                % {"created": backup.created_label(manifest), "files": f"{restored.media_files:,}"}
            )
            if restored.unknown_migrations:
                self.stderr.write(
                    _(
                        "The backup has migrations this version of kimitsu does not know "
                        "(%(migrations)s): it was made by kimitsu %(version)s. Install that "
                        "version before serving."
                    )
                    % {
                        "migrations": ", ".join(f"{a}.{n}" for a, n in restored.unknown_migrations),
                        "version": manifest.get("kimitsu_version") or "?",
                    }
                )
            elif restored.pending_migrations:
                self.stdout.write(
                    _("The restored database is older than this kimitsu: run “kimitsu migrate”.")
                )
            self._verify(manifest)

    def _confirmed(self, manifest) -> bool:
        db = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
        question = _(
            "This replaces the database (%(database)s) and every file in %(media)s with the "
            "backup made at %(created)s (kimitsu %(version)s, %(events)s audit event(s)). "
            "Type “yes” to continue: "
        ) % {
            "database": db,
            "media": settings.MEDIA_ROOT,
            "created": backup.created_label(manifest),
            "version": manifest.get("kimitsu_version") or "?",
            "events": f"{(manifest.get('audit_events') or {}).get('total', 0):,}",
        }
        try:
            return input(question).strip().lower() in ("yes", "y", "はい")
        except EOFError:
            return False

    def _verify(self, manifest):
        result = audit.verify()
        if not result.ok:
            raise CommandError(
                _("Audit chain verification FAILED after %(checked)s event(s): %(problem)s")
                % {"checked": f"{result.checked:,}", "problem": result.problem},
                returncode=1,
            )
        self.stdout.write(
            _(
                "Audit chains verified: %(checked)s event(s) in %(chains)s chain(s) (the backup "
                "recorded %(recorded)s); every hash and link matches."
            )
            % {
                "checked": f"{result.checked:,}",
                "chains": result.chains,
                "recorded": f"{(manifest.get('audit_events') or {}).get('total', 0):,}",
            }
        )
