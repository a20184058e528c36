import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kimitsu.organizations.choices import Role
from kimitsu.testing.access import COMPANY_ALL, Spec
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

R = Role
VIEWERS = {R.ADMIN, R.MANAGER, R.AUDITOR}
ADMIN = {R.ADMIN}
TEMPLATE_READERS = COMPANY_ALL - {R.MEMBER}
DISCLOSERS = {R.ADMIN, R.MANAGER}  # record a disclosure under an agreement in force
SPEC_SCAN = "pledges/access-spec/signed.pdf"


def _person(org, membership):
    dept = membership.department or DepartmentFactory(organization=org)
    return PersonFactory(organization=org, department=dept)


def _template(org):
    from kimitsu.pledges.choices import TemplateKind, VersionStatus
    from kimitsu.pledges.models import Clause, TemplateVersion

    version, created = TemplateVersion.objects.get_or_create(
        organization=org,
        kind=TemplateKind.PLEDGE_HIRE,
        version=1,
        defaults={"title": "入社時誓約書", "status": VersionStatus.ADOPTED},
    )
    if created:
        Clause.objects.create(template=version, position=10, heading="秘密保持", body="守ります。")
    return version


def _template_kw(org, membership):
    return {"pk": _template(org).pk}


def _template_pdf(org, membership):
    return {"pk": _template(org).pk, "fmt": "pdf"}


def _clause_create(org, membership):
    return {"template_pk": _template(org).pk}


def _clause(org, membership):
    return {"pk": _template(org).clauses.first().pk}


def _document(org, membership, scan=False):
    from kimitsu.pledges.models import Document

    doc = Document.objects.create(
        organization=org,
        template=_template(org),
        kind="pledge_hire",
        person=_person(org, membership),
        document_date=dt.date(2026, 4, 1),
    )
    if scan:
        if not default_storage.exists(SPEC_SCAN):
            default_storage.save(SPEC_SCAN, ContentFile(b"%PDF-1.4\n%%EOF\n"))
        doc.scan.name = SPEC_SCAN
        doc.scan_name = "signed.pdf"
        doc.scan_sha256 = "0" * 64
        doc.save()
    return doc


def _doc(org, membership):
    return {"pk": _document(org, membership).pk}


def _doc_pdf(org, membership):
    return {"pk": _document(org, membership).pk, "fmt": "pdf"}


def _doc_scan(org, membership):
    return {"pk": _document(org, membership, scan=True).pk}


def _person_kw(org, membership):
    return {"pk": _person(org, membership).pk}


def _person_field(org, membership):
    """The body of "open the exit checklist of this person"."""
    return {"person": _person(org, membership).pk}


def _checklist(org, membership):
    from kimitsu.pledges.models import Checklist

    return {
        "pk": Checklist.objects.create(
            organization=org, person=_person(org, membership), kind="joining"
        ).pk
    }


def _partner(org, membership=None):
    from kimitsu.pledges.models import Partner

    return Partner.objects.get_or_create(organization=org, name="取引先株式会社")[0]


def _partner_kw(org, membership):
    return {"pk": _partner(org).pk}


def _agreement(org, membership):
    from kimitsu.pledges.models import Agreement

    return {
        "pk": Agreement.objects.create(
            organization=org,
            partner=_partner(org),
            kind="nda",
            title="秘密保持契約書",
            starts_on=dt.date(2026, 1, 1),
        ).pk
    }


def _agreement_scan(org, membership):
    from kimitsu.pledges.models import Agreement

    if not default_storage.exists(SPEC_SCAN):
        default_storage.save(SPEC_SCAN, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    a = Agreement.objects.create(
        organization=org,
        partner=_partner(org),
        kind="nda",
        title="秘密保持契約書",
        starts_on=dt.date(2026, 1, 1),
    )
    a.scan.name = SPEC_SCAN
    a.save()
    return {"pk": a.pk}


ACCESS = {
    "pledges:home": Spec(allowed=VIEWERS),
    # the first visit's POST sets up the clause libraries
    "pledges:templates": Spec(allowed=TEMPLATE_READERS, write=ADMIN),
    "pledges:template_detail": Spec(allowed=TEMPLATE_READERS, kwargs=_template_kw, write=ADMIN),
    "pledges:template_sample": Spec(allowed=TEMPLATE_READERS, kwargs=_template_pdf),
    "pledges:clause_create": Spec(allowed=ADMIN, kwargs=_clause_create, write=ADMIN),
    "pledges:clause_edit": Spec(allowed=ADMIN, kwargs=_clause, write=ADMIN),
    "pledges:documents": Spec(allowed=VIEWERS),
    "pledges:document_create": Spec(allowed=ADMIN, write=ADMIN),
    # a signature, a return, a scan: the administrator
    "pledges:document_detail": Spec(allowed=VIEWERS, kwargs=_doc, write=ADMIN),
    "pledges:document_file": Spec(allowed=VIEWERS, kwargs=_doc_pdf),
    "pledges:document_scan": Spec(allowed=VIEWERS, kwargs=_doc_scan),
    "pledges:gaps": Spec(allowed=VIEWERS, write=ADMIN),
    "pledges:person": Spec(allowed=VIEWERS, kwargs=_person_kw),
    "pledges:leaving_start": Spec(allowed=ADMIN, kwargs=_person_kw, write=ADMIN),
    "pledges:joining_start": Spec(allowed=ADMIN, kwargs=_person_kw, write=ADMIN),
    "pledges:checklists": Spec(allowed=VIEWERS, write=ADMIN, data=_person_field),
    "pledges:checklist_detail": Spec(allowed=VIEWERS, kwargs=_checklist, write=ADMIN),
    "pledges:partners": Spec(allowed=VIEWERS),
    "pledges:partner_create": Spec(allowed=ADMIN, write=ADMIN),
    # a POST without an action changes nothing; each action has its own permission
    "pledges:partner_detail": Spec(
        allowed=VIEWERS,
        kwargs=_partner_kw,
        write=VIEWERS,
        actions={"action=end": {R.ADMIN, R.MANAGER}, "action=scan": ADMIN},
    ),
    "pledges:partner_edit": Spec(allowed=ADMIN, kwargs=_partner_kw, write=ADMIN),
    "pledges:agreement_create": Spec(allowed=ADMIN, kwargs=_partner_kw, write=ADMIN),
    "pledges:received_link": Spec(allowed=ADMIN, kwargs=_partner_kw, write=ADMIN),
    "pledges:agreement_edit": Spec(allowed=ADMIN, kwargs=_agreement, write=ADMIN),
    "pledges:agreement_scan": Spec(allowed=VIEWERS, kwargs=_agreement_scan),
    "pledges:disclosures": Spec(allowed=VIEWERS),
    "pledges:disclosure_create": Spec(allowed=DISCLOSERS, write=DISCLOSERS),
    # API
    "api-pledges-templates": Spec(allowed=TEMPLATE_READERS),
    "api-pledges-documents": Spec(allowed=VIEWERS, write=ADMIN),
    "api-pledges-document": Spec(allowed=VIEWERS, kwargs=_doc),
    # POST-only endpoints: a reader's GET is "method not allowed", anyone else's forbidden
    "api-pledges-document-transition": Spec(
        allowed=VIEWERS, kwargs=_doc, ok_status=405, write=ADMIN
    ),
    "api-pledges-batch": Spec(allowed=VIEWERS, ok_status=405, write=ADMIN),
    "api-pledges-gaps": Spec(allowed=VIEWERS),
    "api-pledges-checklists": Spec(allowed=VIEWERS),
    "api-pledges-partners": Spec(allowed=VIEWERS, write=ADMIN),
    "api-pledges-partner": Spec(allowed=VIEWERS, kwargs=_partner_kw),
    "api-pledges-disclosures": Spec(allowed=VIEWERS, write=DISCLOSERS),
}
