"""The information-security basics check: 25 questions on IPA's self-diagnosis model, in our own
words, scored 4 / 2 / 0 / -1 out of 100, with IPA's bands."""

from . import Question, T

# --- the information-security basics check (25 questions, IPA's model) -----------------------

SECURITY_PARTS = [
    ("basic", T("基本的な対策", "Basic measures")),
    ("staff", T("従業員としての対策", "Measures for every employee")),
    ("organization", T("組織としての対策", "Measures for the organisation")),
]
SECURITY_PART_TITLES = dict(SECURITY_PARTS)


def _s(code, part, ja, en):
    return Question(code=code, text=T(ja, en), group=part)


SECURITY_QUESTIONS = [
    _s(
        "S01",
        "basic",
        "パソコンやスマートフォンのOS・ソフトウェアを、更新が出たらすぐ最新にしている。",
        "Operating systems and software on computers and phones are updated as soon as updates come.",
    ),
    _s(
        "S02",
        "basic",
        "ウイルス対策ソフトを入れ、定義ファイルが自動で更新されるようにしている。",
        "Anti-virus software is installed and its definitions update automatically.",
    ),
    _s(
        "S03",
        "basic",
        "推測されにくいパスワードを使い、同じパスワードを使い回していない。",
        "Passwords are hard to guess and are not reused.",
    ),
    _s(
        "S04",
        "basic",
        "ネットワーク共有やクラウドの共有設定を、必要な人だけに限っている。",
        "Shared folders and cloud sharing are limited to the people who need them.",
    ),
    _s(
        "S05",
        "basic",
        "新しい攻撃の手口や注意喚起を調べ、社内で共有している。",
        "New attack methods and warnings are looked up and shared in-house.",
    ),
    _s(
        "S06",
        "staff",
        "心当たりのないメールの添付ファイルやリンクを開かない。",
        "Attachments and links in unexpected e-mails are not opened.",
    ),
    _s(
        "S07",
        "staff",
        "メールを送る前に、宛先が正しいかを確かめている。",
        "Recipients are checked before an e-mail is sent.",
    ),
    _s(
        "S08",
        "staff",
        "大事な情報をメールで送るときは、暗号化やパスワード保護をしている。",
        "Important information sent by e-mail is encrypted or password-protected.",
    ),
    _s(
        "S09",
        "staff",
        "無線LANは暗号化して使い、公衆無線LANでは大事な情報を扱わない。",
        "Wi-Fi is encrypted; important information is not handled on public Wi-Fi.",
    ),
    _s(
        "S10",
        "staff",
        "怪しいウェブサイトや、出どころの分からないソフトを使わない。",
        "Suspicious websites and software of unknown origin are avoided.",
    ),
    _s(
        "S11",
        "staff",
        "ウェブサイトやSNSに、仕事の情報を不用意に書き込まない。",
        "Work information is not posted carelessly on websites or social media.",
    ),
    _s(
        "S12",
        "staff",
        "大事なデータは定期的にバックアップを取り、戻せることを確かめている。",
        "Important data is backed up regularly and restoring it has been tried.",
    ),
    _s(
        "S13",
        "staff",
        "大事な書類や記録媒体を机の上に出しっぱなしにせず、鍵のかかる場所にしまう。",
        "Important papers and media are not left on desks but locked away.",
    ),
    _s(
        "S14",
        "staff",
        "大事な情報を社外に持ち出すときは、盗難・紛失に備えている（暗号化・肌身離さず）。",
        "Important information taken outside is protected against theft and loss (encrypted, "
        "kept on one's person).",
    ),
    _s(
        "S15",
        "staff",
        "席を離れるときは、パソコンの画面をロックしている。",
        "Screens are locked when leaving the desk.",
    ),
    _s(
        "S16",
        "staff",
        "関係のない人が事務所に入らないようにしている（受付・名札）。",
        "People with no business there cannot walk into the office (reception, badges).",
    ),
    _s(
        "S17",
        "staff",
        "帰るときは、ノートパソコンや記録媒体を鍵のかかる場所にしまう。",
        "Laptops and media are locked away at the end of the day.",
    ),
    _s(
        "S18",
        "staff",
        "最後に事務所を出る人が、戸締まりを確かめている。",
        "The last person to leave checks that the office is locked.",
    ),
    _s(
        "S19",
        "staff",
        "不要になった書類・記録媒体・パソコンは、復元できない方法で処分している。",
        "Papers, media and computers no longer needed are disposed of so nothing can be recovered.",
    ),
    _s(
        "S20",
        "organization",
        "社員に、在職中と退職後の守秘義務を課している。",
        "Employees are bound to confidentiality during and after employment.",
    ),
    _s(
        "S21",
        "organization",
        "社員に、情報セキュリティの教育を定期的に行っている。",
        "Employees receive information-security training regularly.",
    ),
    _s(
        "S22",
        "organization",
        "私物のパソコンやスマートフォンを仕事に使うときの決まりがある。",
        "There are rules for using personal computers and phones for work.",
    ),
    _s(
        "S23",
        "organization",
        "取引先との契約で、大事な情報の扱い方を取り決めている。",
        "Contracts with partners say how important information is handled.",
    ),
    _s(
        "S24",
        "organization",
        "大事な情報を見たり変えたりできる人を、権限の設定で限っている。",
        "Access rights limit who can view or change important information.",
    ),
    _s(
        "S25",
        "organization",
        "事故が起きたときの対応手順と連絡先を決め、社内に伝えている。",
        "An incident procedure and contacts are decided and known in-house.",
    ),
]

SECURITY_BANDS = [
    # (lowest score, code, label, advice)
    (
        100,
        "excellent",
        T("100点：よくできています", "100: well done"),
        T("今の対策を続け、定期的に見直しましょう。", "Keep it up and review it regularly."),
    ),
    (
        70,
        "good",
        T("70〜99点：あと一歩です", "70–99: nearly there"),
        T(
            "「実施していない」「一部実施」の項目から手を付けましょう。",
            "Start with the items answered 'not done' or 'partly'.",
        ),
    ),
    (
        50,
        "fair",
        T("50〜69点：改善が必要です", "50–69: improvement needed"),
        T(
            "基本的な対策（1〜5）を優先して、全員で取り組みましょう。",
            "Put the basic measures (1–5) first and involve everyone.",
        ),
    ),
    (
        None,
        "poor",
        T("49点以下：早急な対策が必要です", "49 or less: act now"),
        T(
            "すぐに基本的な対策から始め、相談窓口の支援も検討しましょう。",
            "Start with the basics at once and consider asking the consultation desk for help.",
        ),
    ),
]
