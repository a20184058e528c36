"""The comprehension quiz: a bank of questions on the law, plus questions built from the company's
own classification levels when the register provides them."""

from dataclasses import dataclass

from . import T


@dataclass(frozen=True)
class QuizQuestion:
    code: str
    text: T
    options: tuple  # of T or str
    answer: int  # index into options
    explanation: T
    version_id: int | None = None  # the company's version of it (question_bank), once stored


LAW_BANK = [
    QuizQuestion(
        "L1",
        T(
            "営業秘密として法律で守られるための3つの要件に含まれないものはどれですか。",
            "Which is NOT one of the three requirements for a trade secret?",
        ),
        (
            T("秘密として管理されていること", "It is managed as a secret"),
            T("事業に役立つ情報であること", "It is useful to the business"),
            T("世間に知られていないこと", "It is not publicly known"),
            T("特許庁に登録されていること", "It is registered at the patent office"),
        ),
        3,
        T(
            "営業秘密は登録しなくても守られます。その代わり、秘密管理性・有用性・非公知性の3つを会社が示す"
            "必要があります。",
            "Trade secrets need no registration, but the company must show all "
            "three: kept secret, useful, not public.",
        ),
    ),
    QuizQuestion(
        "L2",
        T(
            "全ての書類に「社外秘」と押してあるが、誰もそれを気にしていない。どうなるおそれがありますか。",
            "Every document is stamped 'internal only' but nobody pays attention. What is the risk?",
        ),
        (
            T("表示があるので必ず営業秘密として守られる", "The stamp guarantees protection"),
            T(
                "表示が形だけとみなされ、秘密管理性が否定されるおそれがある",
                "The marks are seen as empty and secrecy may not be recognised",
            ),
            T("表示の数が多いほど有利になる", "The more marks the better"),
        ),
        1,
        T(
            "守られていない表示は形骸化とみなされます。本当に秘密にすべきものを選んで表示しましょう。",
            "Marks nobody respects are hollow. Choose what truly needs marking.",
        ),
    ),
    QuizQuestion(
        "L3",
        T(
            "失敗した実験のデータは営業秘密になり得ますか。",
            "Can data from failed experiments be a trade secret?",
        ),
        (
            T(
                "なり得る（他社が同じ失敗を避けられる価値がある）",
                "Yes (it saves a rival the same failures)",
            ),
            T("なり得ない（成功した情報だけが対象）", "No (only successful results count)"),
        ),
        0,
        T(
            "失敗データも、他社が手に入れれば開発の近道になるため有用性があります。",
            "Negative results are a shortcut for a rival, so they are useful.",
        ),
    ),
    QuizQuestion(
        "L4",
        T(
            "特許を出願すると、その内容は原則としていつ公開されますか。",
            "When is a patent application normally published?",
        ),
        (
            T("公開されない", "Never"),
            T("出願から約1年6か月後", "About 18 months after filing"),
            T("特許権が切れた後", "When the patent expires"),
        ),
        1,
        T(
            "出願内容は約1年6か月で公開されます。ノウハウを書きすぎると他社に知られてしまいます。",
            "Applications are published after about 18 months; too much know-how in them is "
            "given away.",
        ),
    ),
    QuizQuestion(
        "L5",
        T(
            "取引先から「安全確認のため至急製造方法を教えてほしい」と言われました。まず何をすべきですか。",
            "A customer urgently asks for the manufacturing method 'for a safety check'. What first?",
        ),
        (
            T("すぐに口頭で詳しく説明する", "Explain it in detail at once"),
            T(
                "必要な範囲を見極め、秘密保持契約を結んでから開示する",
                "Decide what is needed and sign an NDA before disclosing",
            ),
            T("製造方法の資料をそのままメールで送る", "E-mail the process documents as they are"),
        ),
        1,
        T(
            "開示は必要な範囲に限り、先にNDAを結びます。口頭で伝えた情報も流出します。",
            "Disclose only what is needed, under an NDA first. Spoken words leak too.",
        ),
    ),
    QuizQuestion(
        "L6",
        T(
            "中途採用した人が、前の勤め先の顧客リストを持ってきました。どうすべきですか。",
            "A mid-career hire brings the customer list of their former employer. What should "
            "happen?",
        ),
        (
            T("営業に役立つので活用する", "Use it, it helps sales"),
            T(
                "受け取らず、持ち込まないよう誓約してもらう",
                "Refuse it and have the hire pledge not to bring such material",
            ),
        ),
        1,
        T(
            "他社の営業秘密を使うと、受け入れた会社も責任を問われるおそれがあります。",
            "Using another company's secret can make the hiring company liable too.",
        ),
    ),
    QuizQuestion(
        "L7",
        T(
            "退職する社員に求めることとして、適切なものはどれですか。",
            "What is appropriate to ask of someone who is leaving?",
        ),
        (
            T(
                "扱った秘密を具体的に挙げた誓約書への署名と、資料の返却",
                "A pledge naming the secrets they handled, and the return of materials",
            ),
            T(
                "「知ったことを一切使わない」という抽象的な約束だけ",
                "Only a vague promise not to use 'anything they learned'",
            ),
            T("特に何もしない", "Nothing"),
        ),
        0,
        T(
            "対象を具体的に示した誓約書のほうが、後で争いになったときに有効です。",
            "A pledge that names the secrets holds up better if there is a dispute.",
        ),
    ),
    QuizQuestion(
        "L8",
        T(
            "会社の秘密情報を、許可されていない生成AIサービスに入力してよいですか。",
            "May company secrets be typed into a generative AI service that is not approved?",
        ),
        (T("よい", "Yes"), T("よくない（会社のルールに従う）", "No (follow the company's rules)")),
        1,
        T(
            "入力した情報が外部に保存・利用されるおそれがあります。取扱ルールに従いましょう。",
            "What is typed may be stored and used outside. Follow the handling rules.",
        ),
    ),
]

DISTRACTOR_LEVELS = ["部外厳禁", "準公開", "機密A", "重要管理"]


def company_questions(level_names: list[str]) -> list[QuizQuestion]:
    """Questions on the company's own scheme, built from its level names (if any)."""
    names = [n for n in level_names if n]
    if not names:
        return []
    distractors = [d for d in DISTRACTOR_LEVELS if d not in names][:3]
    options = (names[0], *distractors)
    return [
        QuizQuestion(
            "C1",
            T(
                "次のうち、当社の秘密区分として定められているものはどれですか。",
                "Which of these is one of the company's classification levels?",
            ),
            options,
            0,
            T(
                "当社の区分は「" + "・".join(names) + "」です。",
                "The company's levels are: " + ", ".join(names) + ".",
            ),
        ),
        QuizQuestion(
            "C2",
            T(
                "当社の秘密区分はいくつありますか。",
                "How many classification levels does the company use?",
            ),
            (
                str(len(names) - 1 if len(names) > 1 else len(names) + 2),
                str(len(names)),
                str(len(names) + 1),
            ),
            1,
            T(f"当社の区分は{len(names)}つです。", f"The company uses {len(names)} levels."),
        ),
    ]


def rule_questions(rules: list, verdicts: list) -> list[QuizQuestion]:
    """Questions on the company's approved handling rules: what may be done with a level."""
    options = tuple(T(ja, en) for _code, ja, en in verdicts)
    codes = [code for code, _ja, _en in verdicts]
    questions = []
    for n, (level, action_ja, action_en, verdict) in enumerate(rules, start=1):
        if verdict not in codes:
            continue
        questions.append(
            QuizQuestion(
                f"R{n}",
                T(
                    f"当社の取扱ルールでは、「{level}」の情報について「{action_ja}」はどう決められていますか。",
                    f"Under the company's handling rules, what applies to “{action_en}” for "
                    f"“{level}” information?",
                ),
                options,
                codes.index(verdict),
                T(
                    "取扱ルールは区分ごとに決まっています。迷ったら取扱ルールの一覧を確かめましょう。",
                    "Handling rules are set per level; when in doubt, look at the rules.",
                ),
            )
        )
    return questions
