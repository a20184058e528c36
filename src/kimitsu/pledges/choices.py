from django.db import models
from django.utils.translation import gettext_lazy as _


class TemplateKind(models.TextChoices):
    PLEDGE_HIRE = "pledge_hire", _("Hiring pledge")
    PLEDGE_PROJECT = "pledge_project", _("Project pledge")
    PLEDGE_EXIT = "pledge_exit", _("Exit pledge")
    HIRE_CHECK = "hire_check", _("Mid-career hire confirmation")
    NDA = "nda", _("Non-disclosure agreement with a partner")
    OUTSOURCING = "outsourcing", _("Confidentiality clause for an outsourcing contract")


PERSON_KINDS = {
    TemplateKind.PLEDGE_HIRE,
    TemplateKind.PLEDGE_PROJECT,
    TemplateKind.PLEDGE_EXIT,
    TemplateKind.HIRE_CHECK,
}
PARTNER_KINDS = {TemplateKind.NDA, TemplateKind.OUTSOURCING}
PLEDGE_KINDS = {TemplateKind.PLEDGE_HIRE, TemplateKind.PLEDGE_PROJECT}


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    SUPERSEDED = "superseded", _("Superseded")


class ClauseVariant(models.TextChoices):
    ALWAYS = "", _("Always")
    MUTUAL = "mutual", _("Mutual NDA only")
    ONE_WAY = "one_way", _("One-way NDA only")
    NONCOMPETE = "noncompete", _("Only with a non-compete")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Created")
    ISSUED = "issued", _("Handed over")
    SIGNED = "signed", _("Signed")
    REFUSED = "refused", _("Refused")


# from -> allowed targets
DOCUMENT_TRANSITIONS = {
    DocumentStatus.DRAFT: {DocumentStatus.ISSUED},
    DocumentStatus.ISSUED: {DocumentStatus.SIGNED, DocumentStatus.REFUSED},
    DocumentStatus.SIGNED: set(),
    DocumentStatus.REFUSED: set(),
}


class NdaDirection(models.TextChoices):
    MUTUAL = "mutual", _("Mutual")
    WE_DISCLOSE = "we_disclose", _("One-way: we disclose")
    THEY_DISCLOSE = "they_disclose", _("One-way: the partner discloses")


class AgreementKind(models.TextChoices):
    NDA = "nda", _("NDA")
    OUTSOURCING = "outsourcing", _("Outsourcing contract")
    JOINT_DEVELOPMENT = "joint_development", _("Joint development agreement")


class ChecklistKind(models.TextChoices):
    JOINING = "joining", _("Joining")
    LEAVING = "leaving", _("Leaving")


class StepCode(models.TextChoices):
    # joining
    HIRE_PLEDGE = "hire_pledge", _("Hiring pledge signed")
    HIRE_CHECK = "hire_check", _("Mid-career hire confirmation signed")
    TRAINING = "training", _("Training to attend")
    # leaving
    REVIEW_ACCESS = "review_access", _("Review what the person could access")
    REVOKE_GRANTS = "revoke_grants", _("Revoke register access")
    COLLECT_ITEMS = "collect_items", _("Collect returned media and devices")
    EXIT_PLEDGE = "exit_pledge", _("Exit pledge signed")
    EXIT_INTERVIEW = "exit_interview", _("Exit interview")
    ACCOUNT_DISABLED = "account_disabled", _("System account disabled")


JOINING_STEPS = [StepCode.HIRE_PLEDGE, StepCode.HIRE_CHECK, StepCode.TRAINING]
LEAVING_STEPS = [
    StepCode.REVIEW_ACCESS,
    StepCode.REVOKE_GRANTS,
    StepCode.COLLECT_ITEMS,
    StepCode.EXIT_PLEDGE,
    StepCode.EXIT_INTERVIEW,
    StepCode.ACCOUNT_DISABLED,
]


class ReturnKind(models.TextChoices):
    MEDIA = "media", _("Storage medium (USB memory, disc…)")
    DEVICE = "device", _("Device (PC, phone, tablet…)")
    PAPER = "paper", _("Paper documents")
    KEY = "key", _("Key or ID card")
    OTHER = "other", _("Other")


class DisclosureEnd(models.TextChoices):
    HELD = "held", _("Still with the partner")
    RETURNED = "returned", _("Returned")
    DESTROYED = "destroyed", _("Destroyed")
