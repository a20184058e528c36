"""What an evidence pack or a dossier holds, gathered once for one reader.

Everything is read through the reader's need-to-know: the entries are those the reader may open
(an administrator: all), the vault records those the reader sees; company-wide facts
(regulations, handling rules, trainings, pledges, the audit chain's anchors) name no entry.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from kimitsu.audit.models import Anchor, AuditEvent
from kimitsu.audit.services import chain_for
from kimitsu.organizations.access import has_perm
from kimitsu.register import permissions as RP
from kimitsu.register.choices import Status as EntryStatus
from kimitsu.register.models import Classification, DepartmentGrant, Entry, PersonGrant, Review
from kimitsu.register.selectors import entry_list
from kimitsu.timestamps.models import Kind, Timestamp

from . import selectors


@dataclass
class EntryFacts:
    entry: Entry
    classifications: list = field(default_factory=list)
    department_grants: list = field(default_factory=list)
    person_grants: list = field(default_factory=list)
    grant_events: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    pledges: list = field(default_factory=list)
    disclosures: list = field(default_factory=list)
    approvals: list = field(default_factory=list)  # requests under the handling rules
    stamps: list = field(default_factory=list)
    records: list = field(default_factory=list)


@dataclass
class Gathered:
    organization: object
    whole_company: bool
    entries: list[EntryFacts]
    stamps: list  # every stamp the pack carries, stamped or not
    records: list
    regulations: list
    rule_sets: list
    trainings: list
    anchors: list
    events: list  # audit events about the chosen entries and the stamped objects


def _entries(membership, chosen):
    if not has_perm(membership, RP.ENTRIES):
        return []
    qs = entry_list(membership).filter(status__in=[EntryStatus.APPROVED, EntryStatus.RETIRED])
    if chosen is not None:
        qs = entry_list(membership).filter(pk__in=[e.pk for e in chosen])
    return list(qs.select_related("level", "owning_department", "custodian", "decided_by"))


def gather(membership, entries=None) -> Gathered:
    from kimitsu.awareness.models import TrainingSession
    from kimitsu.pledges.models import Disclosure, Document
    from kimitsu.rules.models import Regulation, RuleSet

    org = membership.organization
    chosen = _entries(membership, entries)
    ids = [e.pk for e in chosen]
    facts = {e.pk: EntryFacts(e) for e in chosen}

    def each(qs, attr):
        for row in qs:
            getattr(facts[row.entry_id], attr).append(row)

    each(
        Classification.objects.filter(entry_id__in=ids)
        .select_related("from_level", "to_level", "classified_by")
        .order_by("created_at", "pk"),
        "classifications",
    )
    each(
        DepartmentGrant.objects.filter(entry_id__in=ids).select_related("department", "granted_by"),
        "department_grants",
    )
    each(
        PersonGrant.objects.filter(entry_id__in=ids).select_related("person", "granted_by"),
        "person_grants",
    )
    each(
        Review.objects.filter(entry_id__in=ids)
        .select_related("reviewer", "level_before", "level_after")
        .order_by("reviewed_on", "pk"),
        "reviews",
    )
    each(
        Disclosure.objects.filter(organization=org, entry_id__in=ids)
        .select_related("partner", "agreement", "approval")
        .order_by("disclosed_on", "pk"),
        "disclosures",
    )
    from django.apps import apps

    if apps.is_installed("kimitsu.approvals"):
        from kimitsu.approvals.models import ApprovalRequest

        for link in (
            ApprovalRequest.entries.through.objects.filter(entry_id__in=ids)
            .select_related("approvalrequest")
            .order_by("approvalrequest__number")
        ):
            facts[link.entry_id].approvals.append(link.approvalrequest)
    wanted = set(ids)
    for doc in (
        Document.objects.filter(organization=org)
        .exclude(entries=[])
        .select_related("person", "partner")
    ):
        for listed in doc.entries or []:
            pk = listed.get("id") if isinstance(listed, dict) else None
            if pk in wanted:
                facts[pk].pledges.append(doc)

    events = list(
        AuditEvent.objects.filter(
            chain=chain_for(org), object_type="register.entry", object_id__in=[str(i) for i in ids]
        ).order_by("seq")
    )
    for event in events:
        if event.event_type.startswith("register_grant."):
            facts[int(event.object_id)].grant_events.append(event)

    records = list(selectors.record_list(membership).order_by("number"))
    if entries is not None:
        records = [r for r in records if wanted & {e.pk for e in r.entries.all()}]
    for record in records:
        for e in record.entries.all():
            if e.pk in facts:
                facts[e.pk].records.append(record)

    stamp_q = Q(kind=Kind.DESIGNATION, object_id__in=[str(i) for i in ids])
    stamp_q |= Q(kind=Kind.VAULT, pk__in=[r.timestamp_id for r in records])
    stamp_q |= Q(kind__in=[Kind.REGULATION, Kind.RULE_SET, Kind.ATTENDANCE, Kind.ANCHOR])
    if entries is None:
        stamp_q |= Q(kind=Kind.PLEDGE)
    else:
        pledge_ids = {str(d.pk) for f in facts.values() for d in f.pledges}
        stamp_q |= Q(kind=Kind.PLEDGE, object_id__in=pledge_ids)
    stamps = list(Timestamp.objects.filter(Q(organization=org) & stamp_q).order_by("pk"))
    for stamp in stamps:
        if stamp.kind == Kind.DESIGNATION and stamp.object_id.isdigit():
            facts[int(stamp.object_id)].stamps.append(stamp)

    stamped_objects = Q()
    for stamp in stamps:
        if stamp.kind in (Kind.REGULATION, Kind.RULE_SET, Kind.ATTENDANCE, Kind.PLEDGE):
            stamped_objects |= Q(object_type=stamp.object_type, object_id=stamp.object_id)
    if stamped_objects:
        events += list(AuditEvent.objects.filter(Q(chain=chain_for(org)) & stamped_objects))
    events.sort(key=lambda e: e.seq)

    return Gathered(
        organization=org,
        whole_company=entries is None,
        entries=[facts[e.pk] for e in sorted(chosen, key=lambda e: e.ledger_number)],
        stamps=stamps,
        records=records,
        regulations=list(Regulation.objects.filter(organization=org).order_by("number")),
        rule_sets=list(RuleSet.objects.filter(organization=org).order_by("number")),
        trainings=list(
            TrainingSession.objects.filter(organization=org)
            .annotate(attendee_count=Count("attendances"))
            .order_by("held_on", "pk")
        ),
        anchors=list(
            Anchor.objects.filter(chain=chain_for(org)).select_related("timestamp").order_by("seq")
        ),
        events=events,
    )
