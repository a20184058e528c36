"""The handling rules kimitsu proposes for the usual levels, for the company to edit.

Each cell: (verdict, approver, condition, note, objective). The wording speaks to employees.
Levels the company named differently get the defaults of the profile that fits their place among
its levels (see clauses.profile_for).
"""

from .choices import Action as A
from .choices import Approver as P
from .choices import Objective as O
from .choices import Verdict as V
from .clauses import CONFIDENTIAL, INTERNAL, PUBLIC, STRICT

# Which objective each action mainly serves; a cell may say otherwise.
ACTION_OBJECTIVE = {
    A.VIEW: O.ACCESS,
    A.COPY: O.TAKE_OUT,
    A.PRINT: O.TAKE_OUT,
    A.TAKE_OUT: O.TAKE_OUT,
    A.SEND: O.TAKE_OUT,
    A.STORE: O.ACCESS,
    A.DISPOSE: O.TAKE_OUT,
    A.MARK: O.AWARENESS,
    A.PERSONAL_DEVICE: O.TAKE_OUT,
    A.CLOUD: O.ACCESS,
    A.GENERATIVE_AI: O.TAKE_OUT,
    A.DISCLOSE: O.AWARENESS,
}


def _c(verdict, approver="", condition="", note="", objective=None):
    return {
        "verdict": verdict,
        "approver": approver,
        "condition": condition,
        "note": note,
        "objective": objective,
    }


DEFAULT_RULES: dict[str, dict[str, dict]] = {
    STRICT: {
        A.VIEW: _c(
            V.CONDITIONAL,
            condition="情報管理責任者又は部門情報管理者が個別に指名した者に限る。",
            note="閲覧した者と日時を記録する（電子データはアクセスログ、書面は閲覧簿）。",
            objective=O.VISIBILITY,
        ),
        A.COPY: _c(
            V.APPROVAL,
            P.OFFICER,
            note="複製物には通し番号を付し、配布先を記録する。用済み後は回収して廃棄する。",
        ),
        A.PRINT: _c(
            V.APPROVAL,
            P.OFFICER,
            note="印刷は必要部数に限り、プリンタに放置しない。",
        ),
        A.TAKE_OUT: _c(
            V.FORBIDDEN,
            note="業務上やむを得ない場合は、情報管理責任者に相談する。",
        ),
        A.SEND: _c(V.FORBIDDEN, note="社外への送信は電子メール・ファイル転送を問わず行わない。"),
        A.STORE: _c(
            V.CONDITIONAL,
            condition="施錠できる専用の保管庫、又はアクセス権者のみに権限を設定した"
            "保存場所に保管する。",
            note="鍵とアクセス権限は部門情報管理者が管理する。",
        ),
        A.DISPOSE: _c(
            V.CONDITIONAL,
            condition="部門情報管理者の立会いのもと、復元できない方法で廃棄する。",
            note="廃棄の日、方法、実施者を記録する。",
            objective=O.VISIBILITY,
        ),
        A.MARK: _c(
            V.CONDITIONAL,
            condition="すべての頁・ファイルに「{mark}」の表示を付す。",
            note="表示のない{name}情報を見つけたら、部門情報管理者に知らせる。",
        ),
        A.PERSONAL_DEVICE: _c(
            V.FORBIDDEN,
            note="私物のパソコン・スマートフォン・USBメモリには一切保存しない。",
        ),
        A.CLOUD: _c(V.FORBIDDEN, note="会社が認めたクラウドサービスであっても保存しない。"),
        A.GENERATIVE_AI: _c(V.FORBIDDEN, note="要約・翻訳などの目的であっても入力しない。"),
        A.DISCLOSE: _c(
            V.APPROVAL,
            P.PRESIDENT,
            note="秘密保持契約の締結が前提。開示した内容・日時・相手方を記録する。",
        ),
    },
    CONFIDENTIAL: {
        A.VIEW: _c(
            V.CONDITIONAL,
            condition="業務上必要な部門・担当者に限る。",
            note="アクセス権者は部門情報管理者が決め、台帳に記録する。",
        ),
        A.COPY: _c(
            V.CONDITIONAL,
            condition="業務に必要な最小限の部数・範囲に限る。",
            note="複製物にも原本と同じ表示を付す。",
        ),
        A.PRINT: _c(
            V.CONDITIONAL,
            condition="業務に必要な部数に限る。",
            note="印刷物はすぐに回収し、机上に放置しない。",
        ),
        A.TAKE_OUT: _c(
            V.APPROVAL,
            P.MANAGER,
            note="持出しの目的・期間・持出し先を記録し、常に携行する。",
        ),
        A.SEND: _c(
            V.APPROVAL,
            P.MANAGER,
            note="秘密保持契約のある相手に限る。暗号化又はアクセス権限付きの共有で送る。",
        ),
        A.STORE: _c(
            V.CONDITIONAL,
            condition="施錠できるキャビネット、又はアクセス権限を設定した社内の保存場所に"
            "保管する。",
        ),
        A.DISPOSE: _c(
            V.CONDITIONAL,
            condition="シュレッダーによる裁断、溶解処理、又は復元できない消去による。",
        ),
        A.MARK: _c(V.CONDITIONAL, condition="表紙・各頁又はファイル名に「{mark}」の表示を付す。"),
        A.PERSONAL_DEVICE: _c(
            V.FORBIDDEN,
            note="私物端末や会社が貸与していないUSBメモリには保存しない。",
        ),
        A.CLOUD: _c(
            V.CONDITIONAL,
            condition="会社が契約し、アクセス権限を設定したクラウドサービスに限る。",
            note="個人のアカウントでは利用しない。",
        ),
        A.GENERATIVE_AI: _c(V.FORBIDDEN, note="社内で認められた生成AIであっても入力しない。"),
        A.DISCLOSE: _c(
            V.APPROVAL,
            P.MANAGER,
            note="秘密保持契約を締結したうえで、必要な範囲に限って開示する。",
        ),
    },
    INTERNAL: {
        A.VIEW: _c(V.ALLOWED, note="社内の従業者は閲覧できる。社外の人には見せない。"),
        A.COPY: _c(V.ALLOWED, note="業務に必要な範囲で複製できる。"),
        A.PRINT: _c(V.ALLOWED, note="不要になった印刷物はシュレッダーで廃棄する。"),
        A.TAKE_OUT: _c(
            V.CONDITIONAL,
            condition="業務に必要な場合に限り、紛失・盗難に注意して常に携行する。",
        ),
        A.SEND: _c(
            V.CONDITIONAL,
            condition="取引先など業務上の相手に限り、宛先を確認して送る。",
        ),
        A.STORE: _c(V.CONDITIONAL, condition="社内の所定の保管場所・保存場所に保管する。"),
        A.DISPOSE: _c(
            V.CONDITIONAL,
            condition="シュレッダー又は溶解処理で廃棄する。一般ごみに出さない。",
        ),
        A.MARK: _c(V.CONDITIONAL, condition="表紙又はファイル名に「{mark}」の表示を付す。"),
        A.PERSONAL_DEVICE: _c(
            V.APPROVAL,
            P.OFFICER,
            note="許可を受けた私物端末に限り、会社の定める設定をして利用する。",
        ),
        A.CLOUD: _c(
            V.CONDITIONAL,
            condition="会社が利用を認めたクラウドサービスに限る。",
        ),
        A.GENERATIVE_AI: _c(
            V.CONDITIONAL,
            condition="会社が利用を認め、入力内容が学習に使われない設定の生成AIに限る。",
            note="個人情報や取引先の情報は入力しない。",
        ),
        A.DISCLOSE: _c(
            V.APPROVAL,
            P.MANAGER,
            note="取引先に示す必要があるときは、部門情報管理者の承認を得る。",
        ),
    },
    PUBLIC: {
        A.VIEW: _c(V.ALLOWED),
        A.COPY: _c(V.ALLOWED),
        A.PRINT: _c(V.ALLOWED),
        A.TAKE_OUT: _c(V.ALLOWED),
        A.SEND: _c(V.ALLOWED),
        A.STORE: _c(V.ALLOWED),
        A.DISPOSE: _c(V.ALLOWED),
        A.MARK: _c(V.ALLOWED, note="表示は不要。"),
        A.PERSONAL_DEVICE: _c(V.ALLOWED),
        A.CLOUD: _c(V.ALLOWED),
        A.GENERATIVE_AI: _c(V.ALLOWED),
        A.DISCLOSE: _c(
            V.ALLOWED,
            note="公表済みの情報に限る。秘密情報が含まれていないか確認してから示す。",
        ),
    },
}


def default_rule(profile: str, action: str, *, name: str = "", mark: str = "") -> dict:
    """The proposed cell for a level of this profile; the marking cell names the level's mark."""
    cell = dict(DEFAULT_RULES[profile][action])
    cell["objective"] = cell["objective"] or ACTION_OBJECTIVE[action]
    for key in ("condition", "note"):
        cell[key] = cell[key].format(name=name, mark=mark or name)
    return cell
