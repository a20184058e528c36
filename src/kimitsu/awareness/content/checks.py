"""The three self-checks: the five quick checks, the trade-secret management check, and the
information-security basics check. Wording is ours (after the desk's brochure, METI's handbook and
IPA's self-diagnosis model)."""

from dataclasses import dataclass

from . import Question, T

# Where a gap is closed (candidate URL names; see targets.py).
from .targets import (  # noqa: F401
    DECISIONS,
    DEPARTMENTS,
    HANDLING,
    LEARN,
    LEVELS,
    MEMBERS,
    NDA,
    PEOPLE,
    PLEDGES,
    REGISTER,
    REGULATION,
    SELF_CHECKS,
    TRAININGS,
)


@dataclass(frozen=True)
class Objective:
    code: str
    title: T


OBJECTIVES = [
    Objective("access", T("接近の制御", "Limit access")),
    Objective("takeout", T("持出し困難化", "Make taking out hard")),
    Objective("visibility", T("視認性の確保", "Make leaks noticeable")),
    Objective("recognition", T("秘密情報に対する認識向上", "Make clear what is secret")),
    Objective("trust", T("信頼関係の維持・向上", "Keep trust")),
]
OBJECTIVE_TITLES = {o.code: o.title for o in OBJECTIVES}

STEP_TITLES = {
    1: T("1 気づき", "1 Awareness"),
    2: T("2 制度理解・意識啓発", "2 The law and awareness"),
    3: T("3 情報管理規程", "3 Regulations"),
    4: T("4 情報の棚卸し", "4 Inventory"),
    5: T("5 格付け", "5 Classification"),
    6: T("6 取扱ルール", "6 Handling rules"),
    7: T("7 誓約書・契約書", "7 Pledges and NDAs"),
}


@dataclass(frozen=True)
class QuickCheck:
    code: str
    text: T
    why: T
    how: T
    step: int
    targets: tuple


# --- the five quick checks (one "yes" is a reason to act) ------------------------------------

QUICK_CHECKS = [
    QuickCheck(
        "Q1",
        T(
            "秘密情報をどう扱うか、社内で決めたルールがまだない。",
            "There is no in-house rule yet on how secret information is handled.",
        ),
        T(
            "ルールがないと、秘密にしたいという会社の意思が社員に伝わりません。裁判では「秘密として"
            "管理していた」ことを会社が示す必要があり、ルールのない情報は営業秘密と認められにくくなります。",
            "Without rules, staff cannot see that the company wants the information kept secret. In "
            "court the company must show it managed the information as secret; without rules that is "
            "hard.",
        ),
        T(
            "ステップ3で情報管理規程を、ステップ6で区分ごとの取扱ルールを作れます。",
            "Write the regulations in step 3 and the handling rules per level in step 6.",
        ),
        3,
        REGULATION,
    ),
    QuickCheck(
        "Q2",
        T(
            "パソコンの使い方（ID・パスワード、USBメモリの持出し・持込み）について決まりがない。",
            "There are no rules for computers (IDs and passwords, USB sticks taken out or brought in).",
        ),
        T(
            "共有パスワードや自由なUSBメモリの使用は、誰が何を持ち出したか分からない状態を生みます。"
            "漏えいに気づくことも、後から確かめることもできません。",
            "Shared passwords and free use of USB sticks mean nobody can tell who took what. A leak "
            "is neither noticed nor traceable afterwards.",
        ),
        T(
            "取扱ルール（ステップ6）で複製・持出し・私物端末の可否を区分ごとに決められます。"
            "情報セキュリティ自己診断でも弱点を確認できます。",
            "Handling rules (step 6) set copying, taking out and personal devices per level; the "
            "information-security check shows the weak points.",
        ),
        6,
        HANDLING,
    ),
    QuickCheck(
        "Q3",
        T(
            "辞める人（中途退職・定年退職）に、秘密やノウハウを持ち出させないための手当てをしていない。",
            "Nothing is done to stop people who leave (mid-career or at retirement) from taking "
            "secrets or know-how with them.",
        ),
        T(
            "退職者による持出しは、営業秘密が流出する典型的な経路です。退職時に資料を返却させ、"
            "扱った秘密を具体的に挙げた誓約書をもらうことで、後から責任を問える形にしておけます。",
            "People leaving are a classic path for secrets to walk out. Having materials returned "
            "and a pledge that names the secrets the person handled makes it possible to act later.",
        ),
        T(
            "誓約書（ステップ7）で退職時誓約書の雛形と署名状況を管理できます。",
            "Pledges (step 7) hold the exit pledge template and who has signed it.",
        ),
        7,
        PLEDGES,
    ),
    QuickCheck(
        "Q4",
        T(
            "書類やファイルを見ても、秘密かどうかが一目では分からない。",
            "Looking at a document or a file, you cannot tell at a glance whether it is secret.",
        ),
        T(
            "㊙や社外秘の表示がなければ、社員も取引先も秘密だと認識できません。秘密管理性を示す最も"
            "基本的な手段が表示です。ただし何にでも表示すると形骸化します。",
            "Without a 'Confidential' mark neither staff nor partners can recognise a secret. "
            "Marking is the most basic way to show secrecy, but marking everything hollows it out.",
        ),
        T(
            "台帳（ステップ4・5）で情報ごとに区分を決め、表示すべきものを明確にできます。",
            "The register (steps 4 and 5) gives each item a level, so it is clear what to mark.",
        ),
        5,
        LEVELS,
    ),
    QuickCheck(
        "Q5",
        T(
            "展示会や広告で、自社の強みを具体的に詳しく見せている。",
            "At exhibitions and in advertising, the company shows its strengths in concrete detail.",
        ),
        T(
            "一度公開した情報は非公知性を失い、営業秘密としても特許としても守れなくなることがあります。"
            "見せる前に、何を見せてよいかを決めておく必要があります。",
            "Once shown in public, information is no longer secret and may be protected neither as "
            "a trade secret nor by a patent. Decide what may be shown before showing it.",
        ),
        T(
            "権利化・秘匿化の判断で、公開してよい技術と秘匿すべき技術を整理できます。",
            "The patent-or-secret decision sorts what may be disclosed from what must stay closed.",
        ),
        1,
        DECISIONS,
    ),
]

# --- the trade-secret management check (about 30 questions) ----------------------------------


def _q(code, group, step, ja, en, rec_ja, rec_en, targets):
    return Question(
        code=code,
        text=T(ja, en),
        group=group,
        step=step,
        recommendation=T(rec_ja, rec_en),
        targets=targets,
    )


TRADE_SECRET_QUESTIONS = [
    _q(
        "TS01",
        "recognition",
        1,
        "経営者が、会社として守るべき情報があることを認め、秘密を守る方針を社内に示している。",
        "Top management has stated that the company has information to protect, and said so to staff.",
        "学習ページの要点を経営会議で共有し、「秘密を守る」方針を社長名で社内に示しましょう。",
        "Share the learning pages at a management meeting and announce a protection policy in the "
        "president's name.",
        LEARN,
    ),
    _q(
        "TS02",
        "trust",
        1,
        "営業秘密管理の責任者（担当者）を決めている。",
        "Someone is in charge of trade secret management.",
        "管理責任者を一人決め、kimitsuの管理責任者として招待しましょう。",
        "Name one person in charge and invite them to kimitsu as administrator.",
        MEMBERS,
    ),
    _q(
        "TS03",
        "visibility",
        1,
        "漏えいが疑われたとき、誰に報告し、何をするか（拡散防止・証拠保全・相談先）を決めている。",
        "It is decided whom to tell and what to do when a leak is suspected (stop it, keep "
        "evidence, whom to consult).",
        "漏えい時の初動と連絡先を情報管理規程に書き込みましょう。",
        "Write the first response and contacts for a leak into the regulations.",
        REGULATION,
    ),
    _q(
        "TS16",
        "recognition",
        1,
        "新しい技術について、特許を出すか秘密にするかを検討し、その理由を記録している。",
        "For each new technology, whether to patent it or keep it secret is weighed and the reason "
        "recorded.",
        "権利化・秘匿化の判断を行い、決定と理由、承認者を記録しましょう。",
        "Run the patent-or-secret decision and record the choice, the reason and the approver.",
        DECISIONS,
    ),
    _q(
        "TS04",
        "trust",
        2,
        "社員に、営業秘密として守られる3つの要件（秘密管理性・有用性・非公知性）を説明したことがある。",
        "Staff have been told the three requirements for a trade secret (kept secret, useful, not "
        "public).",
        "学習ページを教材にして、意識啓発の研修を開きましょう。",
        "Hold an awareness session using the learning pages as material.",
        TRAININGS,
    ),
    _q(
        "TS05",
        "trust",
        2,
        "年に1回以上、情報管理の社内研修を開き、出席者を記録している。",
        "An in-house session on information management is held at least once a year and "
        "attendance is recorded.",
        "研修を登録し、出席者を記録（社員番号のCSVで一括登録も可）しましょう。",
        "Register a session and record who attended (a CSV of employee numbers works).",
        TRAININGS,
    ),
    _q(
        "TS06",
        "recognition",
        2,
        "新しく入った社員（新卒・中途）に、入社時に情報管理のルールを説明している。",
        "New hires (graduates and mid-career) are told the information rules when they join.",
        "「新入社員向け」の研修を登録し、入社のたびに出席を記録しましょう。",
        "Register a new-hire session and record attendance at every intake.",
        TRAININGS,
    ),
    _q(
        "TS07",
        "trust",
        2,
        "研修の理解度を、確認テストなどで確かめている。",
        "Whether staff understood the training is checked, e.g. with a short quiz.",
        "研修ごとに理解度テストを受けてもらい、得点を確認しましょう。",
        "Have attendees take the comprehension quiz after each session and review the scores.",
        TRAININGS,
    ),
    _q(
        "TS08",
        "recognition",
        3,
        "情報管理規程（秘密情報管理規程）を文書で定め、施行している。",
        "Information management regulations exist in writing and are in force.",
        "規程の雛形から自社の規程を作り、施行日を決めて承認しましょう。",
        "Draft the regulations from the template, set a date and approve them.",
        REGULATION,
    ),
    _q(
        "TS09",
        "recognition",
        3,
        "規程やルールを、社員がいつでも見られるようにしている。",
        "Staff can read the regulations and rules at any time.",
        "承認した規程と取扱ルールを社内に公開し、周知した記録を残しましょう。",
        "Publish the approved regulations and rules in-house and keep a record of the notice.",
        REGULATION,
    ),
    _q(
        "TS10",
        "trust",
        3,
        "規程に違反したときの扱い（懲戒など）を就業規則などで定めている。",
        "The consequences of breaking the rules (discipline) are set in the work rules.",
        "就業規則の懲戒規定と情報管理規程を結びつけておきましょう。",
        "Link the regulations to the disciplinary clauses of the work rules.",
        REGULATION,
    ),
    _q(
        "TS11",
        "visibility",
        3,
        "規程や台帳を定期的に見直している（年1回など）。",
        "The regulations and the register are reviewed regularly (e.g. yearly).",
        "台帳の各項目に見直し日を設定し、期限の来たものから見直しましょう。",
        "Give every register item a review date and work through those that are due.",
        REGISTER,
    ),
    _q(
        "TS12",
        "recognition",
        4,
        "会社の秘密情報を一覧（台帳）にまとめている。",
        "The company's secret information is listed in a register.",
        "部署ごとに秘密情報を洗い出し、台帳に登録しましょう（中身ではなく名称と保管場所だけ）。",
        "List secret information department by department in the register (names and places, "
        "never the content).",
        REGISTER,
    ),
    _q(
        "TS13",
        "access",
        4,
        "台帳の各情報について、保管場所と管理責任者を決めている。",
        "Each registered item has a storage place and a person responsible.",
        "台帳の各項目に保管場所と責任者を入力しましょう。",
        "Fill in the storage place and the person responsible for each register item.",
        REGISTER,
    ),
    _q(
        "TS14",
        "recognition",
        4,
        "他社から預かった秘密情報を、自社の情報と分けて管理している。",
        "Secret information received from other companies is kept apart from the company's own.",
        "他社から開示された情報を台帳に別の種類として登録し、契約の条件を記録しましょう。",
        "Register information received from others as its own kind, with the contract's terms.",
        REGISTER,
    ),
    _q(
        "TS15",
        "recognition",
        4,
        "社員の頭の中にあるノウハウ（熟練者の技、社長のアイデア等）も洗い出しの対象にしている。",
        "Know-how held in people's heads (skilled workers' techniques, the president's ideas) is "
        "included in the inventory.",
        "記憶にある情報も台帳に書き出し、誓約書で対象を具体的に示せるようにしましょう。",
        "Write know-how into the register too, so pledges can name it.",
        REGISTER,
    ),
    _q(
        "TS17",
        "recognition",
        5,
        "秘密情報を重要度に応じて区分（極秘・秘・社外秘など）している。",
        "Secret information is classified by importance (e.g. top secret, secret, internal).",
        "会社の区分を決め、台帳の各項目に区分と理由を付けましょう。",
        "Decide the company's levels and give every register item a level with a reason.",
        LEVELS,
    ),
    _q(
        "TS18",
        "recognition",
        5,
        "書類や電子ファイルに、区分に応じた表示（㊙・社外秘など）をしている。",
        "Documents and files carry the mark of their level (㊙, internal only, …).",
        "区分ごとの表示方法を取扱ルールで決め、対象の書類とファイルに表示しましょう。",
        "Set the marking per level in the handling rules and mark the documents and files.",
        HANDLING,
    ),
    _q(
        "TS19",
        "visibility",
        5,
        "区分を決めた理由と、次に見直す時期を記録している。",
        "The reason for each level and the next review date are recorded.",
        "台帳で区分の理由と見直し日を入力しましょう。",
        "Enter the reason and the review date for each level in the register.",
        REGISTER,
    ),
    _q(
        "TS20",
        "access",
        6,
        "秘密情報に触れられる人を、区分ごとに限っている（施錠・アクセス権）。",
        "Who can reach secret information is limited per level (locks, access rights).",
        "取扱ルールで区分ごとの閲覧範囲を決め、保管場所の施錠やアクセス権を合わせましょう。",
        "Set who may view each level in the handling rules and match locks and access rights.",
        HANDLING,
    ),
    _q(
        "TS21",
        "access",
        6,
        "工場・開発エリアなどへの立入りを制限している（入室管理・立入禁止の掲示）。",
        "Entry to the factory floor and development areas is restricted (entry control, signs).",
        "物件（試作品・金型・設備）を台帳に登録し、置き場所の立入り制限をルールにしましょう。",
        "Register objects (prototypes, moulds, machines) and make the restricted areas a rule.",
        HANDLING,
    ),
    _q(
        "TS22",
        "takeout",
        6,
        "USBメモリや私物のパソコン・スマートフォンの使用や持込みに決まりがある。",
        "There are rules on USB sticks and on personal computers and phones.",
        "取扱ルールで私物端末・記録媒体の可否を区分ごとに決めましょう。",
        "Set the use of personal devices and media per level in the handling rules.",
        HANDLING,
    ),
    _q(
        "TS23",
        "takeout",
        6,
        "秘密情報のコピー・印刷・社外への送付・持出しに制限がある。",
        "Copying, printing, sending out and taking out secret information are restricted.",
        "取扱ルールで複製・印刷・送付・持出しの条件を区分ごとに決めましょう。",
        "Set the conditions for copy, print, send and take-out per level in the handling rules.",
        HANDLING,
    ),
    _q(
        "TS24",
        "takeout",
        6,
        "クラウドサービスや生成AIに秘密情報を入力・保存してよいかを決めている。",
        "It is decided whether secret information may go into cloud services or generative AI.",
        "取扱ルールにクラウド・生成AIの行を加え、区分ごとに可否を決めましょう。",
        "Add cloud services and generative AI to the handling rules and decide per level.",
        HANDLING,
    ),
    _q(
        "TS25",
        "visibility",
        6,
        "パソコンやサーバーの利用記録（ログ）を残し、ときどき確認している。",
        "Computer and server logs are kept and looked at from time to time.",
        "ログを残す対象と確認の頻度を取扱ルールに書き、確認した記録を残しましょう。",
        "Write which logs are kept and how often they are checked into the rules, and record the "
        "checks.",
        HANDLING,
    ),
    _q(
        "TS26",
        "visibility",
        6,
        "書類の捨て方（シュレッダー・溶解）や、机の上を片付けるルールがある。",
        "There are rules for disposing of papers (shredding) and for a clear desk.",
        "取扱ルールで区分ごとの廃棄方法を決めましょう。",
        "Set the disposal method per level in the handling rules.",
        HANDLING,
    ),
    _q(
        "TS27",
        "access",
        6,
        "展示会・広告・工場見学で何を見せてよいかを、事前に確認している。",
        "What may be shown at exhibitions, in advertising and on factory tours is checked "
        "beforehand.",
        "公開前の確認を取扱ルールに加え、技術ごとに権利化・秘匿化の方針を決めましょう。",
        "Add a pre-publication check to the rules and decide patent or secret per technology.",
        DECISIONS,
    ),
    _q(
        "TS28",
        "recognition",
        7,
        "入社時に秘密保持の誓約書をもらっている（前の勤め先の秘密を持ち込まない旨を含む）。",
        "New hires sign a confidentiality pledge (including not bringing a former employer's "
        "secrets).",
        "入社時誓約書の雛形を採用し、在籍者全員の署名を記録しましょう。",
        "Adopt the hiring pledge template and record every employee's signature.",
        PLEDGES,
    ),
    _q(
        "TS29",
        "takeout",
        7,
        "退職するときに、扱った秘密を具体的に挙げた誓約書をもらい、資料を返させている。",
        "People leaving sign a pledge naming the secrets they handled and return all materials.",
        "退職時誓約書に台帳の項目を挙げ、返却の確認とともに署名を記録しましょう。",
        "List the register items in the exit pledge and record the signature with the return of "
        "materials.",
        PLEDGES,
    ),
    _q(
        "TS30",
        "access",
        7,
        "取引先に秘密情報を見せる前に、秘密保持契約（NDA）を結んでいる。",
        "An NDA is signed before secret information is shown to a partner.",
        "NDAの雛形を整え、開示の前に締結する運用にしましょう。",
        "Prepare the NDA template and sign it before anything is disclosed.",
        NDA,
    ),
]

# The security check lives in its own module; re-exported here for one import point.
from .security import (  # noqa: E402, F401
    SECURITY_BANDS,
    SECURITY_PART_TITLES,
    SECURITY_PARTS,
    SECURITY_QUESTIONS,
)
