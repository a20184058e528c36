from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimitsu.core.unique import UniqueMessages
from kimitsu.core.validators import (
    BODY_LENGTH,
    text_validators,
    validate_name,
    validate_sane_date,
)
from kimitsu.organizations.models import Organization

from .choices import Action, Approver, Objective, RegulationStatus, RuleSetStatus, Verdict


class RuleSet(UniqueMessages, models.Model):
    """One version of the company's handling rules (取扱ルール): draft → approved."""

    # numbers are kimitsu's; two drafts started at the same moment meet this
    unique_messages = {
        ("organization", "number"): (
            "number",
            _("Version %(value)s of the handling rules already exists; reload the page."),
        )
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="rule_sets"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=16, choices=RuleSetStatus.choices, default=RuleSetStatus.DRAFT
    )
    note = models.CharField(
        _("note on this version"), max_length=300, blank=True, validators=[validate_name]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by_label = models.CharField(_("approved by"), max_length=200, blank=True)
    approved_on = models.DateField(
        _("approved on"), null=True, blank=True, validators=[validate_sane_date]
    )

    class Meta:
        verbose_name = _("handling rules")
        verbose_name_plural = _("handling rules")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="rules_ruleset_number"),
        ]

    def __str__(self):
        return f"取扱ルール 第{self.number}版"


class HandlingRule(models.Model):
    """One cell of the matrix: what may be done with information of a level."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    level = models.ForeignKey(
        "register.Level",
        verbose_name=_("level"),
        on_delete=models.CASCADE,
        related_name="handling_rules",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices)
    approver = models.CharField(
        _("who approves"), max_length=16, choices=Approver.choices, blank=True
    )
    condition = models.CharField(
        _("condition"), max_length=300, blank=True, validators=[validate_name]
    )
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[validate_name])
    objective = models.CharField(_("objective"), max_length=16, choices=Objective.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("handling rule")
        verbose_name_plural = _("handling rules")
        ordering = ["id"]  # created level by level, action by action
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "level", "action"], name="rules_rule_unique_cell"
            ),
        ]

    def __str__(self):
        return f"{self.level} / {self.get_action_display()}"

    @property
    def summary(self) -> str:
        """The cell as one line: 禁止 / 承認制（情報管理責任者） / 条件付き許可：… / 許可."""
        label = self.get_verdict_display()
        if self.verdict == Verdict.APPROVAL and self.approver:
            return f"{label}（{self.get_approver_display()}）"
        if self.verdict == Verdict.CONDITIONAL and self.condition:
            return f"{label}：{self.condition}"
        return str(label)


class Regulation(UniqueMessages, models.Model):
    """One version of the information management regulations (情報管理規程):
    draft → approved → in force on a date (→ superseded by the next one in force)."""

    unique_messages = {
        ("organization", "number"): (
            "number",
            _("Version %(value)s of the regulations already exists; reload the page."),
        )
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="regulations"
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(
        _("title"), max_length=100, default="情報管理規程", validators=[validate_name]
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegulationStatus.choices,
        default=RegulationStatus.DRAFT,
    )
    options = models.JSONField(_("options"), default=dict)
    officer_post = models.CharField(
        _("information management officer (post)"),
        max_length=100,
        default="代表取締役",
        validators=[validate_name],
        help_text=_("The post that serves as 情報管理責任者, e.g. 代表取締役 or 総務部長."),
    )
    officer_name = models.CharField(
        _("information management officer (name)"),
        max_length=100,
        blank=True,
        validators=[validate_name],
        help_text=_("Optional: the person's name, printed next to the post."),
    )
    manager_post = models.CharField(
        _("department information managers"),
        max_length=100,
        default="各部門の長",
        validators=[validate_name],
        help_text=_("Who serves as 部門情報管理者 in each department, e.g. 各部門の長."),
    )
    approving_body = models.CharField(
        _("approved by (body)"),
        max_length=100,
        default="取締役会",
        validators=[validate_name],
        help_text=_("Who approves amendments, e.g. 取締役会 or 代表取締役."),
    )
    marking_level = models.ForeignKey(
        "register.Level",
        verbose_name=_("marking of the document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(
        _("note on this version"), max_length=300, blank=True, validators=[validate_name]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by_label = models.CharField(_("approved by"), max_length=200, blank=True)
    approved_on = models.DateField(
        _("approved on"), null=True, blank=True, validators=[validate_sane_date]
    )
    effective_on = models.DateField(
        _("in force from"), null=True, blank=True, validators=[validate_sane_date]
    )
    rule_set = models.ForeignKey(
        RuleSet,
        verbose_name=_("handling rules annexed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regulations",
        help_text=_("The approved handling rules printed as the annex when it was approved."),
    )

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="rules_regulation_number"
            ),
        ]

    def __str__(self):
        return f"{self.title} 第{self.number}版"

    @property
    def is_draft(self) -> bool:
        return self.status == RegulationStatus.DRAFT


class RegulationArticle(models.Model):
    """An article of one version, with the wording the company may edit."""

    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="articles")
    key = models.CharField(_("clause"), max_length=40, validators=[validate_name])
    position = models.PositiveSmallIntegerField(_("position"))
    chapter = models.PositiveSmallIntegerField(_("chapter"))
    chapter_title = models.CharField(_("chapter title"), max_length=100, validators=[validate_name])
    title = models.CharField(_("heading"), max_length=100, validators=[validate_name])
    body = models.TextField(
        _("wording"),
        max_length=BODY_LENGTH,
        validators=text_validators(BODY_LENGTH),
        help_text=_(
            "One paragraph per line; a line starting with ・ is an item of the paragraph above. "
            "Numbers are added when the document is printed."
        ),
    )
    edited = models.BooleanField(_("edited by the company"), default=False)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["regulation", "key"], name="rules_article_key"),
        ]

    def __str__(self):
        return f"第{self.position}条（{self.title}）"


class ReadConfirmation(models.Model):
    """A person confirmed having read a version of the regulation in force: logged in (``user``)
    or through a personal link without an account (``person``, with the address and browser it
    came from)."""

    regulation = models.ForeignKey(
        Regulation, on_delete=models.CASCADE, related_name="confirmations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "organizations.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="read_confirmations",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), validators=[validate_sane_date])
    via_link = models.BooleanField(_("through a personal link"), default=False)
    # recorded by kimitsu from the request, never typed
    ip_address = models.CharField(_("IP address"), max_length=64, blank=True, editable=False)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = _("read confirmation")
        verbose_name_plural = _("read confirmations")
        constraints = [
            models.UniqueConstraint(fields=["regulation", "user"], name="rules_read_once"),
            models.UniqueConstraint(
                fields=["regulation", "person"], name="rules_read_once_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.user} / {self.regulation}"


def distribution_upload_to(instance, filename):
    return f"rules/distributions/{instance.organization_id}/{instance.trace_code}.pdf"


class Distribution(models.Model):
    """配布記録: one stamped copy of a document, given to someone."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="distributions"
    )
    trace_code = models.CharField(_("trace code"), max_length=16, unique=True)
    entry = models.ForeignKey(
        "register.Entry",
        verbose_name=_("register entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="distributions",
    )
    level = models.ForeignKey(
        "register.Level",
        verbose_name=_("level"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="distributions",
    )
    level_name = models.CharField(_("level"), max_length=30, validators=[validate_name])
    marking_text = models.CharField(_("marking text"), max_length=40, validators=[validate_name])
    recipient = models.CharField(
        _("recipient"), max_length=200, blank=True, validators=[validate_name]
    )
    watermark = models.BooleanField(_("watermark"), default=False)
    source_name = models.CharField(_("original file name"), max_length=255)
    page_count = models.PositiveIntegerField(_("pages"))
    sha256 = models.CharField(_("SHA-256 of the stamped file"), max_length=64)
    stamped_file = models.FileField(_("stamped file"), upload_to=distribution_upload_to, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by_label = models.CharField(_("stamped by"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("stamped at"), validators=[validate_sane_date])

    class Meta:
        verbose_name = _("distribution record")
        verbose_name_plural = _("distribution records")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "created_at"])]

    def __str__(self):
        return f"{self.trace_code} {self.source_name}"
