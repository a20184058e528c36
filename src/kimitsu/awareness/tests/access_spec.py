import datetime as dt

from kimitsu.organizations.choices import Role
from kimitsu.testing.access import COMPANY_ALL, Spec

R = Role
RESULTS = {R.ADMIN, R.MANAGER, R.AUDITOR, R.ADVISOR}
DECISIONS = {R.ADMIN, R.AUDITOR, R.ADVISOR}
ADMIN = {R.ADMIN}
ANSWER = {R.ADMIN, R.MANAGER}  # a manager answers the security check for their departments


def _check(org, membership):
    from kimitsu.awareness.models import SelfCheck

    check = SelfCheck.objects.create(
        organization=org, kind="trade_secret", score=60, max_score=120, answers={"TS01": "done"}
    )
    return {"pk": check.pk}


def _training(org, membership):
    from kimitsu.awareness.models import TrainingSession

    session = TrainingSession.objects.create(
        organization=org, held_on=dt.date(2026, 4, 1), title="営業秘密の基礎"
    )
    return {"pk": session.pk}


def _decision(org, membership):
    from kimitsu.awareness.models import PatentDecision

    decision = PatentDecision.objects.create(
        organization=org, title="乾燥工程の条件", recommendation="secret"
    )
    return {"pk": decision.pk}


def _question(org, membership):
    from kimitsu.awareness.models import QuizQuestion

    question = QuizQuestion.objects.create(organization=org, code="Q1", source="custom")
    return {"pk": question.pk}


def _question_field(org, membership):
    """The body of "retire this question" (the list's POST names the question)."""
    return {"question": _question(org, membership)["pk"]}


def _kind(org, membership):
    return {"kind": "trade_secret"}


ACCESS = {
    # the old dashboard and roadmap lead every company role to its home
    "awareness:dashboard": Spec(allowed=COMPANY_ALL, ok_status=302),
    "awareness:roadmap": Spec(allowed=COMPANY_ALL, ok_status=302),
    "awareness:learn": Spec(allowed=COMPANY_ALL),
    "awareness:checks": Spec(allowed=RESULTS),
    "awareness:check_new": Spec(allowed=ADMIN, kwargs=_kind, write=ADMIN),
    "awareness:security_summary": Spec(allowed=RESULTS),
    "awareness:check_detail": Spec(allowed=RESULTS, kwargs=_check),
    "awareness:check_pdf": Spec(allowed=RESULTS, kwargs=_check),
    "awareness:trainings": Spec(allowed=RESULTS),
    "awareness:training_create": Spec(allowed=ADMIN, write=ADMIN),
    "awareness:training_missing": Spec(allowed={R.ADMIN, R.MANAGER, R.AUDITOR}),
    # attendance is recorded by the administrator
    "awareness:training_detail": Spec(allowed=RESULTS, kwargs=_training, write=ADMIN),
    "awareness:training_edit": Spec(allowed=ADMIN, kwargs=_training, write=ADMIN),
    "awareness:training_import": Spec(allowed=ADMIN, kwargs=_training, write=ADMIN),
    # everyone who may learn takes the quiz (as the person they are)
    "awareness:training_quiz": Spec(allowed=COMPANY_ALL, kwargs=_training, write=COMPANY_ALL),
    "awareness:quiz_questions": Spec(allowed=ADMIN, write=ADMIN, data=_question_field),
    "awareness:quiz_question_create": Spec(allowed=ADMIN, write=ADMIN),
    "awareness:quiz_question_edit": Spec(allowed=ADMIN, kwargs=_question, write=ADMIN),
    "awareness:decisions": Spec(allowed=DECISIONS),
    "awareness:decision_create": Spec(allowed=ADMIN, write=ADMIN),
    # the decision and its evidence checklist are the administrator's
    "awareness:decision_detail": Spec(allowed=DECISIONS, kwargs=_decision, write=ADMIN),
    # API
    "api-awareness-roadmap": Spec(allowed=COMPANY_ALL),
    "api-awareness-checks": Spec(allowed=RESULTS, write=ANSWER),
    "api-awareness-security-summary": Spec(allowed=RESULTS),
    "api-awareness-check": Spec(allowed=RESULTS, kwargs=_check),
    "api-awareness-trainings": Spec(allowed=RESULTS, write=ADMIN),
    "api-awareness-training": Spec(allowed=RESULTS, kwargs=_training),
    "api-awareness-decisions": Spec(allowed=DECISIONS, write=ADMIN),
    "api-awareness-decision": Spec(allowed=DECISIONS, kwargs=_decision),
}
