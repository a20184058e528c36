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
