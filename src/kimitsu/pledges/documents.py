"""Renderers of the pledges and NDAs, for the pages, the API and `kimitsu documents render`.

Each ``render_<kind>(*, organization, fmt, person=None, partner=None, actor=None)`` renders the
company's adopted template (kimitsu's default while none is adopted) for a person (employee
number) or a partner (name), and returns ``(bytes, filename)``.
"""

import datetime as dt

from django.core.exceptions import ValidationError

from kimitsu.organizations.choices import PersonStatus
from kimitsu.organizations.models import Person

from . import registry, selectors
from .choices import PARTNER_KINDS, TemplateKind
from .defaults import DEFAULTS
from .models import Document, Partner
from .rendering import ClauseSource, compose, to_docx, to_pdf
from .services.documents import FIELD_DEFAULTS, clean_fields

FILE_STEMS = {
    TemplateKind.PLEDGE_HIRE: "入社時誓約書",
    TemplateKind.PLEDGE_PROJECT: "プロジェクト参加時誓約書",
    TemplateKind.PLEDGE_EXIT: "退職時誓約書",
    TemplateKind.HIRE_CHECK: "転職者受入れ時の確認書",
    TemplateKind.NDA: "秘密保持契約書",
    TemplateKind.OUTSOURCING: "業務委託契約_秘密保持条項",
}


def _source(organization, kind):
    """(title, marking, clauses) of the adopted version, or of kimitsu's defaults."""
    version = selectors.current_template(organization, kind)
    if version is not None:
        return version.title, version.marking, list(version.clauses.all())
    spec = DEFAULTS[kind]
    return spec["title"], spec["marking"], [ClauseSource(*c) for c in spec["clauses"]]


def _write(composed, *, organization, fmt, stem, who) -> tuple[bytes, str]:
    if fmt not in ("docx", "pdf"):
        raise ValueError(f"Unknown format {fmt!r}: use docx or pdf.")
    footer = f"{organization.name}　{composed.title}"
    name = f"{stem}_{who}.{fmt}" if who else f"{stem}.{fmt}"
    if fmt == "docx":
        return to_docx(composed, header_left=organization.name), name
    return to_pdf(composed, footer=footer), name


def render_document(document: Document, fmt: str) -> tuple[bytes, str]:
    """An issued document, exactly as issued (its version, fields and frozen entry list)."""
    version = document.template
    composed = compose(
        organization=document.organization,
        kind=document.kind,
        title=version.title,
        marking=version.marking,
        clauses=list(version.clauses.all()),
        person=document.person,
        partner=document.partner,
        fields=document.fields,
        entries=document.entries,
        document_date=document.document_date,
    )
    who = (
        document.person.employee_number
        if document.person_id
        else (document.partner.name if document.partner_id else "")
    )
    return _write(
        composed,
        organization=document.organization,
        fmt=fmt,
        stem=FILE_STEMS[document.kind],
        who=who,
    )


def _person(organization, number) -> Person | None:
    if not number:
        return None
    person = (
        Person.objects.filter(organization=organization, employee_number=number)
        .select_related("department")
        .first()
    )
    if person is None:
        raise LookupError(f"No person with employee number {number!r} in {organization.slug}.")
    return person


def _partner(organization, name) -> Partner | None:
    if not name:
        return None
    partner = Partner.objects.filter(organization=organization, name=name).first()
    if partner is None:
        raise LookupError(f"No partner named {name!r} in {organization.slug}.")
    return partner


def _render(kind, *, organization, fmt, person=None, partner=None, actor=None):
    person_obj = _person(organization, person)
    partner_obj = _partner(organization, partner)
    if kind in PARTNER_KINDS and partner_obj is None and person:
        raise LookupError("An NDA is made with a partner: use --partner NAME.")
    # The latest issued document of this kind for the same recipient lends its fields.
    latest = Document.objects.filter(
        organization=organization, kind=kind, person=person_obj, partner=partner_obj
    ).first()
    fields = latest.fields if latest is not None else {}
    try:
        fields = clean_fields(kind, fields)
    except ValidationError:  # a blank form prints with blanks to fill in by hand
        fields = {**FIELD_DEFAULTS.get(kind, {}), **fields}
    entries = []
    if kind == TemplateKind.PLEDGE_EXIT and person_obj is not None:
        if person_obj.status == PersonStatus.LEFT and latest is not None:
            entries = latest.entries  # after the exit: the list as it was handed over
        else:
            entries = registry.accessible_rows(person_obj)
    title, marking, clauses = _source(organization, kind)
    composed = compose(
        organization=organization,
        kind=kind,
        title=title,
        marking=marking,
        clauses=clauses,
        person=person_obj,
        partner=partner_obj,
        fields=fields,
        entries=entries,
        document_date=dt.date.today(),
    )
    who = person_obj.employee_number if person_obj else (partner_obj.name if partner_obj else "")
    return _write(composed, organization=organization, fmt=fmt, stem=FILE_STEMS[kind], who=who)


def render_pledge_hire(**kwargs):
    return _render(TemplateKind.PLEDGE_HIRE, **kwargs)


def render_pledge_project(**kwargs):
    return _render(TemplateKind.PLEDGE_PROJECT, **kwargs)


def render_pledge_exit(**kwargs):
    return _render(TemplateKind.PLEDGE_EXIT, **kwargs)


def render_hire_check(**kwargs):
    return _render(TemplateKind.HIRE_CHECK, **kwargs)


def render_nda(**kwargs):
    return _render(TemplateKind.NDA, **kwargs)


def render_outsourcing(**kwargs):
    return _render(TemplateKind.OUTSOURCING, **kwargs)


def render_template_sample(version, fmt: str) -> tuple[bytes, str]:
    """A blank sample of a template version (for reviewing the wording)."""
    fields = {"noncompete": True} if version.kind == TemplateKind.PLEDGE_EXIT else {}
    composed = compose(
        organization=version.organization,
        kind=version.kind,
        title=version.title,
        marking=version.marking,
        clauses=list(version.clauses.all()),
        fields=fields,
        entries=[],
    )
    return _write(
        composed,
        organization=version.organization,
        fmt=fmt,
        stem=f"{FILE_STEMS[version.kind]}_v{version.version}",
        who="",
    )
