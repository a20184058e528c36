from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimitsu.core.validators import text_validators, validate_name, validate_sane_date
from kimitsu.organizations.models import Membership, Organization
from kimitsu.rules.choices import Action, Approver, Verdict

from .choices import RETURNABLE, ApproverSource, Status

COMMENT_LENGTH = 2000


class ApproverSettings(models.Model):
    """Who the information management officer (情報管理責任者) and the representative director
    (代表取締役) are, for the rules that name them. Unset, kimitsu looks for the post in the people
    register, then leaves the decision to the administrators (approvers.resolve)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="approver_settings"
    )
    officer = models.ForeignKey(
        Membership,
        verbose_name=_("information management officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    president = models.ForeignKey(
        Membership,
        verbose_name=_("representative director"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("approvers")
        verbose_name_plural = _("approvers")

    def __str__(self):
        return f"approvers of {self.organization_id}"


class ApprovalRequest(models.Model):
    """A request (申請) to do one of the matrix's actions with named register entries: what the
    rule in force said when it was made (kept as it was, for the evidence), who it named to
    decide, the decision, and for a take-out its return."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="approval_requests"
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    # every action of the matrix, as the rules name them; requests are made for the eight of
    # REQUESTABLE_ACTIONS (services.request_create)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    entries = models.ManyToManyField(
        "register.Entry", related_name="approval_requests", verbose_name=_("register entries")
    )
    purpose = models.CharField(_("purpose"), max_length=300, validators=[validate_name])
    destination = models.CharField(
        _("recipient or destination"), max_length=200, blank=True, validators=[validate_name]
    )
    partner = models.ForeignKey(
        "pledges.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval_requests",
    )
    starts_on = models.DateField(_("from"), validators=[validate_sane_date])
    ends_on = models.DateField(_("until"), validators=[validate_sane_date])
    return_due = models.DateField(
        _("to be returned by"), null=True, blank=True, validators=[validate_sane_date]
    )
    # what the rules said, written by kimitsu when the request is made
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices, editable=False)
    approver_role = models.CharField(
        _("who approves"), max_length=16, choices=Approver.choices, blank=True, editable=False
    )
    approver_source = models.CharField(
        _("approvers found"),
        max_length=16,
        choices=ApproverSource.choices,
        blank=True,
        editable=False,
    )
    rule_set = models.ForeignKey(
        "rules.RuleSet",
        verbose_name=_("handling rules"),
        on_delete=models.PROTECT,
        related_name="approval_requests",
        editable=False,
    )
    rule_snapshot = models.JSONField(_("the rule's cells"), default=dict, editable=False)
    approvers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="approval_requests_to_decide",
        blank=True,
        editable=False,
        verbose_name=_("named to decide"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, editable=False
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    requested_by_label = models.CharField(
        _("requested by"), max_length=200, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    conditions_confirmed_at = models.DateTimeField(
        _("conditions confirmed at"), null=True, blank=True, editable=False
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    decided_by_label = models.CharField(_("decided by"), max_length=200, blank=True, editable=False)
    decided_as_administrator = models.BooleanField(
        _("decided by an administrator in place of the approver"), default=False, editable=False
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decision_comment = models.TextField(
        _("comment"),
        blank=True,
        max_length=COMMENT_LENGTH,
        validators=text_validators(COMMENT_LENGTH),
    )
    returned_on = models.DateField(
        _("returned on"), null=True, blank=True, validators=[validate_sane_date]
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("return recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    return_note = models.CharField(
        _("note on the return"), max_length=300, blank=True, validators=[validate_name]
    )
    overdue_since = models.DateField(
        _("return overdue since"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="approvals_request_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["organization", "action", "status"]),
        ]

    def __str__(self):
        return self.code

    @property
    def code(self) -> str:
        return f"AP-{self.number:05d}"

    @property
    def returnable(self) -> bool:
        return self.action in RETURNABLE

    @property
    def is_pending(self) -> bool:
        return self.status == Status.PENDING

    def is_overdue(self, today) -> bool:
        return (
            self.returnable
            and self.status in (Status.APPROVED, Status.CONFIRMED)
            and self.return_due is not None
            and self.return_due < today
        )
