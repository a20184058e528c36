"""The clause library of the information management regulations (情報管理規程).

The regulation is built from data: chapters, articles in a fixed order, and for each article a
function that writes its wording from the company's context (its name, its levels, its roles and
the options it chose). The wording is our own, in the register of a Japanese 社内規程 (である調).

An article's text is stored as lines: a line is a paragraph (項); a line that starts with "・" is an
item (号) of the paragraph before it. Numbers are added when the document is rendered: the first
paragraph bears the article number, later ones ２, ３…, items 一, 二…. Cross-references to other
articles are resolved when the text is generated, so the stored text never contains a placeholder.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ITEM = "・"

# The options a company chooses; each adds an article when chosen.
OPTION_TELEWORK = "telework"
OPTION_PERSONAL_DEVICES = "personal_devices"
OPTION_GENERATIVE_AI = "generative_ai"
OPTION_PARTNER_INFO = "partner_info"
OPTION_LEAVERS = "leavers"
OPTIONS = [
    OPTION_TELEWORK,
    OPTION_PERSONAL_DEVICES,
    OPTION_GENERATIVE_AI,
    OPTION_PARTNER_INFO,
    OPTION_LEAVERS,
]
DEFAULT_OPTIONS = {key: True for key in OPTIONS}


@dataclass(frozen=True)
class LevelInfo:
    """What the regulation needs to know of a level (kept apart from the register's model)."""

    name: str
    rank: int
    marking_text: str = ""
    description: str = ""
    review_months: int | None = None
    is_public: bool = False


@dataclass
class Context:
    company: str
    levels: list[LevelInfo]  # secret levels, most secret first
    public_level: LevelInfo | None = None
    officer_post: str = "代表取締役"
    officer_name: str = ""
    manager_post: str = "各部門の長"
    approving_body: str = "取締役会"
    options: dict = field(default_factory=lambda: dict(DEFAULT_OPTIONS))
    numbers: dict = field(default_factory=dict)  # article key -> article number

    def ref(self, key: str) -> str:
        number = self.numbers.get(key)
        return f"第{number}条" if number else "本規程"

    def chose(self, option: str) -> bool:
        return bool(self.options.get(option, False))

    @property
    def most_secret(self) -> LevelInfo | None:
        return self.levels[0] if self.levels else None


@dataclass(frozen=True)
class Article:
    key: str
    title: str
    build: Callable[[Context], list[str]]
    option: str | None = None


@dataclass(frozen=True)
class Chapter:
    title: str
    articles: list[Article]


# --- descriptions of the usual levels ----------------------------------------------------------

STRICT, CONFIDENTIAL, INTERNAL, PUBLIC = "strict", "confidential", "internal", "public"

PROFILE_DESCRIPTIONS = {
    STRICT: "漏えいした場合に会社の事業に重大な損害を及ぼすおそれのある情報であって、"
    "情報管理責任者又は部門情報管理者が個別に指名した者に限り取り扱わせるもの",
    CONFIDENTIAL: "漏えいした場合に会社の事業に損害を及ぼすおそれのある情報であって、"
    "業務上必要な部門又は従業者に限り取り扱わせるもの",
    INTERNAL: "会社の従業者が業務上利用することができるが、社外への開示を禁止する情報",
}
DEFAULT_PROFILE_BY_NAME = {"極秘": STRICT, "秘": CONFIDENTIAL, "社外秘": INTERNAL, "公開": PUBLIC}


def profile_for(level: LevelInfo, secret_levels: list[LevelInfo]) -> str:
    """Which default wording and default rules fit a level: by its name for the usual levels,
    otherwise by its place among the company's secret levels."""
    if level.is_public:
        return PUBLIC
    if level.name in DEFAULT_PROFILE_BY_NAME:
        return DEFAULT_PROFILE_BY_NAME[level.name]
    names = [lv.name for lv in secret_levels]
    index = names.index(level.name) if level.name in names else len(names) - 1
    if index == 0:
        return STRICT
    if index == len(names) - 1:
        return INTERNAL
    return CONFIDENTIAL


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def level_description(level: LevelInfo, ctx: Context) -> str:
    text = (level.description or "").strip().rstrip("。")
    if text and _has_japanese(text):
        return text
    return PROFILE_DESCRIPTIONS[profile_for(level, ctx.levels)]


# --- the articles ------------------------------------------------------------------------------


def _purpose(ctx: Context) -> list[str]:
    return [
        f"本規程は、{ctx.company}（以下「会社」という。）が保有する秘密情報の適正な管理に関し"
        "必要な事項を定めることにより、秘密情報の漏えい、不正な取得及び不正な使用を防止し、"
        "不正競争防止法に定める営業秘密としての保護を確保するとともに、会社の事業の健全な発展に"
        "資することを目的とする。",
    ]


def _scope(ctx: Context) -> list[str]:
    return [
        "本規程は、会社の役員及び従業員（正社員、契約社員、嘱託社員、パートタイマー及び"
        "アルバイトを含む。以下「従業者」という。）並びに会社の業務に従事する派遣労働者に適用する。",
        "従業者は、本規程及び本規程に基づく取扱基準を遵守し、在職中はもとより退職後においても、"
        "会社の秘密情報を会社の業務以外の目的に使用し、又は第三者に開示し、若しくは漏えいしては"
        "ならない。",
        "会社は、業務の委託先その他の取引先に秘密情報を取り扱わせる場合には、"
        f"{ctx.ref('disclosure')}の定めるところにより、当該取引先に本規程と同等の管理を求める"
        "ものとする。",
    ]


def _definitions(ctx: Context) -> list[str]:
    lines = [
        "本規程において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。",
        f"{ITEM}秘密情報　会社が保有する技術上又は営業上の情報（書面、電子データ、試作品その他の"
        "物件及び従業者が記憶しているノウハウを含む。）であって、"
        f"{ctx.ref('designation')}の定めるところにより秘密情報として指定されたものをいう。",
        f"{ITEM}営業秘密　不正競争防止法第2条第6項に規定する営業秘密をいう。",
        f"{ITEM}取扱基準　秘密情報の区分ごとの取扱いの基準として、本規程の別表に定める秘密情報"
        "取扱基準をいう。",
        f"{ITEM}他社秘密情報　取引先その他の第三者から、秘密として保持する義務を負って開示を"
        "受けた情報をいう。",
        f"{ITEM}秘密情報管理台帳　秘密情報の名称、区分、保管場所、管理者、アクセス権者及び見直し"
        "時期を記録する台帳をいう。台帳には、秘密情報の内容そのものを記載してはならない。",
        f"{ITEM}記録媒体　USBメモリ、外付けハードディスク、光ディスクその他の電子データを記録"
        "することができる可搬型の媒体をいう。",
        f"{ITEM}私物端末　従業者が私的に所有するパソコン、スマートフォン、タブレット端末その他の"
        "情報機器をいう。",
        f"{ITEM}持出し　秘密情報又はこれを記録した書面、記録媒体若しくは物件を、会社の事業所の"
        "外へ持ち出すことをいう。",
    ]
    if ctx.chose(OPTION_GENERATIVE_AI):
        lines.append(
            f"{ITEM}生成AI　利用者が入力した文章等に基づき、文章、画像、プログラムその他の成果物を"
            "生成する人工知能を用いたサービスをいう。"
        )
    return lines


def _officer(ctx: Context) -> str:
    if ctx.officer_name:
        return f"{ctx.officer_post}（{ctx.officer_name}）"
    return ctx.officer_post


def _organization(ctx: Context) -> list[str]:
    return [
        "会社は、秘密情報の管理を統括する者として情報管理責任者を置き、"
        f"{_officer(ctx)}をもって充てる。",
        "情報管理責任者は、次の各号に掲げる職務を行う。",
        f"{ITEM}本規程及び取扱基準の制定及び改廃の立案",
        f"{ITEM}秘密情報の指定、区分の決定及びその見直しの統括",
        f"{ITEM}秘密情報管理台帳の整備及び管理",
        f"{ITEM}従業者に対する教育及び啓発",
        f"{ITEM}秘密情報の管理状況の点検及び改善",
        f"{ITEM}秘密情報の漏えい等が発生した場合の対応の指揮",
        f"各部門に部門情報管理者を置き、{ctx.manager_post}をもって充てる。部門情報管理者は、"
        "情報管理責任者の指示に従い、当該部門における秘密情報の指定、管理及び従業者への指導を"
        "行う。",
        "情報管理責任者は、必要があると認めるときは、その職務の一部を部門情報管理者その他の"
        "従業者に行わせることができる。",
        "情報管理責任者は、少なくとも年1回、秘密情報の管理状況を点検し、その結果を記録すると"
        "ともに、必要な改善を行わなければならない。",
    ]


def _designation(ctx: Context) -> list[str]:
    lines = [
        "部門情報管理者は、当該部門が保有する情報のうち、会社の事業活動に有用であって公然と"
        "知られていないものを秘密情報として指定し、その重要度に応じて次の各号に掲げる区分の"
        "いずれかに格付けする。",
    ]
    for level in ctx.levels:
        lines.append(f"{ITEM}{level.name}　{level_description(level, ctx)}")
    lines.append(
        "前項の指定及び格付けに当たっては、その理由、当該秘密情報の管理者及び次回の見直し時期を"
        "定め、秘密情報管理台帳に記録しなければならない。"
    )
    if ctx.public_level is not None:
        lines.append(
            f"第1項各号の区分のいずれにも格付けされない情報は、「{ctx.public_level.name}」の"
            "情報として取り扱う。"
        )
    periods = [
        f"{lv.name}にあっては{lv.review_months}か月" for lv in ctx.levels if lv.review_months
    ]
    when = f"（{'、'.join(periods)}）" if periods else ""
    lines.append(
        f"部門情報管理者は、区分ごとに会社が定める期間{when}ごとに秘密情報の指定及び区分を見直し、"
        "秘密として管理する必要がなくなったものについては、情報管理責任者の承認を得て、指定を"
        "解除し、又は区分を変更するものとする。"
    )
    lines.append(
        "秘密情報の区分ごとの閲覧、複製、持出しその他の取扱いの基準は、別表「秘密情報取扱基準」に"
        "定めるとおりとする。"
    )
    return lines


def _marking(ctx: Context) -> list[str]:
    lines = ["秘密情報には、その区分に応じ、次の各号に掲げる表示を付さなければならない。"]
    for level in ctx.levels:
        mark = level.marking_text or level.name
        lines.append(f"{ITEM}{level.name}の区分に属する秘密情報　「{mark}」")
    lines += [
        "前項の表示は、書面にあっては表紙及び各頁の上部に、電子データにあっては文書のヘッダー、"
        "ファイル名又は保存先のフォルダ名に、物件にあっては本体、ラベル又は保管容器に、それぞれ"
        "容易に認識できる方法で付するものとする。",
        "表示を付すことが困難な秘密情報（従業者が記憶しているノウハウを含む。）については、"
        "秘密情報管理台帳への記載、関係する従業者への通知、誓約書における明示その他の方法により、"
        "秘密情報であることを明らかにしなければならない。",
        "秘密情報に該当しない情報に秘密情報の表示を付してはならない。指定が解除された情報に"
        "ついては、速やかに表示を抹消するものとする。",
    ]
    return lines


def _access(ctx: Context) -> list[str]:
    return [
        "秘密情報を閲覧し、又は利用することができる者（以下「アクセス権者」という。）は、"
        "別表に定めるところにより、区分ごとに業務上必要な範囲の者に限る。",
        "部門情報管理者は、アクセス権者を明確にし、電子データについてはID及びパスワードによる"
        "認証、アクセス権限の設定その他の措置により、書面及び物件については施錠できる場所への"
        "保管、立入りの制限その他の措置により、アクセス権者以外の者が秘密情報に接することの"
        "ないようにしなければならない。",
        "アクセス権者は、業務上の必要がある場合に限り、秘密情報を閲覧し、又は利用するものとする。",
        "会社は、秘密情報へのアクセス及び持出しの記録を取得し、必要に応じてこれを確認する"
        "ことができる。",
    ]


def _copy_takeout(ctx: Context) -> list[str]:
    devices = (
        "従業者は、別表において認められている場合を除き、私物端末及び会社が貸与していない記録"
        "媒体に秘密情報を複製し、又は保存してはならない。"
    )
    if ctx.chose(OPTION_PERSONAL_DEVICES):
        devices += (
            f"認められている場合であっても、{ctx.ref('personal_devices')}に定める許可を受けなければ"
            "ならない。"
        )
    return [
        "秘密情報の複製（印刷、撮影及び電子データの複写を含む。以下同じ。）及び持出しは、"
        "別表に定める区分ごとの基準に従って行わなければならない。",
        "別表において承認を要するものとされた複製又は持出しを行おうとする従業者は、あらかじめ"
        "同表に定める承認者の承認を得なければならない。",
        "秘密情報を複製したときは、複製物に原本と同一の表示を付し、原本と同一の区分の秘密情報と"
        "して管理するとともに、不要となったときは、"
        f"{ctx.ref('storage_disposal')}の定めるところにより速やかに廃棄しなければならない。",
        "秘密情報を持ち出す者は、持出しの目的、期間及び持出し先を記録するとともに、盗難、紛失"
        "及び第三者による閲覧を防ぐため、常に携行し、又は施錠した状態で保管しなければならない。",
        devices,
    ]


def _telework(ctx: Context) -> list[str]:
    lines = [
        "従業者が在宅勤務その他の事業所外での勤務（以下「テレワーク」という。）において秘密情報を"
        "取り扱う場合は、会社が貸与し、又は使用を許可した端末及び通信環境を用いなければならない。",
        "テレワークにおいて秘密情報を取り扱う従業者は、次の各号に掲げる事項を遵守しなければ"
        "ならない。",
        f"{ITEM}家族その他の第三者に画面若しくは書面を見られ、又は会話を聞かれることのないよう、"
        "作業の場所に配慮すること。",
        f"{ITEM}公衆無線LANその他安全性が確認されていない通信回線を使用しないこと。",
        f"{ITEM}離席する際は、端末の画面をロックすること。",
        f"{ITEM}秘密情報を記録した書面を自宅等に置く場合は施錠できる場所に保管し、不要となったときは"
        "事業所に持ち帰り、所定の方法により廃棄すること。",
    ]
    top = ctx.most_secret
    if top is not None:
        lines.append(
            f"{top.name}の区分に属する秘密情報は、情報管理責任者の承認を得た場合を除き、"
            "テレワークにおいて取り扱ってはならない。"
        )
    return lines


def _personal_devices(ctx: Context) -> list[str]:
    return [
        "従業者は、私物端末又は会社が貸与していない記録媒体を業務に利用しようとするときは、"
        "あらかじめ情報管理責任者の許可を得なければならない。",
        "前項の許可を受けた従業者は、画面ロック、記憶領域の暗号化、セキュリティ更新の適用その他"
        "会社が定める設定を行い、会社の求めに応じて利用の状況を報告しなければならない。",
        "私物端末による秘密情報の取扱いは、別表に定める基準の範囲内に限る。",
        "私物端末を紛失し、又は盗難にあったときは、直ちに情報管理責任者に報告しなければならない。",
        "退職その他の理由により私物端末の業務利用を終了するときは、当該端末に保存された秘密情報"
        "を完全に消去し、その旨を情報管理責任者に報告しなければならない。",
    ]


def _sending(ctx: Context) -> list[str]:
    return [
        "秘密情報を電子メール、ファイル転送サービスその他の方法により社外に送信する場合は、"
        "別表に定める基準に従うほか、次の各号に掲げる措置を講じなければならない。",
        f"{ITEM}送信の前に、宛先及び添付するファイルに誤りがないことを確認すること。",
        f"{ITEM}送信先が秘密保持の義務を負っていることを確認すること。",
        f"{ITEM}ファイルの暗号化、アクセス権限及び共有期限の設定その他の方法により、送信の経路上"
        "及び送信先での漏えいを防止すること。",
        "従業者は、会社が利用を認めていないクラウドサービス、個人のメールアドレス又は個人の"
        "アカウントを用いて、秘密情報を送信し、又は保存してはならない。",
        "誤送信その他により秘密情報が意図しない相手に送信されたときは、直ちに部門情報管理者に"
        f"報告し、{ctx.ref('incident')}の定めるところにより対応しなければならない。",
    ]


def _generative_ai(ctx: Context) -> list[str]:
    return [
        "従業者は、業務において生成AIを利用するときは、会社が利用を認めた生成AIに限り利用する"
        "ことができる。",
        "会社が利用を認める生成AIは、入力した情報が提供者による学習に利用されないことその他の"
        "利用条件を確認したうえで、情報管理責任者が定める。",
        "従業者は、別表において生成AIへの入力が認められている区分の情報を除き、秘密情報、"
        "他社秘密情報及び個人情報を生成AIに入力してはならない。",
        "生成AIが生成した成果物を業務に用いるときは、その内容の正確性及び第三者の権利を侵害して"
        "いないことを確認しなければならない。",
    ]


def _storage_disposal(ctx: Context) -> list[str]:
    return [
        "秘密情報は、別表に定める基準に従い、次の各号に掲げる方法により保管しなければならない。",
        f"{ITEM}書面及び物件　施錠できる書庫、キャビネットその他の保管場所に保管し、その鍵は"
        "部門情報管理者が管理する。",
        f"{ITEM}電子データ　アクセス権限が設定された会社のサーバその他会社が指定する保存場所に"
        "保存する。",
        "従業者は、離席時及び退社時に、秘密情報を机上その他の第三者の目に触れる場所に放置せず、"
        "所定の保管場所に収納しなければならない。",
        "秘密情報を廃棄するときは、次の各号に掲げる方法により、復元できない状態にしなければ"
        "ならない。",
        f"{ITEM}書面　シュレッダーによる裁断、溶解処理又は焼却",
        f"{ITEM}電子データ　復元できない方法による消去",
        f"{ITEM}記録媒体及び物件　物理的な破壊、又は専門の事業者による処理（処理を証する書面を"
        "受領する。）",
        "別表において廃棄の記録を要するものとされた秘密情報を廃棄したときは、廃棄の日、方法"
        "及び実施者を記録しなければならない。",
    ]


def _disclosure(ctx: Context) -> list[str]:
    return [
        "従業者は、業務上の必要により秘密情報を取引先その他の第三者に開示するときは、別表に定める"
        "基準に従い、あらかじめ開示の目的、範囲及び相手方を明らかにしなければならない。",
        "前項の開示は、相手方との間で秘密保持契約を締結した後に行うものとし、開示する情報は"
        "その目的のために必要な範囲に限る。",
        "秘密情報を開示するときは、開示する書面又は電子データに秘密である旨を表示し、開示した"
        "情報の内容、日時及び相手方を記録しなければならない。",
        "開示の目的を達したとき、又は契約が終了したときは、相手方に対し、開示した秘密情報の"
        "返還又は廃棄を求め、その結果を確認するものとする。",
        "展示会への出展、広告、学会発表、特許出願その他の方法により情報を社外に公表しようとする"
        "ときは、秘密情報が含まれていないことを、あらかじめ部門情報管理者が確認しなければ"
        "ならない。",
    ]


def _third_party(ctx: Context) -> list[str]:
    return [
        "従業者は、取引先その他の第三者から秘密情報の開示を受けるときは、あらかじめ部門情報"
        "管理者の承認を得たうえで、秘密保持契約その他の書面により、受け入れる情報の範囲、"
        "利用の目的及び管理の条件を明確にしなければならない。",
        "開示を受けた他社秘密情報は、会社の秘密情報と区別して保管し、契約で定められた目的の"
        "範囲内で、業務上必要な従業者に限り取り扱わせるものとする。",
        "従業者は、前職その他の第三者の秘密情報を会社に持ち込み、又は会社の業務に使用しては"
        "ならない。会社は、中途採用者を受け入れる際に、その旨を本人に確認するものとする。",
        "他社秘密情報の返還又は廃棄を求められたときは、契約に従い速やかにこれに応じ、その記録を"
        "保存しなければならない。",
    ]


def _training(ctx: Context) -> list[str]:
    return [
        "情報管理責任者は、従業者に対し、入社時及び定期的に（少なくとも年1回）、秘密情報の管理に"
        "関する教育を行わなければならない。",
        "前項の教育には、本規程及び取扱基準の内容、秘密情報の区分及び表示、並びに漏えいの事例"
        "及びその影響を含むものとする。",
        "会社は、従業者から、入社時、重要なプロジェクトへの参加時その他必要な時期に、秘密保持に"
        "関する誓約書の提出を求めるものとする。",
        "会社は、本規程を制定し、又は改定したときは、これを従業者に周知し、各従業者が内容を"
        "確認した旨の記録を取得するものとする。",
    ]


def _leavers(ctx: Context) -> list[str]:
    return [
        "従業者が退職するときは、所属する部門の部門情報管理者は、退職の日までに次の各号に掲げる"
        "措置を講じなければならない。",
        f"{ITEM}会社が貸与した端末、記録媒体、書類その他の秘密情報を含む物品の返還を受けること。",
        f"{ITEM}私物端末その他会社の管理外の場所に秘密情報が保存されていないこと、又は消去された"
        "ことを確認すること。",
        f"{ITEM}情報システムのアカウント及びアクセス権限を退職の日をもって停止すること。",
        f"{ITEM}在職中に取り扱った秘密情報を具体的に示したうえで、退職後の秘密保持に関する誓約書の"
        "提出を求めること。",
        "情報管理責任者は、必要に応じて、退職を予定する従業者による秘密情報へのアクセス及び"
        "持出しの状況を確認するものとする。",
        "退職した者は、退職後においても、在職中に知り得た秘密情報を使用し、又は開示しては"
        "ならない。",
    ]


def _incident(ctx: Context) -> list[str]:
    return [
        "従業者は、秘密情報の漏えい、紛失若しくは盗難が発生し、又はそのおそれがあることを"
        "知ったときは、直ちに部門情報管理者又は情報管理責任者に報告しなければならない。",
        "情報管理責任者は、前項の報告を受けたときは、速やかに事実関係を調査し、被害の拡大を"
        "防止するために必要な措置を講じなければならない。",
        "情報管理責任者は、調査の過程で得られた記録、ログその他の証拠を保全するとともに、"
        "必要に応じて弁護士、警察その他の関係機関に相談するものとする。",
        "会社は、漏えい等の原因を分析して再発防止策を講じ、その内容を従業者に周知する。",
    ]


def _discipline(ctx: Context) -> list[str]:
    return [
        "従業者が本規程に違反したときは、就業規則の定めるところにより、懲戒処分の対象とする。",
        "前項の定めは、会社が当該従業者に対し損害の賠償を請求し、その他の法的措置を講じることを"
        "妨げない。",
    ]


def _amendment(ctx: Context) -> list[str]:
    return [
        f"本規程の改廃は、情報管理責任者が立案し、{ctx.approving_body}の承認を得て行う。",
        "情報管理責任者は、法令の改正、事業環境の変化及び管理状況の点検の結果を踏まえ、少なくとも"
        "年1回、本規程及び取扱基準を見直すものとする。",
    ]


CHAPTERS: list[Chapter] = [
    Chapter(
        "総則",
        [
            Article("purpose", "目的", _purpose),
            Article("scope", "適用範囲", _scope),
            Article("definitions", "定義", _definitions),
        ],
    ),
    Chapter("管理体制", [Article("organization", "管理体制", _organization)]),
    Chapter(
        "秘密情報の指定及び表示",
        [
            Article("designation", "秘密情報の指定及び格付け", _designation),
            Article("marking", "表示", _marking),
        ],
    ),
    Chapter(
        "秘密情報の取扱い",
        [
            Article("access", "アクセスの制限", _access),
            Article("copy_takeout", "複製及び持出し", _copy_takeout),
            Article("telework", "テレワークにおける取扱い", _telework, OPTION_TELEWORK),
            Article(
                "personal_devices",
                "私物端末等の業務利用",
                _personal_devices,
                OPTION_PERSONAL_DEVICES,
            ),
            Article("sending", "社外への送信", _sending),
            Article("generative_ai", "生成AIの利用", _generative_ai, OPTION_GENERATIVE_AI),
            Article("storage_disposal", "保管及び廃棄", _storage_disposal),
        ],
    ),
    Chapter(
        "社外との情報の授受",
        [
            Article("disclosure", "取引先への開示", _disclosure),
            Article("third_party", "他社情報の受入れ", _third_party, OPTION_PARTNER_INFO),
        ],
    ),
    Chapter(
        "教育及び退職時の措置",
        [
            Article("training", "教育及び誓約", _training),
            Article("leavers", "退職時の措置", _leavers, OPTION_LEAVERS),
        ],
    ),
    Chapter(
        "漏えい時の対応及び懲戒",
        [
            Article("incident", "漏えい時の対応", _incident),
            Article("discipline", "懲戒", _discipline),
        ],
    ),
    Chapter("雑則", [Article("amendment", "改廃", _amendment)]),
]

ARTICLES: dict[str, Article] = {a.key: a for ch in CHAPTERS for a in ch.articles}
CHAPTER_OF: dict[str, int] = {
    a.key: index for index, ch in enumerate(CHAPTERS, start=1) for a in ch.articles
}


def included_articles(options: dict) -> list[Article]:
    return [a for ch in CHAPTERS for a in ch.articles if a.option is None or options.get(a.option)]


def generate(ctx: Context) -> list[tuple[Article, list[str]]]:
    """Every article the company's options include, with its wording; numbers resolved."""
    articles = included_articles(ctx.options)
    ctx.numbers = {a.key: n for n, a in enumerate(articles, start=1)}
    return [(a, a.build(ctx)) for a in articles]


# --- numbering -------------------------------------------------------------------------------

KANJI_DIGITS = "〇一二三四五六七八九"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def kanji_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (enough for items and chapters)."""
    if n < 10:
        return KANJI_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else KANJI_DIGITS[tens]) + "十" + (KANJI_DIGITS[ones] if ones else "")


def fullwidth(n: int) -> str:
    return str(n).translate(FULLWIDTH)


@dataclass
class Paragraph:
    number: int  # 1 for the first paragraph (shown without a number)
    text: str
    items: list[str] = field(default_factory=list)


def parse_body(body: str) -> list[Paragraph]:
    """Stored lines → paragraphs (項) with their items (号). An item before any paragraph starts
    an empty paragraph, so no text is ever lost."""
    paragraphs: list[Paragraph] = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith((ITEM, "- ")):
            text = line[1:].strip() if line.startswith(ITEM) else line[2:].strip()
            if not paragraphs:
                paragraphs.append(Paragraph(1, ""))
            paragraphs[-1].items.append(text)
        else:
            paragraphs.append(Paragraph(len(paragraphs) + 1, line))
    return paragraphs


def numbered_lines(number: int, body: str) -> list[tuple[str, str]]:
    """An article as printed lines: ("article", "第3条　…"), ("paragraph", "２　…"),
    ("item", "一　…")."""
    out: list[tuple[str, str]] = []
    for para in parse_body(body):
        if para.number == 1:
            out.append(("article", f"第{number}条　{para.text}".rstrip()))
        else:
            out.append(("paragraph", f"{fullwidth(para.number)}　{para.text}"))
        for i, item in enumerate(para.items, start=1):
            out.append(("item", f"{kanji_number(i)}　{item}"))
    return out
