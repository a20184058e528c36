"""Scores of self-checks, quizzes and the patent-or-secret guide. Pure functions, no database."""

from dataclasses import dataclass, field

from .choices import ANSWER_POINTS, Answer, CheckKind, Recommendation, YesNo, YesNoUnsure
from .content import checks as C
from .content.decision import DECISION_QUESTIONS, THRESHOLD

QUESTIONS = {
    CheckKind.TRADE_SECRET: C.TRADE_SECRET_QUESTIONS,
    CheckKind.SECURITY: C.SECURITY_QUESTIONS,
}


def questions_for(kind: str) -> list:
    if kind == CheckKind.QUICK:
        return C.QUICK_CHECKS
    return QUESTIONS[kind]


def points(answer: str) -> int:
    return ANSWER_POINTS[Answer(answer)]


def validate_answers(kind: str, answers: dict) -> dict[str, str]:
    """Errors by question code: every question must be answered with an allowed value."""
    allowed = YesNo.values if kind == CheckKind.QUICK else Answer.values
    errors = {}
    for q in questions_for(kind):
        if answers.get(q.code) not in allowed:
            errors[q.code] = "missing"
    return errors


def total(kind: str, answers: dict) -> tuple[int, int]:
    """(score, maximum). The quick check counts the risky "yes" answers (max 5)."""
    qs = questions_for(kind)
    if kind == CheckKind.QUICK:
        return sum(1 for q in qs if answers.get(q.code) == YesNo.YES), len(qs)
    return sum(points(answers[q.code]) for q in qs if q.code in answers), 4 * len(qs)


@dataclass
class GroupScore:
    code: str
    title: object
    score: int = 0
    max_score: int = 0
    unknown: int = 0
    gaps: list = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.max_score) if self.max_score else 0


def group_scores(kind: str, answers: dict, by: str = "group") -> list[GroupScore]:
    """Scores per objective/part (``by="group"``) or per step (``by="step"``, trade secret only)."""
    if kind == CheckKind.TRADE_SECRET:
        titles = C.OBJECTIVE_TITLES if by == "group" else C.STEP_TITLES
    else:
        titles = C.SECURITY_PART_TITLES
    groups = {code: GroupScore(code=code, title=title) for code, title in titles.items()}
    for q in questions_for(kind):
        g = groups[q.group if by == "group" else q.step]
        g.max_score += 4
        answer = answers.get(q.code)
        if answer is None:
            continue
        g.score += points(answer)
        if answer == Answer.UNKNOWN:
            g.unknown += 1
        if answer != Answer.DONE:
            g.gaps.append(q)
    return [g for g in groups.values() if g.max_score]


def gaps(kind: str, answers: dict) -> list:
    """Questions not fully done, worst first (not done and don't know before partly)."""
    order = {Answer.NOT_DONE: 0, Answer.UNKNOWN: 1, Answer.PARTLY: 2}
    found = [
        (order[answers[q.code]], i, q)
        for i, q in enumerate(questions_for(kind))
        if answers.get(q.code) in order
    ]
    return [q for _o, _i, q in sorted(found, key=lambda t: (t[0], t[1]))]


def security_band(score: int):
    """The IPA-style band of a security score out of 100: (code, label, advice)."""
    for lowest, code, label, advice in C.SECURITY_BANDS:
        if lowest is None or score >= lowest:
            return code, label, advice
    raise AssertionError("unreachable")


@dataclass
class DepartmentAggregate:
    """Company view of the security check answered by departments separately."""

    departments: list  # [(department, check)] latest check per department
    average: float | None  # mean score of the departments' latest checks
    lowest: object  # the check with the lowest score
    per_question: dict  # code -> mean points over departments
    per_part: list  # GroupScore averaged (score in mean points)


def aggregate_departments(latest_checks: list) -> DepartmentAggregate:
    """``latest_checks``: the latest security check of each department (SelfCheck objects)."""
    if not latest_checks:
        return DepartmentAggregate([], None, None, {}, [])
    n = len(latest_checks)
    average = round(sum(c.score for c in latest_checks) / n, 1)
    per_question = {
        q.code: round(
            sum(points(c.answers[q.code]) for c in latest_checks if q.code in c.answers) / n, 2
        )
        for q in C.SECURITY_QUESTIONS
    }
    parts = []
    for code, title in C.SECURITY_PARTS:
        qs = [q for q in C.SECURITY_QUESTIONS if q.group == code]
        g = GroupScore(code=code, title=title, max_score=4 * len(qs))
        g.score = round(sum(per_question[q.code] for q in qs), 1)
        parts.append(g)
    lowest = min(latest_checks, key=lambda c: c.score)
    return DepartmentAggregate(
        departments=[(c.department, c) for c in latest_checks],
        average=average,
        lowest=lowest,
        per_question=per_question,
        per_part=parts,
    )


# --- quiz -------------------------------------------------------------------------------------


def quiz_score(questions: list, answers: dict) -> tuple[int, int]:
    """(correct, total): ``answers`` maps question code to the chosen option index (int or str)."""
    correct = 0
    for q in questions:
        chosen = answers.get(q.code)
        try:
            if chosen is not None and int(chosen) == q.answer:
                correct += 1
        except (TypeError, ValueError):
            continue
    return correct, len(questions)


# --- patent or secret -------------------------------------------------------------------------


@dataclass
class DecisionAdvice:
    recommendation: str
    net_weight: int
    reasons: list  # [(weight, reason T)] strongest first, only answers that counted


def decide(answers: dict) -> DecisionAdvice:
    """Weigh the answers (yes/no/unsure per question code) towards patent (+) or secret (−)."""
    net = 0
    reasons = []
    for q in DECISION_QUESTIONS:
        answer = answers.get(q.code)
        if answer == YesNoUnsure.YES:
            weight, reason = q.yes, q.yes_reason
        elif answer == YesNoUnsure.NO:
            weight, reason = q.no, q.no_reason
        else:
            continue
        if weight:
            net += weight
            reasons.append((weight, reason))
    if net >= THRESHOLD:
        recommendation = Recommendation.PATENT
        reasons = [r for r in reasons if r[0] > 0]
    elif net <= -THRESHOLD:
        recommendation = Recommendation.SECRET
        reasons = [r for r in reasons if r[0] < 0]
    else:
        recommendation = Recommendation.UNDECIDED
    reasons.sort(key=lambda r: -abs(r[0]))
    return DecisionAdvice(recommendation=recommendation, net_weight=net, reasons=reasons)
