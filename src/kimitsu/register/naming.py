"""How a register entry is named to one reader, wherever it is named (issue 11).

The register's list, detail and API show only the entries a reader may open
(``selectors.visibility_q``). Everywhere else an entry is *named* — a pledge, a disclosure, a
checklist note, the audit log, an export, a document — and there a reader who may not open it sees
its ledger number and level, never its title or summary: 「KM-00003（閲覧権限のない項目）」. This
module is that one rule; pages use it through the ``need_to_know`` template tags, serializers and
exports call it directly.

``EntryNaming(membership)`` answers for one reader and remembers its answers, so a page asks the
database once for all the entries it names (``load``), not once per entry.
"""

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from kimitsu.organizations.access import has_perm

from . import permissions as P
from .models import Entry

# What an entry says about itself, beyond its number, level and status: masked together.
DESCRIPTIVE_FIELDS = frozenset(
    {
        "title",
        "summary",
        "storage_locations",
        "classification_reason",
        "secrecy_note",
        "usefulness_note",
        "non_public_note",
        "source",
        "note",
        "check_terms",
    }
)

# Ledger numbers inside free text: runs of letters, digits and - _ . / that hold a digit
# (KM-00003, GIJ-12, 2024/015); compared case-blind, as the register compares them.
_NUMBER_IN_TEXT = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.\-/]*")


def _pk(entry) -> int | None:
    if entry is None:
        return None
    if isinstance(entry, int):
        return entry
    if isinstance(entry, dict):
        value = entry.get("id", entry.get("pk"))
        return int(value) if value is not None else None
    return entry.pk


def _field(entry, name, default=""):
    if isinstance(entry, dict):
        return entry.get(name, default)
    return getattr(entry, name, default)


def mask_text() -> str:
    return _("(no access)")


class EntryNaming:
    """How entries are named to the reader ``membership`` (None: nobody, nothing opens)."""

    def __init__(self, membership):
        from .selectors import sees_everything

        self.membership = membership
        self.sees_everything = membership is not None and sees_everything(membership)
        self.may_read = membership is not None and has_perm(membership, P.ENTRIES)
        self._open: dict[int, bool] = {}
        # entries that texts may name: pk -> (ledger number, title, summary)
        self._known: dict[int, tuple[str, str, str]] = {}
        self._by_number: dict[str, int] = {}

    # --- may the reader open it? ---------------------------------------------------------

    def load(self, entries: Iterable) -> "EntryNaming":
        """Decide for many entries (instances, rows with an ``id``, or ids) in one query."""
        pks = {pk for pk in map(_pk, entries) if pk is not None} - self._open.keys()
        if not pks:
            return self
        if self.sees_everything or not self.may_read:
            self._open.update(dict.fromkeys(pks, self.sees_everything))
            return self
        from .selectors import entry_list

        visible = set(entry_list(self.membership).filter(pk__in=pks).values_list("pk", flat=True))
        self._open.update({pk: pk in visible for pk in pks})
        return self

    def can_open(self, entry) -> bool:
        if self.sees_everything:
            return True
        pk = _pk(entry)
        if pk is None:
            return False
        if pk not in self._open:
            self.load([pk])
        return self._open[pk]

    def can_open_all(self, entries: Iterable) -> bool:
        entries = list(entries)
        self.load(entries)
        return all(self.can_open(e) for e in entries)

    # --- names ---------------------------------------------------------------------------

    def title(self, entry) -> str:
        """The entry's title, or 「（閲覧権限のない項目）」."""
        return str(_field(entry, "title")) if self.can_open(entry) else mask_text()

    def label(self, entry) -> str:
        """「KM-00003 橋梁補修の施工図」, or 「KM-00003（閲覧権限のない項目）」."""
        number = str(_field(entry, "ledger_number"))
        if self.can_open(entry):
            return f"{number} {_field(entry, 'title')}".strip()
        return f"{number}{mask_text()}"

    # --- free text (the audit log, notes that list entries) ------------------------------

    def learn_texts(self, organization, texts: Iterable[str], pks: Iterable = ()) -> None:
        """Find the entries that these texts name by ledger number (and those given by id), so
        that ``redact`` can mask the ones the reader may not open. One query for all texts."""
        if self.sees_everything:
            return
        numbers = set()
        for text in texts:
            if text:
                numbers.update(m.upper() for m in _NUMBER_IN_TEXT.findall(text) if _digit(m))
        pks = {int(pk) for pk in pks if str(pk).isdigit()} - self._known.keys()
        numbers -= self._by_number.keys()
        if not numbers and not pks:
            return
        from django.db.models import Q
        from django.db.models.functions import Upper

        rows = (
            Entry.objects.filter(organization=organization)
            .annotate(number_upper=Upper("ledger_number"))
            .filter(Q(number_upper__in=numbers) | Q(pk__in=pks))
            .values_list("pk", "ledger_number", "title", "summary")
        )
        for pk, number, title, summary in rows:
            self._known[pk] = (number, title or "", summary or "")
            self._by_number[number.upper()] = pk
        self.load(self._known)

    def _hidden_in(self, text: str, pks: Iterable[int] = ()) -> list[tuple[str, str, str]]:
        found = {
            self._by_number[m.upper()]
            for m in _NUMBER_IN_TEXT.findall(text)
            if m.upper() in self._by_number
        }
        found.update(pk for pk in pks if pk in self._known)
        return [self._known[pk] for pk in found if not self.can_open(pk)]

    def redact(self, text: str, pks: Iterable[int] = ()) -> str:
        """The text with the titles and summaries of the entries it names (by ledger number, or
        ``pks``) masked where the reader may not open them. Call ``learn_texts`` first."""
        if self.sees_everything or not text or not isinstance(text, str):
            return text
        for number, title, summary in self._hidden_in(text, pks):
            mask = mask_text()
            if title:
                text = text.replace(f"{number} {title}", f"{number}{mask}")
                text = text.replace(title, mask)
            if summary:
                text = text.replace(summary, mask)
        return text

    def redact_value(self, value, pks: Iterable[int] = (), hidden_object: bool = False):
        """A before/after value of the audit log, redacted throughout; for an event about an
        entry the reader may not open (``hidden_object``), its descriptive fields are masked
        whatever they hold."""
        if self.sees_everything or value is None:
            return value
        pks = list(pks)
        if isinstance(value, dict):
            return {
                k: (
                    mask_text()
                    if hidden_object and k in DESCRIPTIVE_FIELDS and v not in ("", None)
                    else self.redact_value(v, pks, hidden_object)
                )
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [self.redact_value(v, pks, hidden_object) for v in value]
        if isinstance(value, str):
            return self.redact(value, pks)
        return value


def _digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def naming_for(request, membership) -> EntryNaming:
    """The reader's naming, kept on the request so that every tag of a page shares it."""
    cache = getattr(request, "_kimitsu_naming", None)
    if cache is None or cache.membership is not membership:
        cache = EntryNaming(membership)
        if request is not None:
            request._kimitsu_naming = cache
    return cache


def naming_from_context(context) -> EntryNaming:
    """For serializers: the reader of the request being answered (nobody, when there is none:
    then nothing opens and every entry is named by its number only)."""
    request = context.get("request")
    view = context.get("view")
    membership = getattr(view, "membership", None) or getattr(request, "membership", None)
    django_request = getattr(request, "_request", request)
    return naming_for(django_request, membership)
