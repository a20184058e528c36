"""The learning pages: short, printable, in our own words."""

from . import T

REQUIREMENTS = [
    (
        T("秘密管理性", "Managed as a secret"),
        T(
            "会社が「これは秘密だ」という意思を、表示・施錠・アクセス制限・誓約書などの合理的な手段で社員に示し、"
            "誰が見ても秘密だと分かる状態にしていること。心の中で秘密だと思っているだけでは足りません。",
            "The company shows its will to keep the information secret by reasonable means — marks, "
            "locks, access limits, pledges — so that anyone can see it is secret. Merely thinking of it "
            "as secret is not enough.",
        ),
    ),
    (
        T("有用性", "Useful"),
        T(
            "事業に役立つ情報であること。製法や顧客名簿だけでなく、失敗した実験のデータも他社の近道になるため"
            "含まれます。",
            "It helps the business. Not only processes and customer lists: failed experiments count too, "
            "since they save a rival time.",
        ),
    ),
    (
        T("非公知性", "Not public"),
        T(
            "世間で知られておらず、普通には手に入らないこと。展示会や広告で見せたり、販売した製品から簡単に"
            "解析できたりすると失われます。",
            "It is not generally known or easily obtained. Showing it at a fair, in an advert, or in a "
            "product anyone can take apart destroys it.",
        ),
    ),
]

MEASURES = [
    (
        T("紙", "Paper"),
        T(
            "㊙・社外秘などの表示、鍵のかかる保管庫、持出し・コピーの記録、廃棄はシュレッダーか溶解。",
            "A 'Confidential' mark, locked cabinets, a log of take-outs and copies, shredding.",
        ),
    ),
    (
        T("電子データ", "Electronic data"),
        T(
            "ファイル名・フォルダ名や文書のヘッダーへの表示、パスワード、アクセス権を設定したサーバー、"
            "USBメモリ・私物端末のルール、ログの保存。",
            "Marks in file or folder names or document headers, passwords, access-controlled servers, "
            "rules for USB sticks and personal devices, kept logs.",
        ),
    ),
    (
        T("物件（試作品・金型・設備）", "Objects (prototypes, moulds, machines)"),
        T(
            "立入禁止の掲示、入室を限った区域、管理対象であることを示す札、管理対象物の一覧。",
            "No-entry signs, restricted zones, tags, and a list of the controlled items.",
        ),
    ),
    (
        T("記憶（人が持つノウハウ）", "Know-how in people's heads"),
        T(
            "どんなノウハウが秘密かを書き出して分類し、誓約書で具体的に示す。",
            "Write down and categorise which know-how is secret, and name it in pledges.",
        ),
    ),
    (
        T("取引先と共有する情報", "Information shared with partners"),
        T(
            "開示の前に秘密保持契約（NDA）を結び、開示する範囲と目的を限る。受け取った他社の秘密も分けて守る。",
            "Sign an NDA before disclosing, limit scope and purpose; keep partners' secrets apart "
            "and protected too.",
        ),
    ),
]
MEASURES_WARNING = T(
    "何にでも表示したり、表示があっても誰も守っていなかったりすると、管理が形だけになり（形骸化）、"
    "かえって秘密管理性が認められにくくなります。",
    "Marking everything, or marks that nobody respects, turns management into an empty form and "
    "makes secrecy harder to prove.",
)

# The brochure's three failure stories, retold in our own words.
STORIES = [
    {
        "title": T("急ぎの問い合わせに、製法を話してしまった", "The urgent question"),
        "story": T(
            "ある部品メーカーに、取引先から「品質確認のため、すぐに作り方を知りたい」と連絡がありました。"
            "担当者は善意で、工程と条件を詳しく説明しました。数か月後、その取引先からの注文が途絶えました。"
            "聞き出した製法を書き起こし、別の会社に安く作らせていたようです。",
            "A parts maker got a call from a customer: 'for a quality check we need to know, right "
            "now, how you make it.' In good faith the engineer explained the process and its "
            "settings. A few months later the orders stopped: the customer had written the method "
            "down and had a cheaper rival make the part.",
        ),
        "lesson": T(
            "開示は必要な範囲に限り、先に秘密保持契約を結ぶ。口頭で伝えた内容も記録する。",
            "Disclose only what is needed, under an NDA signed first, and record what was said.",
        ),
        "step": 7,
    },
    {
        "title": T("「うちの社員に限って」と誓約書を省いた", "'Our people would never…'"),
        "story": T(
            "社員を信頼していたある会社は、退職時に秘密保持の誓約書を求めるのは失礼だと考えていました。"
            "長く勤めた技術者が退職した後、競合会社の新製品に見覚えのある設計が使われ、顧客もそちらへ"
            "移り始めました。技術資料と顧客リストが持ち出されていたのです。",
            "A company that trusted its staff thought asking leavers for a confidentiality pledge "
            "would be rude. After a long-serving engineer left, a competitor's new product showed a "
            "familiar design and customers began to move. Technical files and the customer list "
            "had gone with him.",
        ),
        "lesson": T(
            "退職時には資料を返却させ、扱った秘密を具体的に挙げた誓約書に署名してもらう。"
            "在職中から何が秘密かを示しておく。",
            "On exit, have materials returned and a pledge signed that names the secrets handled; "
            "make clear what is secret long before that.",
        ),
        "step": 7,
    },
    {
        "title": T("特許のために、ノウハウまで書いてしまった", "The patent that gave it away"),
        "story": T(
            "独自技術を守ろうと特許を出願したある会社は、審査を通りやすくするため、製造条件のこつまで出願書類に"
            "書き込みました。特許は取れましたが、出願内容は公開されます。それを読んだ他社が改良を重ね、"
            "自社の権利が及ばない形で追い上げてきました。",
            "To protect its own technology a company filed a patent and, to get it granted "
            "smoothly, wrote the fine points of its process into the application. It got the "
            "patent — but applications are published. A rival read it, improved on it, and caught "
            "up with a design the patent did not cover.",
        ),
        "lesson": T(
            "出願する部分と秘密にする部分を分けて考える。出願書類に必要以上のノウハウを書かない。",
            "Decide what to patent and what to keep secret; put no more know-how in an application "
            "than it needs.",
        ),
        "step": 1,
    },
]

FIRST_STEPS = [
    T(
        "自己診断で、会社の今の状態を確かめる（10分）。",
        "Take the self-check to see where the company stands (10 minutes).",
    ),
    T(
        "管理責任者を決め、経営者が「秘密を守る」方針を社内に示す。",
        "Name a person in charge; management announces the policy of protecting secrets.",
    ),
    T(
        "この学習ページを使って、全員向けの短い研修を開き、出席を記録する。",
        "Hold a short session for everyone with these pages and record who attended.",
    ),
    T(
        "ライバルに知られたら困る情報を、部署ごとに書き出す（中身ではなく名前と場所）。",
        "List, department by department, what a rival must not learn (names and places, not "
        "content).",
    ),
    T(
        "退職者と取引先から手を付ける：退職時誓約書とNDAを整える。",
        "Start with leavers and partners: an exit pledge and an NDA.",
    ),
]

# --- What a company asks next: the law beyond the three requirements ----------------------------
# Written by us from the Act as in force; the date says how current it is. Article numbers are
# those of 不正競争防止法 unless another act is named.

LAW_AS_OF = T("2026年12月時点の法令に基づく", "Based on the law as in force in December 2026")

UNFAIR_ACTS = {
    "title": T("営業秘密の侵害になる行為", "Acts that infringe a trade secret"),
    "intro": T(
        "法律は、営業秘密に関する「不正競争」を次のように定めています（2条1項4号〜10号）。"
        "大きく分けると、不正な手段で手に入れる場合と、正当に見せてもらった秘密を裏切って使う場合、"
        "そしてそれらを知りながら受け取る場合です。",
        "The Act lists the acts of unfair competition concerning trade secrets (art. 2(1)(iv) to "
        "(x)). Broadly: getting the secret by wrongful means; betraying a secret that was shown "
        "in good faith; and receiving either while knowing it.",
    ),
    "items": [
        (
            T("4号", "(iv)"),
            T(
                "盗む、だます、脅すなど不正な手段で秘密を取得する行為（不正取得）と、そうして得た秘密を"
                "使ったり他人に開示したりする行為。",
                "Acquiring a secret by theft, fraud, threats or other wrongful means, and using or "
                "disclosing a secret so acquired.",
            ),
        ),
        (
            T("5号・6号", "(v), (vi)"),
            T(
                "不正取得があったと知りながら（又は重大な過失で知らずに）秘密を取得・使用・開示する行為。"
                "受け取った後で事情を知り、なお使い続ける場合も含みます。",
                "Acquiring, using or disclosing a secret knowing (or, through gross negligence, "
                "not knowing) that it was wrongfully acquired — including going on using it after "
                "learning so.",
            ),
        ),
        (
            T("7号", "(vii)"),
            T(
                "会社から示された秘密を、不正な利益を得る目的や会社に損害を与える目的で使用・開示する"
                "行為。社員、退職者、取引先が典型です。",
                "Using or disclosing a secret the company showed you, to gain an unfair advantage "
                "or to harm the company: employees, former employees and partners are the typical "
                "case.",
            ),
        ),
        (
            T("8号・9号", "(viii), (ix)"),
            T(
                "そうした不正な開示であること、又は途中に不正な開示があったことを知りながら（又は重大な"
                "過失で知らずに）取得・使用・開示する行為。転職者が持ち込んだ前職の資料を受け取る会社は"
                "ここに当たり得ます。",
                "Acquiring, using or disclosing a secret knowing (or through gross negligence not "
                "knowing) that its disclosure was wrongful. A company that accepts a hire's "
                "material from a former employer can fall under this.",
            ),
        ),
        (
            T("10号", "(x)"),
            T(
                "4号〜9号の行為で技術上の秘密を使って作られた物を、譲渡・引渡し・輸出入などする行為"
                "（譲り受けた時にそうと知らず、重大な過失もなかった者を除きます）。",
                "Selling, delivering, exporting or importing goods made by using a technical "
                "secret through an act of (iv) to (ix) — except by someone who, when they got the "
                "goods, neither knew nor was grossly negligent in not knowing.",
            ),
        ),
    ],
}

CIVIL_REMEDIES = {
    "title": T("民事の救済：差止めと損害賠償", "Civil remedies: injunction and damages"),
    "intro": T(
        "営業秘密を侵害された会社は、裁判所に次のことを求められます。どれも、秘密として管理していた"
        "こと（3要件）を会社が示せることが前提です。",
        "A company whose trade secret is infringed can ask a court for the following — each "
        "assumes the company can show the three requirements.",
    ),
    "items": [
        (
            T("差止め（3条）", "Injunction (art. 3)"),
            T(
                "侵害の停止や予防を求められます。侵害行為で作られた物の廃棄や、侵害に使われた設備の"
                "除却もあわせて求められます。",
                "Stopping or preventing the infringement, together with destroying what it produced "
                "and removing the equipment used for it.",
            ),
        ),
        (
            T("損害賠償（4条）", "Damages (art. 4)"),
            T(
                "故意又は過失によって営業上の利益を侵害した者に、損害の賠償を求められます。",
                "Compensation from whoever infringed the company's business interests "
                "intentionally or negligently.",
            ),
        ),
        (
            T("損害額の推定など（5条）", "Presumed amount of damages (art. 5)"),
            T(
                "損害の額を証明するのは難しいため、侵害者が得た利益の額を損害の額と推定する定め（5条2項）"
                "や、使用許諾料に相当する額を請求できる定め（5条3項）などがあります。",
                "Because damage is hard to prove, the infringer's profit is presumed to be the "
                "company's loss (art. 5(2)), and a sum equal to a licence fee may be claimed "
                "(art. 5(3)), among other rules.",
            ),
        ),
        (
            T("使用の推定（5条の2）", "Presumed use (art. 5-2)"),
            T(
                "生産方法などの技術上の秘密を不正に取得した者などが、その秘密を使えば作れる物を作って"
                "いるときは、秘密を使ったものと推定されます。相手の工場の中で何が行われているかまで会社が"
                "証明しなくてよくなります。",
                "When someone who wrongfully acquired a technical secret such as a production "
                "method makes goods that the secret would make, they are presumed to have used it: "
                "the company need not prove what happens inside the rival's plant.",
            ),
        ),
        (
            T("時効（15条）", "Time limits (art. 15)"),
            T(
                "営業秘密を使い続ける行為の差止めを求める権利は、侵害の事実と侵害者を知った時から3年、"
                "又は使用が始まった時から20年で時効により消滅します。消滅した後の使用による損害は"
                "賠償の対象になりません（4条ただし書）。気づいたら早く動くことが大切です。",
                "The right to stop continued use of a trade secret lapses three years after the "
                "company learns of the use and the user, or twenty years after the use began; "
                "damage from use after that is not compensated (art. 4, proviso). Act early.",
            ),
        ),
    ],
}

CRIMINAL_PENALTIES = {
    "title": T("刑事罰", "Criminal penalties"),
    "intro": T(
        "不正の利益を得る目的や会社に損害を与える目的での営業秘密の侵害は、犯罪（営業秘密侵害罪）に"
        "なります。会社の告訴がなくても起訴できる罪で、未遂も罰せられます。",
        "Infringing a trade secret to gain an unfair advantage or to harm its holder is a crime "
        "(営業秘密侵害罪). It can be prosecuted without a complaint by the company, and attempts "
        "are punished too.",
    ),
    "items": [
        (
            T("個人（21条1項ほか）", "Individuals (art. 21(1) and others)"),
            T(
                "10年以下の拘禁刑若しくは2,000万円以下の罰金、又はその両方。2025年6月1日から、懲役は"
                "拘禁刑になりました。",
                "Imprisonment of up to 10 years, or a fine of up to 20 million yen, or both. Since "
                "1 June 2025 imprisonment is 拘禁刑, which replaced 懲役.",
            ),
        ),
        (
            T("海外での使用など（21条4項）", "Use abroad and similar (art. 21(4))"),
            T(
                "日本国外で使う目的での取得・開示や、国外での使用などは、罰金の上限が3,000万円に"
                "なります（拘禁刑は10年以下）。",
                "Acquiring or disclosing a secret to use it outside Japan, using it abroad and "
                "similar acts: the fine goes up to 30 million yen (imprisonment still up to 10 "
                "years).",
            ),
        ),
        (
            T("会社への罰金（22条）", "Fines on the company (art. 22)"),
            T(
                "社員などが会社の業務として、営業秘密を不正に取得・使用・開示するなどの罪を犯したときは、"
                "本人とともに会社も罰せられます（両罰規定）。罰金は5億円以下、海外での使用などの場合は"
                "10億円以下です。他社の秘密を持ち込ませないことは、会社自身を守ることでもあります。",
                "When an employee, in the course of the company's business, wrongfully acquires, "
                "uses or discloses a trade secret, the company is fined as well as the person: up "
                "to 500 million yen, or up to 1 billion yen for use abroad and similar acts. "
                "Keeping other companies' secrets out also protects the company itself.",
            ),
        ),
    ],
}

LIMITED_DATA = {
    "title": T("限定提供データ", "Shared data (限定提供データ)"),
    "intro": T(
        "秘密にしていなくても、取引先など決まった相手に提供するデータは守られることがあります"
        "（2条7項）。",
        "Data provided to specific parties can be protected even when it is not kept secret "
        "(art. 2(7)).",
    ),
    "items": [
        (
            T("要件", "What it takes"),
            T(
                "業として特定の者に提供するデータで、電磁的な方法で相当量が蓄積され、ID・パスワードなどで"
                "管理されているもの（営業秘密に当たるものを除く）。例：会員にだけ配信する地図・気象・"
                "稼働データ。",
                "Data provided as a business to specific parties, accumulated electronically in a "
                "substantial amount and managed electronically, e.g. by IDs and passwords (trade "
                "secrets excepted). For example map, weather or machine data delivered to "
                "subscribers only.",
            ),
        ),
        (
            T("守られ方", "How it is protected"),
            T(
                "不正な取得・使用・開示は、差止めと損害賠償の対象です（2条1項11号〜16号）。営業秘密と"
                "違い、刑事罰はありません。",
                "Wrongful acquisition, use and disclosure can be stopped and compensated (art. "
                "2(1)(xi) to (xvi)); unlike trade secrets, there is no criminal penalty.",
            ),
        ),
    ],
}

PRIOR_USE = {
    "title": T("先使用権と、日付のある証拠", "Prior use, and why dated evidence matters"),
    "intro": T(
        "技術を特許にせず秘密にしておくと、後から他社が同じ技術で特許を取ることがあります。",
        "A technology kept secret instead of patented may later be patented by someone else.",
    ),
    "items": [
        (
            T("先使用権（特許法79条）", "Prior user's right (Patent Act, art. 79)"),
            T(
                "他社の特許出願の時に、自社が独自に生み出したその技術で、日本国内で事業をしていた、又は"
                "事業の準備をしていたなら、その範囲で使い続けられます（通常実施権）。",
                "A company that, when another's patent application was filed, was already working "
                "its own, independently made invention in a business in Japan — or preparing to — "
                "may go on doing so within that scope (a non-exclusive licence by law).",
            ),
        ),
        (
            T("なぜ日付が大切か", "Why dates matter"),
            T(
                "この権利を主張するには、他社の出願日より前に実施や準備をしていたことを会社が証明しなければ"
                "なりません。研究ノート、図面、仕様書、試作や発注の記録に日付を残し、タイムスタンプや"
                "確定日付で「いつ」を第三者にも示せるようにして、社外にも控えを保管しておきましょう。",
                "To rely on it the company must prove it worked or prepared the technology before "
                "the other party's filing date. Keep lab notes, drawings, specifications and "
                "records of prototypes and orders dated; make the date provable to anyone with "
                "trusted timestamps or a certified date; and keep a copy outside the company's "
                "systems.",
            ),
        ),
    ],
}

HELP = {
    "title": T("困ったときの相談先", "Where to get help"),
    "intro": T(
        "一人で抱えず、早めに相談してください。証拠は、相談する前から消さずに残しておきます。",
        "Do not carry it alone; ask early. Keep the evidence untouched from the start.",
    ),
    "items": [
        (
            T("営業秘密・知財戦略相談窓口（INPIT）", "Trade secret consultation desk (INPIT)"),
            T(
                "工業所有権情報・研修館（INPIT）の無料の相談窓口です。管理の仕組みづくり、特許にするか"
                "秘密にするか、漏えいが疑われるときの初動まで、知財の専門家に相談でき、必要に応じて警察や"
                "IPAにもつないでくれます。各都道府県の知財総合支援窓口も相談を受け付けています。",
                "The free consultation desk of INPIT (National Center for Industrial Property "
                "Information and Training): setting up management, patent or secret, first steps "
                "when a leak is suspected. It links to the police and IPA when needed. The IP "
                "support desks (知財総合支援窓口) in every prefecture take consultations too.",
            ),
        ),
        (
            T("都道府県警察の相談窓口", "The prefectural police"),
            T(
                "営業秘密の持出しや不正な使用など、犯罪の疑いがあるときは、各都道府県警察の営業秘密侵害"
                "事犯の相談窓口に相談できます。刑事告訴を考えるときも、まず相談を。",
                "When a crime is suspected — a secret taken out or wrongfully used — each "
                "prefectural police force has a consultation point for trade secret crimes. "
                "Consult them before deciding on a criminal complaint.",
            ),
        ),
        (
            T("IPA（情報処理推進機構）", "IPA (Information-technology Promotion Agency)"),
            T(
                "不正アクセスやウイルス感染など、情報セキュリティの事故が原因のときは、IPAの情報セキュリティ"
                "安心相談窓口に技術的な相談ができます。",
                "When the cause is a security incident — unauthorised access, malware — IPA's "
                "information security consultation service gives technical advice.",
            ),
        ),
        (
            T("弁護士", "A lawyer"),
            T(
                "差止めや損害賠償を求めるとき、退職者や取引先との交渉では、知財に詳しい弁護士に相談します。",
                "For an injunction or damages, and for negotiating with a former employee or a "
                "partner, consult a lawyer who knows intellectual property.",
            ),
        ),
    ],
}

LAW_SECTIONS = [
    ("acts", UNFAIR_ACTS),
    ("civil", CIVIL_REMEDIES),
    ("criminal", CRIMINAL_PENALTIES),
    ("limited-data", LIMITED_DATA),
    ("prior-use", PRIOR_USE),
    ("help", HELP),
]
