import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kimitsu.organizations.choices import OrgKind, Role
from kimitsu.organizations.models import Membership, Organization


class Command(BaseCommand):
    help = (
        "The consultation desk: `kimitsu desk stats --desk SLUG --fiscal-year 2020 "
        "--format json`, `kimitsu desk report --desk SLUG --fiscal-year 2020 -o FILE`, "
        "`kimitsu desk import --desk SLUG --kind consultations|seminars FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language", choices=["ja", "en"], default="ja", help="language of the messages"
        )
        sub = parser.add_subparsers(dest="action", required=True)
        stats = sub.add_parser("stats", help="Statistics of a fiscal year.")
        stats.add_argument("--desk", required=True, help="Desk workspace slug.")
        stats.add_argument("--fiscal-year", type=int, required=True)
        stats.add_argument("--format", choices=["json", "text"], default="json")
        report = sub.add_parser("report", help="The activity report of a fiscal year (PDF).")
        report.add_argument("--desk", required=True)
        report.add_argument("--fiscal-year", type=int, required=True)
        report.add_argument("-o", "--output", required=True)
        imp = sub.add_parser("import", help="Import consultations or seminars (.xlsx/.csv).")
        imp.add_argument("--desk", required=True)
        imp.add_argument("--kind", required=True, choices=["consultations", "seminars"])
        imp.add_argument(
            "--as",
            dest="as_user",
            help="E-mail of the desk administrator "
            "recorded as the actor (default: the first active one).",
        )
        imp.add_argument("file")

    def handle(self, *args, action, **options):
        # one language for the whole run: the import's errors and the command's own messages
        with translation.override(options.get("language") or "ja"):
            desk = Organization.objects.filter(slug=options["desk"], kind=OrgKind.DESK).first()
            if desk is None:
                raise CommandError(
                    _("There is no desk workspace “%(slug)s”.") % {"slug": options["desk"]}
                )
            if options.get("fiscal_year") is not None:
                from kimitsu.desk.stats import parse_fiscal_year

                try:
                    parse_fiscal_year(options["fiscal_year"], default=None)
                except ValidationError as exc:
                    raise CommandError(" ".join(exc.messages)) from exc
            getattr(self, f"do_{action}")(desk, options)

    def do_stats(self, desk, options):
        from kimitsu.desk import stats

        data = stats.stats_for(desk, options["fiscal_year"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(stats.as_json(data), ensure_ascii=False, indent=2))
            return
        shaped = stats.as_json(data)
        self.stdout.write(f"{data['seireki_label']}（{data['label']}）")
        for key, value in shaped["consultations"].items():
            self.stdout.write(f"  {key}: {value}")
        for key, value in shaped["seminars"].items():
            self.stdout.write(f"  seminars.{key}: {value}")

    def do_report(self, desk, options):
        from kimitsu.desk.report import render

        data = render(desk, options["fiscal_year"])
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"{options['output']}: {len(data):,} bytes")

    def do_import(self, desk, options):
        from kimitsu.desk import importer

        members = Membership.objects.filter(
            organization=desk, is_active=True, role=Role.DESK_ADMIN
        ).select_related("user")
        if options.get("as_user"):
            user = get_user_model().objects.filter(email__iexact=options["as_user"]).first()
            members = members.filter(user=user)
        membership = members.order_by("pk").first()
        if membership is None:
            raise CommandError(_("The desk has no active desk administrator to act as."))
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        try:
            result = importer.run(
                kind=options["kind"],
                actor=membership.user,
                membership=membership,
                data=path.read_bytes(),
                filename=path.name,
            )
        except importer.ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            n = len(exc.errors)
            raise CommandError(
                ngettext(
                    "%(n)s error; nothing was imported.", "%(n)s errors; nothing was imported.", n
                )
                % {"n": f"{n:,}"}
            ) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False))
