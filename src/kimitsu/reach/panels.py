"""わたしのやること on the home page (kimitsu.core.panels)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .selectors import tasks_of


def home_tasks(request, membership, obj=None) -> str:
    tasks = tasks_of(membership)
    return render_to_string(
        "reach/_my_tasks.html",
        {"tasks": tasks, "org": membership.organization, "membership": membership},
        request=request,
    )


NOTICE_DAYS = 14
NOTICE_TYPES = {
    "register_entry.approved": _("Your proposal %(number)s was approved"),
    "register_entry.returned": _("Your proposal %(number)s was sent back"),
    "register_entry.rejected": _("Your proposal %(number)s was rejected"),
    "register_grant.added": _("You were given access to %(number)s"),
    "register_grant.revoked": _("Your access to %(number)s was withdrawn"),
}


def notices(membership) -> list[dict]:
    """What happened lately that concerns this member: their proposals decided, access given or
    withdrawn. Entries are named by ledger number only."""
    import datetime as dt

    from django.db.models import Q
    from django.utils import timezone

    from kimitsu.audit.models import AuditEvent
    from kimitsu.register.models import Entry

    org = membership.organization
    since = timezone.now() - dt.timedelta(days=NOTICE_DAYS)
    mine = Q(
        event_type__in=[
            "register_entry.approved",
            "register_entry.returned",
            "register_entry.rejected",
        ],
        object_id__in=[
            str(pk)
            for pk in Entry.objects.filter(
                organization=org,
                proposed_by=membership.user,
                proposed_at__gte=since - dt.timedelta(days=365),
            ).values_list("pk", flat=True)[:500]
        ],
    )
    person = membership.person
    if person is not None:
        mine |= Q(
            event_type__in=["register_grant.added", "register_grant.revoked"],
            after__person=person.employee_number,
        )
    events = list(
        AuditEvent.objects.filter(
            organization=org, created_at__gte=since, object_type="register.entry"
        )
        .filter(mine)
        .order_by("-created_at")[:10]
    )
    numbers = dict(
        Entry.objects.filter(
            pk__in=[int(e.object_id) for e in events if e.object_id.isdigit()]
        ).values_list("pk", "ledger_number")
    )
    return [
        {
            "text": NOTICE_TYPES[e.event_type] % {"number": numbers.get(int(e.object_id), "")},
            "at": e.created_at,
            "url": reverse(
                "register:entry_detail", kwargs={"org_slug": org.slug, "pk": int(e.object_id)}
            ),
        }
        for e in events
        if e.object_id.isdigit()
    ]


def topbar(request, membership, obj=None) -> str:
    """The count of one's tasks and a bell with what concerns one, in the top bar."""
    from django.conf import settings
    from django.utils.translation import get_language

    from kimitsu.core.memo import recent, wrote_at
    from kimitsu.organizations.choices import OrgKind

    if membership is None or membership.organization.kind != OrgKind.COMPANY:
        return ""

    def compute():
        return {"count": len(tasks_of(membership)), "notices": notices(membership)}

    summary = recent(
        ("reach-topbar", membership.pk, get_language()),
        compute,
        seconds=settings.KIMITSU_TOPBAR_CACHE_SECONDS,
        newer_than=wrote_at(request),
    )
    return render_to_string(
        "reach/_topbar.html", {**summary, "org": membership.organization}, request=request
    )
