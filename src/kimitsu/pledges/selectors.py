"""Reads of pledges, checklists and partners, always scoped by the acting membership."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from kimitsu.organizations.access import require
from kimitsu.organizations.choices import PersonStatus
from kimitsu.organizations.models import Person
from kimitsu.organizations.selectors import managed_department_ids

from . import permissions as P
from .choices import PLEDGE_KINDS, AgreementKind, DocumentStatus, TemplateKind, VersionStatus
from .models import (
    Agreement,
    Checklist,
    Disclosure,
    Document,
    Partner,
    ReceivedLink,
    TemplateVersion,
)


def _get(qs, pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


# --- templates --------------------------------------------------------------------------------


def template_list(membership) -> QuerySet[TemplateVersion]:
    require(membership, P.TEMPLATES)
    return TemplateVersion.objects.filter(organization=membership.organization)


def template_get(membership, pk) -> TemplateVersion:
    return _get(template_list(membership), pk)


def adopted_templates(organization) -> dict[str, TemplateVersion]:
    return {
        t.kind: t
        for t in TemplateVersion.objects.filter(
            organization=organization, status=VersionStatus.ADOPTED
        )
    }


def current_template(organization, kind) -> TemplateVersion | None:
    return TemplateVersion.objects.filter(
        organization=organization, kind=kind, status=VersionStatus.ADOPTED
    ).first()


# --- people -----------------------------------------------------------------------------------


def people(membership) -> QuerySet[Person]:
    """The people register as far as this member may follow pledges and checklists."""
    require(membership, P.VIEW)
    qs = Person.objects.filter(organization=membership.organization).select_related("department")
    scope = managed_department_ids(membership)
    if scope is not None:
        qs = qs.filter(department_id__in=scope)
    return qs


def person_get(membership, pk) -> Person:
    return _get(people(membership), pk)


# --- documents --------------------------------------------------------------------------------


def document_list(membership) -> QuerySet[Document]:
    require(membership, P.VIEW)
    qs = Document.objects.filter(organization=membership.organization).select_related(
        "template", "person", "person__department", "partner"
    )
    scope = managed_department_ids(membership)
    if scope is not None:
        qs = qs.filter(person__department_id__in=scope)
    return qs


def document_get(membership, pk) -> Document:
    return _get(document_list(membership), pk)


def _signed(kinds, version=None):
    docs = Document.objects.filter(
        person=OuterRef("pk"), kind__in=kinds, status=DocumentStatus.SIGNED
    )
    if version is not None:
        docs = docs.filter(template=version)
    return Exists(docs)


def staff_without_pledge(membership) -> QuerySet[Person]:
    """Active staff with neither a signed hiring pledge nor a signed pledge of the current
    version."""
    return (
        people(membership)
        .filter(status=PersonStatus.ACTIVE)
        .exclude(_signed(PLEDGE_KINDS))
        .order_by("employee_number")
    )


def leavers_without_exit_pledge(membership) -> QuerySet[Person]:
    return (
        people(membership)
        .filter(status__in=[PersonStatus.LEAVING, PersonStatus.LEFT])
        .exclude(_signed([TemplateKind.PLEDGE_EXIT]))
        .order_by("status", "employee_number")
    )


def lacking_version(membership, version: TemplateVersion) -> QuerySet[Person]:
    """Active staff without a document (not refused) of this very template version: the
    people a batch issue is for."""
    has = Document.objects.filter(person=OuterRef("pk"), template=version).exclude(
        status=DocumentStatus.REFUSED
    )
    return (
        people(membership)
        .filter(status=PersonStatus.ACTIVE)
        .exclude(Exists(has))
        .order_by("employee_number")
    )


def share_signed(organization) -> tuple[int, int]:
    """(active staff with a signed hiring or current pledge, active staff)."""
    active = Person.objects.filter(organization=organization, status=PersonStatus.ACTIVE)
    total = active.count()
    signed = active.filter(_signed(PLEDGE_KINDS)).count()
    return signed, total


# --- checklists -------------------------------------------------------------------------------


def checklist_list(membership) -> QuerySet[Checklist]:
    require(membership, P.VIEW)
    qs = Checklist.objects.filter(organization=membership.organization).select_related(
        "person", "person__department"
    )
    scope = managed_department_ids(membership)
    if scope is not None:
        qs = qs.filter(person__department_id__in=scope)
    return qs


def checklist_get(membership, pk) -> Checklist:
    return _get(checklist_list(membership), pk)


def leaving_without_checklist(membership) -> QuerySet[Person]:
    from .choices import ChecklistKind

    has = Checklist.objects.filter(person=OuterRef("pk"), kind=ChecklistKind.LEAVING)
    return people(membership).filter(status=PersonStatus.LEAVING).exclude(Exists(has))


# --- partners ---------------------------------------------------------------------------------


def partner_list(membership) -> QuerySet[Partner]:
    require(membership, P.PARTNERS)
    return Partner.objects.filter(organization=membership.organization)


def partner_get(membership, pk) -> Partner:
    return _get(partner_list(membership), pk)


def in_force_q(on: dt.date) -> Q:
    return Q(starts_on__lte=on) & (Q(ends_on__isnull=True) | Q(ends_on__gte=on))


def agreements_in_force(partner, on: dt.date | None = None) -> QuerySet[Agreement]:
    on = on or dt.date.today()
    return partner.agreements.filter(in_force_q(on))


def agreement_list(membership) -> QuerySet[Agreement]:
    require(membership, P.PARTNERS)
    return Agreement.objects.filter(organization=membership.organization).select_related("partner")


def agreement_get(membership, pk) -> Agreement:
    return _get(agreement_list(membership), pk)


def partners_without_nda(membership, on: dt.date | None = None) -> QuerySet[Partner]:
    on = on or dt.date.today()
    nda = Agreement.objects.filter(partner=OuterRef("pk"), kind=AgreementKind.NDA).filter(
        in_force_q(on)
    )
    return partner_list(membership).exclude(Exists(nda))


def disclosure_list(membership) -> QuerySet[Disclosure]:
    require(membership, P.PARTNERS)
    return Disclosure.objects.filter(organization=membership.organization).select_related(
        "partner", "agreement", "entry", "entry__level", "disclosed_by", "approval"
    )


def disclosure_get(membership, pk) -> Disclosure:
    return _get(disclosure_list(membership), pk)


def received_list(membership) -> QuerySet[ReceivedLink]:
    require(membership, P.PARTNERS)
    return ReceivedLink.objects.filter(organization=membership.organization).select_related(
        "partner", "agreement", "entry", "entry__level"
    )


def disclosures_without_agreement(organization) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(organization=organization, agreement__isnull=True)
