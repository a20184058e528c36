"""The ledger file's columns and vocabulary, and what an import reports (errors, plan)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from kimitsu.core.text import LIST_SEPARATORS
from kimitsu.documents.tables import TableRefused

from ..choices import Category, Medium, Requirement, Status
from ..models import Entry


@dataclass(frozen=True)
class Column:
    key: str
    ja: str
    en: str
    width: int = 16
    note: str = ""  # in Japanese, as in the template's instructions sheet

    @property
    def note_en(self) -> str:
        """The note for the import page in English."""
        return NOTES_EN.get(self.key, "")


COLUMNS = [
    Column(
        "ledger_number",
        "管理番号",
        "Ledger number",
        12,
        "空欄なら自動で採番します。既存の番号の行はその項目を更新します。",
    ),
    Column("title", "名称", "Title", 30, "必須。秘密の中身が分からない名称にします。"),
    Column("summary", "概要", "Summary", 40, "秘密そのものは書かないでください。"),
    Column(
        "category", "区分", "Category", 14, "必須。技術・製造／営業／経営／他社から開示／その他"
    ),
    Column("item_type", "種別", "Item type", 18, "例：製品図面、取引先リスト、製造原価"),
    Column("media", "媒体", "Media", 16, "紙／電子データ／物件／記憶・ノウハウ（複数可）"),
    Column(
        "storage_locations",
        "保管場所",
        "Storage locations",
        30,
        "ファイルサーバのパス、キャビネット、部屋、業務システムなど（複数可）",
    ),
    Column("owning_department", "管理部署", "Owning department", 14, "部署名または部署コード"),
    Column("custodian", "管理責任者", "Custodian", 12, "社員番号"),
    Column("level", "格付け", "Level", 10, "登録されている格付けの名称"),
    Column(
        "classification_reason",
        "格付け理由",
        "Reason for the level",
        30,
        "格付けを付けるときは必須。格付けを下げるときは新しい理由を書きます。",
    ),
    Column("secrecy", "秘密管理性", "Secrecy management", 12, "満たす／一部／満たさない"),
    Column("usefulness", "有用性", "Usefulness", 12, "満たす／一部／満たさない"),
    Column("non_public", "非公知性", "Non-public nature", 12, "満たす／一部／満たさない"),
    Column(
        "department_grants",
        "アクセス可能部署",
        "Departments with access",
        24,
        "部署名（配下の部署を含みます。含めないときは「営業部のみ」）",
    ),
    Column("person_grants", "アクセス可能者", "People with access", 20, "社員番号（複数可）"),
    Column(
        "next_review_on",
        "次回見直し日",
        "Next review",
        14,
        "2026/4/1、2026年4月1日、令和8年4月1日のいずれでも可。空欄なら格付けから計算します。",
    ),
    Column("source_partner_name", "取得元", "Source", 20, "他社から開示された情報の開示元"),
    Column(
        "source_agreement_ref",
        "契約の参照",
        "Agreement reference",
        20,
        "他社から開示された情報の秘密保持契約など（契約番号や名称）",
    ),
    Column("remarks", "備考", "Remarks", 30, ""),
    Column(
        "check_terms",
        "公開チェック用語",
        "Check terms",
        24,
        "公開資料に出てはならない語・型番・数値（複数可。「、」「;」または改行で区切ります）",
    ),
]
NOTES_EN = {
    "ledger_number": "Left blank, a number is given. A row with an existing number updates that entry.",
    "title": "Required. A name that does not disclose the secret.",
    "summary": "Do not write the secret itself.",
    "category": "Required. 技術・製造 / 営業 / 経営 / 他社から開示 / その他",
    "item_type": "e.g. product drawings, customer list, manufacturing costs",
    "media": "紙 / 電子データ / 物件 / 記憶・ノウハウ (several allowed)",
    "storage_locations": "File server path, cabinet, room, business system… (several allowed)",
    "owning_department": "Department name or code",
    "custodian": "Employee number",
    "level": "The name of a registered level",
    "classification_reason": "Required with a level. Lowering a level needs a new reason.",
    "secrecy": "満たす / 一部 / 満たさない",
    "usefulness": "満たす / 一部 / 満たさない",
    "non_public": "満たす / 一部 / 満たさない",
    "department_grants": "Department names (with their sub-departments; 「営業部のみ」 for the department alone)",
    "person_grants": "Employee numbers (several allowed)",
    "next_review_on": "2026/4/1, 2026年4月1日 or 令和8年4月1日. Left blank, it follows from the level.",
    "source_partner_name": "Who disclosed information received from others",
    "source_agreement_ref": "The NDA or contract it was received under (number or name)",
    "remarks": "",
    "check_terms": "Words, codes and numbers that must not appear in public material (several "
    "allowed, separated by 、 ; or a line break)",
}
BY_KEY = {c.key: c for c in COLUMNS}
# The columns that are fields of the entry itself (not its number, not its grants), and the three
# that name a related row: the import assigns them, the export and the plan read them.
GRANT_KEYS = ("department_grants", "person_grants")
ENTRY_VALUE_KEYS = [c.key for c in COLUMNS if c.key not in ("ledger_number", *GRANT_KEYS)]
FK_KEYS = {"owning_department", "custodian", "level"}


def attname(key: str) -> str:
    """The model attribute behind a column: owning_department -> owning_department_id."""
    return f"{key}_id" if key in FK_KEYS else key


# The length limit of each text column: its model field's (a TextField's max_length is checked by
# forms, serializers and here, never by the database).
TEXT_LIMITS = {
    key: Entry._meta.get_field(key).max_length
    for key in (
        "ledger_number",
        "title",
        "summary",
        "item_type",
        "storage_locations",
        "classification_reason",
        "source_partner_name",
        "source_agreement_ref",
        "remarks",
        "check_terms",
    )
}
# Written by the export after the columns above, for the reader; the import ignores them (the
# status changes only through approval and retirement).
EXPORT_ONLY_HEADERS = ["状況"]
SHEET_NAME = "台帳"
ONLY_SUFFIX = "のみ"

CATEGORY_JA = {
    Category.TECHNICAL: "技術・製造",
    Category.SALES: "営業",
    Category.MANAGEMENT: "経営",
    Category.THIRD_PARTY: "他社から開示",
    Category.OTHER: "その他",
}
STATUS_JA = {
    Status.PROPOSED: "提案中",
    Status.RETURNED: "差戻し",
    Status.APPROVED: "承認済み",
    Status.REJECTED: "却下",
    Status.RETIRED: "廃止",
}
MEDIUM_JA = {
    Medium.PAPER: "紙",
    Medium.ELECTRONIC: "電子データ",
    Medium.OBJECT: "物件",
    Medium.KNOWHOW: "記憶・ノウハウ",
}
REQUIREMENT_JA = {
    Requirement.MET: "満たす",
    Requirement.PARTLY: "一部",
    Requirement.NOT_MET: "満たさない",
}
_EXTRA_ALIASES = {
    "category": {
        "技術": "technical",
        "製造": "technical",
        "他社": "third_party",
        "他社開示": "third_party",
        "他社から開示された情報": "third_party",
    },
    "media": {
        "電子": "electronic",
        "データ": "electronic",
        "記憶": "knowhow",
        "ノウハウ": "knowhow",
        "物": "object",
    },
    "requirement": {
        "○": "met",
        "〇": "met",
        "はい": "met",
        "△": "partly",
        "一部満たす": "partly",
        "×": "not_met",
        "いいえ": "not_met",
    },
}
SEPARATORS = LIST_SEPARATORS
ERAS = {"令和": 2018, "r": 2018, "平成": 1988, "h": 1988, "昭和": 1925, "s": 1925}


# The file as a whole cannot be read (not a spreadsheet, corrupt, too large…): one exception
# with the readers the desk shares (kimitsu.documents.tables), which raise it too.
ImportRefused = TableRefused


@dataclass
class RowError:
    row: int
    column: str  # column key, or "" for the whole row / file
    message: str

    def __str__(self):
        if not self.row:
            return self.message
        if not self.column:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": column_label(self.column),
            "message": self.message,
        }


@dataclass
class PlannedRow:
    row: int
    values: dict  # resolved values for the columns present
    entry_id: int | None = None
    ledger_number: str = ""
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    # what deserves a second look but does not stop the import (a review date already past)
    warnings: list[RowError] = field(default_factory=list)
    creates: list[PlannedRow] = field(default_factory=list)
    updates: list[PlannedRow] = field(default_factory=list)
    unchanged: int = 0
    applied: bool = False
    rows: int = 0
    level_names: dict[int, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def unclassified(self) -> int:
        """Rows to create without a level: they are registered, approved, as 未格付け."""
        return sum(1 for p in self.creates if not p.values.get("level"))

    def preview(self, limit: int = 200) -> tuple[list[dict], list[dict]]:
        """The first rows to create (with their level; "" for none) and to update (with the keys
        of the columns that change), as the page and the API show them before confirming."""
        creates = [
            {
                "row": p.row,
                "ledger_number": p.ledger_number,
                "title": p.values.get("title", ""),
                "level": self.level_names.get(p.values.get("level"), ""),
            }
            for p in self.creates[:limit]
        ]
        updates = [
            {"row": p.row, "ledger_number": p.ledger_number, "changes": list(p.changes)}
            for p in self.updates[:limit]
        ]
        return creates, updates

    def summary(self) -> str:
        if self.applied:
            text = _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged")
        else:
            text = _("%(created)s to create, %(updated)s to update, %(unchanged)s unchanged")
        return text % {
            "created": f"{len(self.creates):,}",
            "updated": f"{len(self.updates):,}",
            "unchanged": f"{self.unchanged:,}",
        }


def column_label(key: str) -> str:
    col = BY_KEY.get(key)
    if col is None:
        return key
    if (translation.get_language() or "ja").startswith("ja"):
        return col.ja
    # the file's header is most often the Japanese one: name both
    return f"{col.en} ({col.ja})"


def max_upload_bytes() -> int:
    return int(getattr(settings, "KIMITSU_MAX_UPLOAD_MB", 20)) * 1024 * 1024
