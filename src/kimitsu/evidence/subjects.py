"""What kimitsu stamps by itself, and the exact bytes it stamps.

Every change that makes something evidence is an audit event (kimitsu.audit); one receiver of
those events asks for a timestamp over a canonical snapshot of the object, inside the change's own
transaction, so that the stamp is made exactly when the change is and is never lost:

- a register entry's designation, when it is approved or its level changes;
- a regulation version, when it is approved (it comes into force on its date);
- the handling rules, when a version is approved;
- a pledge's signed copy (the PDF as signed, by its SHA-256: a scan, or the electronic signature);
- a training's attendance record, when attendance is recorded or removed.

An import of thousands of entries is not stamped entry by entry (a commercial TSA charges per
token): its events are in the audit chain, which the daily anchor stamps whole.
A snapshot is sorted-key JSON (``timestamps.services.canonical``); several events about the same
object in one transaction (ten attendees added at once) make one stamp of the final state.
"""

from django.db import connection, transaction
from django.db.models.signals import post_save

from kimitsu.audit.models import AuditEvent
from kimitsu.timestamps import services as stamps
from kimitsu.timestamps import tsa
from kimitsu.timestamps.models import Kind, Timestamp

SKIPPED_FIELDS = {"search_text", "created_at", "updated_at", "organization", "scan"}


def _value(obj, field):
    if field.is_relation and field.many_to_one:
        related = getattr(obj, field.name)
        return None if related is None else {"id": related.pk, "name": str(related)}
    value = getattr(obj, field.attname)
    return value.isoformat() if hasattr(value, "isoformat") else value


def snapshot(obj, skip=()) -> dict:
    """The object's own fields, foreign keys as their id and name."""
    return {
        f.name: _value(obj, f)
        for f in obj._meta.concrete_fields
        if f.name not in SKIPPED_FIELDS and f.name not in skip
    }


def designation(entry) -> dict:
    from kimitsu.register.models import Entry

    entry = Entry.objects.select_related(
        "level", "owning_department", "custodian", "decided_by", "proposed_by"
    ).get(pk=entry.pk)
    data = snapshot(entry)
    data["level"] = (
        {"code": entry.level.code, "name": entry.level.name, "rank": entry.level.rank}
        if entry.level
        else None
    )
    return {"kind": "designation", "entry": data}


def regulation(reg) -> dict:
    articles = [snapshot(a, skip={"regulation", "id"}) for a in reg.articles.order_by("position")]
    return {"kind": "regulation", "regulation": snapshot(reg), "articles": articles}


def rule_set(rs) -> dict:
    rules = [
        snapshot(r, skip={"rule_set", "id"})
        for r in rs.rules.select_related("level").order_by("level__rank", "action")
    ]
    return {"kind": "rule_set", "rule_set": snapshot(rs), "rules": rules}


def attendance(session) -> dict:
    people = [
        {"person": a.person_id, "employee_number": a.person.employee_number, "name": str(a.person)}
        for a in session.attendances.select_related("person").order_by("person__employee_number")
    ]
    return {"kind": "attendance", "training": snapshot(session), "attendees": people}


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


# event type -> (kind, model label, snapshot builder; None: the object's file hash is stamped)
SUBJECTS = {
    "register_entry.approved": (Kind.DESIGNATION, "register.entry", designation),
    "register_entry.classified": (Kind.DESIGNATION, "register.entry", designation),
    "regulation.approved": (Kind.REGULATION, "rules.regulation", regulation),
    "rule_set.approved": (Kind.RULE_SET, "rules.ruleset", rule_set),
    "pledge_document.scan_uploaded": (Kind.PLEDGE, "pledges.document", None),
    "pledge_document.signed_electronically": (Kind.PLEDGE, "pledges.document", None),
    "attendance.added": (Kind.ATTENDANCE, "awareness.trainingsession", attendance),
    "attendance.removed": (Kind.ATTENDANCE, "awareness.trainingsession", attendance),
    "attendance.imported": (Kind.ATTENDANCE, "awareness.trainingsession", attendance),
}


def _open_stamps() -> dict:
    """(kind, object) -> pending stamp made in the transaction now open on this connection.

    The map lives as long as the transaction: it is emptied by its commit, and forgotten when
    the transaction (or the savepoint in which it began) is rolled back — Django then drops the
    callback below from the connection's pending ones, which is how a new transaction is told
    from the old one (row ids are reused after a rollback)."""
    state = getattr(connection, "_kimitsu_open_stamps", None)
    if state is not None and any(item[1] is state[1] for item in connection.run_on_commit):
        return state[0]
    opened: dict = {}
    forget = opened.clear  # one object: a new ``opened.clear`` would be another bound method
    connection._kimitsu_open_stamps = (opened, forget)
    transaction.on_commit(forget)
    return opened


def label_for(kind, obj) -> str:
    """What the stamp is about, without naming a secret: a ledger number, a version, an id."""
    if kind == Kind.DESIGNATION:
        return f"{obj.ledger_number}"
    if kind in (Kind.REGULATION, Kind.RULE_SET):
        return f"v{obj.number}"
    if kind == Kind.PLEDGE:
        return f"#{obj.pk}"
    from kimitsu.core.dates import for_document

    return f"#{obj.pk} {for_document(obj.held_on, obj.organization)}"


def stamp_event(event: AuditEvent) -> Timestamp | None:
    subject = SUBJECTS.get(event.event_type)
    if subject is None or event.organization_id is None or not event.object_id:
        return None
    kind, label, build = subject
    obj = _model(label).objects.filter(pk=event.object_id).first()
    if obj is None:
        return None
    if build is None:
        if not getattr(obj, "scan_sha256", ""):
            return None
        fields = {"sha256": obj.scan_sha256}
    else:
        fields = {"document": stamps.canonical(build(obj))}
    key = (kind, label, str(obj.pk))
    opened = _open_stamps() if connection.in_atomic_block else {}
    pk = opened.get(key)
    if pk is not None and build is not None:
        document = fields["document"]
        updated = Timestamp.objects.filter(
            pk=pk,
            kind=kind,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            status__in=["pending", "off"],
            token=None,
        ).update(document=document.decode("utf-8"), sha256=tsa.sha256_hex(document))
        if updated:
            return Timestamp.objects.get(pk=pk)
    stamp = stamps.request(
        organization=event.organization,
        kind=kind,
        obj=obj,
        label=label_for(kind, obj),
        **fields,
    )
    opened[key] = stamp.pk
    return stamp


def _on_event(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.event_type in SUBJECTS:
        stamp_event(instance)


def connect() -> None:
    post_save.connect(_on_event, sender=AuditEvent, dispatch_uid="evidence.stamp_event")
