from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kimitsu.rules.choices import REQUESTABLE_ACTIONS, Action, Approver, Verdict


class Status(models.TextChoices):
    PENDING = "pending", pgettext_lazy("request status", "Waiting for a decision")
    APPROVED = "approved", pgettext_lazy("request status", "Approved")
    REFUSED = "refused", pgettext_lazy("request status", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("request status", "Withdrawn")
    CONFIRMED = "confirmed", pgettext_lazy("request status", "Conditions confirmed")
    RETURNED = "returned", pgettext_lazy("request status", "Returned")


class ApproverSource(models.TextChoices):
    """How kimitsu found the people who decide a request, from the approver the rule names."""

    SETTING = "setting", _("named in the approval settings")
    POST = "post", _("by their post in the people register")
    DEPARTMENT = "department", _("head of the department")
    CUSTODIAN = "custodian", _("custodian of the information")
    ADMINISTRATORS = "administrators", _("nobody else is named: the administrators")


ACTION_CHOICES = [(a.value, a.label) for a in REQUESTABLE_ACTIONS]

# The order in which cells decide for several entries at once: the strictest wins.
STRICTNESS = {
    Verdict.FORBIDDEN: 3,
    Verdict.APPROVAL: 2,
    Verdict.CONDITIONAL: 1,
    Verdict.ALLOWED: 0,
}
# Among cells that all ask for approval, the one who stands highest decides for all of them.
APPROVER_RANK = {
    Approver.PRESIDENT: 4,
    Approver.OFFICER: 3,
    Approver.MANAGER: 2,
    Approver.OWNER: 1,
}

# What the recipient or destination means for each action (the form's help).
DESTINATION_REQUIRED = frozenset(
    {
        Action.TAKE_OUT,
        Action.SEND,
        Action.DISCLOSE,
        Action.PERSONAL_DEVICE,
        Action.CLOUD,
        Action.GENERATIVE_AI,
    }
)
# Requests whose things come back: a take-out has a return date.
RETURNABLE = frozenset({Action.TAKE_OUT})
# Statuses in which a returnable request is out (its return may be late).
OUT_STATUSES = (Status.APPROVED, Status.CONFIRMED)
