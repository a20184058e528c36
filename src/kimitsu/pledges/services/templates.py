from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.organizations.access import require

from .. import permissions as P
from ..choices import TemplateKind, VersionStatus
from ..defaults import DEFAULTS
from ..models import Clause, TemplateVersion
from .common import same_org, snapshot, validated_save

TEMPLATE_FIELDS = ["title", "marking", "note", "status"]
CLAUSE_FIELDS = ["position", "heading", "body", "variant", "lists_entries"]


def _check_draft(template: TemplateVersion):
    if not template.is_editable:
        raise ValidationError(_("Only a draft can be changed; create a new version first."))


@transaction.atomic
def templates_install_defaults(*, actor, organization, adopt: bool = False) -> list:
    """Version 1 of every kind that the company does not have yet, from kimitsu's defaults.
    Idempotent."""
    created = []
    for kind in TemplateKind.values:
        if TemplateVersion.objects.filter(organization=organization, kind=kind).exists():
            continue
        spec = DEFAULTS[kind]
        version = TemplateVersion.objects.create(
            organization=organization,
            kind=kind,
            version=1,
            title=spec["title"],
            marking=spec["marking"],
            note="kimitsu の標準雛形",
            status=VersionStatus.ADOPTED if adopt else VersionStatus.DRAFT,
            adopted_at=timezone.now() if adopt else None,
            adopted_by=actor if adopt and getattr(actor, "is_authenticated", False) else None,
        )
        Clause.objects.bulk_create(
            [
                Clause(
                    template=version,
                    position=(i + 1) * 10,
                    heading=h,
                    body=b,
                    variant=v,
                    lists_entries=lst,
                )
                for i, (h, b, v, lst) in enumerate(spec["clauses"])
            ]
        )
        audit.record(
            event_type="pledge_template.created",
            organization=organization,
            actor=actor,
            obj=version,
            after={
                **snapshot(version, TEMPLATE_FIELDS + ["kind", "version"]),
                "clauses": len(spec["clauses"]),
                "source": "defaults",
            },
        )
        if adopt:
            audit.record(
                event_type="pledge_template.adopted",
                organization=organization,
                actor=actor,
                obj=version,
                after={"version": 1},
            )
        created.append(version)
    return created


@transaction.atomic
def template_new_version(*, actor, membership, template: TemplateVersion) -> TemplateVersion:
    """A draft copy of a version, to be edited and adopted."""
    require(membership, P.TEMPLATES_MANAGE)
    same_org(membership, template)
    org = membership.organization
    draft = TemplateVersion.objects.filter(
        organization=org, kind=template.kind, status=VersionStatus.DRAFT
    ).first()
    if draft is not None:
        raise ValidationError(
            _("Version %(n)d is already a draft of this template; edit it.") % {"n": draft.version}
        )
    last = (
        TemplateVersion.objects.filter(organization=org, kind=template.kind).aggregate(
            n=Max("version")
        )["n"]
        or 0
    )
    new = TemplateVersion.objects.create(
        organization=org,
        kind=template.kind,
        version=last + 1,
        title=template.title,
        marking=template.marking,
        status=VersionStatus.DRAFT,
    )
    Clause.objects.bulk_create(
        [
            Clause(
                template=new,
                position=c.position,
                heading=c.heading,
                body=c.body,
                variant=c.variant,
                lists_entries=c.lists_entries,
            )
            for c in template.clauses.all()
        ]
    )
    audit.record(
        event_type="pledge_template.created",
        organization=org,
        actor=actor,
        obj=new,
        after={"kind": new.kind, "version": new.version, "copied_from": template.version},
    )
    return new


@transaction.atomic
def template_update(*, actor, membership, template: TemplateVersion, data: dict):
    require(membership, P.TEMPLATES_MANAGE)
    same_org(membership, template)
    _check_draft(template)
    before = snapshot(template, TEMPLATE_FIELDS)
    for key in ("title", "marking", "note"):
        if key in data:
            setattr(template, key, data[key])
    validated_save(template)
    b, a = audit.diff(before, snapshot(template, TEMPLATE_FIELDS))
    if a:
        audit.record(
            event_type="pledge_template.updated",
            organization=template.organization,
            actor=actor,
            obj=template,
            before=b,
            after=a,
        )
    return template


@transaction.atomic
def template_adopt(*, actor, membership, template: TemplateVersion) -> TemplateVersion:
    require(membership, P.TEMPLATES_MANAGE)
    same_org(membership, template)
    _check_draft(template)
    if not template.clauses.exists():
        raise ValidationError(_("A template without clauses cannot be adopted."))
    previous = list(
        TemplateVersion.objects.select_for_update().filter(
            organization=template.organization, kind=template.kind, status=VersionStatus.ADOPTED
        )
    )
    for old in previous:
        old.status = VersionStatus.SUPERSEDED
        old.save(update_fields=["status"])
    template.status = VersionStatus.ADOPTED
    template.adopted_at = timezone.now()
    template.adopted_by = actor
    template.save(update_fields=["status", "adopted_at", "adopted_by"])
    audit.record(
        event_type="pledge_template.adopted",
        organization=template.organization,
        actor=actor,
        obj=template,
        before={"adopted_version": previous[0].version if previous else None},
        after={"adopted_version": template.version},
    )
    return template


@transaction.atomic
def clause_create(*, actor, membership, template: TemplateVersion, data: dict) -> Clause:
    require(membership, P.TEMPLATES_MANAGE)
    same_org(membership, template)
    _check_draft(template)
    clause = Clause(template=template)
    for key in CLAUSE_FIELDS:
        if key in data:
            setattr(clause, key, data[key])
    if clause.position is None:
        clause.position = (template.clauses.aggregate(n=Max("position"))["n"] or 0) + 10
    validated_save(clause)
    audit.record(
        event_type="pledge_clause.created",
        organization=template.organization,
        actor=actor,
        obj=template,
        object_repr=f"{template} — {clause.heading}",
        after=snapshot(clause, CLAUSE_FIELDS),
    )
    return clause


@transaction.atomic
def clause_update(*, actor, membership, clause: Clause, data: dict) -> Clause:
    require(membership, P.TEMPLATES_MANAGE)
    template = clause.template
    same_org(membership, template)
    _check_draft(template)
    before = snapshot(clause, CLAUSE_FIELDS)
    for key in CLAUSE_FIELDS:
        if key in data:
            setattr(clause, key, data[key])
    validated_save(clause)
    b, a = audit.diff(before, snapshot(clause, CLAUSE_FIELDS))
    if a:
        audit.record(
            event_type="pledge_clause.updated",
            organization=template.organization,
            actor=actor,
            obj=template,
            object_repr=f"{template} — {clause.heading}",
            before=b,
            after=a,
        )
    return clause


@transaction.atomic
def clause_delete(*, actor, membership, clause: Clause) -> None:
    require(membership, P.TEMPLATES_MANAGE)
    template = clause.template
    same_org(membership, template)
    _check_draft(template)
    audit.record(
        event_type="pledge_clause.deleted",
        organization=template.organization,
        actor=actor,
        obj=template,
        object_repr=f"{template} — {clause.heading}",
        before=snapshot(clause, CLAUSE_FIELDS),
    )
    clause.delete()
