"""Choices of the consultation desk. Stored values are stable English codes; labels are Japanese
in the default language. Statistics, the report and the importer use the Japanese labels of
``ja_label`` whatever the user's language, because the desk reports to Japanese bodies."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kimitsu.organizations.choices import Industry, Prefecture


class Attribute(models.TextChoices):  # 属性
    SME = "sme", _("SME")
    LARGE = "large", _("Large company")
    SOLE = "sole", _("Sole proprietor")
    ACADEMIC = "academic", _("University or research institute")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):  # 受付方法
    PHONE = "phone", _("Phone")
    MAIL = "mail", pgettext_lazy("desk", "E-mail")
    WEB_FORM = "web_form", _("Web form")
    WALK_IN = "walk_in", _("Visit to the desk")
    VISIT = "visit", _("Visit to the company")
    ONLINE = "online", _("Online")


class Subject(models.TextChoices):  # 相談内容
    MANAGEMENT = "management", _("Trade secret management")
    STRATEGY = "strategy", _("IP strategy (patent or secrecy)")
    CONTRACT = "contract", _("Contracts")
    LEAK = "leak", _("Leaks and outflow")
    SECURITY = "security", _("Information security")
    GENERAL = "general", _("IP system in general")


class Referral(models.TextChoices):  # 連携先
    POLICE = "police", _("Police")
    IPA = "ipa", _("IPA")
    PREFECTURAL = "prefectural", _("IP comprehensive support desk")
    KANSAI = "kansai", _("Kansai IP strategy support desk")


class Status(models.TextChoices):
    OPEN = "open", _("Received")
    IN_PROGRESS = "in_progress", pgettext_lazy("desk", "In progress")
    CLOSED = "closed", _("Closed")
    HANDED_OVER = "handed_over", _("Handed over")


class SeminarKind(models.TextChoices):
    IP_UTILIZATION = "ip_utilization", _("IP utilisation support seminar")
    BEGINNER = "beginner", _("Trade secret and IP strategy seminar (beginner)")
    INTERMEDIATE = "intermediate", _("Trade secret and IP strategy seminar (intermediate)")
    BEGINNER_INTERMEDIATE = (
        "beginner_intermediate",
        _("Trade secret and IP strategy seminar (beginner to intermediate)"),
    )
    WORKSHOP = "workshop", _("Trade secret and IP strategy seminar (workshop)")
    IN_HOUSE = "in_house", _("In-house seminar at a company")
    EXTERNAL = "external", _("Talk at another body's seminar")


# Seminars that the desk itself hosts (the report counts them apart from talks and in-house ones).
HOSTED_SEMINAR_KINDS = [
    SeminarKind.IP_UTILIZATION,
    SeminarKind.BEGINNER,
    SeminarKind.INTERMEDIATE,
    SeminarKind.BEGINNER_INTERMEDIATE,
    SeminarKind.WORKSHOP,
]


class VisitMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")


class Outcome(models.TextChoices):  # 主な成果 (DOMAIN.md §10)
    SECRET_LIST = "secret_list", _("Secret information listed")
    REGULATIONS = "regulations", _("Information management regulations drawn up or revised")
    PLEDGES = "pledges", _("Confidentiality pledges put in order (hiring, current staff, exit)")
    MID_CAREER = "mid_career", _("Measures for receiving mid-career hires")
    TRAINING = "training", _("In-house training held")
    PILOT = "pilot", _("Issues found through a pilot and dealt with")
    DEVELOPMENT_FIRST = "development_first", _("Development department managed first")
    PATENT_OR_SECRET = "patent_or_secret", _("Patent or secrecy decided")
    PRESIDENT_IDEAS = "president_ideas", _("President's ideas managed as secrets")
    SUCCESSION = "succession", _("Business succession prepared")


# Japanese labels, used as keys of the statistics and in the report, and accepted by the importer.
JA_LABELS = {
    Attribute: {
        "sme": "中小企業",
        "large": "大企業",
        "sole": "個人事業主",
        "academic": "大学・研究機関",
        "other": "その他",
    },
    Channel: {
        "phone": "電話",
        "mail": "メール",
        "web_form": "Webフォーム",
        "walk_in": "来訪",
        "visit": "訪問",
        "online": "オンライン",
    },
    Subject: {
        "management": "営業秘密管理",
        "strategy": "知財戦略（権利化・秘匿化）",
        "contract": "契約",
        "leak": "漏えい・流出",
        "security": "情報セキュリティ",
        "general": "知財制度一般",
    },
    Referral: {
        "police": "警察",
        "ipa": "IPA",
        "prefectural": "知財総合支援窓口",
        "kansai": "関西知財戦略支援専門窓口",
    },
    SeminarKind: {
        "ip_utilization": "知財活用支援セミナー",
        "beginner": "営業秘密・知財戦略セミナー（初級）",
        "intermediate": "営業秘密・知財戦略セミナー（中級）",
        "beginner_intermediate": "営業秘密・知財戦略セミナー（初中級）",
        "workshop": "営業秘密・知財戦略セミナー（ワークショップ）",
        "in_house": "社内セミナー",
        "external": "他機関主催セミナー",
    },
    Prefecture: {
        "01": "北海道",
        "02": "青森県",
        "03": "岩手県",
        "04": "宮城県",
        "05": "秋田県",
        "06": "山形県",
        "07": "福島県",
        "08": "茨城県",
        "09": "栃木県",
        "10": "群馬県",
        "11": "埼玉県",
        "12": "千葉県",
        "13": "東京都",
        "14": "神奈川県",
        "15": "新潟県",
        "16": "富山県",
        "17": "石川県",
        "18": "福井県",
        "19": "山梨県",
        "20": "長野県",
        "21": "岐阜県",
        "22": "静岡県",
        "23": "愛知県",
        "24": "三重県",
        "25": "滋賀県",
        "26": "京都府",
        "27": "大阪府",
        "28": "兵庫県",
        "29": "奈良県",
        "30": "和歌山県",
        "31": "鳥取県",
        "32": "島根県",
        "33": "岡山県",
        "34": "広島県",
        "35": "山口県",
        "36": "徳島県",
        "37": "香川県",
        "38": "愛媛県",
        "39": "高知県",
        "40": "福岡県",
        "41": "佐賀県",
        "42": "長崎県",
        "43": "熊本県",
        "44": "大分県",
        "45": "宮崎県",
        "46": "鹿児島県",
        "47": "沖縄県",
    },
    # 日本標準産業分類 divisions
    Industry: {
        "A": "農業，林業",
        "B": "漁業",
        "C": "鉱業，採石業，砂利採取業",
        "D": "建設業",
        "E": "製造業",
        "F": "電気・ガス・熱供給・水道業",
        "G": "情報通信業",
        "H": "運輸業，郵便業",
        "I": "卸売業，小売業",
        "J": "金融業，保険業",
        "K": "不動産業，物品賃貸業",
        "L": "学術研究，専門・技術サービス業",
        "M": "宿泊業，飲食サービス業",
        "N": "生活関連サービス業，娯楽業",
        "O": "教育，学習支援業",
        "P": "医療，福祉",
        "Q": "複合サービス事業",
        "R": "サービス業（他に分類されないもの）",
        "S": "公務（他に分類されるものを除く）",
        "T": "分類不能の産業",
    },
}

UNKNOWN_JA = "不明"

# Companies in these prefectures are served by the Kansai desk (関西知財戦略支援専門窓口).
KANSAI_PREFECTURES = frozenset({"18", "25", "26", "27", "28", "29", "30"})
KANSAI_DESK_NAME = "関西知財戦略支援専門窓口"

# 8地方区分, for the breakdown by region.
REGIONS = [
    ("北海道", ["01"]),
    ("東北", ["02", "03", "04", "05", "06", "07"]),
    ("関東", ["08", "09", "10", "11", "12", "13", "14"]),
    ("中部", ["15", "16", "17", "18", "19", "20", "21", "22", "23"]),
    ("近畿", ["24", "25", "26", "27", "28", "29", "30"]),
    ("中国", ["31", "32", "33", "34", "35"]),
    ("四国", ["36", "37", "38", "39"]),
    ("九州・沖縄", ["40", "41", "42", "43", "44", "45", "46", "47"]),
]
REGION_OF = {code: name for name, codes in REGIONS for code in codes}

DEFAULT_SIZE_BOUNDS = (20, 50, 100, 300, 1000)


def ja_label(choices, value) -> str:
    if value in (None, ""):
        return UNKNOWN_JA
    return JA_LABELS[choices].get(str(value), str(value))


def is_kansai(prefecture: str | None) -> bool:
    return (prefecture or "") in KANSAI_PREFECTURES


def localized_choices(choices, blank=True):
    """Prefectures and industries by their Japanese names in Japanese, the English label
    otherwise (the foundation's labels are English msgids)."""
    ja = translation.get_language() == "ja"
    out = [("", "---------")] if blank else []
    for value, label in choices.choices:
        out.append((value, JA_LABELS[choices][value] if ja else f"{label}"))
    return out
