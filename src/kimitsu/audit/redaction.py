"""How an audit event reads to one reader.

The log keeps every event whole (evidence); what a reader may not know — the title of a register
entry outside their need-to-know — is masked when the event is shown, exported or served by the
API. The audit app is a foundation and knows no domain app, so the apps that own such names
plug a redactor in (``register_redactor``, from their ``AppConfig.ready``); every reader of the
log goes through ``for_reader``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass
class ShownEvent:
    object_repr: str
    before: object
    after: object


class Redactor:
    """The identity: what an administrator, who may know everything, sees."""

    def prepare(self, events: Iterable) -> None:
        """Learn, in as few queries as possible, what the events name."""

    def show(self, event) -> ShownEvent:
        return ShownEvent(event.object_repr, event.before, event.after)

    def search_scope(self, qs):
        """The events a search by object name may find (a search must not reveal a masked
        name by what it matches)."""
        return qs

    def name_objects(self, objects: dict[str, list], names: dict[tuple[str, object], str]):
        """How the reader may see named the objects that the events point to by id (model
        label -> instances; ``names``: (model label, pk) -> ``str(obj)``); the masked names."""
        return names


_factories: list[Callable] = []


def register_redactor(factory: Callable) -> None:
    """``factory(membership) -> Redactor | None`` (None: nothing to mask for this reader)."""
    if factory not in _factories:
        _factories.append(factory)


class _Chain(Redactor):
    def __init__(self, redactors):
        self.redactors = redactors

    def prepare(self, events):
        events = list(events)
        for r in self.redactors:
            r.prepare(events)

    def show(self, event):
        shown = ShownEvent(event.object_repr, event.before, event.after)
        for r in self.redactors:
            shown = r.show(_Shown(event, shown))
        return shown

    def search_scope(self, qs):
        for r in self.redactors:
            qs = r.search_scope(qs)
        return qs

    def name_objects(self, objects, names):
        for r in self.redactors:
            names = r.name_objects(objects, names)
        return names


class _Shown:
    """An event with the fields already redacted by an earlier redactor."""

    def __init__(self, event, shown: ShownEvent):
        self._event = event
        self.object_repr, self.before, self.after = shown.object_repr, shown.before, shown.after

    def __getattr__(self, name):
        return getattr(self._event, name)


def for_reader(membership) -> Redactor:
    redactors = [r for r in (f(membership) for f in _factories) if r is not None]
    if not redactors:
        return Redactor()
    return redactors[0] if len(redactors) == 1 else _Chain(redactors)
