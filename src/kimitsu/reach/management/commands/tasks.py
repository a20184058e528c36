"""kimitsu tasks --org SLUG [--person EMPLOYEE_NO] [--format json|text] — the open tasks."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kimitsu.organizations.models import Organization, Person

from ...selectors import open_tasks


class Command(BaseCommand):
    help = "Print every person's open tasks (わたしのやること)."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True)
        parser.add_argument("--person", help="Employee number.")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, org, person=None, format="text", **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"No workspace with slug {org!r}.")
        people = None
        if person:
            found = Person.objects.filter(organization=organization, employee_number=person).first()
            if found is None:
                raise CommandError(f"No person with employee number {person!r}.")
            people = [found]
        numbers = dict(
            Person.objects.filter(organization=organization).values_list("pk", "employee_number")
        )
        base = settings.KIMITSU_BASE_URL.rstrip("/")
        rows = []
        for person_id, tasks in open_tasks(organization, people).items():
            for task in tasks:
                rows.append(
                    {
                        "employee_number": numbers[person_id],
                        "kind": task.kind,
                        "title": str(task.title),
                        "due": task.since.isoformat(),
                        "url": base + task.url
                        if task.url
                        else f"{base}/o/{organization.slug}/reach/tasks/{task.kind}/{task.object_id}/",
                    }
                )
        rows.sort(key=lambda r: (r["employee_number"], r["kind"], r["due"]))
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            self.stdout.write(f"{r['employee_number']}\t{r['kind']}\t{r['due']}\t{r['title']}")
        self.stdout.write(
            f"{len(rows)} task(s) for {len({r['employee_number'] for r in rows})} people"
        )
