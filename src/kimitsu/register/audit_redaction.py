"""The register's redactor for the audit log: entry names follow need-to-know (naming.py)."""

from django.db.models import CharField, Q
from django.db.models.functions import Cast

from kimitsu.audit.redaction import Redactor, ShownEvent

from .naming import EntryNaming

ENTRY_OBJECT = "register.entry"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _entry_pk(event) -> int | None:
    if event.object_type == ENTRY_OBJECT and str(event.object_id).isdigit():
        return int(event.object_id)
    return None


class EntryRedactor(Redactor):
    def __init__(self, membership):
        self.membership = membership
        self.naming = EntryNaming(membership)

    def prepare(self, events):
        events = list(events)
        texts, pks = [], []
        for e in events:
            texts.append(e.object_repr)
            texts.extend(_strings(e.before))
            texts.extend(_strings(e.after))
            pk = _entry_pk(e)
            if pk is not None:
                pks.append(pk)
        self.naming.learn_texts(self.membership.organization, texts, pks)

    def show(self, event) -> ShownEvent:
        pk = _entry_pk(event)
        pks = [pk] if pk is not None else []
        hidden = pk is not None and not self.naming.can_open(pk)
        return ShownEvent(
            self.naming.redact(event.object_repr, pks),
            self.naming.redact_value(event.before, pks, hidden),
            self.naming.redact_value(event.after, pks, hidden),
        )

    def name_objects(self, objects, names):
        """An entry that an event points to is named by ``EntryNaming.label``; any other
        object's name has the titles of the entries it names masked, as free text is."""
        entries = objects.get(ENTRY_OBJECT, [])
        self.naming.load(entries)
        names = dict(names)
        others = [key for key in names if key[0] != ENTRY_OBJECT]
        self.naming.learn_texts(self.membership.organization, [names[k] for k in others])
        for key in others:
            names[key] = self.naming.redact(names[key])
        for entry in entries:
            names[(ENTRY_OBJECT, entry.pk)] = self.naming.label(entry)
        return names

    def search_scope(self, qs):
        from .selectors import entry_list

        if not self.naming.may_read:
            return qs.exclude(object_type=ENTRY_OBJECT)
        visible = entry_list(self.membership).annotate(key=Cast("pk", CharField())).values("key")
        return qs.filter(~Q(object_type=ENTRY_OBJECT) | Q(object_id__in=visible))


def redactor_for(membership):
    naming = EntryNaming(membership)
    if naming.sees_everything:
        return None
    return EntryRedactor(membership)
