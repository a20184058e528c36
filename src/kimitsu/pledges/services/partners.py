import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.core.dates import for_reader
from kimitsu.core.validators import check_fields
from kimitsu.organizations.access import has_perm, require
from kimitsu.register.choices import Category

from .. import permissions as P
from .. import selectors
from ..choices import DisclosureEnd
from ..models import Agreement, Disclosure, Partner, ReceivedLink
from .common import same_org, snapshot, store_scan, validated_save

PARTNER_FIELDS = ["name", "name_kana", "address", "representative", "contact", "notes"]
AGREEMENT_FIELDS = [
    "kind",
    "title",
    "signed_on",
    "starts_on",
    "ends_on",
    "term",
    "survival_years",
    "signed_by_us",
    "signed_by_partner",
    "document",
]


@transaction.atomic
def partner_create(*, actor, membership, data: dict) -> Partner:
    require(membership, P.PARTNERS_MANAGE)
    partner = Partner(organization=membership.organization)
    for key in PARTNER_FIELDS:
        if key in data:
            setattr(partner, key, data[key] or "")
    validated_save(partner)
    audit.record(
        event_type="pledge_partner.created",
        organization=membership.organization,
        actor=actor,
        obj=partner,
        after=snapshot(partner, PARTNER_FIELDS),
    )
    return partner


@transaction.atomic
def partner_update(*, actor, membership, partner: Partner, data: dict) -> Partner:
    require(membership, P.PARTNERS_MANAGE)
    same_org(membership, partner)
    before = snapshot(partner, PARTNER_FIELDS)
    for key in PARTNER_FIELDS:
        if key in data:
            setattr(partner, key, data[key] or "")
    validated_save(partner)
    b, a = audit.diff(before, snapshot(partner, PARTNER_FIELDS))
    if a:
        audit.record(
            event_type="pledge_partner.updated",
            organization=membership.organization,
            actor=actor,
            obj=partner,
            before=b,
            after=a,
        )
    return partner


def _check_agreement(agreement: Agreement):
    if agreement.ends_on and agreement.starts_on and agreement.ends_on < agreement.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    if agreement.document_id and agreement.document.partner_id != agreement.partner_id:
        raise ValidationError({"document": _("The document was issued to another partner.")})


@transaction.atomic
def agreement_create(*, actor, membership, partner: Partner, data: dict, upload=None) -> Agreement:
    require(membership, P.PARTNERS_MANAGE)
    same_org(membership, partner)
    agreement = Agreement(partner=partner, organization=membership.organization)
    for key in AGREEMENT_FIELDS:
        if key in data:
            setattr(agreement, key, data[key])
    _check_agreement(agreement)
    validated_save(agreement)
    after = snapshot(agreement, AGREEMENT_FIELDS)
    if upload is not None:
        after["scan_sha256"] = store_scan(agreement, upload)
    audit.record(
        event_type="pledge_agreement.created",
        organization=membership.organization,
        actor=actor,
        obj=agreement,
        after=after,
    )
    return agreement


@transaction.atomic
def agreement_update(*, actor, membership, agreement: Agreement, data: dict) -> Agreement:
    require(membership, P.PARTNERS_MANAGE)
    same_org(membership, agreement)
    before = snapshot(agreement, AGREEMENT_FIELDS)
    for key in AGREEMENT_FIELDS:
        if key in data:
            setattr(agreement, key, data[key])
    _check_agreement(agreement)
    validated_save(agreement)
    b, a = audit.diff(before, snapshot(agreement, AGREEMENT_FIELDS))
    if a:
        audit.record(
            event_type="pledge_agreement.updated",
            organization=membership.organization,
            actor=actor,
            obj=agreement,
            before=b,
            after=a,
        )
    return agreement


@transaction.atomic
def agreement_attach_scan(*, actor, membership, agreement: Agreement, upload) -> Agreement:
    require(membership, P.PARTNERS_MANAGE)
    same_org(membership, agreement)
    before = {"scan_sha256": agreement.scan_sha256 or None}
    digest = store_scan(agreement, upload)
    audit.record(
        event_type="pledge_agreement.scan_uploaded",
        organization=membership.organization,
        actor=actor,
        obj=agreement,
        before=before,
        after={"scan_sha256": digest, "name": agreement.scan_name},
    )
    return agreement


@transaction.atomic
def disclosure_record(
    *,
    actor,
    membership,
    partner: Partner,
    entry,
    disclosed_on: dt.date,
    purpose: str,
    recipient: str = "",
    agreement: Agreement | None = None,
    override_reason: str = "",
    approval=None,
    approval_override_reason: str = "",
) -> Disclosure:
    """Record that a register entry was disclosed to a partner. Refused unless an agreement is
    in force on that day — or an administrator overrides with a written reason. The handling
    rules in force that day decide too (kimitsu.approvals): 禁止 refuses it; 承認制 needs the
    approved request to disclose (``approval``, or one found for the entry, partner and day), or
    an administrator's ``approval_override_reason``."""
    require(membership, P.DISCLOSE)
    same_org(membership, partner, entry, agreement)
    from .. import registry

    if not registry.disclosable_entries(membership).filter(pk=entry.pk).exists():
        raise ValidationError(
            {"entry": _("This register entry is not approved or not visible to you.")}
        )
    if not (purpose or "").strip():
        raise ValidationError({"purpose": _("State the purpose of the disclosure.")})
    disclosed_on = disclosed_on or dt.date.today()
    check_fields(Disclosure(disclosed_on=disclosed_on), "disclosed_on")
    if agreement is not None and agreement.partner_id != partner.pk:
        raise ValidationError({"agreement": _("This agreement is with another partner.")})
    if agreement is None:
        agreement = selectors.agreements_in_force(partner, disclosed_on).first()
    elif not agreement.in_force(disclosed_on):
        raise ValidationError(
            {
                "agreement": _("“%(title)s” is not in force on %(day)s.")
                % {"title": agreement.title, "day": for_reader(disclosed_on, partner.organization)}
            }
        )
    reason = (override_reason or "").strip()
    if agreement is None:
        if not reason:
            raise ValidationError(
                {
                    "agreement": _(
                        "There is no agreement with %(partner)s in force on %(day)s. Conclude an NDA "
                        "first; only an administrator may record the disclosure anyway, with a reason."
                    )
                    % {
                        "partner": partner.name,
                        "day": for_reader(disclosed_on, partner.organization),
                    }
                }
            )
        if not has_perm(membership, P.OVERRIDE):
            raise ValidationError(
                {
                    "override_reason": _(
                        "Only an administrator may record a disclosure without an agreement."
                    )
                }
            )
    else:
        reason = ""
    from kimitsu.approvals.services import disclosure_clearance

    clearance = disclosure_clearance(
        membership=membership,
        partner=partner,
        entry=entry,
        disclosed_on=disclosed_on,
        approval=approval,
        override_reason=approval_override_reason,
        may_override=has_perm(membership, P.OVERRIDE),
    )
    disclosure = Disclosure(
        organization=membership.organization,
        partner=partner,
        agreement=agreement,
        entry=entry,
        disclosed_on=disclosed_on,
        disclosed_by=actor,
        recipient=(recipient or "").strip(),
        purpose=purpose.strip(),
        override_reason=reason,
        approval=clearance.approval,
        approval_override_reason=clearance.override_reason,
    )
    check_fields(disclosure, "recipient", "purpose", "override_reason", "approval_override_reason")
    disclosure.save(force_insert=True)
    if agreement is None:
        event_type = "pledge_disclosure.overridden"
    elif clearance.override_reason:
        event_type = "pledge_disclosure.approval_overridden"
    else:
        event_type = "pledge_disclosure.recorded"
    audit.record(
        event_type=event_type,
        organization=membership.organization,
        actor=actor,
        obj=disclosure,
        object_repr=f"{entry.ledger_number} → {partner.name}",
        after={
            "entry": entry.ledger_number,
            "partner": partner.name,
            "agreement": agreement.title if agreement else None,
            "disclosed_on": disclosed_on.isoformat(),
            "purpose": disclosure.purpose,
            "override_reason": reason or None,
            "verdict": clearance.verdict or None,
            "approval": clearance.approval.code if clearance.approval else None,
            "approval_override_reason": clearance.override_reason or None,
        },
    )
    return disclosure


@transaction.atomic
def disclosure_end(
    *,
    actor,
    membership,
    disclosure: Disclosure,
    end_status: str,
    ended_on: dt.date | None = None,
    note: str = "",
) -> Disclosure:
    require(membership, P.DISCLOSE)
    same_org(membership, disclosure)
    if end_status not in (DisclosureEnd.RETURNED, DisclosureEnd.DESTROYED):
        raise ValidationError({"end_status": _("Choose returned or destroyed.")})
    if disclosure.end_status != DisclosureEnd.HELD:
        raise ValidationError(_("This disclosure is already closed."))
    ended_on = ended_on or dt.date.today()
    check_fields(
        Disclosure(ended_on=ended_on, end_note=(note or "")[:300]),
        "ended_on",
        "end_note",
        report_as={"end_note": "note"},
    )
    if ended_on < disclosure.disclosed_on:
        raise ValidationError({"ended_on": _("The date is before the disclosure.")})
    disclosure.end_status = end_status
    disclosure.ended_on = ended_on
    disclosure.end_note = (note or "")[:300]
    disclosure.save(update_fields=["end_status", "ended_on", "end_note"])
    audit.record(
        event_type="pledge_disclosure.ended",
        organization=membership.organization,
        actor=actor,
        obj=disclosure,
        object_repr=f"{disclosure.entry.ledger_number} → {disclosure.partner.name}",
        before={"end_status": DisclosureEnd.HELD},
        after={
            "end_status": end_status,
            "ended_on": ended_on.isoformat(),
            "note": disclosure.end_note,
        },
    )
    return disclosure


@transaction.atomic
def received_link(
    *, actor, membership, entry, partner: Partner, agreement=None, received_on=None, note: str = ""
) -> ReceivedLink:
    """Link a register entry of the category 他社から開示 to the partner and agreement it came
    from (replacing an earlier link)."""
    require(membership, P.PARTNERS_MANAGE)
    same_org(membership, entry, partner, agreement)
    if entry.category != Category.THIRD_PARTY:
        raise ValidationError(
            {"entry": _("Only entries of the category “disclosed by others” come from a partner.")}
        )
    if agreement is not None and agreement.partner_id != partner.pk:
        raise ValidationError({"agreement": _("This agreement is with another partner.")})
    link = ReceivedLink.objects.filter(entry=entry).first()
    before = None
    if link is None:
        link = ReceivedLink(organization=membership.organization, entry=entry)
    else:
        before = {
            "partner": link.partner.name,
            "agreement": link.agreement.title if link.agreement_id else None,
        }
    link.partner = partner
    link.agreement = agreement
    link.received_on = received_on
    link.note = (note or "")[:300]
    check_fields(link, "received_on", "note")
    link.save()
    audit.record(
        event_type="pledge_received.linked",
        organization=membership.organization,
        actor=actor,
        obj=link,
        object_repr=f"{partner.name} → {entry.ledger_number}",
        before=before,
        after={
            "entry": entry.ledger_number,
            "partner": partner.name,
            "agreement": agreement.title if agreement else None,
        },
    )
    return link
