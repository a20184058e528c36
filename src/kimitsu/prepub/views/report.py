"""The report of one checked draft, as one reader may see it.

Hits are grouped by what they belong to (a register entry, or a 権利化・秘匿化 decision), in the
order the draft meets them. Each group says whom to ask — the entry's custodian and its owning
department — and names the entry as need-to-know allows: a reader who may not open it sees its
ledger number and level, never its title nor the term as registered (the words of the draft
itself are the reader's own).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kimitsu.awareness import permissions as AP
from kimitsu.awareness.selectors import decision_list
from kimitsu.organizations.access import has_perm
from kimitsu.register.models import Entry
from kimitsu.register.naming import EntryNaming

from .. import extract
from ..selectors import DECISION, ENTRY


def place_label(hit: dict) -> str:
    """Where in the draft a hit is: 「3ページ」, 「スライド 4 のノート」, 「Sheet1!B4」…"""
    page, place, ref = hit.get("page"), hit.get("place"), hit.get("ref") or ""
    if place == extract.PARAGRAPH:
        return _("page %(page)d, paragraph %(n)s") % {"page": page, "n": ref}
    if place == extract.TABLE:
        table, row, column = (ref.split(":") + ["", "", ""])[:3]
        return _("page %(page)d, table %(t)s, row %(r)s, column %(c)s") % {
            "page": page,
            "t": table,
            "r": row,
            "c": column,
        }
    if place == extract.HEADER:
        return _("header or footer")
    if place == extract.NOTE:
        return _("footnote or comment")
    if place == extract.SLIDE:
        return _("slide %(n)d") % {"n": page}
    if place == extract.NOTES:
        return _("notes of slide %(n)d") % {"n": page}
    if place == extract.CELL:
        if "!" in ref:
            return _("cell %(ref)s") % {"ref": ref}
        return _("name of sheet %(n)d") % {"n": page}
    return _("page %(n)d") % {"n": page}


@dataclass
class Group:
    """The hits of one entry (or decision) in a draft."""

    source: str
    pk: int
    entry: Entry | None = None
    decision: object = None
    can_open: bool = False
    hits: list[dict] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        """The terms as registered: only for a reader who may open the entry."""
        if not self.can_open:
            return []
        return sorted({h["term"] for h in self.hits})


def groups(membership, version) -> list[Group]:
    """The version's hits, grouped, for this reader (three queries, whatever the number)."""
    found: dict[tuple, Group] = {}
    for hit in version.hits:
        key = (hit["source"], hit["id"])
        if key not in found:
            found[key] = Group(source=hit["source"], pk=hit["id"])
        found[key].hits.append({**hit, "where": place_label(hit)})
    entry_ids = [pk for source, pk in found if source == ENTRY]
    entries = Entry.objects.filter(
        organization_id=version.request.organization_id, pk__in=entry_ids
    ).select_related("level", "custodian", "owning_department")
    naming = EntryNaming(membership).load(entry_ids)
    for entry in entries:
        group = found[(ENTRY, entry.pk)]
        group.entry = entry
        group.can_open = naming.can_open(entry)
    decision_ids = [pk for source, pk in found if source == DECISION]
    if decision_ids:
        from kimitsu.awareness.models import PatentDecision

        readable = set()
        if has_perm(membership, AP.DECISION_VIEW):
            readable = set(
                decision_list(membership).filter(pk__in=decision_ids).values_list("pk", flat=True)
            )
        for decision in PatentDecision.objects.filter(
            organization_id=version.request.organization_id, pk__in=decision_ids
        ):
            group = found[(DECISION, decision.pk)]
            group.decision = decision
            group.can_open = decision.pk in readable
    # an entry deleted since the check is still reported, by what the check recorded
    return list(found.values())
