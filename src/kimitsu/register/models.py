"""The secret register (秘密情報管理台帳): levels, entries, need-to-know grants, reviews.

The register holds metadata only (DOMAIN.md §4): a non-disclosing title and summary, where the
information is kept, who is responsible and who may access it — never the secret itself.
"""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kimitsu.core.unique import UniqueMessages
from kimitsu.core.validators import (
    NOTE_LENGTH,
    between,
    text_validators,
    validate_name,
    validate_sane_date,
)
from kimitsu.organizations.models import Department, Organization, Person

from .choices import Category, Medium, Requirement, ReviewResult, Status

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def normalize(text: str) -> str:
    """The form in which text is searched: NFKC (full-width Ｂ１２ → B12, half-width ｶﾅ → カナ),
    lower case, one space between words."""
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def bigrams(text: str) -> set[str]:
    """The two-character pieces of a normalised text that the search indexes use (none spans
    a space: a search word never holds one)."""
    return {text[i : i + 2] for i in range(len(text) - 1)}


def bigram_tokens(text: str | None) -> str:
    """The bigrams of a text as FTS5 tokens for SQLite's search index (migration 0004): each
    bigram's UTF-8 bytes in hex, so that the tokenizer keeps punctuation and Japanese alike;
    sorted, because removing a row from a contentless FTS5 table repeats exactly what was added."""
    return " ".join(sorted(g.encode().hex() for g in bigrams(text or "") if " " not in g))


class Level(UniqueMessages, models.Model):
    """A classification level (格付け), configurable per company."""

    unique_messages = {
        ("organization", "code"): ("code", _("The level code “%(value)s” is already used.")),
        ("organization", "name"): ("name", _("A level named “%(value)s” already exists.")),
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="register_levels"
    )
    code = models.SlugField(_("code"), max_length=30, help_text=_("A stable identifier."))
    name = models.CharField(_("name"), max_length=30, validators=[validate_name])
    rank = models.PositiveSmallIntegerField(
        _("rank"), help_text=_("Higher means more secret."), validators=between(0, 999)
    )
    color = models.CharField(
        _("colour"),
        max_length=7,
        default="#6c757d",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use the form #RRGGBB."))],
    )
    marking_text = models.CharField(
        _("marking text"), max_length=40, blank=True, validators=[validate_name]
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=NOTE_LENGTH,
        validators=text_validators(NOTE_LENGTH),
    )
    review_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        null=True,
        blank=True,
        validators=between(1, 120),
        help_text=_("Leave empty for levels that need no periodic review."),
    )
    is_secret = models.BooleanField(
        _("trade secret level"),
        default=True,
        help_text=_("Information at this level is managed as a trade secret (not public)."),
    )
    need_to_know = models.BooleanField(
        _("need-to-know"),
        default=False,
        help_text=_(
            "Entries at this level are visible only to people granted access, the custodian, "
            "managers of the owning department and administrators."
        ),
    )
    audit_views = models.BooleanField(
        _("record every view"),
        default=False,
        help_text=_("Opening an entry of this level is recorded in the audit log."),
    )
    suggest_from_score = models.PositiveSmallIntegerField(
        _("suggested from score"),
        default=1,
        validators=SCORE_VALIDATORS,
        help_text=_("The assessment suggests this level when max(value, damage) reaches it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["-rank"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="register_level_code"),
            models.UniqueConstraint(fields=["organization", "name"], name="register_level_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """Names and ranks are the company's own: two levels of one rank would make it unclear
        whether a change lowers the level (which needs a reason of its own)."""
        others = Level.objects.filter(organization_id=self.organization_id).exclude(pk=self.pk)
        errors = {}
        if self.name and others.filter(name=self.name).exists():
            errors["name"] = _("There is already a level named “%(name)s”.") % {"name": self.name}
        stored_rank = Level.objects.filter(pk=self.pk).values_list("rank", flat=True).first()
        rank_changed = self.pk is None or self.rank != stored_rank
        # a company that already has two levels of one rank can still edit them otherwise
        if self.rank is not None and rank_changed and others.filter(rank=self.rank).exists():
            errors["rank"] = _(
                "Another level already has rank %(rank)s. Give each level its own rank."
            ) % {"rank": self.rank}
        if errors:
            raise ValidationError(errors)


class RegisterSettings(models.Model):
    """Per-company ledger numbering: a prefix and a sequence (KM-00001)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="register_settings"
    )
    number_prefix = models.CharField(
        _("ledger number prefix"), max_length=20, default="KM-", validators=[validate_name]
    )
    number_digits = models.PositiveSmallIntegerField(
        _("digits"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("register settings")

    def __str__(self):
        return f"{self.organization} {self.number_prefix}"


class Entry(UniqueMessages, models.Model):
    """An item of the register (情報資産)."""

    unique_messages = {
        ("organization", "ledger_number"): (
            "ledger_number",
            _("Ledger number %(value)s is already used."),
        )
    }

    # (organization, ledger_number) and the composite indexes below serve every lookup
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="register_entries", db_index=False
    )
    ledger_number = models.CharField(_("ledger number"), max_length=40, validators=[validate_name])
    title = models.CharField(
        _("title"),
        max_length=200,
        validators=[validate_name],
        help_text=_("A name that does not disclose the secret."),
    )
    summary = models.TextField(
        _("summary"), blank=True, max_length=NOTE_LENGTH, validators=text_validators(NOTE_LENGTH)
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    item_type = models.CharField(
        _("item type"), max_length=100, blank=True, validators=[validate_name]
    )
    # Several media, stored as comma-separated codes ("paper,electronic"): portable filtering
    # with a LIKE on SQLite and PostgreSQL alike; no code is a substring of another.
    media = models.CharField(_("media"), max_length=100, blank=True)
    storage_locations = models.TextField(
        _("storage locations"),
        blank=True,
        max_length=NOTE_LENGTH,
        validators=text_validators(NOTE_LENGTH),
        help_text=_("One per line."),
    )
    owning_department = models.ForeignKey(
        Department,
        verbose_name=_("owning department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="register_entries",
    )
    custodian = models.ForeignKey(
        Person,
        verbose_name=_("custodian"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="register_custody",
    )
    level = models.ForeignKey(
        Level,
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    classification_reason = models.TextField(
        _("reason for the level"),
        blank=True,
        max_length=NOTE_LENGTH,
        validators=text_validators(NOTE_LENGTH),
    )
    classified_at = models.DateTimeField(
        _("classified at"), null=True, blank=True, validators=[validate_sane_date]
    )
    # assessment
    secrecy = models.CharField(
        _("secrecy management"), max_length=10, choices=Requirement.choices, blank=True
    )
    secrecy_note = models.CharField(
        _("note on secrecy management"), max_length=300, blank=True, validators=[validate_name]
    )
    usefulness = models.CharField(
        _("usefulness"), max_length=10, choices=Requirement.choices, blank=True
    )
    usefulness_note = models.CharField(
        _("note on usefulness"), max_length=300, blank=True, validators=[validate_name]
    )
    non_public = models.CharField(
        _("non-public nature"), max_length=10, choices=Requirement.choices, blank=True
    )
    non_public_note = models.CharField(
        _("note on non-public nature"), max_length=300, blank=True, validators=[validate_name]
    )
    value_score = models.PositiveSmallIntegerField(
        _("value"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    damage_score = models.PositiveSmallIntegerField(
        _("damage if leaked"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    # workflow
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        db_index=False,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_at = models.DateTimeField(
        _("proposed at"), null=True, blank=True, validators=[validate_sane_date]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        db_index=False,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, validators=[validate_sane_date]
    )
    decision_comment = models.TextField(
        _("comment"), blank=True, max_length=NOTE_LENGTH, validators=text_validators(NOTE_LENGTH)
    )
    retired_reason = models.TextField(
        _("reason for retirement"),
        blank=True,
        max_length=NOTE_LENGTH,
        validators=text_validators(NOTE_LENGTH),
    )
    retired_at = models.DateTimeField(
        _("retired at"), null=True, blank=True, validators=[validate_sane_date]
    )
    next_review_on = models.DateField(
        _("next review"), null=True, blank=True, validators=[validate_sane_date]
    )
    # 他社から開示: the partner (the pledges app links its Partner model on its side)
    source_partner_name = models.CharField(
        _("source"), max_length=200, blank=True, validators=[validate_name]
    )
    source_agreement_ref = models.CharField(
        _("agreement reference"), max_length=200, blank=True, validators=[validate_name]
    )
    remarks = models.TextField(
        _("remarks"), blank=True, max_length=NOTE_LENGTH, validators=text_validators(NOTE_LENGTH)
    )
    check_terms = models.TextField(
        _("check terms"),
        blank=True,
        max_length=NOTE_LENGTH,
        validators=text_validators(NOTE_LENGTH),
        help_text=_(
            "Words, codes and numbers that must not appear in public material (a material name, "
            "a parameter value, an internal code name, a customer). One per line, or separated "
            "by 、 or ;. The pre-publication check looks for them in drafts."
        ),
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["ledger_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "ledger_number"], name="register_entry_ledger_number"
            ),
        ]
        indexes = [
            # the state of the register as the home page counts it (steps 4 and 5): each count
            # reads this index alone, never the rows
            models.Index(
                fields=["organization", "status", "level", "owning_department", "custodian"],
                name="register_entry_state",
            ),
            models.Index(fields=["organization", "level"]),
            models.Index(fields=["organization", "next_review_on"]),
            models.Index(fields=["organization", "category"]),
            models.Index(fields=["organization", "owning_department"]),
        ]

    def __str__(self):
        return f"{self.ledger_number} {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_text"}
        super().save(*args, **kwargs)

    @property
    def media_list(self) -> list[str]:
        return [m for m in self.media.split(",") if m]

    @property
    def media_labels(self) -> list[str]:
        labels = dict(Medium.choices)
        return [str(labels.get(m, m)) for m in self.media_list]

    @property
    def locations_list(self) -> list[str]:
        return [line for line in self.storage_locations.splitlines() if line.strip()]

    @property
    def check_terms_list(self) -> list[str]:
        return [line for line in self.check_terms.splitlines() if line.strip()]

    @property
    def is_active(self) -> bool:
        return self.status == Status.APPROVED

    def build_search_text(self) -> str:
        return normalize(
            " ".join(
                [
                    self.ledger_number,
                    self.title,
                    self.summary,
                    self.item_type,
                    self.storage_locations,
                    self.source_partner_name,
                    self.source_agreement_ref,
                    self.remarks,
                    self.check_terms,
                ]
            )
        )


class DepartmentGrant(UniqueMessages, models.Model):
    """Need-to-know: an entry may be accessed by a department (and its sub-departments)."""

    unique_messages = {
        ("entry", "department"): (
            "department",
            _("%(department)s already has access to this entry."),
        )
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, db_index=False, related_name="department_grants"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="register_grants",
        db_index=False,  # the (department, entry) index serves
    )
    include_subdepartments = models.BooleanField(_("including sub-departments"), default=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        db_index=False,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("department grant")
        verbose_name_plural = _("department grants")
        constraints = [
            models.UniqueConstraint(fields=["entry", "department"], name="register_dept_grant"),
        ]
        indexes = [models.Index(fields=["department", "entry"])]

    def __str__(self):
        return f"{self.entry_id} → {self.department_id}"


class PersonGrant(UniqueMessages, models.Model):
    """Need-to-know: an entry may be accessed by a named person."""

    unique_messages = {
        ("entry", "person"): ("person", _("%(person)s already has access to this entry."))
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, db_index=False, related_name="person_grants"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="register_grants",
        db_index=False,  # the (person, entry) index serves
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        db_index=False,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person grant")
        verbose_name_plural = _("person grants")
        constraints = [
            models.UniqueConstraint(fields=["entry", "person"], name="register_person_grant"),
        ]
        indexes = [models.Index(fields=["person", "entry"])]

    def __str__(self):
        return f"{self.entry_id} → {self.person_id}"


class Classification(models.Model):
    """One decision on an entry's level, with its written reason (evidence)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="classifications")
    from_level = models.ForeignKey(
        Level, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(
        _("reason"), max_length=NOTE_LENGTH, validators=text_validators(NOTE_LENGTH)
    )
    lowering_reason = models.TextField(
        _("reason for lowering"),
        blank=True,
        max_length=NOTE_LENGTH,
        validators=text_validators(NOTE_LENGTH),
    )
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.entry_id}: {self.to_level_id}"


class Review(models.Model):
    """A periodic review (見直し) of an entry."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_on = models.DateField(_("reviewed on"), validators=[validate_sane_date])
    result = models.CharField(_("result"), max_length=10, choices=ReviewResult.choices)
    note = models.TextField(
        _("note"), blank=True, max_length=NOTE_LENGTH, validators=text_validators(NOTE_LENGTH)
    )
    level_before = models.ForeignKey(
        Level, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    level_after = models.ForeignKey(
        Level, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    next_review_on = models.DateField(
        _("next review"), null=True, blank=True, validators=[validate_sane_date]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self):
        from kimitsu.core.dates import for_reader

        return f"{self.entry_id} {for_reader(self.reviewed_on, self.entry.organization)}"
