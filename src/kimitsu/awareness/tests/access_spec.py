import datetime as dt

from kimitsu.organizations.choices import Role
from kimitsu.testing.access import COMPANY_ALL, Spec

R = Role
RESULTS = {R.ADMIN, R.MANAGER, R.AUDITOR, R.ADVISOR}
DECISIONS = {R.ADMIN, R.AUDITOR, R.ADVISOR}


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


def _kind(org, membership):
    return {"kind": "trade_secret"}


ACCESS = {
    "awareness:dashboard": Spec(allowed=RESULTS),
    "awareness:roadmap": Spec(allowed=COMPANY_ALL),
    "awareness:learn": Spec(allowed=COMPANY_ALL),
    "awareness:checks": Spec(allowed=RESULTS),
    "awareness:check_new": Spec(allowed={R.ADMIN}, kwargs=_kind),
    "awareness:security_summary": Spec(allowed=RESULTS),
    "awareness:check_detail": Spec(allowed=RESULTS, kwargs=_check),
    "awareness:check_pdf": Spec(allowed=RESULTS, kwargs=_check),
    "awareness:trainings": Spec(allowed=RESULTS),
    "awareness:training_create": Spec(allowed={R.ADMIN}),
    "awareness:training_missing": Spec(allowed={R.ADMIN, R.MANAGER, R.AUDITOR}),
    "awareness:training_detail": Spec(allowed=RESULTS, kwargs=_training),
    "awareness:training_edit": Spec(allowed={R.ADMIN}, kwargs=_training),
    "awareness:training_import": Spec(allowed={R.ADMIN}, kwargs=_training),
    "awareness:training_quiz": Spec(allowed=COMPANY_ALL, kwargs=_training),
    "awareness:decisions": Spec(allowed=DECISIONS),
    "awareness:decision_create": Spec(allowed={R.ADMIN}),
    "awareness:decision_detail": Spec(allowed=DECISIONS, kwargs=_decision),
    # API
    "api-awareness-roadmap": Spec(allowed=COMPANY_ALL),
    "api-awareness-checks": Spec(allowed=RESULTS),
    "api-awareness-security-summary": Spec(allowed=RESULTS),
    "api-awareness-check": Spec(allowed=RESULTS, kwargs=_check),
    "api-awareness-trainings": Spec(allowed=RESULTS),
    "api-awareness-training": Spec(allowed=RESULTS, kwargs=_training),
    "api-awareness-decisions": Spec(allowed=DECISIONS),
    "api-awareness-decision": Spec(allowed=DECISIONS, kwargs=_decision),
}
