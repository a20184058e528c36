import pytest

from kimitsu.awareness import scoring
from kimitsu.awareness.choices import CheckKind, Recommendation
from kimitsu.awareness.content import checks as C
from kimitsu.awareness.content.quiz import LAW_BANK, company_questions
from kimitsu.awareness.models import SelfCheck

TS = CheckKind.TRADE_SECRET
SEC = CheckKind.SECURITY


def _all(kind, value):
    return {q.code: value for q in scoring.questions_for(kind)}


def test_question_counts():
    assert len(C.TRADE_SECRET_QUESTIONS) == 30
    assert len(C.SECURITY_QUESTIONS) == 25
    assert len(C.QUICK_CHECKS) == 5
    codes = [q.code for q in C.TRADE_SECRET_QUESTIONS + C.SECURITY_QUESTIONS]
    assert len(codes) == len(set(codes))
    # every objective and every step has questions
    assert {q.group for q in C.TRADE_SECRET_QUESTIONS} == set(C.OBJECTIVE_TITLES)
    assert {q.step for q in C.TRADE_SECRET_QUESTIONS} == set(range(1, 8))


@pytest.mark.parametrize(
    ("value", "expected"), [("done", 100), ("partly", 50), ("not_done", 0), ("unknown", 0)]
)
def test_security_points_out_of_100(value, expected):
    assert scoring.total(SEC, _all(SEC, value)) == (expected, 100)


def test_unknown_counts_minus_one_and_mixes():
    answers = _all(SEC, "done")
    answers["S01"] = "unknown"  # 4 -> -1
    answers["S02"] = "partly"  # 4 -> 2
    answers["S03"] = "not_done"  # 4 -> 0
    assert scoring.total(SEC, answers) == (100 - 5 - 2 - 4, 100)


def test_trade_secret_group_and_step_scores():
    answers = _all(TS, "done")
    answers["TS22"] = "unknown"  # takeout, step 6
    answers["TS23"] = "not_done"  # takeout, step 6
    score, maximum = scoring.total(TS, answers)
    assert (score, maximum) == (120 - 5 - 4, 120)
    groups = {g.code: g for g in scoring.group_scores(TS, answers)}
    assert groups["takeout"].max_score == 16
    assert groups["takeout"].score == 16 - 5 - 4
    assert groups["takeout"].unknown == 1
    assert [q.code for q in groups["takeout"].gaps] == ["TS22", "TS23"]
    assert groups["access"].percent == 100
    steps = {g.code: g for g in scoring.group_scores(TS, answers, by="step")}
    assert steps[6].score == steps[6].max_score - 9
    assert sum(g.max_score for g in steps.values()) == 120
    # gaps: not done first, then don't know, then partly
    answers["TS01"] = "partly"
    assert [q.code for q in scoring.gaps(TS, answers)] == ["TS23", "TS22", "TS01"]


def test_quick_check_counts_yes():
    answers = {"Q1": "yes", "Q2": "no", "Q3": "yes", "Q4": "no", "Q5": "no"}
    assert scoring.total(CheckKind.QUICK, answers) == (2, 5)
    assert scoring.validate_answers(CheckKind.QUICK, {"Q1": "yes"}) == {
        "Q2": "missing",
        "Q3": "missing",
        "Q4": "missing",
        "Q5": "missing",
    }


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (100, "excellent"),
        (99, "good"),
        (70, "good"),
        (69, "fair"),
        (50, "fair"),
        (49, "poor"),
        (-25, "poor"),
    ],
)
def test_security_bands(score, band):
    assert scoring.security_band(score)[0] == band


def _sec(score_answers, dept_name):
    from kimitsu.organizations.models import Department

    check = SelfCheck(
        kind=SEC, answers=score_answers, max_score=100, department=Department(name=dept_name)
    )
    check.score = scoring.total(SEC, score_answers)[0]
    return check


def test_department_aggregation():
    a = _all(SEC, "done")  # 100
    b = _all(SEC, "partly")  # 50
    b["S01"] = "unknown"  # 50 - 2 - 1 = 47
    agg = scoring.aggregate_departments([_sec(a, "工事部"), _sec(b, "営業部")])
    assert agg.mean == 73.5 and agg.average == 74  # shown in whole points, rounded half up
    assert agg.standing.code == "good"
    assert agg.lowest.score == 47
    assert agg.per_question["S01"] == 1.5  # (4 + -1) / 2
    assert agg.per_question["S02"] == 3.0  # (4 + 2) / 2
    parts = {g.code: g for g in agg.per_part}
    assert parts["basic"].max_score == 20
    assert parts["basic"].score == (20 + 7) / 2  # the mean of the departments' part scores
    assert scoring.aggregate_departments([]).average is None


def test_quiz_scoring():
    answers = {q.code: str(q.answer) for q in LAW_BANK}
    assert scoring.quiz_score(LAW_BANK, answers) == (len(LAW_BANK), len(LAW_BANK))
    answers[LAW_BANK[0].code] = str((LAW_BANK[0].answer + 1) % len(LAW_BANK[0].options))
    answers[LAW_BANK[1].code] = "not a number"
    del answers[LAW_BANK[2].code]
    assert scoring.quiz_score(LAW_BANK, answers) == (len(LAW_BANK) - 3, len(LAW_BANK))


def test_company_questions_use_the_levels():
    assert company_questions([]) == []
    qs = company_questions(["極秘", "秘", "社外秘"])
    level_q, count_q = qs
    assert str(level_q.options[level_q.answer]) == "極秘"
    assert not {"秘", "社外秘"} & {str(o) for o in level_q.options[1:]}
    assert count_q.options[count_q.answer] == "3"
    assert len(set(count_q.options)) == len(count_q.options)


def test_hidden_long_lived_factory_process_is_kept_secret():
    advice = scoring.decide(
        {
            "visible": "no",
            "detectable": "no",
            "keepable": "yes",
            "long_life": "yes",
            "rivals": "unsure",
            "licensing": "no",
            "core": "yes",
        }
    )
    assert advice.recommendation == Recommendation.SECRET
    assert advice.reasons and all(w < 0 for w, _r in advice.reasons)
    # the strongest reason comes first: a hidden process cannot be policed
    assert advice.reasons[0][0] == -3


def test_feature_visible_on_sale_is_patented():
    advice = scoring.decide(
        {
            "visible": "yes",
            "detectable": "yes",
            "keepable": "no",
            "long_life": "no",
            "rivals": "unsure",
            "licensing": "unsure",
            "core": "unsure",
        }
    )
    assert advice.recommendation == Recommendation.PATENT
    assert advice.reasons[0][0] == 3
    assert all(w > 0 for w, _r in advice.reasons)


def test_balanced_or_unknown_answers_are_undecided():
    assert scoring.decide({}).recommendation == Recommendation.UNDECIDED
    # +3 -2 = 1: short of the threshold either way
    assert (
        scoring.decide({"visible": "yes", "keepable": "yes"}).recommendation
        == Recommendation.UNDECIDED
    )
    # +3 -2 +1 = 2: the threshold is reached
    assert (
        scoring.decide({"visible": "yes", "keepable": "yes", "core": "no"}).recommendation
        == Recommendation.PATENT
    )


def test_rule_questions_follow_the_verdicts():
    from kimitsu.awareness.content.quiz import rule_questions

    verdicts = [
        ("forbidden", "禁止", "Forbidden"),
        ("approval", "承認が必要", "Needs approval"),
        ("allowed", "可", "Allowed"),
    ]
    qs = rule_questions(
        [
            ("極秘", "社外への送付", "Send outside", "forbidden"),
            ("社外秘", "複製", "Copy", "allowed"),
            ("秘", "印刷", "Print", "unknown-verdict"),
        ],
        verdicts,
    )
    assert [q.code for q in qs] == ["R1", "R2"]
    assert qs[0].answer == 0 and qs[1].answer == 2
    assert "極秘" in qs[0].text.ja and "Send outside" in qs[0].text.en
    assert scoring.quiz_score(qs, {"R1": "0", "R2": "1"}) == (1, 2)
