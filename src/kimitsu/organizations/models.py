from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimitsu.core.unique import UniqueMessages
from kimitsu.core.validators import between, validate_name, validate_sane_date

from .choices import ContractSigning, Industry, OrgKind, PersonStatus, Prefecture, Role
from .validators import validate_corporate_number, validate_postal_code


class Organization(UniqueMessages, models.Model):
    """A workspace: a company, or a consultation desk. Every domain row belongs to one."""

    unique_messages = {
        ("slug",): (
            "slug",
            _("The workspace address “%(value)s” is already in use; choose another."),
        )
    }

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=OrgKind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    name_kana = models.CharField(
        _("name (kana)"), max_length=200, blank=True, validators=[validate_name]
    )
    # company profile
    corporate_number = models.CharField(
        _("corporate number"),
        max_length=13,
        blank=True,
        validators=[validate_corporate_number],
        help_text=_("13 digits (法人番号)."),
    )
    prefecture = models.CharField(
        _("prefecture"), max_length=2, choices=Prefecture.choices, blank=True
    )
    industry = models.CharField(_("industry"), max_length=1, choices=Industry.choices, blank=True)
    employee_count = models.PositiveIntegerField(
        _("number of employees"), null=True, blank=True, validators=between(0, 10_000_000)
    )
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("fiscal year starts in month"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    use_wareki = models.BooleanField(_("write dates in the Japanese era (和暦)"), default=False)
    # the company as a party to the documents it signs (NDAs) and receives (pledges)
    postal_code = models.CharField(
        _("postal code"),
        max_length=8,
        blank=True,
        validators=[validate_name, validate_postal_code],
        help_text=_("e.g. 950-0087"),
    )
    address = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        validators=[validate_name],
        help_text=_("The head office's address as registered, printed on contracts."),
    )
    representative_title = models.CharField(
        _("representative's title"),
        max_length=50,
        blank=True,
        validators=[validate_name],
        help_text=_("e.g. 代表取締役 or 代表取締役社長"),
    )
    representative_name = models.CharField(
        _("representative's name"), max_length=100, blank=True, validators=[validate_name]
    )
    contract_signing = models.CharField(
        _("how contracts are signed"),
        max_length=16,
        choices=ContractSigning.choices,
        default=ContractSigning.NAME_AND_SEAL,
        help_text=_(
            "The company's signature block and the closing sentence of NDAs and outsourcing "
            "contracts follow it."
        ),
    )
    pledge_seal = models.BooleanField(
        _("pledges have a seal box (印)"),
        default=True,
        help_text=_("Untick when the people who sign a pledge sign by hand only, without a seal."),
    )
    # desk profile
    region = models.CharField(
        _("region served"), max_length=200, blank=True, validators=[validate_name]
    )
    contact = models.CharField(_("contact"), max_length=300, blank=True, validators=[validate_name])
    hours = models.CharField(
        _("opening hours"), max_length=200, blank=True, validators=[validate_name]
    )

    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_company(self) -> bool:
        return self.kind == OrgKind.COMPANY

    @property
    def is_desk(self) -> bool:
        return self.kind == OrgKind.DESK


class Department(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=100, validators=[validate_name])
    code = models.CharField(_("code"), max_length=30, blank=True, validators=[validate_name])
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0, validators=between(0, 99_999))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "parent", "name"], name="department_unique_name"
            ),
            # NULLs are distinct in a unique index: the top level needs a constraint of its own
            models.UniqueConstraint(
                fields=["organization", "name"],
                condition=models.Q(parent__isnull=True),
                name="department_unique_top_name",
            ),
        ]

    def __str__(self):
        return self.name


class Person(UniqueMessages, models.Model):
    """An entry of the people register: an employee, who may or may not be a system user."""

    unique_messages = {
        ("organization", "employee_number"): (
            "employee_number",
            _("Employee number %(value)s is already registered."),
        )
    }

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="people")
    employee_number = models.CharField(
        _("employee number"), max_length=30, validators=[validate_name]
    )
    family_name = models.CharField(_("family name"), max_length=50, validators=[validate_name])
    given_name = models.CharField(
        _("given name"), max_length=50, blank=True, validators=[validate_name]
    )
    family_name_kana = models.CharField(
        _("family name (kana)"), max_length=50, blank=True, validators=[validate_name]
    )
    given_name_kana = models.CharField(
        _("given name (kana)"), max_length=50, blank=True, validators=[validate_name]
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    job_title = models.CharField(_("post"), max_length=100, blank=True, validators=[validate_name])
    email = models.EmailField(_("e-mail address"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PersonStatus.choices, default=PersonStatus.ACTIVE
    )
    joined_on = models.DateField(
        _("joined on"), null=True, blank=True, validators=[validate_sane_date]
    )
    left_on = models.DateField(
        _("exit date"), null=True, blank=True, validators=[validate_sane_date]
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("system user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person_records",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["employee_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "employee_number"], name="person_unique_employee_number"
            ),
        ]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        # Japanese order, family name first, separated by a full-width space.
        return f"{self.family_name}\u3000{self.given_name}".strip()

    @property
    def full_name_kana(self) -> str:
        return f"{self.family_name_kana}\u3000{self.given_name_kana}".strip()


class Membership(UniqueMessages, models.Model):
    """A user's role in a workspace."""

    unique_messages = {
        ("user", "organization"): ("user", _("%(user)s is already a member of this workspace."))
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("managed department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managers",
        help_text=_("For a department manager: the top of the subtree they manage."),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("people register entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"


class Invitation(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("managed department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("people register entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(validators=[validate_sane_date])
    accepted_at = models.DateTimeField(null=True, blank=True, validators=[validate_sane_date])
    revoked_at = models.DateTimeField(null=True, blank=True, validators=[validate_sane_date])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organization}"
