"""Demo data of the awareness app for the demo company: two trade secret checks (a trend), the
quick check, the security check of three departments, an awareness session with attendance and
quiz scores, and a patent-or-secret decision. Idempotent: nothing is added once the company has a
self-check."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from kimitsu.organizations.choices import PersonStatus, Role
from kimitsu.organizations.models import Department, Membership, Person

from . import scoring, services
from .choices import CheckKind, DeliveryMode, LecturerKind, TrainingKind
from .content import checks as C
from .content.quiz import LAW_BANK
from .models import SelfCheck

# Trade secret check answers: (first check, the one six months later). Steps 1–2 improved.
_TS_FIRST = {
    "done": {"TS02", "TS28"},
    "partly": {"TS05", "TS09", "TS12", "TS20", "TS21", "TS26"},
    "unknown": {"TS25", "TS14"},
}
_TS_LATER = {
    "done": {"TS01", "TS02", "TS04", "TS05", "TS06", "TS28", "TS21"},
    "partly": {"TS07", "TS09", "TS12", "TS13", "TS16", "TS20", "TS26", "TS30"},
    "unknown": {"TS25"},
}
_SECURITY = {  # department name -> questions not fully done (answer)
    "工事部": {
        "S05": "not_done",
        "S08": "partly",
        "S09": "partly",
        "S14": "not_done",
        "S17": "partly",
        "S22": "not_done",
        "S25": "unknown",
    },
    "設計部": {"S05": "partly", "S08": "partly", "S12": "partly", "S22": "partly"},
    "営業部": {
        "S07": "partly",
        "S08": "not_done",
        "S11": "partly",
        "S14": "partly",
        "S22": "not_done",
        "S23": "partly",
    },
}


def _answers(spec):
    answers = {}
    for q in C.TRADE_SECRET_QUESTIONS:
        answers[q.code] = "not_done"
        for value in ("done", "partly", "unknown"):
            if q.code in spec[value]:
                answers[q.code] = value
    return answers


@transaction.atomic
def populate(company, desk, created_company, created_desk):
    if SelfCheck.objects.filter(organization=company).exists():
        return
    admin = (
        Membership.objects.filter(organization=company, role=Role.ADMIN, is_active=True)
        .select_related("user", "person")
        .first()
    )
    if admin is None:
        return
    user = admin.user
    today = timezone.localdate()
    services.selfcheck_record(
        actor=user,
        membership=admin,
        kind=CheckKind.QUICK,
        answered_on=today - dt.timedelta(200),
        answers={"Q1": "yes", "Q2": "yes", "Q3": "yes", "Q4": "yes", "Q5": "no"},
    )
    services.selfcheck_record(
        actor=user,
        membership=admin,
        kind=CheckKind.TRADE_SECRET,
        answered_on=today - dt.timedelta(190),
        answers=_answers(_TS_FIRST),
    )
    services.selfcheck_record(
        actor=user,
        membership=admin,
        kind=CheckKind.TRADE_SECRET,
        answered_on=today - dt.timedelta(10),
        answers=_answers(_TS_LATER),
    )
    for name, gaps in _SECURITY.items():
        dept = Department.objects.filter(organization=company, name=name).first()
        if dept is None:
            continue
        answers = {q.code: gaps.get(q.code, "done") for q in C.SECURITY_QUESTIONS}
        services.selfcheck_record(
            actor=user,
            membership=admin,
            kind=CheckKind.SECURITY,
            department=dept,
            answers=answers,
            answered_on=today - dt.timedelta(20),
        )

    session = services.training_create(
        actor=user,
        membership=admin,
        data={
            "held_on": today - dt.timedelta(30),
            "title": "営業秘密の基礎と当社のルール",
            "kind": TrainingKind.AWARENESS,
            "lecturer_kind": LecturerKind.DESK_ADVISOR,
            "lecturer_name": "小林 誠（相談窓口）",
            "mode": DeliveryMode.ON_SITE,
            "materials": "学習ページ「営業秘密とは」／失敗事例3つ",
            "required": True,
        },
    )
    people = list(
        Person.objects.filter(organization=company, status=PersonStatus.ACTIVE).order_by(
            "employee_number"
        )
    )
    attended = [p.employee_number for i, p in enumerate(people) if i % 5 != 4]
    services.attendance_add(
        actor=user, membership=admin, session=session, employee_numbers=attended
    )
    services.training_create(
        actor=user,
        membership=admin,
        data={
            "held_on": today + dt.timedelta(20),
            "title": "新入社員向け 情報管理ルール説明",
            "kind": TrainingKind.NEW_HIRES,
            "lecturer_kind": LecturerKind.IN_HOUSE,
            "lecturer_name": "井上 剛",
            "mode": DeliveryMode.ONLINE,
            "required": False,
        },
    )
    # Quiz scores of the demo log-ins who attended (through their memberships).
    for membership in Membership.objects.filter(
        organization=company, person__isnull=False, person__employee_number__in=attended
    ):
        correct = {q.code: str(q.answer) for q in LAW_BANK}
        if membership.role != Role.ADMIN:
            correct["L4"] = "0"
        services.quiz_submit(
            actor=membership.user,
            membership=membership,
            session=session,
            answers=correct,
            questions=LAW_BANK,
        )

    decision = services.decision_create(
        actor=user,
        membership=admin,
        title="型枠支保工の組立手順（現場ノウハウ）",
        answers={
            "visible": "no",
            "detectable": "no",
            "keepable": "yes",
            "long_life": "yes",
            "rivals": "no",
            "licensing": "no",
            "core": "yes",
        },
    )
    services.decision_record(
        actor=user,
        membership=admin,
        decision=decision,
        choice=scoring.decide(decision.answers).recommendation,
        reason="完成後の構造物からは分からず、他社が使っても確かめられないため秘匿化する。",
        approver="山本 一郎（代表取締役）",
        decided_on=today - dt.timedelta(5),
    )
    services.decision_evidence(
        actor=user, membership=admin, decision=decision, done={"dated_description", "drawings"}
    )
    services.decision_create(
        actor=user,
        membership=admin,
        title="新型の型枠連結金具（製品の構造）",
        answers={
            "visible": "yes",
            "detectable": "yes",
            "keepable": "no",
            "long_life": "no",
            "rivals": "yes",
            "licensing": "unsure",
            "core": "no",
        },
    )
