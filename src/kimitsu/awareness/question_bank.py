"""The company's bank of comprehension-quiz questions, with versions.

Every question the quiz asks has a row (``QuizQuestion``) and one version per wording
(``QuizQuestionVersion``). kimitsu's standard questions are copied into a company's bank the
first time its quiz is used; the administrator then adds questions, edits them (a new version:
the old one stays, with the answers given to it) and retires them. The questions built from the
company's levels and handling rules follow the register and the rules: they get a new version
when what they say changes, and cannot be edited here.

Writes are keyword-only and atomic and record their audit event (as services do); the reads at
the end are the selectors of the question pages.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.organizations.access import require
from kimitsu.organizations.models import Membership

from . import integrations
from . import permissions as P
from .choices import EDITABLE_SOURCES, QuizSource
from .content import T
from .content.quiz import LAW_BANK, company_questions, rule_questions
from .content.quiz import QuizQuestion as Asked
from .models import QUIZ_MAX_OPTIONS, QuizQuestion, QuizQuestionVersion

CONTENT_FIELDS = ("text_ja", "text_en", "options", "answer", "explanation_ja", "explanation_en")
POSITION_STEP = 10
# The built questions come after the bank's, in the order they are built.
BUILT_POSITION = {QuizSource.LEVELS: 50_000, QuizSource.RULES: 60_000}


def _ja(value) -> str:
    return value.ja if isinstance(value, T) else str(value)


def _en(value) -> str:
    return value.en if isinstance(value, T) else str(value)


def content_of(question: Asked) -> dict:
    """A question as the quiz shows it, as the fields of a version."""
    return {
        "text_ja": _ja(question.text),
        "text_en": _en(question.text),
        "options": [{"ja": _ja(o), "en": _en(o)} for o in question.options],
        "answer": question.answer,
        "explanation_ja": _ja(question.explanation),
        "explanation_en": _en(question.explanation),
    }


def asked(version: QuizQuestionVersion) -> Asked:
    """A version as the quiz asks it (the form, the scoring and the review use this)."""
    return Asked(
        code=version.question.code,
        text=T(version.text_ja, version.text_en or version.text_ja),
        options=tuple(T(o["ja"], o.get("en") or o["ja"]) for o in version.options),
        answer=version.answer,
        explanation=T(version.explanation_ja, version.explanation_en or version.explanation_ja),
        version_id=version.pk,
    )


def _same_content(version: QuizQuestionVersion | None, content: dict) -> bool:
    return version is not None and all(
        getattr(version, key) == content[key] for key in CONTENT_FIELDS
    )


def _add_version(question: QuizQuestion, content: dict, actor=None) -> QuizQuestionVersion:
    number = (question.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = QuizQuestionVersion(
        question=question,
        number=number,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **content,
    )
    version.full_clean(exclude=["question"])
    version.save()
    return version


def _latest(question: QuizQuestion) -> QuizQuestionVersion | None:
    return question.versions.order_by("-number").first()


# --- the bank as the quiz uses it ---------------------------------------------------------------


@transaction.atomic
def bank_ensure(organization) -> None:
    """Copy kimitsu's standard questions into the company's bank, once: a company that has ever
    had a question of its own or a standard one keeps what it made of them. Idempotent."""
    editable = QuizQuestion.objects.filter(organization=organization, source__in=EDITABLE_SOURCES)
    if editable.exists():
        return
    try:
        with transaction.atomic():
            for n, standard in enumerate(LAW_BANK, start=1):
                question = QuizQuestion.objects.create(
                    organization=organization,
                    code=standard.code,
                    source=QuizSource.STANDARD,
                    position=n * POSITION_STEP,
                )
                _add_version(question, content_of(standard))
    except IntegrityError:
        pass  # a request alongside copied them first


def _generated(organization) -> list[tuple[str, Asked]]:
    rules, verdicts = integrations.handling_rules_for_quiz(organization)
    return [
        *(
            (QuizSource.LEVELS, q)
            for q in company_questions(integrations.level_names(organization))
        ),
        *((QuizSource.RULES, q) for q in rule_questions(rules, verdicts)),
    ]


def questions_to_ask(organization) -> list[Asked]:
    """The quiz as it is asked now: the bank's questions in force (not retired), then those
    built from the levels and the handling rules, each in its latest version. A built question
    whose wording changed gets its new version the first time it is asked."""
    bank_ensure(organization)
    latest = QuizQuestionVersion.objects.order_by("-number")
    questions = {
        q.code: q
        for q in QuizQuestion.objects.filter(organization=organization).prefetch_related(
            Prefetch("versions", queryset=latest)
        )
    }
    out = []
    for question in questions.values():
        if question.source in EDITABLE_SOURCES and not question.is_retired:
            versions = list(question.versions.all())
            if versions:
                out.append(asked(versions[0]))
    for source, built in _generated(organization):
        question = questions.get(built.code)
        if question is not None and question.is_retired:
            continue
        out.append(_built_version(organization, source, built, question))
    order = {q.code: (q.position, q.pk) for q in questions.values()}
    return sorted(out, key=lambda q: order.get(q.code, (10**6, 0)))


def _built_version(organization, source, built: Asked, question) -> Asked:
    content = content_of(built)
    if question is not None:
        versions = list(question.versions.all())
        if versions and _same_content(versions[0], content):
            return asked(versions[0])
    with transaction.atomic():
        if question is None:
            question, _created = QuizQuestion.objects.get_or_create(
                organization=organization,
                code=built.code,
                defaults={"source": source, "position": BUILT_POSITION[source]},
            )
        version = _latest(question)
        if not _same_content(version, content):
            version = _add_version(question, content)
    return asked(version)


def versions_for(organization, questions: list[Asked]) -> list[QuizQuestionVersion]:
    """The versions of the questions a person answered. A question that does not carry its
    version (the demo's, a caller's own list) is matched by code and wording, and given a
    version if its wording is new."""
    bank_ensure(organization)
    ids = [q.version_id for q in questions if getattr(q, "version_id", None)]
    found = {
        v.pk: v for v in QuizQuestionVersion.objects.filter(pk__in=ids).select_related("question")
    }
    out = []
    for q in questions:
        version = found.get(getattr(q, "version_id", None))
        if version is not None and version.question.organization_id == organization.pk:
            out.append(version)
            continue
        question = QuizQuestion.objects.filter(organization=organization, code=q.code).first()
        if question is None:
            source = QuizSource.STANDARD if q.code.startswith("L") else QuizSource.CUSTOM
            question = QuizQuestion.objects.create(
                organization=organization, code=q.code, source=source
            )
        latest = _latest(question)
        content = content_of(q)
        out.append(latest if _same_content(latest, content) else _add_version(question, content))
    return out


# --- the administrator's edits -----------------------------------------------------------------


def clean_content(data: dict) -> dict:
    """The fields of a version from what the form or the API sends: options as lines."""
    options_ja = [line.strip() for line in (data.get("options_ja") or "").splitlines()]
    options_ja = [line for line in options_ja if line]
    options_en = [line.strip() for line in (data.get("options_en") or "").splitlines()]
    options_en = [line for line in options_en if line]
    errors = {}
    if not (data.get("text_ja") or "").strip():
        errors["text_ja"] = _("Write the question.")
    if not 2 <= len(options_ja) <= QUIZ_MAX_OPTIONS:
        errors["options_ja"] = _("Write between 2 and %(n)d options, one a line.") % {
            "n": QUIZ_MAX_OPTIONS
        }
    if options_en and len(options_en) != len(options_ja):
        errors["options_en"] = _(
            "Give as many English options as Japanese ones (%(n)d), in the same order, or none."
        ) % {"n": len(options_ja)}
    if any(len(o) > 200 for o in options_ja + options_en):
        errors.setdefault("options_ja", _("An option is at most 200 characters."))
    try:
        answer = int(data.get("answer")) - 1
    except (TypeError, ValueError):
        answer = -1
    if not 0 <= answer < max(len(options_ja), 1):
        errors["answer"] = _("Give the number of the correct option (1 to %(n)d).") % {
            "n": max(len(options_ja), 2)
        }
    if errors:
        raise ValidationError(errors)
    return {
        "text_ja": data["text_ja"].strip(),
        "text_en": (data.get("text_en") or "").strip(),
        "options": [
            {"ja": ja, "en": options_en[i] if options_en else ""} for i, ja in enumerate(options_ja)
        ],
        "answer": answer,
        "explanation_ja": (data.get("explanation_ja") or "").strip(),
        "explanation_en": (data.get("explanation_en") or "").strip(),
    }


def _editable(membership: Membership, question: QuizQuestion) -> QuizQuestion:
    if question.organization_id != membership.organization_id:
        raise PermissionDenied
    if question.source not in EDITABLE_SOURCES:
        raise ValidationError(
            _(
                "This question is built from the company's levels or handling rules: change "
                "those, and the question follows."
            )
        )
    return question


def _audit_content(version: QuizQuestionVersion) -> dict:
    return {
        "version": version.number,
        "text": version.text_ja,
        "options": [o["ja"] for o in version.options],
        "answer": version.answer + 1,
    }


@transaction.atomic
def question_create(*, actor, membership: Membership, data: dict) -> QuizQuestion:
    require(membership, P.TRAINING_MANAGE)
    org = membership.organization
    bank_ensure(org)
    content = clean_content(data)
    existing = QuizQuestion.objects.filter(organization=org)
    custom = [
        int(c[1:])
        for c in existing.filter(source=QuizSource.CUSTOM).values_list("code", flat=True)
        if c[1:].isdigit()
    ]
    top = existing.filter(source__in=EDITABLE_SOURCES).aggregate(p=Max("position"))["p"] or 0
    question = QuizQuestion.objects.create(
        organization=org,
        code=f"Q{max(custom, default=0) + 1}",
        source=QuizSource.CUSTOM,
        position=top + POSITION_STEP,
    )
    version = _add_version(question, content, actor)
    audit.record(
        event_type="quiz.question_created",
        organization=org,
        actor=actor,
        obj=question,
        object_repr=question.code,
        after=_audit_content(version),
    )
    return question


@transaction.atomic
def question_update(
    *, actor, membership: Membership, question: QuizQuestion, data: dict
) -> QuizQuestionVersion:
    """A new version of the question when its wording, options or answer change; the version
    people answered stays as it was."""
    require(membership, P.TRAINING_MANAGE)
    question = _editable(membership, QuizQuestion.objects.select_for_update().get(pk=question.pk))
    content = clean_content(data)
    latest = _latest(question)
    if _same_content(latest, content):
        return latest
    version = _add_version(question, content, actor)
    audit.record(
        event_type="quiz.question_revised",
        organization=question.organization,
        actor=actor,
        obj=question,
        object_repr=question.code,
        before=_audit_content(latest) if latest else None,
        after=_audit_content(version),
    )
    return version


@transaction.atomic
def question_retire(*, actor, membership: Membership, question: QuizQuestion) -> QuizQuestion:
    """No longer asked; its versions and the answers given to them stay."""
    require(membership, P.TRAINING_MANAGE)
    if question.organization_id != membership.organization_id:
        raise PermissionDenied
    question = QuizQuestion.objects.select_for_update().get(pk=question.pk)
    if question.is_retired:
        raise ValidationError(_("This question is already retired."))
    question.retired_at = timezone.now()
    question.retired_by = actor if getattr(actor, "is_authenticated", False) else None
    question.save(update_fields=["retired_at", "retired_by"])
    audit.record(
        event_type="quiz.question_retired",
        organization=question.organization,
        actor=actor,
        obj=question,
        object_repr=question.code,
        before={"retired": False},
        after={"retired": True},
    )
    return question


@transaction.atomic
def question_restore(*, actor, membership: Membership, question: QuizQuestion) -> QuizQuestion:
    require(membership, P.TRAINING_MANAGE)
    if question.organization_id != membership.organization_id:
        raise PermissionDenied
    question = QuizQuestion.objects.select_for_update().get(pk=question.pk)
    if not question.is_retired:
        raise ValidationError(_("This question is asked already."))
    question.retired_at = None
    question.retired_by = None
    question.save(update_fields=["retired_at", "retired_by"])
    audit.record(
        event_type="quiz.question_restored",
        organization=question.organization,
        actor=actor,
        obj=question,
        object_repr=question.code,
        before={"retired": True},
        after={"retired": False},
    )
    return question


# --- reads of the question pages -----------------------------------------------------------------


def question_list(membership: Membership) -> QuerySet[QuizQuestion]:
    """The company's questions, each with its versions (newest first) and how many answered
    quizzes saw each version."""
    require(membership, P.TRAINING_MANAGE)
    from django.db.models import Count

    versions = QuizQuestionVersion.objects.annotate(answered=Count("results")).order_by("-number")
    return QuizQuestion.objects.filter(organization=membership.organization).prefetch_related(
        Prefetch("versions", queryset=versions)
    )


def question_get(membership: Membership, pk) -> QuizQuestion:
    question = question_list(membership).filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


def form_initial(version: QuizQuestionVersion | None) -> dict:
    """A version as the edit form shows it (options one a line, the answer counted from 1)."""
    if version is None:
        return {}
    return {
        "text_ja": version.text_ja,
        "text_en": version.text_en,
        "options_ja": "\n".join(o["ja"] for o in version.options),
        "options_en": "\n".join(o.get("en", "") for o in version.options if o.get("en")),
        "answer": version.answer + 1,
        "explanation_ja": version.explanation_ja,
        "explanation_en": version.explanation_en,
    }
