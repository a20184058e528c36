from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    TECHNICAL = "technical", _("Technology and manufacturing")
    SALES = "sales", _("Sales")
    MANAGEMENT = "management", _("Management")
    THIRD_PARTY = "third_party", _("Disclosed by others")
    OTHER = "other", _("Other")


class Medium(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic data")
    OBJECT = "object", _("Physical object")
    KNOWHOW = "knowhow", _("Memory and know-how")


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    RETURNED = "returned", _("Sent back")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RETIRED = "retired", _("Retired")


# an entry in these is closed: kept for its history, no longer changed or given access
CLOSED_STATUSES = (Status.RETIRED, Status.REJECTED)


class Requirement(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")


class ReviewResult(models.TextChoices):
    KEEP = "keep", _("Keep as is")
    RELEVEL = "relevel", _("Change the level")
    RETIRE = "retire", _("Retire")


# Typical items per category (DOMAIN.md §4): suggestions for the free-text item type.
ITEM_TYPE_SUGGESTIONS = {
    Category.TECHNICAL: [
        "製品図面",
        "設計手順書・仕様書",
        "工程図・生産用図面",
        "加工条件・原材料組成",
        "設計・生産・検査の基準",
        "技術会議の議事録",
        "研究開発データ・報告書",
        "試作品",
        "技能者のノウハウ",
        "未出願の発明",
        "設備パラメータ・治具",
    ],
    Category.SALES: [
        "取引先リスト（顧客名簿）",
        "納入価格",
        "信用調査資料",
        "与信管理",
        "製造原価",
        "取引基本契約書",
        "納入伝票",
        "売掛・買掛台帳",
        "仕入台帳",
        "顧客クレーム",
    ],
    Category.MANAGEMENT: [
        "役員会議事録",
        "人事情報",
        "経営計画",
        "投資計画",
        "資金調達計画",
        "業務提携・出資関連情報",
        "財務データ",
        "稟議書",
        "訴訟関連書類",
        "新規事業の構想",
    ],
    Category.THIRD_PARTY: ["取引先から開示された図面", "共同開発の技術資料", "委託元の顧客情報"],
    Category.OTHER: [],
}
