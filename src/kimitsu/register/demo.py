"""The demo company's secret register: about 60 entries of a 41-person construction company, created
through the services (so the audit chain is real). Idempotent: nothing is added once entries exist.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from kimitsu.organizations.models import Department, Membership, Person

from . import services
from .choices import ReviewResult
from .models import Entry, Level

T, S, M, X, OT = "technical", "sales", "management", "third_party", "other"
# who disclosed the 他社から開示 entries (the last three are partners of the pledges demo)
SOURCES = {
    "元請から受領した設計図書（市民会館改修）": "北陸総合建設株式会社",
    "共同開発先の試験データ": "国立大学法人越後工科大学",
    "発注者から受領した施設の図面（下水処理場）": "越後市上下水道局",
    "協力会社から受領した見積内訳": "北陸測量株式会社",
    "メーカーから開示された新製品資料": "越後建材株式会社",
}
# the words of an entry that must not appear in public material (公開チェック用語)
CHECK_TERMS = {
    "法面吹付け工法の施工手順書": "NS-4工法\n三層吹付け",
    "吹付けモルタルの配合データ": "配合比1:2.8\n早強剤AX-3",
    "軟弱地盤向け改良工法のアイデア（未出願）": "二重管ジェット攪拌\nGM-7",
    "重機のアタッチメント改造図": "BH-改3型",
    "熟練工の型枠組立てのコツ": "逆段取り",
}
# title, category, item type, media, storage locations, owning dept, custodian, level code,
# reason, summary, department grants ("!" suffix: without sub-departments), person grants,
# (value, damage), (secrecy, usefulness, non-public)
# fmt: off
E = [
    ("法面吹付け工法の施工手順書", T, "設計手順書・仕様書", "electronic,paper", ["\\\\fs01\\工事部\\工法\\法面", "工事部キャビネットA-2"],
     "工事部", "1101", "top_secret", "当社独自の配合と施工順序で、受注競争力の源泉。他社に知られると価格優位を失う。",
     "法面吹付けの配合比・吹付け順序・養生期間をまとめた社内手順書（第4版）。", ["工事部"], [], (5, 5), ("met", "met", "met")),
    ("吹付けモルタルの配合データ", T, "加工条件・原材料組成", "electronic", ["\\\\fs01\\工事部\\工法\\配合試験"], "工事部", "1102",
     "top_secret", "配合比の試験結果。失敗データを含め開発の蓄積そのもの。", "配合試験の記録（2019年〜）。", [], ["1102", "1103", "1101"],
     (5, 4), ("met", "met", "met")),
    ("橋梁補修の施工図（県道12号線）", T, "工程図・生産用図面", "electronic,paper", ["\\\\fs01\\設計部\\図面\\橋梁", "設計部図面庫"],
     "設計部", "1201", "secret", "発注者の図面を含み、入札前は外部に出せない。", "県道12号線の橋梁補修に関する施工図一式。", ["設計部", "工事一課"],
     [], (4, 4), ("met", "met", "met")),
    ("擁壁設計の計算書テンプレート", T, "設計・生産・検査の基準", "electronic", ["\\\\fs01\\設計部\\計算書"], "設計部", "1202",
     "secret", "独自の安全率設定と計算手順を含む。", "擁壁の構造計算に使うExcelテンプレートと手引き。", ["設計部"], [], (4, 3), ("met",
     "met", "met")),
    ("CADの部品ライブラリ", T, "製品図面", "electronic", ["\\\\fs01\\設計部\\CAD\\lib"], "設計部", "1203", "internal",
     "社内で共有する作図部品。外部提供はしない。", "標準部品・記号のCADデータ。", ["設計部"], [], (2, 2), ("met", "met", "partly")),
    ("品質管理基準（コンクリート打設）", T, "設計・生産・検査の基準", "paper,electronic", ["\\\\fs01\\工事部\\品質", "各現場事務所"],
     "工事部", "1107", "internal", "社内基準として全員が参照する。", "打設前後の検査項目と合否基準。", ["工事部"], [], (3, 2), ("met",
     "met", "met")),
    ("熟練工の型枠組立てのコツ", T, "技能者のノウハウ", "knowhow,electronic", ["工事二課 林主任", "\\\\fs01\\工事部\\技能伝承\\動画"],
     "工事二課", "1108", "secret", "長年の経験に基づくノウハウで、他社に移ると再現される。", "型枠組立ての段取りと微調整の要点。技能伝承のため動画に記録中。",
     ["工事部"], ["1108"], (4, 3), ("partly", "met", "met")),
    ("軟弱地盤向け改良工法のアイデア（未出願）", T, "未出願の発明", "electronic,knowhow", ["\\\\fs01\\経営企画\\新技術"], "経営企画室",
     "1003", "top_secret", "特許出願か秘匿かを検討中。公開すると新規性を失う。", "地盤改良の新工法に関する検討メモと試験計画。", [], ["1001",
     "1003", "1101"], (5, 5), ("met", "met", "met")),
    ("試験施工の記録写真", T, "研究開発データ・報告書", "electronic", ["\\\\fs01\\工事部\\試験施工"], "工事部", "1103", "secret",
     "新工法の検証データ。", "試験施工の写真と計測値。", ["工事部"], [], (4, 3), ("met", "met", "met")),
    ("技術検討会の議事録", T, "技術会議の議事録", "electronic", ["\\\\fs01\\工事部\\会議\\技術検討会"], "工事部", "1101",
     "secret", "工法改善の検討経過を含む。", "月1回の技術検討会の議事録。", ["工事部", "設計部"], [], (3, 3), ("met", "met",
     "met")),
    ("重機のアタッチメント改造図", T, "設備パラメータ・治具", "paper,object", ["資材置場 倉庫2", "工事部キャビネットB-1"], "工事部", "1107",
     "secret", "自社で改造した治具。作業効率の差の源泉。", "バックホウ用アタッチメントの改造図と現物。", ["工事部"], [], (4, 3), ("met", "met",
     "partly")),
    ("安全施工サイクルの手引き", T, "設計手順書・仕様書", "paper", ["各現場事務所"], "工事部", "1101", "public",
     "協力会社にも配布する手引きで秘密ではない。", "朝礼からKY活動までの安全施工サイクル。", [], [], (1, 1), ("not_met", "met",
     "not_met")),
    ("現場の測量データ（県道12号線）", T, "研究開発データ・報告書", "electronic", ["\\\\fs01\\工事部\\測量"], "工事一課", "1104",
     "internal", "工事関係者で共有する。", "点群データと測量成果。", ["工事部"], [], (2, 2), ("met", "met", "met")),
    ("ドローン測量の解析手順", T, "設計手順書・仕様書", "electronic", ["\\\\fs01\\設計部\\ドローン"], "設計部", "1205", "secret",
     "解析精度を上げる独自設定を含む。", "撮影計画から点群処理までの手順と設定値。", ["設計部", "工事一課"], [], (4, 2), ("met", "met",
     "met")),
    ("積算単価表（2026年度）", S, "製造原価", "electronic", ["\\\\fs01\\営業部\\積算"], "営業部", "1401", "top_secret",
     "入札価格の根拠。漏えいすると落札できなくなる。", "工種別の積算単価と歩掛り。", [], ["1401", "1402", "1001", "1101"], (5, 5),
     ("met", "met", "met")),
    ("工事原価の実績集計", S, "製造原価", "electronic", ["会計システム", "\\\\fs01\\総務部\\原価"], "総務部", "1304",
     "top_secret", "工事ごとの原価と利益率。", "過去5年の工事別原価実績。", [], ["1001", "1002", "1304", "1401"], (5, 5),
     ("met", "met", "met")),
    ("見積書控え（民間工事）", S, "納入価格", "paper,electronic", ["営業部キャビネット", "\\\\fs01\\営業部\\見積"], "営業部",
     "1402", "secret", "顧客ごとの提示価格。", "民間工事の見積書控え。", ["営業部"], [], (4, 4), ("met", "met", "met")),
    ("顧客名簿（民間発注者）", S, "取引先リスト（顧客名簿）", "electronic", ["顧客管理システム"], "営業部", "1401", "secret",
     "営業活動の基盤で、競合に渡ると奪われる。", "民間発注者の担当者・連絡先・過去の取引。", ["営業部"], [], (4, 4), ("met", "met", "met")),
    ("協力会社一覧と評価", S, "取引先リスト（顧客名簿）", "electronic", ["\\\\fs01\\工事部\\協力会社"], "工事部", "1101", "secret",
     "評価と単価を含む。", "協力会社の連絡先・得意工種・評価点。", ["工事部", "営業部"], [], (3, 3), ("met", "met", "met")),
    ("入札参加の検討資料", S, "その他営業資料", "electronic", ["\\\\fs01\\営業部\\入札"], "営業部", "1401", "top_secret",
     "入札前に知られると競争上致命的。", "公共工事の入札参加判断の資料。", [], ["1001", "1401", "1402"], (5, 5), ("met", "met",
     "met")),
    ("与信管理表", S, "与信管理", "electronic", ["\\\\fs01\\総務部\\与信"], "総務部", "1304", "secret", "取引先の信用情報。",
     "取引先ごとの与信限度と支払状況。", ["総務部"], ["1401"], (3, 4), ("met", "met", "met")),
    ("信用調査報告書", S, "信用調査資料", "paper", ["総務部金庫"], "総務部", "1301", "secret",
     "調査会社から入手した情報で、取扱いに契約上の制限がある。", "新規取引先の信用調査報告書。", ["総務部"], [], (3, 4), ("met", "met", "met")),
    ("工事請負契約書（原本）", S, "取引基本契約書", "paper", ["総務部金庫"], "総務部", "1301", "internal",
     "社外には出さないが、社内では関係者が参照する。", "受注工事の請負契約書原本。", ["総務部"], [], (2, 3), ("met", "met", "met")),
    ("売掛金台帳", S, "売掛・買掛台帳", "electronic", ["会計システム"], "総務部", "1304", "secret", "取引条件が分かる。",
     "発注者別の売掛金残高。", ["総務部"], [], (3, 3), ("met", "met", "met")),
    ("仕入先別の資材単価", S, "仕入台帳", "electronic", ["\\\\fs01\\工事部\\資材"], "工事部", "1102", "secret",
     "仕入価格が知られると交渉力を失う。", "生コン・鋼材などの仕入単価。", ["工事部"], [], (4, 3), ("met", "met", "met")),
    ("顧客クレームの記録", S, "顧客クレーム", "electronic", ["顧客管理システム"], "営業部", "1403", "internal",
     "社内で再発防止に共有する。", "苦情と対応の記録。", ["営業部", "工事部"], [], (2, 3), ("met", "met", "met")),
    ("営業日報", S, "その他営業資料", "electronic", ["顧客管理システム"], "営業部", "1402", "internal", "案件の動きが分かる。",
     "営業担当の日報。", ["営業部"], [], (2, 2), ("met", "partly", "met")),
    ("会社案内パンフレット", S, "その他営業資料", "paper,electronic", ["\\\\fs01\\営業部\\販促"], "営業部", "1405", "public",
     "公開資料。", "会社案内と施工実績。", [], [], (1, 1), ("not_met", "partly", "not_met")),
    ("施工実績一覧（公表用）", S, "その他営業資料", "electronic", ["自社ウェブサイト"], "営業部", "1405", "public",
     "ウェブサイトで公開済み。", "公表している施工実績。", [], [], (1, 1), ("not_met", "met", "not_met")),
    ("取締役会議事録", M, "役員会議事録", "paper,electronic", ["社長室金庫", "\\\\fs01\\経営企画\\取締役会"], "経営企画室", "1003",
     "top_secret", "経営判断の経過を含む。", "毎月の取締役会の議事録。", [], ["1001", "1002", "1003"], (4, 5), ("met",
     "met", "met")),
    ("中期経営計画（2026〜2028）", M, "経営計画", "electronic", ["\\\\fs01\\経営企画\\中計"], "経営企画室", "1003",
     "top_secret", "事業の方向と数値目標。", "3か年の経営計画と施策。", [], ["1001", "1002", "1003", "1101", "1201",
     "1401", "1301"], (5, 4), ("met", "met", "met")),
    ("事業承継の準備資料", M, "経営計画", "paper", ["社長室金庫"], "経営企画室", "1001", "top_secret", "後継者と株式の扱いを含む。",
     "事業承継の検討資料。", [], ["1001", "1002"], (4, 5), ("met", "met", "met")),
    ("設備投資計画", M, "投資計画", "electronic", ["\\\\fs01\\経営企画\\投資"], "経営企画室", "1003", "secret",
     "重機更新の時期と金額。", "今後5年の設備投資計画。", ["経営企画室"], ["1101"], (3, 3), ("met", "met", "met")),
    ("金融機関との借入交渉資料", M, "資金調達計画", "paper,electronic", ["社長室金庫"], "経営企画室", "1002", "top_secret",
     "財務状況と交渉条件。", "借入条件の交渉経過。", [], ["1001", "1002"], (4, 5), ("met", "met", "met")),
    ("月次決算資料", M, "財務データ", "electronic", ["会計システム", "\\\\fs01\\総務部\\決算"], "総務部", "1304", "secret",
     "公表前の業績。", "月次の損益と資金繰り。", ["経営企画室"], ["1301", "1304"], (3, 4), ("met", "met", "met")),
    ("人事評価の記録", M, "人事情報", "paper,electronic", ["総務部金庫", "人事システム"], "総務部", "1301", "top_secret",
     "個人情報を含み、漏えいの影響が大きい。", "社員の評価・処遇の記録。", [], ["1001", "1301"], (3, 5), ("met", "met", "met")),
    ("給与台帳", M, "人事情報", "electronic", ["給与システム"], "総務部", "1303", "secret", "個人情報。", "社員の給与・賞与の記録。",
     [], ["1301", "1303", "1304"], (2, 5), ("met", "partly", "met")),
    ("稟議書綴り", M, "稟議書", "paper", ["総務部キャビネットC"], "総務部", "1301", "internal", "社内の決裁記録。", "決裁済みの稟議書。",
     ["総務部"], [], (2, 2), ("met", "partly", "met")),
    ("業務提携の交渉メモ（地元建設会社）", M, "業務提携・出資関連情報", "electronic", ["\\\\fs01\\経営企画\\提携"], "経営企画室", "1001",
     "top_secret", "交渉中で公表前。", "共同企業体の組成に向けた交渉メモ。", [], ["1001", "1003"], (5, 5), ("met", "met",
     "met")),
    ("訴訟対応の記録", M, "訴訟関連書類", "paper", ["社長室金庫"], "経営企画室", "1001", "top_secret", "係争中の事案。",
     "工事代金に関する係争の記録と弁護士とのやりとり。", [], ["1001", "1002"], (3, 5), ("met", "partly", "met")),
    ("社長の新規事業構想メモ", M, "新規事業の構想", "knowhow,paper", ["社長室"], "経営企画室", "1001", "top_secret",
     "構想段階の事業アイデア。", "維持管理事業への参入構想。", [], ["1001"], (4, 4), ("partly", "met", "met")),
    ("就業規則", M, "その他", "paper,electronic", ["社内ポータル"], "総務部", "1301", "public",
     "社員に周知する規程で、秘密ではない。", "就業規則と関連規程。", [], [], (1, 1), ("not_met", "partly", "partly")),
    ("元請から受領した設計図書（市民会館改修）", X, "取引先から開示された図面", "paper,electronic", ["\\\\fs01\\工事部\\受領図書\\市民会館",
     "工事二課キャビネット"], "工事二課", "1107", "secret", "秘密保持契約により目的外使用と第三者開示が禁止されている。",
     "元請会社から受領した改修工事の設計図書。", ["工事二課"], ["1201"], (3, 4), ("met", "met", "met")),
    ("共同開発先の試験データ", X, "共同開発の技術資料", "electronic", ["\\\\fs01\\工事部\\共同開発"], "工事部", "1101",
     "top_secret", "共同開発契約で厳格な管理が義務付けられている。", "大学と共同で行う地盤改良試験のデータ。", [], ["1101", "1102", "1003"],
     (4, 5), ("met", "met", "met")),
    ("発注者から受領した施設の図面（下水処理場）", X, "取引先から開示された図面", "paper", ["工事一課キャビネット"], "工事一課", "1102", "secret",
     "発注者との守秘義務がある。", "下水処理場の既設図面（貸与品）。", ["工事一課"], [], (2, 4), ("met", "partly", "met")),
    ("協力会社から受領した見積内訳", X, "委託元の顧客情報", "electronic", ["\\\\fs01\\工事部\\協力会社\\見積"], "工事部", "1102",
     "secret", "協力会社の原価構成が分かる情報で、他社に漏らさない約束がある。", "協力会社の見積内訳書。", ["工事部"], [], (3, 3), ("met", "met",
     "met")),
    ("メーカーから開示された新製品資料", X, "共同開発の技術資料", "paper", ["設計部キャビネット"], "設計部", "1201", "secret",
     "発売前の製品情報でNDAの対象。", "新型防水材の技術資料（発売前）。", ["設計部"], [], (2, 3), ("met", "partly", "met")),
    ("社内ネットワーク構成図", OT, "その他", "electronic", ["\\\\fs01\\総務部\\IT"], "総務部", "1302", "secret",
     "攻撃の手がかりになる。", "ネットワーク構成とサーバ一覧。", [], ["1302", "1301"], (2, 4), ("met", "partly", "met")),
    ("パスワード管理台帳", OT, "その他", "paper", ["総務部金庫"], "総務部", "1302", "top_secret", "システム全体への入口。",
     "共用アカウントの管理台帳。", [], ["1302"], (2, 5), ("met", "partly", "met")),
    ("入退室記録", OT, "その他", "electronic", ["入退室管理システム"], "総務部", "1303", "internal", "証拠として保存する。",
     "事務所と資材置場の入退室記録。", ["総務部"], [], (1, 2), ("met", "partly", "met")),
    ("社内研修資料（営業秘密）", OT, "その他", "electronic", ["社内ポータル"], "総務部", "1301", "internal", "社内向け研修資料。",
     "営業秘密管理の社内研修スライド。", ["総務部"], [], (1, 1), ("met", "not_met", "met")),
]

# still in the workflow: (title, category, item type, media, location, dept, proposer, comment)
PROPOSALS = [
    ("BIMモデルの作成ルール", T, "設計手順書・仕様書", "electronic", "\\\\fs01\\設計部\\BIM", "設計部", "1204", None),
    ("ICT施工の機械設定値", T, "設備パラメータ・治具", "electronic", "\\\\fs01\\工事部\\ICT", "工事部", "1105", None),
    ("現場ごとの写真台帳", T, "研究開発データ・報告書", "electronic", "\\\\fs01\\工事部\\写真", "工事一課", "1106",
     "保管場所をフォルダ単位で具体的に書いてください。"),
    ("展示会で配る技術説明資料", S, "その他営業資料", "paper", "営業部キャビネット", "営業部", "1406", None),
]

RETIRED = [
    ("旧積算システムのデータ（2015年度以前）", S, "製造原価", "electronic", "旧サーバ（廃棄済み）", "営業部", "1401", "secret",
     "システム更新に伴い、データを新システムへ移行し旧データを消去した。"),
]
# fmt: on


def _people(company):
    return {p.employee_number: p for p in Person.objects.filter(organization=company)}


@transaction.atomic
def populate(company, desk, created_company, created_desk):
    if Entry.objects.filter(organization=company).exists():
        return
    User = get_user_model()
    admin_user = User.objects.get(email="admin@demo.kimitsu.jp")
    admin = Membership.objects.get(organization=company, user=admin_user)
    member = Membership.objects.filter(organization=company, role="member").first()
    manager = Membership.objects.filter(organization=company, role="manager").first()
    services.levels_ensure_defaults(organization=company, actor=admin_user)
    levels = {lv.code: lv for lv in Level.objects.filter(organization=company)}
    depts = {d.name: d for d in Department.objects.filter(organization=company)}
    people = _people(company)
    kw = {"actor": admin_user, "membership": admin}
    for index, row in enumerate(E):
        (
            title,
            category,
            item_type,
            media,
            locations,
            dept,
            custodian,
            level,
            reason,
            summary,
            dept_grants,
            person_grants,
            (value, damage),
            (secrecy, usefulness, non_public),
        ) = row
        entry = services.entry_propose(
            **kw,
            data={
                "title": title,
                "category": category,
                "item_type": item_type,
                "media": media.split(","),
                "storage_locations": locations,
                "owning_department": depts[dept],
                "custodian": people.get(custodian),
                "summary": summary,
                "check_terms": CHECK_TERMS.get(title, ""),
                "source_partner_name": SOURCES.get(title, "") if category == X else "",
                "source_agreement_ref": f"NDA-2025-{index:03d}" if category == X else "",
            },
        )
        services.entry_approve(**kw, entry=entry)
        services.entry_classify(
            **kw,
            entry=entry,
            level=levels[level],
            reason=reason,
            assessment={
                "secrecy": secrecy,
                "usefulness": usefulness,
                "non_public": non_public,
                "value_score": value,
                "damage_score": damage,
            },
        )
        for name in dept_grants:
            services.grant_department(
                **kw,
                entry=entry,
                department=depts[name.rstrip("!")],
                include_subdepartments=not name.endswith("!"),
            )
        for number in person_grants:
            services.grant_person(**kw, entry=entry, person=people[number])
        if index % 9 == 4 and entry.level.review_months:
            # reviewed long ago: the next review is overdue and shows on the 見直し期限 list
            services.entry_review(
                **kw,
                entry=entry,
                result=ReviewResult.KEEP,
                note="前回の見直し（継続）",
                reviewed_on=dt.date.today().replace(day=1)
                - dt.timedelta(days=31 * (entry.level.review_months + 1)),
            )
    for title, category, item_type, media, location, dept, proposer, comment in PROPOSALS:
        author = member if proposer == "1204" and member else admin
        entry = services.entry_propose(
            actor=author.user,
            membership=author,
            data={
                "title": title,
                "category": category,
                "item_type": item_type,
                "media": [media],
                "storage_locations": location,
                "owning_department": depts[dept],
                "custodian": people.get(proposer),
            },
        )
        if comment:
            decider = manager if manager and dept.startswith("工事") else admin
            services.entry_return(
                actor=decider.user, membership=decider, entry=entry, comment=comment
            )
    for title, category, item_type, media, location, dept, custodian, level, why in RETIRED:
        entry = services.entry_propose(
            **kw,
            data={
                "title": title,
                "category": category,
                "item_type": item_type,
                "media": [media],
                "storage_locations": location,
                "owning_department": depts[dept],
                "custodian": people.get(custodian),
            },
        )
        services.entry_approve(**kw, entry=entry, level=levels[level], reason="原価情報のため")
        services.entry_retire(**kw, entry=entry, reason=why)
