"""How the changes of an audit event read to a person: 「部署: 工事部 → 設計部」, not
``department: 2 → 5``.

An event's before/after hold the values its service recorded, keyed by field name (the log is
evidence and keeps them as they were). Here each key is named by the field's verbose name, found
on the event's model (``object_type`` is its ``label_lower``) or, for an event that records a row
it holds (an attendance of a training), on a model of the same app that points to it; the key
itself when no model knows it. Ids of related objects are named by the objects' ``str()``, read
a model at a time for the whole page (``Describer.prepare``), inside the workspace, and masked as
the reader's redactor says (an entry outside the reader's need-to-know: its number only).
"""

import datetime as dt
import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from kimitsu.core import dates

from .redaction import Redactor

EMPTY = "—"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


@dataclass(frozen=True)
class Change:
    """One changed field: its label, and its value before and after (「」: the event has no
    such side, as a creation has no before)."""

    key: str
    label: str
    before: str
    after: str


@functools.cache
def model_for(object_type: str):
    if not object_type or "." not in object_type:
        return None
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _usable(field) -> bool:
    return getattr(field, "concrete", False) or (
        getattr(field, "many_to_many", False) and not getattr(field, "auto_created", False)
    )


def _own_field(model, key: str):
    opts = model._meta
    try:
        field = opts.get_field(key)
    except FieldDoesNotExist:
        field = next((f for f in opts.concrete_fields if f.attname == key), None)
    return field if field is not None and _usable(field) else None


@functools.cache
def field_for(object_type: str, key: str):
    """The model field that an event's key records, or None: the event's model's own; else that
    of a model of its app that points to it (an attendance of a training, a checklist's item);
    else the one field of kimitsu that bears the name (an attendance records the person's
    employee number), when every field so named means the same."""
    model = model_for(object_type)
    if model is not None:
        field = _own_field(model, key)
        if field is not None:
            return field
        for relation in model._meta.related_objects:
            child = relation.related_model
            if child._meta.app_label == model._meta.app_label and child is not model:
                field = _own_field(child, key)
                if field is not None:
                    return field
    return _only_field_named(key)


@functools.cache
def _only_field_named(key: str):
    found = [
        field
        for model in apps.get_models()
        if model.__module__.startswith("kimitsu.")
        for field in [_own_field(model, key)]
        if field is not None and field.name == key
    ]
    with translation.override(None):
        meanings = {_label(field) for field in found}
    return found[0] if len(meanings) == 1 else None


def _explicit_verbose_name(field) -> bool:
    # Django keeps the verbose name as given (None: made from the field's name) for migrations.
    return getattr(field, "_verbose_name", field.verbose_name) is not None


def _label(field) -> str:
    if field.is_relation and not _explicit_verbose_name(field):
        return str(field.related_model._meta.verbose_name)
    return str(field.verbose_name)


def field_label(object_type: str, key: str) -> str:
    """「部署」 for (organizations.person, department); the key when no model knows it."""
    field = field_for(object_type, key)
    return key if field is None else _label(field)


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _related_ids(field, value) -> list[int]:
    """The ids of related objects that a recorded value holds (a name recorded as text, as some
    services record a person's employee number, is shown as it is)."""
    if field is None or not field.is_relation or field.related_model is None:
        return []
    if field.many_to_many and isinstance(value, list):
        return [v for v in value if _is_id(v)]
    if (field.many_to_one or field.one_to_one) and _is_id(value):
        return [value]
    return []


def _scoped(model, organization):
    """The rows of ``model`` that belong to the workspace: its own, by its ``organization`` or
    that of the object it belongs to; users, by their membership of it."""
    qs = model._default_manager.all()
    if organization is None:
        return qs
    opts = model._meta
    if model is type(organization):
        return qs.filter(pk=organization.pk)
    if model._meta.label == settings.AUTH_USER_MODEL:
        return qs.filter(memberships__organization=organization).distinct()
    names = {f.name: f for f in opts.concrete_fields}
    if "organization" in names:
        return qs.filter(organization=organization)
    for field in opts.concrete_fields:
        if field.many_to_one and _own_field(field.related_model, "organization") is not None:
            return qs.filter(**{f"{field.name}__organization": organization})
    return qs.none()


def _sides(event):
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    return before, after


class Describer:
    """Describes the changes of a page of events to one reader. ``prepare`` the page first (one
    query per related model), then ``changes`` each event."""

    def __init__(self, organization, redactor: Redactor | None = None):
        self.organization = organization
        self.redactor = redactor or Redactor()
        self.names: dict[tuple[str, object], str] = {}

    def prepare(self, events) -> "Describer":
        wanted: dict[type, set[int]] = defaultdict(set)
        for event in events:
            before, after = _sides(event)
            for key, value in [*before.items(), *after.items()]:
                field = field_for(event.object_type, key)
                for pk in _related_ids(field, value):
                    wanted[field.related_model].add(pk)
        objects: dict[str, list] = {}
        names: dict[tuple[str, object], str] = {}
        for model, pks in wanted.items():
            label = model._meta.label_lower
            found = list(_scoped(model, self.organization).filter(pk__in=pks))
            objects[label] = found
            names.update({(label, obj.pk): str(obj) for obj in found})
        self.names.update(self.redactor.name_objects(objects, names))
        return self

    def changes(self, event) -> list[Change]:
        before, after = _sides(event)
        rows = []
        for key in dict.fromkeys([*before, *after]):
            rows.append(
                Change(
                    key=key,
                    label=field_label(event.object_type, key),
                    before=self.value(event.object_type, key, before.get(key))
                    if event.before is not None
                    else "",
                    after=self.value(event.object_type, key, after.get(key))
                    if event.after is not None
                    else "",
                )
            )
        return rows

    def value(self, object_type: str, key: str, value) -> str:
        """A recorded value as the reader reads it: a related object by its name, a choice by
        its label, はい/いいえ, a date in the workspace's style; an empty one as a dash."""
        if value is None or value == "" or value == []:
            return EMPTY
        field = field_for(object_type, key)
        if field is not None and field.is_relation and field.related_model is not None:
            ids = _related_ids(field, value)
            if ids:
                label = field.related_model._meta.label_lower
                return "、".join(self._name(label, pk) for pk in ids)
        return self._plain(field, value)

    def _name(self, label: str, pk) -> str:
        name = self.names.get((label, pk))
        return name if name is not None else _("#%(id)s (not found)") % {"id": pk}

    def _plain(self, field, value) -> str:
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, dict):
            return "、".join(f"{k}: {self._plain(None, v)}" for k, v in value.items()) or EMPTY
        if isinstance(value, list):
            return "、".join(self._plain(None, v) for v in value) or EMPTY
        if field is not None and field.choices:
            choices = {str(k): v for k, v in field.flatchoices}
            if str(value) in choices:
                return str(choices[str(value)])
        if isinstance(value, str):
            return self._date(field, value) or value
        return str(value)

    def _date(self, field, value: str) -> str:
        if isinstance(field, models.DateTimeField) or (
            field is None and _ISO_DATETIME.match(value)
        ):
            moment = parse_datetime(value)
            if moment is not None:
                if timezone.is_aware(moment):
                    moment = timezone.localtime(moment)
                day = dates.for_reader(moment.date(), self.organization)
                return f"{day} {formats.time_format(moment.time(), 'H:i')}"
        if isinstance(field, models.DateField) or (field is None and _ISO_DATE.match(value)):
            day = parse_date(value) if _ISO_DATE.match(value) else None
            if isinstance(day, dt.date):
                return dates.for_reader(day, self.organization)
        return ""
