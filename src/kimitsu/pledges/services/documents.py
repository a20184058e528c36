import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.core.dates import for_reader
from kimitsu.core.validators import check_fields
from kimitsu.organizations.access import require
from kimitsu.organizations.choices import PersonStatus

from .. import permissions as P
from .. import registry, selectors
from ..choices import (
    DOCUMENT_TRANSITIONS,
    PERSON_KINDS,
    PLEDGE_KINDS,
    DocumentStatus,
    NdaDirection,
    StepCode,
    TemplateKind,
)
from ..models import Document, DocumentTransition
from ..rendering import company_party
from .common import same_org, store_scan, validate_upload  # noqa: F401

FIELDS_BY_KIND = {
    TemplateKind.PLEDGE_HIRE: [],
    TemplateKind.PLEDGE_PROJECT: ["project"],
    TemplateKind.PLEDGE_EXIT: [
        "noncompete",
        "nc_period_months",
        "nc_region",
        "nc_scope",
        "nc_compensation",
    ],
    TemplateKind.HIRE_CHECK: ["former_employer", "former_duties", "not_to_bring", "own_knowledge"],
    TemplateKind.NDA: ["direction", "purpose", "term_years", "survival_years", "court"],
    TemplateKind.OUTSOURCING: ["purpose", "survival_years"],
}
FIELD_DEFAULTS = {
    TemplateKind.NDA: {
        "direction": NdaDirection.MUTUAL,
        "term_years": 3,
        "survival_years": 3,
        "court": "甲の本店所在地を管轄する地方裁判所",
    },
    TemplateKind.OUTSOURCING: {"survival_years": 3},
}
REQUIRED = {
    TemplateKind.PLEDGE_PROJECT: ["project"],
    TemplateKind.HIRE_CHECK: ["former_employer"],
    TemplateKind.NDA: ["purpose", "court"],
    TemplateKind.OUTSOURCING: ["purpose"],
}
# The checklist step a signed document completes.
STEP_FOR_KIND = {
    TemplateKind.PLEDGE_HIRE: StepCode.HIRE_PLEDGE,
    TemplateKind.HIRE_CHECK: StepCode.HIRE_CHECK,
    TemplateKind.PLEDGE_EXIT: StepCode.EXIT_PLEDGE,
}


def clean_fields(kind: str, fields: dict | None) -> dict:
    fields = fields or {}
    out = dict(FIELD_DEFAULTS.get(kind, {}))
    for key in FIELDS_BY_KIND[kind]:
        value = fields.get(key)
        if value is None or value == "":
            continue
        out[key] = value.strip() if isinstance(value, str) else value
    errors = {}
    for key in REQUIRED.get(kind, []):
        if not out.get(key):
            errors[key] = _("This field is required for this document.")
    if kind == TemplateKind.PLEDGE_EXIT:
        out["noncompete"] = bool(out.get("noncompete"))
        if out["noncompete"]:
            for key in ("nc_period_months", "nc_region", "nc_scope"):
                if not out.get(key):
                    errors[key] = _("A non-compete needs its period, region and business scope.")
    if kind == TemplateKind.NDA and out.get("direction") not in NdaDirection.values:
        errors["direction"] = _("Choose mutual or one-way.")
    if errors:
        raise ValidationError(errors)
    return out


def _add_transition(document, from_status, to_status, actor, note=""):
    transition = DocumentTransition(
        document=document,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        note=note[:300],
    )
    check_fields(transition, "note")
    transition.save()


def _document_audit(document):
    return {
        "kind": document.kind,
        "template_version": document.template.version,
        "person": document.person.employee_number if document.person_id else None,
        "partner": document.partner.name if document.partner_id else None,
        "status": document.status,
        "entries": [e["ledger_number"] for e in document.entries],
    }


def _create(*, actor, organization, template, kind, person, partner, fields, document_date):
    document = Document(
        organization=organization,
        template=template,
        kind=kind,
        person=person,
        partner=partner,
        fields=fields,
        document_date=document_date or dt.date.today(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    check_fields(document, "document_date")
    if kind == TemplateKind.PLEDGE_EXIT:
        document.entries = registry.accessible_rows(person)
    document.save(force_insert=True)
    _add_transition(
        document,
        "",
        DocumentStatus.DRAFT,
        actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        event_type="pledge_document.created",
        organization=organization,
        actor=actor,
        obj=document,
        after=_document_audit(document),
    )
    return document


@transaction.atomic
def document_create(
    *, actor, membership, kind: str, person=None, partner=None, fields=None, document_date=None
) -> Document:
    """Issue (作成) a document of the company's adopted template to a person or a partner."""
    require(membership, P.MANAGE)
    same_org(membership, person, partner)
    org = membership.organization
    if kind not in TemplateKind.values:
        raise ValidationError({"kind": _("Unknown kind of document.")})
    template = selectors.current_template(org, kind)
    if template is None:
        raise ValidationError({"kind": _("Adopt a template of this kind first.")})
    if kind in PERSON_KINDS:
        if person is None:
            raise ValidationError({"person": _("Choose the person.")})
        if person.status == PersonStatus.LEFT:
            raise ValidationError({"person": _("This person has already left.")})
        selectors.person_get(membership, person.pk)  # within the member's scope
        if kind == TemplateKind.PLEDGE_EXIT and person.status != PersonStatus.LEAVING:
            raise ValidationError(
                {"person": _("An exit pledge is for a person marked as leaving.")}
            )
        partner = None
    else:
        if partner is None:
            raise ValidationError({"partner": _("Choose the partner.")})
        person = None
    return _create(
        actor=actor,
        organization=org,
        template=template,
        kind=kind,
        person=person,
        partner=partner,
        fields=clean_fields(kind, fields),
        document_date=document_date,
    )


@transaction.atomic
def documents_batch_issue(*, actor, membership, kind: str, document_date=None) -> list:
    """One document of the current version for every active person who has none (a refused
    one does not count)."""
    require(membership, P.MANAGE)
    if kind not in PLEDGE_KINDS:
        raise ValidationError({"kind": _("Batch issue is for the hiring and project pledges.")})
    template = selectors.current_template(membership.organization, kind)
    if template is None:
        raise ValidationError({"kind": _("Adopt a template of this kind first.")})
    if kind == TemplateKind.PLEDGE_PROJECT:
        raise ValidationError(
            {"kind": _("A project pledge names its project; issue it person by person.")}
        )
    created = []
    for person in selectors.lacking_version(membership, template):
        created.append(
            _create(
                actor=actor,
                organization=membership.organization,
                template=template,
                kind=kind,
                person=person,
                partner=None,
                fields=clean_fields(kind, {}),
                document_date=document_date,
            )
        )
    return created


@transaction.atomic
def document_transition(
    *, actor, membership, document: Document, to_status: str, on=None, note: str = ""
) -> Document:
    """作成 → 交付 → 署名済 / 拒否, each step in the document's history."""
    require(membership, P.MANAGE)
    same_org(membership, document)
    document = Document.objects.select_for_update().get(pk=document.pk)
    current = document.status
    if to_status not in DOCUMENT_TRANSITIONS.get(current, set()):
        raise ValidationError(
            _("A document that is “%(from)s” cannot become “%(to)s”.")
            % {
                "from": DocumentStatus(current).label,
                "to": DocumentStatus(to_status).label
                if to_status in DocumentStatus.values
                else to_status,
            }
        )
    if to_status == DocumentStatus.REFUSED and not note.strip():
        raise ValidationError({"note": _("Write down why the document was refused.")})
    on = on or dt.date.today()
    before = {"status": current, "entries": [e["ledger_number"] for e in document.entries]}
    document.status = to_status
    if to_status == DocumentStatus.ISSUED:
        document.issued_on = on
        # The company's address, representative and way of signing as printed on the copy
        # handed over; a later change of the profile does not rewrite it.
        document.fields = {
            **document.fields,
            "company_party": company_party(document.organization),
        }
        if document.kind == TemplateKind.PLEDGE_EXIT:
            # The list handed over is the list in force on that day.
            document.entries = registry.accessible_rows(document.person)
    elif to_status == DocumentStatus.SIGNED:
        document.signed_on = on
    check_fields(
        document, "issued_on", "signed_on", report_as={"issued_on": "on", "signed_on": "on"}
    )
    document.save()
    _add_transition(document, current, to_status, actor, note)
    after = {"status": to_status, "on": on.isoformat(), "note": note}
    if document.kind == TemplateKind.PLEDGE_EXIT:
        after["entries"] = [e["ledger_number"] for e in document.entries]
    audit.record(
        event_type="pledge_document.status_changed",
        organization=document.organization,
        actor=actor,
        obj=document,
        before=before,
        after=after,
    )
    if to_status == DocumentStatus.SIGNED and document.person_id:
        _complete_matching_step(actor=actor, membership=membership, document=document)
    return document


def _complete_matching_step(*, actor, membership, document):
    from ..models import ChecklistStep
    from .checklists import checklist_step_complete

    code = STEP_FOR_KIND.get(document.kind)
    if code is None:
        return
    step = ChecklistStep.objects.filter(
        checklist__person=document.person,
        code=code,
        done_at__isnull=True,
        checklist__completed_at__isnull=True,
    ).first()
    if step is not None:
        checklist_step_complete(
            actor=actor,
            membership=membership,
            step=step,
            note=_("Signed on %(day)s.")
            % {"day": for_reader(document.signed_on, membership.organization)},
        )


@transaction.atomic
def document_attach_scan(*, actor, membership, document: Document, upload) -> Document:
    require(membership, P.MANAGE)
    same_org(membership, document)
    before = {"scan_sha256": document.scan_sha256 or None}
    digest = store_scan(document, upload)
    audit.record(
        event_type="pledge_document.scan_uploaded",
        organization=document.organization,
        actor=actor,
        obj=document,
        before=before,
        after={"scan_sha256": digest, "name": document.scan_name},
    )
    if document.person_id and document.kind in (TemplateKind.PLEDGE_HIRE, TemplateKind.HIRE_CHECK):
        status = Document.objects.values_list("status", flat=True).get(pk=document.pk)
        if status == DocumentStatus.SIGNED:
            _file_signed_original(actor=actor, membership=membership, document=document)
    return document


def _file_signed_original(*, actor, membership, document):
    """The scan of a signed joining document completes the joining checklist's 「署名済みの誓約書の
    回収・保管」 once every joining document it asks for has one."""
    from ..models import ChecklistStep
    from .checklists import checklist_step_complete

    step = ChecklistStep.objects.filter(
        checklist__person=document.person,
        code=StepCode.PLEDGE_FILED,
        done_at__isnull=True,
        checklist__completed_at__isnull=True,
    ).first()
    if step is None:
        return
    try:
        with transaction.atomic():
            checklist_step_complete(actor=actor, membership=membership, step=step)
    except ValidationError:
        pass  # another document still lacks its scan: the step waits for it
