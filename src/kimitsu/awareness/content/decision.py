"""The patent-or-secret guided decision (DOMAIN.md §8).

Each question answered "yes" or "no" pushes towards a patent (positive weight) or towards secrecy
(negative); "unsure" counts nothing. The weights say how strongly each fact usually decides.
"""

from dataclasses import dataclass

from . import T


@dataclass(frozen=True)
class DecisionQuestion:
    code: str
    text: T
    yes: int
    no: int
    yes_reason: T
    no_reason: T


DECISION_QUESTIONS = [
    DecisionQuestion(
        "visible",
        T(
            "販売する製品を見たり分析したりすれば、その技術が分かりますか（容易に解析できる）。",
            "Does the product on sale reveal the technology, or can it be analysed cheaply?",
        ),
        3,
        -2,
        T(
            "製品から分かってしまう技術は秘密にしておけません。特許で守るほうが確実です。",
            "What the product reveals cannot stay secret; a patent protects it better.",
        ),
        T(
            "製品を見ても分からない技術は、秘密のまま保てます。",
            "What the product does not reveal can stay secret.",
        ),
    ),
    DecisionQuestion(
        "detectable",
        T(
            "他社がその技術を使ったとき、外から確かめられますか（侵害を見つけられる）。",
            "If a competitor used it, could you tell from outside (detect infringement)?",
        ),
        2,
        -3,
        T(
            "侵害を見つけられるなら、特許権を行使できます。",
            "Infringement you can detect is infringement you can enforce.",
        ),
        T(
            "工場の中の製法のように使われても分からない技術は、特許を取っても権利行使が難しく、"
            "出願で内容を公開するだけになりがちです。",
            "A hidden process cannot be policed: a patent would mostly publish it.",
        ),
    ),
    DecisionQuestion(
        "keepable",
        T(
            "社内で確実に秘密を保てますか（知る人が限られ、管理できる）。",
            "Can the company really keep it secret (few people know it, it can be controlled)?",
        ),
        -2,
        2,
        T(
            "知る人を限って管理できるなら、秘匿化が現実的です。",
            "If few people know it and it can be controlled, secrecy is realistic.",
        ),
        T(
            "多くの人や取引先が知る必要があるなら、秘密は長く保てません。",
            "If many people or partners must know it, it will not stay secret for long.",
        ),
    ),
    DecisionQuestion(
        "long_life",
        T(
            "その技術の価値は、特許の存続期間（出願から20年）より長く続きそうですか。",
            "Will it stay valuable for longer than a patent lasts (20 years from filing)?",
        ),
        -2,
        1,
        T(
            "長く価値が続く技術は、期限のない秘匿化のほうが長く守れます。",
            "A long-lived technology is protected longer by secrecy, which has no end date.",
        ),
        T(
            "価値が短期間なら、期限のある特許でも十分です。",
            "For a short-lived technology, a patent's term is enough.",
        ),
    ),
    DecisionQuestion(
        "rivals",
        T(
            "他社が独自に開発したり、先に特許を出願したりする可能性は高いですか。",
            "Is it likely that others develop it independently or file a patent first?",
        ),
        2,
        -1,
        T(
            "他社が先に出願すると自社が使えなくなるおそれがあるため、出願を急ぐ理由になります。",
            "A rival's earlier filing could block the company, a reason to file.",
        ),
        T(
            "他社が追いつく見込みが低いなら、秘密のままでも優位を保てます。",
            "If rivals are unlikely to catch up, secrecy keeps the lead.",
        ),
    ),
    DecisionQuestion(
        "licensing",
        T(
            "ライセンスや標準化で、他社に使わせて収益や普及を図りたいですか。",
            "Do you want others to use it through licences or standards?",
        ),
        3,
        0,
        T(
            "他社に使わせるなら、権利の範囲がはっきりした特許が向いています。",
            "Licensing needs the clear boundaries of a patent.",
        ),
        T("", ""),
    ),
    DecisionQuestion(
        "core",
        T(
            "自社の競争力の中核で、外に出したくない部分ですか（周辺・接続部分ではない）。",
            "Is it the core of the company's edge, not an interface or a peripheral part?",
        ),
        -2,
        1,
        T(
            "中核の技術は閉じて守り（クローズ）、差別化を保ちます。",
            "Keep the core closed to keep the edge.",
        ),
        T(
            "周辺や接続部分は、公開・権利化して仲間を増やす使い方が向いています（オープン）。",
            "Peripheral or interface parts suit opening up and patenting.",
        ),
    ),
]

THRESHOLD = 2  # net weight beyond which kimitsu recommends one way

EVIDENCE_CHECKLIST = [
    (
        "dated_description",
        T(
            "技術の内容を書いた文書に、作成日・作成者を記録して保管する",
            "Keep a document describing the technology, with its date and author",
        ),
    ),
    (
        "start_record",
        T(
            "実施を始めた日が分かる記録（製造記録・作業日報・試作記録）を残す",
            "Keep records showing when use began (production logs, daily reports)",
        ),
    ),
    (
        "drawings",
        T(
            "図面・試作品・写真を日付とともに保管する",
            "Keep drawings, prototypes and photographs with their dates",
        ),
    ),
    (
        "timestamp",
        T(
            "電子文書に信頼できるタイムスタンプ（RFC 3161）を付け、トークンを保管する"
            "（INPITのタイムスタンプ保管サービスは無料、文書自体は社外に出ない）",
            "Timestamp the electronic documents (RFC 3161) and keep the tokens (INPIT "
            "stores tokens free of charge; the document never leaves the company)",
        ),
    ),
    (
        "preparation",
        T(
            "事業の準備・実施を示す記録（設備の発注書、取引の記録）を残す",
            "Keep records of preparing and running the business (equipment orders, sales)",
        ),
    ),
    (
        "register",
        T(
            "秘密情報として台帳に登録し、区分と責任者を決める",
            "Register it as secret information, with a level and a person responsible",
        ),
    ),
]
