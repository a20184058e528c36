"""Reads of desk data, always scoped by the acting membership (kimitsu.organizations.access)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.access import require
from kimitsu.organizations.choices import OrgKind, Role
from kimitsu.organizations.models import Membership, Organization

from . import permissions as P
from .choices import KANSAI_PREFECTURES, Status
from .models import Client, Consultation, ConsultationSubject, Engagement, Seminar, Visit


def _get(qs, pk):
    obj = qs.filter(pk=pk).first() if str(pk).isdigit() else None
    if obj is None:
        raise Http404
    return obj


def client_list(membership: Membership) -> QuerySet[Client]:
    require(membership, P.VIEW)
    return Client.objects.filter(organization=membership.organization).select_related(
        "linked_organization"
    )


def client_get(membership: Membership, pk) -> Client:
    return _get(client_list(membership), pk)


def client_search(qs: QuerySet[Client], text: str) -> QuerySet[Client]:
    for word in (text or "").split():
        qs = qs.filter(name__icontains=word)
    return qs


def consultation_counts(membership: Membership, clients) -> dict[int, int]:
    """Consultations per client, for clients already read through ``client_list`` (so scoped to
    the desk; filtering by client alone lets the database use the client index)."""
    require(membership, P.VIEW)
    ids = [c.pk for c in clients if c.organization_id == membership.organization_id]
    return dict(
        Consultation.objects.filter(client_id__in=ids)
        .values("client_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("client_id", "n")
    )


def consultation_list(membership: Membership) -> QuerySet[Consultation]:
    require(membership, P.VIEW)
    return (
        Consultation.objects.filter(organization=membership.organization)
        .select_related("client")
        .prefetch_related(
            Prefetch("subject_rows", queryset=ConsultationSubject.objects.order_by("id")),
            "advisors",
        )
    )


def consultation_get(membership: Membership, pk) -> Consultation:
    return _get(consultation_list(membership), pk)


def consultation_filter(qs, params) -> QuerySet[Consultation]:
    fy = str(params.get("fy", ""))
    if fy.isascii() and fy.isdigit() and len(fy) <= 4:  # "²" is a digit to Python, not a year
        qs = qs.filter(fiscal_year=int(fy))
    status = params.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    if params.get("kansai") == "1":
        qs = qs.filter(prefecture__in=KANSAI_PREFECTURES).exclude(status=Status.HANDED_OVER)
    for word in (params.get("q") or "").split():
        qs = qs.filter(Q(client__name__icontains=word) | Q(summary__icontains=word))
    return qs


def consultation_history(membership: Membership, consultation: Consultation) -> list:
    """Audit events of the consultation, oldest first; a consultation created in bulk (import,
    demo) starts with its batch's event."""
    require(membership, P.VIEW)
    events = AuditEvent.objects.filter(organization=membership.organization)
    own = list(
        events.filter(object_type="desk.consultation", object_id=str(consultation.pk)).order_by(
            "seq"
        )
    )
    if consultation.import_batch:
        batch = events.filter(
            event_type="consultation.imported", after__batch=consultation.import_batch
        ).first()
        if batch is not None:
            own.insert(0, batch)
    return own


def engagement_list(membership: Membership) -> QuerySet[Engagement]:
    require(membership, P.VIEW)
    return (
        Engagement.objects.filter(organization=membership.organization)
        .select_related("client")
        .annotate(visit_count=Count("visits"))
        .order_by("-started_on", "-id")
    )


def engagement_get(membership: Membership, pk) -> Engagement:
    return _get(engagement_list(membership), pk)


def visit_list(membership: Membership, engagement: Engagement) -> QuerySet[Visit]:
    require(membership, P.VIEW)
    return Visit.objects.filter(organization=membership.organization, engagement=engagement)


def seminar_list(membership: Membership) -> QuerySet[Seminar]:
    require(membership, P.VIEW)
    return Seminar.objects.filter(organization=membership.organization).select_related("client")


def seminar_get(membership: Membership, pk) -> Seminar:
    return _get(seminar_list(membership), pk)


def desk_staff(organization: Organization):
    """Active staff users of a desk (advisors, lawyers, administrators)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(memberships__organization=organization, memberships__is_active=True)
        .order_by("display_name", "email")
        .distinct()
    )


def invited_companies(desk: Organization) -> QuerySet[Organization]:
    """Companies that invited this desk: a staff member of the desk holds an active external
    advisor membership there. Only these may be linked to a client."""
    staff_ids = Membership.objects.filter(organization=desk, is_active=True).values("user_id")
    return (
        Organization.objects.filter(
            kind=OrgKind.COMPANY,
            memberships__role=Role.ADVISOR,
            memberships__is_active=True,
            memberships__user_id__in=staff_ids,
        )
        .distinct()
        .order_by("name")
    )


def link_is_active(client: Client) -> bool:
    return (
        client.linked_organization_id is not None
        and invited_companies(client.organization).filter(pk=client.linked_organization_id).exists()
    )


def linked_company_progress(membership: Membership, client: Client) -> dict | None:
    """The linked company's seven-step status and counts; never its register's content.
    None when the client is not linked or the company no longer invites the desk."""
    require(membership, P.VIEW)
    if client.organization_id != membership.organization_id or not link_is_active(client):
        return None
    from kimitsu.core.steps import DONE, seven_steps

    steps = seven_steps(client.linked_organization)
    return {
        "company": client.linked_organization,
        "steps": [
            {
                "number": s.number,
                "title": s.title,
                "status": s.status,
                "status_label": s.status_label,
                "badge": s.badge,
                "evidence": list(s.evidence),
            }
            for s in steps
        ],
        "done": sum(1 for s in steps if s.status == DONE),
        "people": client.linked_organization.people.exclude(status="left").count(),
        "departments": client.linked_organization.departments.count(),
    }


def handover_targets(membership: Membership) -> QuerySet[Organization]:
    """Other desk workspaces in kimitsu a consultation can be handed over to."""
    require(membership, P.MANAGE)
    return (
        Organization.objects.filter(kind=OrgKind.DESK)
        .exclude(pk=membership.organization_id)
        .order_by("name")
    )


def fiscal_years(membership: Membership) -> list[int]:
    """Fiscal years with records, newest first."""
    require(membership, P.VIEW)
    org = membership.organization
    years = set(
        Consultation.objects.filter(organization=org)
        .values_list("fiscal_year", flat=True)
        .order_by()
        .distinct()
    )
    years |= set(
        Seminar.objects.filter(organization=org)
        .values_list("fiscal_year", flat=True)
        .order_by()
        .distinct()
    )
    return sorted(years, reverse=True)
