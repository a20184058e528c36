from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kimitsu.core.unique import UniqueMessages
from kimitsu.core.validators import (
    NOTE_LENGTH,
    between,
    text_validators,
    validate_name,
    validate_sane_date,
)
from kimitsu.organizations.models import Department, Organization, Person

from .choices import (
    AttendanceSource,
    CheckKind,
    Decision,
    DeliveryMode,
    LecturerKind,
    QuizSource,
    Recommendation,
    TrainingKind,
)


class SelfCheck(models.Model):
    """One completed self-check: who answered, when, what, and the score it gave.

    Answers are kept as ``{question code: answer}``; the score is computed by ``scoring`` when the
    check is recorded and stored, so that later wording changes never rewrite history."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="self_checks"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CheckKind.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="self_checks",
        help_text=_("Leave empty for the whole company."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answerer_name = models.CharField(_("answered by"), max_length=150, blank=True)
    answered_on = models.DateField(
        pgettext_lazy("self-check", "date"),
        default=timezone.localdate,
        validators=[validate_sane_date],
    )
    answers = models.JSONField(default=dict, blank=True)
    score = models.IntegerField(_("score"))
    max_score = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("self-check")
        verbose_name_plural = _("self-checks")
        ordering = ["-answered_on", "-id"]
        indexes = [models.Index(fields=["organization", "kind", "answered_on"])]

    def __str__(self):
        from kimitsu.core.dates import for_reader

        return f"{self.get_kind_display()} {for_reader(self.answered_on, self.organization)}"

    @property
    def percent(self) -> int:
        from .scoring import percent

        return percent(self.score, self.max_score)


class TrainingSession(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="training_sessions"
    )
    held_on = models.DateField(pgettext_lazy("training", "date"), validators=[validate_sane_date])
    title = models.CharField(
        pgettext_lazy("training", "title"), max_length=200, validators=[validate_name]
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=TrainingKind.choices, default=TrainingKind.AWARENESS
    )
    lecturer_kind = models.CharField(
        _("lecturer"), max_length=16, choices=LecturerKind.choices, default=LecturerKind.IN_HOUSE
    )
    lecturer_name = models.CharField(
        _("lecturer's name"), max_length=100, blank=True, validators=[validate_name]
    )
    mode = models.CharField(
        _("format"), max_length=16, choices=DeliveryMode.choices, default=DeliveryMode.ON_SITE
    )
    materials = models.TextField(
        _("materials"),
        blank=True,
        max_length=NOTE_LENGTH,
        validators=text_validators(NOTE_LENGTH),
        help_text=_("Titles or links of the materials used."),
    )
    required = models.BooleanField(
        _("required for all staff"),
        default=True,
        help_text=_("Active staff who attended no required session are listed as missing."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organization", "held_on"])]

    def __str__(self):
        return self.title


class Attendance(UniqueMessages, models.Model):
    unique_messages = {
        ("session", "person"): ("person", _("%(person)s is already recorded for this session."))
    }

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    source = models.CharField(
        max_length=16, choices=AttendanceSource.choices, default=AttendanceSource.ENTERED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="attendance_unique"),
        ]

    def __str__(self):
        return f"{self.person} @ {self.session}"


QUIZ_TEXT_LENGTH = 1_000
QUIZ_MAX_OPTIONS = 6


class QuizQuestion(UniqueMessages, models.Model):
    """A question of the company's comprehension quiz. Its wording lives in versions: an edit
    adds a version and never changes one, so every answered quiz still shows what was asked.
    A retired question is no longer asked; its versions and the answers to them stay."""

    unique_messages = {
        ("organization", "code"): ("code", _("The question %(code)s already exists.")),
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="quiz_questions"
    )
    code = models.CharField(_("code"), max_length=20, editable=False)
    source = models.CharField(
        _("source"), max_length=16, choices=QuizSource.choices, editable=False
    )
    position = models.PositiveIntegerField(_("order"), default=0, validators=between(0, 99_999))
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True, editable=False)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="quiz_question_unique_code"
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class QuizQuestionVersion(models.Model):
    """One wording of a question, as people saw it: immutable once written."""

    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"), editable=False)
    text_ja = models.TextField(
        _("question (Japanese)"),
        max_length=QUIZ_TEXT_LENGTH,
        validators=text_validators(QUIZ_TEXT_LENGTH),
    )
    text_en = models.TextField(
        _("question (English)"),
        blank=True,
        max_length=QUIZ_TEXT_LENGTH,
        validators=text_validators(QUIZ_TEXT_LENGTH),
    )
    # [{"ja": …, "en": …}, …]; kimitsu writes it from the form's lines
    options = models.JSONField(_("options"), default=list, editable=False)
    answer = models.PositiveSmallIntegerField(
        _("correct option"), validators=between(0, QUIZ_MAX_OPTIONS - 1)
    )
    explanation_ja = models.TextField(
        _("explanation (Japanese)"),
        blank=True,
        max_length=QUIZ_TEXT_LENGTH,
        validators=text_validators(QUIZ_TEXT_LENGTH),
    )
    explanation_en = models.TextField(
        _("explanation (English)"),
        blank=True,
        max_length=QUIZ_TEXT_LENGTH,
        validators=text_validators(QUIZ_TEXT_LENGTH),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quiz question version")
        verbose_name_plural = _("quiz question versions")
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "number"], name="quiz_question_version_unique"
            ),
        ]

    def __str__(self):
        return f"{self.question.code} v{self.number}"


class QuizResult(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="quiz_results"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="quiz_results")
    score = models.PositiveIntegerField(_("score"))
    total = models.PositiveIntegerField()
    answers = models.JSONField(default=dict, blank=True)
    taken_at = models.DateTimeField(default=timezone.now, validators=[validate_sane_date])
    # the exact wording of every question of the (latest) attempt; the audit event of each
    # attempt names them too
    question_versions = models.ManyToManyField(
        QuizQuestionVersion, blank=True, related_name="results", editable=False
    )

    class Meta:
        verbose_name = _("quiz result")
        verbose_name_plural = _("quiz results")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="quiz_result_unique"),
        ]

    def __str__(self):
        return f"{self.person} {self.score}/{self.total}"

    @property
    def percent(self) -> int:
        from .scoring import percent

        return percent(self.score, self.total)


class PatentDecision(models.Model):
    """A guided patent-or-secret assessment of one technology, and the decision taken."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="patent_decisions"
    )
    title = models.CharField(
        _("technology"),
        max_length=200,
        validators=[validate_name],
        help_text=_("A name that does not disclose the secret itself."),
    )
    register_entry_id = models.PositiveIntegerField(_("register entry"), null=True, blank=True)
    register_entry_label = models.CharField(max_length=200, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    recommendation = models.CharField(max_length=16, choices=Recommendation.choices)
    net_weight = models.IntegerField(default=0)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(
        _("reason"), blank=True, max_length=NOTE_LENGTH, validators=text_validators(NOTE_LENGTH)
    )
    approver = models.CharField(
        _("approved by"), max_length=100, blank=True, validators=[validate_name]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(
        _("decided on"), null=True, blank=True, validators=[validate_sane_date]
    )
    check_terms = models.TextField(
        _("check terms"),
        blank=True,
        max_length=NOTE_LENGTH,
        validators=text_validators(NOTE_LENGTH),
        help_text=_(
            "Kept secret, the technology must not show in public material: the words, codes and "
            "numbers the pre-publication check looks for (one per line)."
        ),
    )
    evidence = models.JSONField(default=dict, blank=True)  # checklist code -> ISO date it was done
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("patent-or-secret decision")
        verbose_name_plural = _("patent-or-secret decisions")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def keeps_secret(self) -> bool:
        return self.decision in (Decision.SECRET, Decision.BOTH)
