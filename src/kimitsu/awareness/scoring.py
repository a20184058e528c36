"""Scores of self-checks, quizzes and the patent-or-secret guide. Pure functions, no database.

How a score is counted and shown, decided once here and used by every page, badge, PDF and the API:

- An answer gives 4 (done), 2 (partly), 0 (not done) or −1 (don't know) points, as in IPA's
  self-diagnosis. A part (an objective, a step, a part of the security check) never scores below
  0: a part answered "don't know" throughout is as bad as nothing done, not worse. The total of a
  check is the sum of its parts (objectives for the trade secret check), so the figures shown side
  by side always add up.
- Figures are rounded half up (四捨五入), never to even: 69.5 is 70. An average of security
  scores is shown as a whole number of points, and its band is the band of that same shown number
  (``security_standing``), so that "70" never sits beside "50–69".
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

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


def half_up(value, places: int = 0):
    """``value`` rounded half up (四捨五入): an int for whole numbers, else a float."""
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return int(exact) if places == 0 else float(exact)


def percent(score, maximum) -> int:
    """Whole percent of ``maximum``, rounded half up; 0 when there is no maximum."""
    return half_up(100 * Decimal(str(score)) / maximum) if maximum else 0


def validate_answers(kind: str, answers: dict) -> dict[str, str]:
    """Errors by question code: every question must be answered with an allowed value."""
    allowed = YesNo.values if kind == CheckKind.QUICK else Answer.values
    errors = {}
    for q in questions_for(kind):
        if answers.get(q.code) not in allowed:
            errors[q.code] = "missing"
    return errors


def total(kind: str, answers: dict) -> tuple[int, int]:
    """(score, maximum). The quick check counts the risky "yes" answers (max 5); the other checks
    add up their parts, each at least 0 (see the module's docstring)."""
    qs = questions_for(kind)
    if kind == CheckKind.QUICK:
        return sum(1 for q in qs if answers.get(q.code) == YesNo.YES), len(qs)
    return sum(g.score for g in group_scores(kind, answers)), 4 * len(qs)


@dataclass
class GroupScore:
    code: str
    title: object
    score: int = 0  # at least 0
    max_score: int = 0
    unknown: int = 0
    gaps: list = field(default_factory=list)

    @property
    def percent(self) -> int:
        return percent(self.score, self.max_score)


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
    for g in groups.values():
        g.score = max(g.score, 0)  # "don't know" lowers a part to nothing done, not below
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
    """The IPA-style band of a whole security score out of 100: (code, label, advice). Pages
    use ``security_standing``, which rounds first."""
    for lowest, code, label, advice in C.SECURITY_BANDS:
        if lowest is None or score >= lowest:
            return code, label, advice
    raise AssertionError("unreachable")


def security_band_floor(code: str) -> int:
    """The lowest score of a band ("fair" -> 50)."""
    for lowest, band, _label, _advice in C.SECURITY_BANDS:
        if band == code:
            return lowest or 0
    raise KeyError(code)


@dataclass(frozen=True)
class SecurityStanding:
    """A security figure as it is shown: whole points out of 100 and the band of that number."""

    score: int
    code: str
    label: object
    advice: object


def security_standing(value) -> SecurityStanding:
    """The one way a security figure (a department's score or the company's average) is shown
    and banded: rounded half up to whole points, then banded by that same number."""
    score = half_up(value)
    code, label, advice = security_band(score)
    return SecurityStanding(score=score, code=code, label=label, advice=advice)


@dataclass
class DepartmentAggregate:
    """Company view of the security check answered by departments separately."""

    departments: list  # [(department, check)] latest check per department
    mean: Decimal | None  # exact mean score of the departments' latest checks
    lowest: object  # the check with the lowest score
    per_question: dict  # code -> mean points over departments
    per_part: list  # GroupScore of mean part scores (one decimal)

    @property
    def standing(self) -> SecurityStanding | None:
        return security_standing(self.mean) if self.mean is not None else None

    @property
    def average(self) -> int | None:
        """The company's figure: the mean rounded half up to whole points."""
        return self.standing.score if self.mean is not None else None


def aggregate_departments(latest_checks: list) -> DepartmentAggregate:
    """``latest_checks``: the latest security check of each department (SelfCheck objects)."""
    if not latest_checks:
        return DepartmentAggregate([], None, None, {}, [])
    n = len(latest_checks)
    mean = sum(Decimal(c.score) for c in latest_checks) / n
    per_question = {
        q.code: half_up(
            sum(points(c.answers[q.code]) for c in latest_checks if q.code in c.answers) / n, 2
        )
        for q in C.SECURITY_QUESTIONS
    }
    sums = {code: 0 for code, _title in C.SECURITY_PARTS}
    for c in latest_checks:
        for g in group_scores(CheckKind.SECURITY, c.answers):
            sums[g.code] += g.score
    parts = []
    for code, title in C.SECURITY_PARTS:
        qs = [q for q in C.SECURITY_QUESTIONS if q.group == code]
        g = GroupScore(code=code, title=title, max_score=4 * len(qs))
        g.score = half_up(sums[code] / n, 1)
        parts.append(g)
    lowest = min(latest_checks, key=lambda c: c.score)
    return DepartmentAggregate(
        departments=[(c.department, c) for c in latest_checks],
        mean=mean,
        lowest=lowest,
        per_question=per_question,
        per_part=parts,
    )


@dataclass
class CompanySecurity:
    """The company-wide figure of the security check.

    When departments answer, the figure is the average of the latest answer of each department
    (each department counts once); an answer for the whole company is then listed but not
    counted, lest it count everyone twice. Only while no department has answered is the latest
    answer for the whole company the figure."""

    basis: str  # "departments", "company", or "" (not answered)
    standing: SecurityStanding | None = None
    aggregate: DepartmentAggregate | None = None
    check: object = None  # the whole-company answer when basis == "company"
    answered_on: dt.date | None = None  # the latest answer counted

    @property
    def score(self) -> int | None:
        return self.standing.score if self.standing else None


def company_security(department_checks: list, company_check=None) -> CompanySecurity:
    """``department_checks``: the latest security check of each department; ``company_check``:
    the latest answered for the whole company (or None)."""
    if department_checks:
        aggregate = aggregate_departments(department_checks)
        return CompanySecurity(
            basis="departments",
            standing=aggregate.standing,
            aggregate=aggregate,
            answered_on=max(c.answered_on for c in department_checks),
        )
    if company_check is not None:
        return CompanySecurity(
            basis="company",
            standing=security_standing(company_check.score),
            check=company_check,
            answered_on=company_check.answered_on,
        )
    return CompanySecurity(basis="")


def company_security_trend(checks, limit: int = 12) -> list[tuple[dt.date, int]]:
    """(date, company figure) on each day the figure changed, oldest first, the last ``limit``.

    ``checks``: every security check of the company as (department id or None, date, score),
    in the order they were answered. The figure on a day follows ``company_security``: the
    average of each department's latest answer so far; answers for the whole company only while
    no department has answered."""
    latest: dict[int, int] = {}
    points_by_day: dict[dt.date, int] = {}
    for department_id, day, score in checks:
        if department_id is None:
            if not latest:
                points_by_day[day] = half_up(score)
            continue
        latest[department_id] = score
        points_by_day[day] = half_up(Decimal(sum(latest.values())) / len(latest))
    return sorted(points_by_day.items())[-limit:]


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
