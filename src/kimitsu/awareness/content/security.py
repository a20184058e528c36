"""The information-security basics check: 25 questions on IPA's self-diagnosis model, in our own
words, scored 4 / 2 / 0 / -1 out of 100, with IPA's bands."""

from . import Question, T
from .targets import HANDLING, NDA, PLEDGES, PREPUB, REGISTER, REGULATION, TRAININGS

# --- the information-security basics check (25 questions, IPA's model) -----------------------

SECURITY_PARTS = [
    ("basic", T("基本的な対策", "Basic measures")),
    ("staff", T("従業員としての対策", "Measures for every employee")),
    ("organization", T("組織としての対策", "Measures for the organisation")),
]
SECURITY_PART_TITLES = dict(SECURITY_PARTS)


def _s(code, part, ja, en, rec_ja, rec_en, targets):
    return Question(
        code=code, text=T(ja, en), group=part, recommendation=T(rec_ja, rec_en), targets=targets
    )


SECURITY_QUESTIONS = [
    _s(
        "S01",
        "basic",
        "パソコンやスマートフォンのOS・ソフトウェアを、更新が出たらすぐ最新にしている。",
        "Operating systems and software on computers and phones are updated as soon as updates "
        "come.",
        "OSとソフトの自動更新を有効にし、月に一度、担当者が全台の更新状況を確かめましょう。担当と"
        "頻度を情報管理規程に書いておくと続きます。",
        "Turn on automatic updates and have someone check every device once a month; write who "
        "and how often into the information management regulations.",
        REGULATION,
    ),
    _s(
        "S02",
        "basic",
        "ウイルス対策ソフトを入れ、定義ファイルが自動で更新されるようにしている。",
        "Anti-virus software is installed and its definitions update automatically.",
        "全台にウイルス対策ソフトを入れ、定義ファイルが自動で更新されているか、期限が切れていない"
        "かを担当者が定期的に確かめましょう。",
        "Install anti-virus software on every device and have someone check regularly that its "
        "definitions update and its licence has not lapsed.",
        REGULATION,
    ),
    _s(
        "S03",
        "basic",
        "推測されにくいパスワードを使い、同じパスワードを使い回していない。",
        "Passwords are hard to guess and are not reused.",
        "長く推測されにくいパスワードを使い回さないことを社内の決まりにし、パスワード管理ソフトや"
        "二要素認証を使いましょう。",
        "Make long, unguessable, never-reused passwords an in-house rule, and use a password "
        "manager and two-factor authentication.",
        REGULATION,
    ),
    _s(
        "S04",
        "basic",
        "ネットワーク共有やクラウドの共有設定を、必要な人だけに限っている。",
        "Shared folders and cloud sharing are limited to the people who need them.",
        "秘密情報台帳で情報ごとに見てよい人を決め、共有フォルダやクラウドの共有設定をそれに合わせ"
        "て絞りましょう。",
        "Decide in the secret register who may see each item, and narrow shared folders and cloud "
        "sharing to match.",
        REGISTER,
    ),
    _s(
        "S05",
        "basic",
        "新しい攻撃の手口や注意喚起を調べ、社内で共有している。",
        "New attack methods and warnings are looked up and shared in-house.",
        "IPAやJPCERT/CCの注意喚起を担当者が確かめ、新しい手口を朝礼や研修で全員に伝えましょう。",
        "Have someone follow the warnings of IPA and JPCERT/CC, and pass new attack methods on to "
        "everyone at meetings or training.",
        TRAININGS,
    ),
    _s(
        "S06",
        "staff",
        "心当たりのないメールの添付ファイルやリンクを開かない。",
        "Attachments and links in unexpected e-mails are not opened.",
        "不審なメールの見分け方と、開いてしまったときにすぐ知らせる先を、研修で全員に伝えましょう。",
        "Teach everyone in training how to spot suspicious e-mail and whom to tell at once if "
        "they opened one.",
        TRAININGS,
    ),
    _s(
        "S07",
        "staff",
        "メールを送る前に、宛先が正しいかを確かめている。",
        "Recipients are checked before an e-mail is sent.",
        "送る前に宛先を確かめる決まりを作り、秘密情報を社外へ送るときの扱いを取扱ルールの「社外へ"
        "の送信」で区分ごとに決めましょう。",
        "Make checking recipients before sending a rule, and set per level how secret information "
        "may be sent outside (handling rules, “send outside”).",
        HANDLING,
    ),
    _s(
        "S08",
        "staff",
        "大事な情報をメールで送るときは、暗号化やパスワード保護をしている。",
        "Important information sent by e-mail is encrypted or password-protected.",
        "大事な情報をメールで送る方法（暗号化、パスワードは別の経路で伝える、共有リンクにする など"
        "）を、取扱ルールの「社外への送信」で決めましょう。",
        "Decide in the handling rules (“send outside”) how important information is sent by e-mail"
        ": encrypted, the password sent another way, or a shared link.",
        HANDLING,
    ),
    _s(
        "S09",
        "staff",
        "無線LANは暗号化して使い、公衆無線LANでは大事な情報を扱わない。",
        "Wi-Fi is encrypted; important information is not handled on public Wi-Fi.",
        "社内の無線LANを暗号化（WPA2/WPA3）し、公衆無線LANで秘密情報を扱わないことを取扱ルールに入"
        "れて、研修で伝えましょう。",
        "Encrypt the office Wi-Fi (WPA2/WPA3), and put “no secret information on public Wi-Fi” int"
        "o the handling rules and the training.",
        HANDLING,
    ),
    _s(
        "S10",
        "staff",
        "怪しいウェブサイトや、出どころの分からないソフトを使わない。",
        "Suspicious websites and software of unknown origin are avoided.",
        "仕事で使ってよいソフトとクラウドサービスを決め、それ以外は入れない決まりにしましょう（取"
        "扱ルールの「クラウドサービス」「生成AIへの入力」も）。",
        "List the software and cloud services allowed for work and allow nothing else (see also “c"
        "loud services” and “generative AI” in the handling rules).",
        HANDLING,
    ),
    _s(
        "S11",
        "staff",
        "ウェブサイトやSNSに、仕事の情報を不用意に書き込まない。",
        "Work information is not posted carelessly on websites or social media.",
        "ウェブサイトやSNSに仕事の情報を書き込まない決まりを研修で伝え、公開する資料は事前に公開前"
        "チェックにかけましょう。",
        "Tell everyone in training not to post work information online, and put what the company "
        "publishes through the pre-publication check first.",
        PREPUB,
    ),
    _s(
        "S12",
        "staff",
        "大事なデータは定期的にバックアップを取り、戻せることを確かめている。",
        "Important data is backed up regularly and restoring it has been tried.",
        "大事なデータの保管場所を秘密情報台帳に記録し、定期的なバックアップと、実際に戻せるかの確"
        "認を担当者の仕事にしましょう。",
        "Record where important data is kept in the secret register, and make regular back-ups "
        "and a trial restore someone's job.",
        REGISTER,
    ),
    _s(
        "S13",
        "staff",
        "大事な書類や記録媒体を机の上に出しっぱなしにせず、鍵のかかる場所にしまう。",
        "Important papers and media are not left on desks but locked away.",
        "大事な書類や記録媒体は施錠して保管し、机の上に出しっぱなしにしないことを取扱ルールの「保"
        "管」で決めましょう。",
        "Decide in the handling rules (“store”) that important papers and media are locked away, n"
        "ever left on desks.",
        HANDLING,
    ),
    _s(
        "S14",
        "staff",
        "大事な情報を社外に持ち出すときは、盗難・紛失に備えている（暗号化・肌身離さず）。",
        "Important information taken outside is protected against theft and loss (encrypted, "
        "kept on one's person).",
        "社外への持出しを区分ごとに許可制にし（取扱ルールの「社外持出し」）、持ち出す端末や媒体は"
        "暗号化しましょう。",
        "Make taking information outside subject to approval per level (handling rules, “take outs"
        "ide”) and encrypt the devices and media taken.",
        HANDLING,
    ),
    _s(
        "S15",
        "staff",
        "席を離れるときは、パソコンの画面をロックしている。",
        "Screens are locked when leaving the desk.",
        "一定時間で画面が自動でロックされるよう全台を設定し、離席時のロックを研修で習慣にしましょう。",
        "Set every computer to lock its screen automatically after a few minutes, and make "
        "locking on leaving the desk a habit through training.",
        TRAININGS,
    ),
    _s(
        "S16",
        "staff",
        "関係のない人が事務所に入らないようにしている（受付・名札）。",
        "People with no business there cannot walk into the office (reception, badges).",
        "受付・来訪者の記帳・名札で、関係のない人が事務所に入れないようにし、立入りを限る場所を情"
        "報管理規程で決めましょう。",
        "Keep people with no business out of the office (reception, visitor log, badges), and "
        "name the restricted areas in the information management regulations.",
        REGULATION,
    ),
    _s(
        "S17",
        "staff",
        "帰るときは、ノートパソコンや記録媒体を鍵のかかる場所にしまう。",
        "Laptops and media are locked away at the end of the day.",
        "帰るときにノートパソコンや記録媒体を施錠して保管することを、取扱ルールの「保管」に入れましょう。",
        "Put locking away laptops and media at the end of the day into the handling rules (“store”"
        ").",
        HANDLING,
    ),
    _s(
        "S18",
        "staff",
        "最後に事務所を出る人が、戸締まりを確かめている。",
        "The last person to leave checks that the office is locked.",
        "最後に事務所を出る人が戸締まりを確かめ、記録する手順を決め、情報管理規程に書いておきましょう。",
        "Decide how the last person out checks and records that the office is locked, and write "
        "it into the information management regulations.",
        REGULATION,
    ),
    _s(
        "S19",
        "staff",
        "不要になった書類・記録媒体・パソコンは、復元できない方法で処分している。",
        "Papers, media and computers no longer needed are disposed of so nothing can be recovered.",
        "書類・記録媒体・パソコンの処分方法（シュレッダー、溶解処理、データ消去の証明）を、取扱ル"
        "ールの「廃棄」で区分ごとに決めましょう。",
        "Set per level in the handling rules (“dispose of”) how papers, media and computers are di"
        "sposed of: shredding, pulping, certified data erasure.",
        HANDLING,
    ),
    _s(
        "S20",
        "organization",
        "社員に、在職中と退職後の守秘義務を課している。",
        "Employees are bound to confidentiality during and after employment.",
        "入社時と退職時に秘密保持誓約書を取り交わしましょう。kimitsuの誓約書のひな形と、署名の記録"
        "が使えます。",
        "Have every employee sign a confidentiality pledge on joining and on leaving; kimitsu's "
        "pledge templates and signature records help.",
        PLEDGES,
    ),
    _s(
        "S21",
        "organization",
        "社員に、情報セキュリティの教育を定期的に行っている。",
        "Employees receive information-security training regularly.",
        "情報セキュリティと営業秘密の研修を年に一度以上開き、出席と理解度を記録しましょう。",
        "Hold information-security and trade-secret training at least once a year and record who "
        "attended and what they understood.",
        TRAININGS,
    ),
    _s(
        "S22",
        "organization",
        "私物のパソコンやスマートフォンを仕事に使うときの決まりがある。",
        "There are rules for using personal computers and phones for work.",
        "私物のパソコン・スマートフォン・USBメモリを仕事に使うときの決まりを、取扱ルールの「私物端"
        "末・USBメモリ」で決めましょう。",
        "Decide in the handling rules (“personal devices and USB memory”) when personal computers,"
        " phones and USB sticks may be used for work.",
        HANDLING,
    ),
    _s(
        "S23",
        "organization",
        "取引先との契約で、大事な情報の扱い方を取り決めている。",
        "Contracts with partners say how important information is handled.",
        "取引先に大事な情報を渡す前に秘密保持契約（NDA）を結び、何を開示したかを記録しましょう。",
        "Sign an NDA before giving a partner important information, and record what was disclosed.",
        NDA,
    ),
    _s(
        "S24",
        "organization",
        "大事な情報を見たり変えたりできる人を、権限の設定で限っている。",
        "Access rights limit who can view or change important information.",
        "秘密情報台帳で情報ごとにアクセスできる人を決め、ファイルサーバーやシステムの権限をそれに"
        "合わせましょう。",
        "Decide in the secret register who may access each item, and set the rights on file "
        "servers and systems to match.",
        REGISTER,
    ),
    _s(
        "S25",
        "organization",
        "事故が起きたときの対応手順と連絡先を決め、社内に伝えている。",
        "An incident procedure and contacts are decided and known in-house.",
        "漏えいや紛失が起きたときの対応手順と連絡先を情報管理規程に定め、研修で全員に伝えましょう。",
        "Write the incident procedure and contacts into the information management regulations "
        "and teach them to everyone.",
        REGULATION,
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
