"""State changes of the awareness app: keyword-only, atomic, each with its audit event."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.core.text import ascii_digits
from kimitsu.core.validators import check_fields
from kimitsu.documents import tables
from kimitsu.organizations.access import has_perm, require
from kimitsu.organizations.choices import PersonStatus
from kimitsu.organizations.models import Department, Membership, Person
from kimitsu.organizations.selectors import managed_department_ids
from kimitsu.organizations.services import snapshot
from kimitsu.register.terms import clean_terms

from . import integrations, question_bank, scoring
from . import permissions as P
from .choices import AttendanceSource, CheckKind
from .content.decision import EVIDENCE_CHECKLIST
from .models import Attendance, PatentDecision, QuizResult, SelfCheck, TrainingSession

TRAINING_FIELDS = [
    "held_on",
    "title",
    "kind",
    "lecturer_kind",
    "lecturer_name",
    "mode",
    "materials",
    "required",
]
DECISION_FIELDS = ["decision", "decision_reason", "approver", "decided_on", "check_terms"]


def _same_org(membership: Membership, obj):
    if obj.organization_id != membership.organization_id:
        raise PermissionDenied


# --- self-checks ------------------------------------------------------------------------------


@transaction.atomic
def selfcheck_record(
    *,
    actor,
    membership: Membership,
    kind: str,
    answers: dict,
    department: Department | None = None,
    answered_on: dt.date | None = None,
) -> SelfCheck:
    require(membership, P.CHECK_ANSWER)
    if kind not in CheckKind.values:
        raise ValidationError({"kind": _("Unknown kind of self-check.")})
    if department is not None and department.organization_id != membership.organization_id:
        raise ValidationError({"department": _("The department must be in this workspace.")})
    if not has_perm(membership, P.CHECK_ANSWER_ALL):
        # A department manager answers the security check for the departments they manage.
        scope = managed_department_ids(membership) or set()
        if kind != CheckKind.SECURITY or department is None or department.pk not in scope:
            raise PermissionDenied
    if answered_on is not None:
        check_fields(SelfCheck(answered_on=answered_on), "answered_on")
        if answered_on > timezone.localdate():
            raise ValidationError({"answered_on": _("A self-check cannot be dated in the future.")})
    if kind != CheckKind.SECURITY and department is not None:
        raise ValidationError({"department": _("This check is answered for the whole company.")})
    missing = scoring.validate_answers(kind, answers)
    if missing:
        numbers = [
            str(i + 1) for i, q in enumerate(scoring.questions_for(kind)) if q.code in missing
        ]
        raise ValidationError(
            _("Answer every question; still unanswered: %(numbers)s.")
            % {"numbers": ", ".join(numbers)}
        )
    codes = {q.code for q in scoring.questions_for(kind)}
    clean = {code: value for code, value in answers.items() if code in codes}
    score, max_score = scoring.total(kind, clean)
    check = SelfCheck.objects.create(
        organization=membership.organization,
        kind=kind,
        department=department,
        answered_by=actor,
        answerer_name=getattr(actor, "display_name", "") or str(actor or ""),
        answered_on=answered_on or timezone.localdate(),
        answers=clean,
        score=score,
        max_score=max_score,
    )
    audit.record(
        event_type="selfcheck.recorded",
        organization=membership.organization,
        actor=actor,
        obj=check,
        after={
            "kind": kind,
            "department": department.pk if department else None,
            "answered_on": check.answered_on.isoformat(),
            "score": score,
            "max_score": max_score,
            "answers": clean,
        },
    )
    return check


# --- training ---------------------------------------------------------------------------------


@transaction.atomic
def training_create(*, actor, membership: Membership, data: dict) -> TrainingSession:
    require(membership, P.TRAINING_MANAGE)
    session = TrainingSession(organization=membership.organization)
    for key in TRAINING_FIELDS:
        if key in data:
            setattr(session, key, data[key])
    session.full_clean()
    session.save()
    audit.record(
        event_type="training.created",
        organization=membership.organization,
        actor=actor,
        obj=session,
        after=snapshot(session, TRAINING_FIELDS),
    )
    return session


@transaction.atomic
def training_update(
    *, actor, membership: Membership, session: TrainingSession, data: dict
) -> TrainingSession:
    require(membership, P.TRAINING_MANAGE)
    _same_org(membership, session)
    before = snapshot(session, TRAINING_FIELDS)
    for key in TRAINING_FIELDS:
        if key in data:
            setattr(session, key, data[key])
    session.full_clean()
    session.save()
    b, a = audit.diff(before, snapshot(session, TRAINING_FIELDS))
    if a:
        audit.record(
            event_type="training.updated",
            organization=membership.organization,
            actor=actor,
            obj=session,
            before=b,
            after=a,
        )
    return session


def _people_by_number(organization) -> dict[str, Person]:
    return {p.employee_number: p for p in Person.objects.filter(organization=organization)}


def parse_employee_numbers(session: TrainingSession, rows: list[tuple[int, str]]):
    """Check (row number, employee number) pairs against the people register.

    Returns (people to add, numbers already recorded, errors). An error names its row."""
    people = _people_by_number(session.organization)
    recorded = set(session.attendances.values_list("person__employee_number", flat=True))
    seen: dict[str, int] = {}
    to_add, already, errors = [], [], []
    for row, raw in rows:
        number = ascii_digits(raw.strip())
        if not number:
            continue
        person = people.get(number)
        if person is None:
            errors.append(
                _("Row %(row)d: no one with employee number “%(number)s” in the people register.")
                % {"row": row, "number": number}
            )
        elif person.status == PersonStatus.LEFT and (
            person.left_on is None or person.left_on < session.held_on
        ):
            errors.append(
                _("Row %(row)d: %(name)s (%(number)s) had left before the session.")
                % {"row": row, "name": person.full_name, "number": number}
            )
        elif number in seen:
            errors.append(
                _("Row %(row)d: employee number “%(number)s” already appears in row %(first)d.")
                % {"row": row, "number": number, "first": seen[number]}
            )
        elif number in recorded:
            already.append(number)
        else:
            to_add.append(person)
        seen.setdefault(number, row)
    return to_add, already, errors


@transaction.atomic
def attendance_add(
    *, actor, membership: Membership, session: TrainingSession, employee_numbers: list[str]
) -> list[Attendance]:
    """Record attendance for people entered by employee number; all or nothing."""
    require(membership, P.TRAINING_MANAGE)
    _same_org(membership, session)
    rows = list(enumerate(employee_numbers, start=1))
    to_add, _already, errors = parse_employee_numbers(session, rows)
    if errors:
        raise ValidationError(errors)
    created = []
    for person in to_add:
        attendance = Attendance.objects.create(
            session=session, person=person, source=AttendanceSource.ENTERED
        )
        audit.record(
            event_type="attendance.added",
            organization=membership.organization,
            actor=actor,
            obj=session,
            after={"person": person.pk, "employee_number": person.employee_number},
        )
        created.append(attendance)
    return created


@transaction.atomic
def attendance_remove(
    *, actor, membership: Membership, session: TrainingSession, person_id: int
) -> None:
    require(membership, P.TRAINING_MANAGE)
    _same_org(membership, session)
    attendance = (
        Attendance.objects.filter(session=session, person_id=person_id)
        .select_related("person")
        .first()
    )
    if attendance is None:
        return
    audit.record(
        event_type="attendance.removed",
        organization=membership.organization,
        actor=actor,
        obj=session,
        before={
            "person": attendance.person_id,
            "employee_number": attendance.person.employee_number,
        },
    )
    attendance.delete()


HEADER_WORDS = {"employee_number", "社員番号", "従業員番号", "番号", "no", "employee number"}


def read_csv_numbers(content: bytes) -> list[tuple[int, str]]:
    """(row number, first column) of a CSV in UTF-8 (with or without BOM) or Shift_JIS, of at
    most ``KIMITSU_MAX_IMPORT_ROWS`` rows besides a header (refused as soon as it has more)."""
    rows = []
    try:
        tables.check_size(len(content))
        for index, row in tables.read_csv(content):
            first = row[0].strip()
            if index == 1 and first.lower() in HEADER_WORDS:
                continue
            rows.append((index, first))
    except tables.TableRefused as exc:
        raise ValidationError(str(exc)) from exc
    return rows


@transaction.atomic
def attendance_import(
    *, actor, membership: Membership, session: TrainingSession, content: bytes
) -> dict:
    """Import attendance from a CSV of employee numbers. Any bad row refuses the whole file,
    and every bad row is reported with its number; nothing is written then."""
    require(membership, P.TRAINING_MANAGE)
    _same_org(membership, session)
    rows = read_csv_numbers(content)
    to_add, already, errors = parse_employee_numbers(session, rows)
    if errors:
        raise ValidationError(errors)
    if not to_add and not already:
        raise ValidationError(_("The file contains no employee numbers."))
    Attendance.objects.bulk_create(
        [Attendance(session=session, person=p, source=AttendanceSource.IMPORTED) for p in to_add]
    )
    audit.record(
        event_type="attendance.imported",
        organization=membership.organization,
        actor=actor,
        obj=session,
        after={"added": [p.employee_number for p in to_add], "already_recorded": already},
    )
    return {"added": len(to_add), "already": len(already)}


# --- quiz -------------------------------------------------------------------------------------


def quiz_questions(organization) -> list:
    """The company's bank (kimitsu's standard questions as the company edited them, and its
    own), plus questions on its levels and approved handling rules when the register and the
    rules provide them; each question carries the version asked (``question_bank``)."""
    return question_bank.questions_to_ask(organization)


@transaction.atomic
def quiz_submit(
    *,
    actor,
    membership: Membership,
    session: TrainingSession,
    answers: dict,
    questions: list | None = None,
) -> QuizResult:
    require(membership, P.VIEW)
    _same_org(membership, session)
    person = membership.person
    if person is None or person.organization_id != membership.organization_id:
        raise ValidationError(_("Your account is not linked to an entry of the people register."))
    questions = questions if questions is not None else quiz_questions(membership.organization)
    return quiz_record(
        actor=actor, session=session, person=person, answers=answers, questions=questions
    )


def quiz_record(
    *, actor, session, person, answers: dict, questions: list, via: str = ""
) -> QuizResult:
    """Score and keep one person's answers (their latest attempt counts), as an audit event;
    ``via`` says how they took it when not logged in (a personal link)."""
    score, total = scoring.quiz_score(questions, answers)
    clean = {q.code: str(answers.get(q.code, "")) for q in questions}
    result, _created = QuizResult.objects.update_or_create(
        session=session,
        person=person,
        defaults={"score": score, "total": total, "answers": clean, "taken_at": timezone.now()},
    )
    versions = question_bank.versions_for(session.organization, questions)
    result.question_versions.set(versions)
    after = {
        "person": person.pk,
        "score": score,
        "total": total,
        # the wording each answer was given to (a retake replaces the result, not this event)
        "versions": {v.question.code: v.number for v in versions},
    }
    if via:
        after.update(employee_number=person.employee_number, via=via)
    audit.record(
        event_type="quiz.taken",
        organization=session.organization,
        actor=actor,
        obj=session,
        after=after,
    )
    return result


# --- patent or secret -------------------------------------------------------------------------


@transaction.atomic
def decision_create(
    *,
    actor,
    membership: Membership,
    title: str,
    answers: dict,
    register_entry_id: int | None = None,
) -> PatentDecision:
    require(membership, P.DECISION_MANAGE)
    advice = scoring.decide(answers)
    label = ""
    if register_entry_id is not None:
        entries = dict(integrations.register_entries(membership) or [])
        if register_entry_id not in entries:
            raise ValidationError({"register_entry": _("No such register entry.")})
        label = entries[register_entry_id]
    decision = PatentDecision(
        organization=membership.organization,
        title=title,
        answers=answers,
        recommendation=advice.recommendation,
        net_weight=advice.net_weight,
        register_entry_id=register_entry_id,
        register_entry_label=label,
        created_by=actor,
    )
    decision.full_clean()
    decision.save()
    audit.record(
        event_type="decision.created",
        organization=membership.organization,
        actor=actor,
        obj=decision,
        after={
            "title": title,
            "answers": answers,
            "recommendation": advice.recommendation,
            "register_entry": register_entry_id,
        },
    )
    return decision


@transaction.atomic
def decision_record(
    *,
    actor,
    membership: Membership,
    decision: PatentDecision,
    choice: str,
    reason: str,
    approver: str,
    decided_on: dt.date | None = None,
    check_terms: str | None = None,
) -> PatentDecision:
    require(membership, P.DECISION_MANAGE)
    _same_org(membership, decision)
    errors = {}
    if not (reason or "").strip():
        errors["decision_reason"] = _("Write the reason for the decision.")
    if not (approver or "").strip():
        errors["approver"] = _("Name the person who approved the decision.")
    if errors:
        raise ValidationError(errors)
    before = snapshot(decision, DECISION_FIELDS)
    decision.decision = choice
    decision.decision_reason = reason.strip()
    decision.approver = approver.strip()
    decision.decided_on = decided_on or timezone.localdate()
    decision.decided_by = actor
    if check_terms is not None:
        decision.check_terms = clean_terms(check_terms)
    decision.full_clean()
    decision.save()
    b, a = audit.diff(before, snapshot(decision, DECISION_FIELDS))
    audit.record(
        event_type="decision.recorded",
        organization=membership.organization,
        actor=actor,
        obj=decision,
        before=b,
        after=a,
    )
    return decision


@transaction.atomic
def decision_evidence(
    *, actor, membership: Membership, decision: PatentDecision, done: set[str]
) -> PatentDecision:
    """Tick the prior-use evidence kept; each item keeps the date it was first ticked."""
    require(membership, P.DECISION_MANAGE)
    _same_org(membership, decision)
    codes = {code for code, _label in EVIDENCE_CHECKLIST}
    today = timezone.localdate().isoformat()
    before = dict(decision.evidence)
    after = {code: before.get(code, today) for code in sorted(done & codes)}
    if after != before:
        decision.evidence = after
        decision.save(update_fields=["evidence"])
        audit.record(
            event_type="decision.evidence_updated",
            organization=membership.organization,
            actor=actor,
            obj=decision,
            before=before,
            after=after,
        )
    return decision
