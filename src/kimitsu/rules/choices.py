from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Action(models.TextChoices):
    """The twelve actions of the handling-rules matrix, in the order the matrix shows them."""

    VIEW = "view", pgettext_lazy("handling action", "View")
    COPY = "copy", pgettext_lazy("handling action", "Copy")
    PRINT = "print", pgettext_lazy("handling action", "Print")
    TAKE_OUT = "take_out", pgettext_lazy("handling action", "Take outside the company")
    SEND = "send", pgettext_lazy("handling action", "Send outside (mail, file transfer)")
    STORE = "store", pgettext_lazy("handling action", "Store")
    DISPOSE = "dispose", pgettext_lazy("handling action", "Dispose of")
    MARK = "mark", pgettext_lazy("handling action", "Mark")
    PERSONAL_DEVICE = (
        "personal_device",
        pgettext_lazy("handling action", "Personal devices and USB memory"),
    )
    CLOUD = "cloud", pgettext_lazy("handling action", "Cloud services")
    GENERATIVE_AI = "generative_ai", pgettext_lazy("handling action", "Input into generative AI")
    DISCLOSE = "disclose", pgettext_lazy("handling action", "Disclose outside the company")


# The actions that are done on an occasion (taking a drawing to a site, sending a file to a
# partner), for which a cell of 承認制 or 条件付き許可 becomes a request (kimitsu.approvals); the
# others (view, store, dispose, mark) are standing rules that employees simply follow.
REQUESTABLE_ACTIONS = (
    Action.TAKE_OUT,
    Action.SEND,
    Action.COPY,
    Action.PRINT,
    Action.DISCLOSE,
    Action.PERSONAL_DEVICE,
    Action.CLOUD,
    Action.GENERATIVE_AI,
)


class Verdict(models.TextChoices):
    FORBIDDEN = "forbidden", pgettext_lazy("handling verdict", "Forbidden")
    APPROVAL = "approval", pgettext_lazy("handling verdict", "Needs approval")
    CONDITIONAL = "conditional", pgettext_lazy("handling verdict", "Allowed on conditions")
    ALLOWED = "allowed", pgettext_lazy("handling verdict", "Allowed")


class Approver(models.TextChoices):
    OFFICER = "officer", _("Information management officer")
    MANAGER = "manager", _("Head of the department")
    OWNER = "owner", _("Person responsible for the information")
    PRESIDENT = "president", _("Representative director")


class Objective(models.TextChoices):
    """The five objectives of the METI handbook (DOMAIN.md §6)."""

    ACCESS = "access", _("Control of access")
    TAKE_OUT = "take_out", _("Making taking out difficult")
    VISIBILITY = "visibility", _("Making leaks noticeable")
    AWARENESS = "awareness", _("Awareness of what is secret")
    TRUST = "trust", _("Maintaining trust")


class RuleSetStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("version status", "Draft")
    APPROVED = "approved", pgettext_lazy("version status", "Approved")
    SUPERSEDED = "superseded", pgettext_lazy("version status", "Superseded")


class RegulationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("version status", "Draft")
    APPROVED = "approved", pgettext_lazy("version status", "Approved")
    IN_FORCE = "in_force", pgettext_lazy("version status", "In force")
    SUPERSEDED = "superseded", pgettext_lazy("version status", "Superseded")


# Generated documents are written in Japanese whatever the reader's language (the UI uses the
# translated labels above; these are the same terms as the Japanese catalogue gives them).
ACTION_JA = {
    Action.VIEW: "閲覧",
    Action.COPY: "複製",
    Action.PRINT: "印刷",
    Action.TAKE_OUT: "社外持出し",
    Action.SEND: "社外への送信（メール・ファイル転送）",
    Action.STORE: "保管",
    Action.DISPOSE: "廃棄",
    Action.MARK: "表示",
    Action.PERSONAL_DEVICE: "私物端末・USBメモリ",
    Action.CLOUD: "クラウドサービス",
    Action.GENERATIVE_AI: "生成AIへの入力",
    Action.DISCLOSE: "社外への開示",
}
VERDICT_JA = {
    Verdict.FORBIDDEN: "禁止",
    Verdict.APPROVAL: "承認制",
    Verdict.CONDITIONAL: "条件付き許可",
    Verdict.ALLOWED: "許可",
}
APPROVER_JA = {
    Approver.OFFICER: "情報管理責任者",
    Approver.MANAGER: "所属部門の長",
    Approver.OWNER: "当該情報の管理者",
    Approver.PRESIDENT: "代表取締役",
}
OBJECTIVE_JA = {
    Objective.ACCESS: "接近の制御",
    Objective.TAKE_OUT: "持出し困難化",
    Objective.VISIBILITY: "視認性の確保",
    Objective.AWARENESS: "秘密情報に対する認識向上",
    Objective.TRUST: "信頼関係の維持・向上",
}


def rule_summary_ja(rule) -> str:
    label = VERDICT_JA[rule.verdict]
    if rule.verdict == Verdict.APPROVAL and rule.approver:
        return f"{label}（{APPROVER_JA[rule.approver]}）"
    if rule.verdict == Verdict.CONDITIONAL and rule.condition:
        return f"{label}：{rule.condition}"
    return label
