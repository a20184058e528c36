from django.db import models
from django.utils.translation import pgettext_lazy

# Labels of this app's own vocabulary carry the context "pledges", so that another app's
# translation of the same English word ("Open", "Leaving", "Created"…) cannot replace them.


class TemplateKind(models.TextChoices):
    PLEDGE_HIRE = "pledge_hire", pgettext_lazy("pledges", "Hiring pledge")
    PLEDGE_PROJECT = "pledge_project", pgettext_lazy("pledges", "Project pledge")
    PLEDGE_EXIT = "pledge_exit", pgettext_lazy("pledges", "Exit pledge")
    HIRE_CHECK = "hire_check", pgettext_lazy("pledges", "Mid-career hire confirmation")
    NDA = "nda", pgettext_lazy("pledges", "Non-disclosure agreement with a partner")
    OUTSOURCING = (
        "outsourcing",
        pgettext_lazy("pledges", "Confidentiality clause for an outsourcing contract"),
    )


PERSON_KINDS = {
    TemplateKind.PLEDGE_HIRE,
    TemplateKind.PLEDGE_PROJECT,
    TemplateKind.PLEDGE_EXIT,
    TemplateKind.HIRE_CHECK,
}
PARTNER_KINDS = {TemplateKind.NDA, TemplateKind.OUTSOURCING}
PLEDGE_KINDS = {TemplateKind.PLEDGE_HIRE, TemplateKind.PLEDGE_PROJECT}


class VersionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("pledges", "Draft")
    ADOPTED = "adopted", pgettext_lazy("pledges", "Adopted")
    SUPERSEDED = "superseded", pgettext_lazy("pledges", "Superseded")


class ClauseVariant(models.TextChoices):
    ALWAYS = "", pgettext_lazy("pledges", "Always")
    MUTUAL = "mutual", pgettext_lazy("pledges", "Mutual NDA only")
    ONE_WAY = "one_way", pgettext_lazy("pledges", "One-way NDA only")
    NONCOMPETE = "noncompete", pgettext_lazy("pledges", "Only with a non-compete")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("pledges", "Created")
    ISSUED = "issued", pgettext_lazy("pledges", "Handed over")
    SIGNED = "signed", pgettext_lazy("pledges", "Signed")
    REFUSED = "refused", pgettext_lazy("pledges", "Refused")


# from -> allowed targets
DOCUMENT_TRANSITIONS = {
    DocumentStatus.DRAFT: {DocumentStatus.ISSUED},
    DocumentStatus.ISSUED: {DocumentStatus.SIGNED, DocumentStatus.REFUSED},
    DocumentStatus.SIGNED: set(),
    DocumentStatus.REFUSED: set(),
}


class NdaDirection(models.TextChoices):
    MUTUAL = "mutual", pgettext_lazy("pledges", "Mutual")
    WE_DISCLOSE = "we_disclose", pgettext_lazy("pledges", "One-way: we disclose")
    THEY_DISCLOSE = "they_disclose", pgettext_lazy("pledges", "One-way: the partner discloses")


class AgreementKind(models.TextChoices):
    NDA = "nda", pgettext_lazy("pledges", "NDA")
    OUTSOURCING = "outsourcing", pgettext_lazy("pledges", "Outsourcing contract")
    JOINT_DEVELOPMENT = "joint_development", pgettext_lazy("pledges", "Joint development agreement")


class ChecklistKind(models.TextChoices):
    JOINING = "joining", pgettext_lazy("pledges", "Joining")
    LEAVING = "leaving", pgettext_lazy("pledges", "Leaving")


class StepCode(models.TextChoices):
    # joining
    HIRE_PLEDGE = "hire_pledge", pgettext_lazy("pledges", "Hiring pledge signed")
    HIRE_CHECK = "hire_check", pgettext_lazy("pledges", "Mid-career hire confirmation signed")
    PRIOR_DUTIES = (
        "prior_duties",
        pgettext_lazy(
            "pledges", "Duties to the former employer checked; nothing of theirs brought in"
        ),
    )
    PLEDGE_FILED = "pledge_filed", pgettext_lazy("pledges", "Signed pledge returned and filed")
    ACCESS_GRANTED = (
        "access_granted",
        pgettext_lazy("pledges", "Accounts and access granted for the role"),
    )
    RULES_BRIEFING = "rules_briefing", pgettext_lazy("pledges", "Handling rules explained")
    TRAINING = "training", pgettext_lazy("pledges", "Training to attend")
    # leaving
    REVIEW_ACCESS = "review_access", pgettext_lazy("pledges", "Review what the person could access")
    REVOKE_GRANTS = "revoke_grants", pgettext_lazy("pledges", "Revoke register access")
    COLLECT_ITEMS = "collect_items", pgettext_lazy("pledges", "Collect returned media and devices")
    EXIT_PLEDGE = "exit_pledge", pgettext_lazy("pledges", "Exit pledge signed")
    EXIT_INTERVIEW = "exit_interview", pgettext_lazy("pledges", "Exit interview")
    ACCOUNT_DISABLED = "account_disabled", pgettext_lazy("pledges", "System account disabled")


JOINING_STEPS = [
    StepCode.HIRE_PLEDGE,
    StepCode.HIRE_CHECK,
    StepCode.PRIOR_DUTIES,
    StepCode.PLEDGE_FILED,
    StepCode.ACCESS_GRANTED,
    StepCode.RULES_BRIEFING,
    StepCode.TRAINING,
]
# Only for a person who comes from another company (転職者の受入れ).
MID_CAREER_STEPS = {StepCode.HIRE_CHECK, StepCode.PRIOR_DUTIES}
# What each step asks, shown under it on the checklist.
STEP_HELP = {
    StepCode.HIRE_PLEDGE: pgettext_lazy(
        "pledges", "Issue the hiring pledge; the step is done when it is marked as signed."
    ),
    StepCode.HIRE_CHECK: pgettext_lazy(
        "pledges",
        "The hire confirms what they owe the former employer and that they bring none of its "
        "secrets; done when the confirmation is marked as signed.",
    ),
    StepCode.PRIOR_DUTIES: pgettext_lazy(
        "pledges",
        "Ask about confidentiality and non-compete duties to the former employer, and make sure "
        "no documents, data or devices of theirs came along. Note what was asked and answered.",
    ),
    StepCode.PLEDGE_FILED: pgettext_lazy(
        "pledges",
        "The signed original comes back to the company: attach its scan to the document, or "
        "note where the original is kept.",
    ),
    StepCode.ACCESS_GRANTED: pgettext_lazy(
        "pledges",
        "Give only what the role needs. kimitsu records the department and what it opens in the "
        "register; note the other accounts given (PC, mail, file server…).",
    ),
    StepCode.RULES_BRIEFING: pgettext_lazy(
        "pledges",
        "Explain the handling rules of the levels the person will meet. A confirmation of "
        "having read the regulation in force is recorded by itself; otherwise note who "
        "explained what.",
    ),
    StepCode.TRAINING: pgettext_lazy("pledges", "Note the training attended, and when."),
}
LEAVING_STEPS = [
    StepCode.REVIEW_ACCESS,
    StepCode.REVOKE_GRANTS,
    StepCode.COLLECT_ITEMS,
    StepCode.EXIT_PLEDGE,
    StepCode.EXIT_INTERVIEW,
    StepCode.ACCOUNT_DISABLED,
]


class ReturnKind(models.TextChoices):
    MEDIA = "media", pgettext_lazy("pledges", "Storage medium (USB memory, disc…)")
    DEVICE = "device", pgettext_lazy("pledges", "Device (PC, phone, tablet…)")
    PAPER = "paper", pgettext_lazy("pledges", "Paper documents")
    KEY = "key", pgettext_lazy("pledges", "Key or ID card")
    OTHER = "other", pgettext_lazy("pledges", "Other")


class DisclosureEnd(models.TextChoices):
    HELD = "held", pgettext_lazy("pledges", "Still with the partner")
    RETURNED = "returned", pgettext_lazy("pledges", "Returned")
    DESTROYED = "destroyed", pgettext_lazy("pledges", "Destroyed")
