"""わたしのやること: every person's open tasks, computed from the data (nothing to keep in sync).

- read the regulation in force (not yet confirmed, with the log-in or through a link);
- sign a pledge issued to them (handed over, not yet signed);
- take the quiz of a training they attended in the last year;
- review an entry they are custodian of, its review date passed (needs an account);
- decide a proposed entry of the departments they manage (administrators and managers);
- return what they took out once its return date has passed, and decide a request they are
  named for (kimitsu.approvals).

``open_tasks(org)`` answers for every person at once in a fixed number of queries. Tasks name
entries by ledger number only: a digest e-mail must not name what its reader may not open.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.core import dates
from kimitsu.organizations.choices import PersonStatus, Role
from kimitsu.organizations.models import Membership, Person

from .models import LINK_KINDS, TaskKind

QUIZ_WITHIN_DAYS = 365


@dataclass
class Task:
    kind: str
    person_id: int
    object_id: int
    title: str
    since: dt.date
    url: str = ""  # the page in kimitsu, for those who log in

    @property
    def by_link(self) -> bool:
        return self.kind in LINK_KINDS

    def age(self, today: dt.date) -> int:
        return (today - self.since).days


def people_of(org, only=None):
    qs = Person.objects.filter(organization=org).exclude(status=PersonStatus.LEFT)
    if only is not None:
        qs = qs.filter(pk__in=[p.pk if hasattr(p, "pk") else p for p in only])
    return list(qs.select_related("department", "user").order_by("employee_number"))


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date()
    return value or timezone.localdate()


def open_tasks(org, people=None, today=None) -> dict[int, list[Task]]:
    from kimitsu.awareness.models import Attendance, QuizResult
    from kimitsu.pledges.choices import DocumentStatus
    from kimitsu.pledges.models import Document
    from kimitsu.register.choices import Status as EntryStatus
    from kimitsu.register.models import Entry
    from kimitsu.rules.models import ReadConfirmation
    from kimitsu.rules.selectors import regulation_in_force

    today = today or timezone.localdate()
    people = people_of(org, people)
    by_person: dict[int, list[Task]] = {p.pk: [] for p in people}
    ids = list(by_person)
    slug = org.slug

    regulation = regulation_in_force(org, today)
    if regulation is not None:
        users = {p.user_id: p.pk for p in people if p.user_id}
        done = set(
            ReadConfirmation.objects.filter(regulation=regulation)
            .filter(Q(person_id__in=ids) | Q(user_id__in=list(users)))
            .values_list("person_id", "user_id")
        )
        read = {person for person, _user in done if person} | {
            users[user] for _person, user in done if user in users
        }
        url = reverse("rules:regulation", kwargs={"org_slug": slug})
        for pk in ids:
            if pk not in read:
                by_person[pk].append(
                    Task(
                        TaskKind.REGULATION,
                        pk,
                        regulation.pk,
                        _("Read %(title)s (version %(n)s) and confirm")
                        % {"title": regulation.title, "n": regulation.number},
                        _day(regulation.effective_on),
                        url,
                    )
                )

    from .models import ReadAck, ReadRequest

    requests = list(ReadRequest.objects.filter(organization=org, closed_at__isnull=True))
    if requests:
        acked = set(
            ReadAck.objects.filter(request__in=requests, person_id__in=ids).values_list(
                "request_id", "person_id"
            )
        )
        for request in requests:
            for pk in ids:
                if (request.pk, pk) not in acked:
                    by_person[pk].append(
                        Task(
                            TaskKind.READ,
                            pk,
                            request.pk,
                            _("Read “%(title)s” and confirm") % {"title": request.title},
                            _day(request.created_at),
                        )
                    )

    for doc in Document.objects.filter(
        organization=org, person_id__in=ids, status=DocumentStatus.ISSUED
    ).order_by("issued_on", "pk"):
        by_person[doc.person_id].append(
            Task(
                TaskKind.PLEDGE,
                doc.person_id,
                doc.pk,
                _("Sign: %(kind)s") % {"kind": doc.get_kind_display()},
                _day(doc.issued_on),
            )
        )

    since = today - dt.timedelta(days=QUIZ_WITHIN_DAYS)
    attended = list(
        Attendance.objects.filter(
            person_id__in=ids, session__organization=org, session__held_on__gte=since
        )
        .select_related("session")
        .order_by("session__held_on")
    )
    taken = set(
        QuizResult.objects.filter(
            person_id__in=ids, session_id__in={a.session_id for a in attended}
        ).values_list("session_id", "person_id")
    )
    for a in attended:
        if (a.session_id, a.person_id) not in taken:
            by_person[a.person_id].append(
                Task(
                    TaskKind.QUIZ,
                    a.person_id,
                    a.session_id,
                    _("Take the quiz of “%(title)s”") % {"title": a.session.title},
                    a.session.held_on,
                    reverse(
                        "awareness:training_quiz", kwargs={"org_slug": slug, "pk": a.session_id}
                    ),
                )
            )

    for entry in Entry.objects.filter(
        organization=org,
        custodian_id__in=ids,
        status=EntryStatus.APPROVED,
        next_review_on__lte=today,
    ).only("pk", "ledger_number", "custodian_id", "next_review_on"):
        by_person[entry.custodian_id].append(
            Task(
                TaskKind.REVIEW,
                entry.custodian_id,
                entry.pk,
                _("Review %(number)s (due %(due)s)")
                % {
                    "number": entry.ledger_number,
                    "due": dates.for_reader(entry.next_review_on, org),
                },
                entry.next_review_on,
                reverse("register:entry_review", kwargs={"org_slug": slug, "pk": entry.pk}),
            )
        )

    deciders = list(
        Membership.objects.filter(
            organization=org,
            is_active=True,
            role__in=[Role.ADMIN, Role.MANAGER],
            person_id__in=ids,
        ).select_related("organization")
    )
    if deciders:
        from kimitsu.register.selectors import managed_ids

        proposed = list(
            Entry.objects.filter(organization=org, status__in=[EntryStatus.PROPOSED]).only(
                "pk", "ledger_number", "owning_department_id", "proposed_at"
            )
        )
        for member in deciders:
            scope = managed_ids(member)
            for entry in proposed:
                if scope is None or entry.owning_department_id in scope:
                    by_person[member.person_id].append(
                        Task(
                            TaskKind.PROPOSAL,
                            member.person_id,
                            entry.pk,
                            _("Decide the proposed entry %(number)s")
                            % {"number": entry.ledger_number},
                            _day(entry.proposed_at),
                            reverse(
                                "register:entry_decide", kwargs={"org_slug": slug, "pk": entry.pk}
                            ),
                        )
                    )

    from django.apps import apps

    if apps.is_installed("kimitsu.approvals"):
        # a take-out not returned on time, a request to decide (kimitsu.approvals)
        from kimitsu.approvals.selectors import open_tasks as approval_tasks

        for pk, tasks in approval_tasks(org, people, today).items():
            by_person[pk].extend(tasks)
    return by_person


def tasks_of(membership) -> list[Task]:
    """The open tasks of the person a member is (none for a member without a person)."""
    person = membership.person
    if person is None or person.status == PersonStatus.LEFT:
        return []
    tasks = open_tasks(membership.organization, [person]).get(person.pk, [])
    slug = membership.organization.slug
    for task in tasks:  # what a link does is reachable from the app as well
        if not task.url:
            task.url = reverse(
                "reach:do",
                kwargs={"org_slug": slug, "kind": task.kind, "object_id": task.object_id},
            )
    return tasks
