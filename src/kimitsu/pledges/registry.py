"""The few things this app needs from the secret register, in one place."""

from kimitsu.register import selectors as register_selectors
from kimitsu.register import services as register_services
from kimitsu.register.choices import Category, Status
from kimitsu.register.models import Entry


def accessible_entries(person) -> list:
    return list(register_selectors.entries_accessible_by_person(person))


def entry_row(entry) -> dict:
    """What a pledge may say about an entry: never more than the non-disclosing title."""
    level = entry.level
    return {
        "id": entry.pk,
        "ledger_number": entry.ledger_number,
        "title": entry.title,
        "level": level.name if level else "",
        "rank": level.rank if level else 0,
        "marking": level.marking_text if level else "",
    }


def accessible_rows(person) -> list[dict]:
    return [entry_row(e) for e in accessible_entries(person)]


def access_with_reasons(membership, person) -> tuple[list[dict], int]:
    """The accessible entries with how each is reached (direct grant, department, custodian),
    those the reader may open in the register, and how many more there are."""
    items, hidden = register_selectors.person_access_seen_by(membership, person)
    rows = []
    for item in items:
        row = entry_row(item["entry"])
        row.update(
            direct=item["direct"], custodian=item["custodian"], departments=item["departments"]
        )
        rows.append(row)
    return rows, hidden


def revoke_grants(*, actor, organization, person, reason: str) -> int:
    return register_services.grants_revoke_for_person(
        actor=actor, organization=organization, person=person, reason=reason
    )


def custody_count(person) -> int:
    return Entry.objects.filter(
        organization_id=person.organization_id, custodian=person, status=Status.APPROVED
    ).count()


def disclosable_entries(membership):
    """Approved entries the acting member may see (the register's own visibility rules)."""
    return register_selectors.entry_list(membership).filter(status=Status.APPROVED)


def received_entries(membership):
    return disclosable_entries(membership).filter(category=Category.THIRD_PARTY)


def entry_in_org(organization, pk):
    return Entry.objects.filter(organization=organization, pk=pk).select_related("level").first()
