"""営業秘密管理の実施状況報告書: the PDF of an evidence pack, in Japanese.

For each entry: its designation and level history, the marking, who had access and when that
changed, the pledges that name it, disclosures, reviews and the TSA times of its stamps; then the
company's regulations, handling rules, trainings and the audit chain's anchors. Dated as the
company writes dates (西暦 or 和暦), every time also in UTC where a TSA gave it.
"""

import datetime as dt
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from kimitsu.core import dates
from kimitsu.documents import pdf
from kimitsu.documents.pdf import Paragraph

DEV_LABEL = "開発用（証拠力なし）"
STATUS = {"pending": "TSA応答待ち", "off": "TSA未設定", "stamped": ""}


def day(org, value) -> str:
    return dates.for_document(value, org)


def moment(org, value) -> str:
    return dates.moment_for_document(value, org)


def tsa_time(org, stamp) -> str:
    """「2026年12月4日 19:00:12（UTC 10:00:12）セイコー TSA」, or why there is none yet."""
    if stamp is None:
        return "—"
    if not stamp.stamped:
        return STATUS.get(stamp.status, stamp.status)
    utc = stamp.tsa_time.astimezone(dt.UTC)
    text = f"{moment(org, stamp.tsa_time)}（UTC {utc:%H:%M:%S}）{stamp.tsa_name}"
    return text + (f" {DEV_LABEL}" if stamp.development else "")


def _person(user) -> str:
    if user is None:
        return "—"
    return getattr(user, "display_name", "") or user.email


def grant_detail(after: dict) -> str:
    """「工事部（下位部署を含む）」, 「森 和也（1111）」, with the reason of a withdrawal."""
    if after.get("department"):
        text = after["department"] + (
            "（下位部署を含む）" if after.get("include_subdepartments") else ""
        )
    elif after.get("name") or after.get("person"):
        text = f"{after.get('name', '')}（{after.get('person', '')}）"
    else:
        text = ""
    if after.get("reason"):
        text += f"　理由：{after['reason']}"
    return text or "—"


def entry_section(org, facts, st, token_names) -> list:
    e = facts.entry
    level = e.level.name if e.level else "未指定"
    out = [
        Paragraph(escape(f"{e.ledger_number}　{e.title}（{level}）"), st["h2"]),
        pdf.grid(
            [
                ["指定（承認）日", day(org, e.decided_at), "承認者", _person(e.decided_by)],
                [
                    "管理部署",
                    e.owning_department.name if e.owning_department else "—",
                    "管理責任者",
                    str(e.custodian) if e.custodian else "—",
                ],
                [
                    "表示（マーキング）",
                    e.level.marking_text if e.level else "—",
                    "状態",
                    e.get_status_display(),
                ],
                ["次回見直し", day(org, e.next_review_on), "指定理由", e.classification_reason],
            ],
            [30, 52, 26, 58],
            st,
            header=False,
        ),
    ]
    if facts.classifications:
        rows = [["日付", "区分の変更", "理由", "実施者"]]
        for c in facts.classifications:
            change = f"{c.from_level.name if c.from_level else '（なし）'} → {c.to_level.name}"
            reason = c.reason + (
                f"（引下げ理由：{c.lowering_reason}）" if c.lowering_reason else ""
            )
            rows.append([day(org, c.created_at), change, reason, _person(c.classified_by)])
        out += [
            Spacer(0, 2 * mm),
            pdf.cell("秘密区分の履歴", st["base"]),
            pdf.grid(rows, [28, 40, 68, 30], st),
        ]
    rows = [["付与日", "アクセス可能者", "付与者"]]
    for g in facts.department_grants:
        sub = "（下位部署を含む）" if g.include_subdepartments else ""
        rows.append([day(org, g.created_at), f"{g.department.name}{sub}", _person(g.granted_by)])
    for g in facts.person_grants:
        rows.append([day(org, g.created_at), str(g.person), _person(g.granted_by)])
    if len(rows) == 1:
        rows.append(["—", "区分の既定による（個別の付与なし）", "—"])
    out += [
        Spacer(0, 2 * mm),
        pdf.cell("アクセス権（現在）", st["base"]),
        pdf.grid(rows, [28, 98, 40], st),
    ]
    if facts.grant_events:
        rows = [["日時", "変更", "内容", "実施者"]]
        for ev in facts.grant_events:
            what = "付与" if ev.event_type.endswith("added") else "取消"
            detail = grant_detail(ev.after or {})
            rows.append([moment(org, ev.created_at), what, detail, ev.actor_label or "—"])
        out += [Spacer(0, 2 * mm), pdf.cell("アクセス権の変更履歴（監査ログより）", st["base"])]
        out.append(pdf.grid(rows, [38, 16, 72, 40], st))
    if facts.pledges:
        rows = [["書面", "対象者", "状態", "署名日"]]
        for d in facts.pledges:
            rows.append(
                [
                    d.get_kind_display(),
                    d.recipient_label,
                    d.get_status_display(),
                    day(org, d.signed_on),
                ]
            )
        out += [
            Spacer(0, 2 * mm),
            pdf.cell("この項目を記載した誓約書", st["base"]),
            pdf.grid(rows, [50, 50, 30, 36], st),
        ]
    if facts.disclosures:
        rows = [["開示日", "開示先", "契約・承認", "目的"]]
        for d in facts.disclosures:
            agreement = str(d.agreement) if d.agreement_id else "（契約なし）"
            # the approval the handling rules asked for (kimitsu.approvals), or why there was none
            if getattr(d, "approval_id", None):
                agreement += f"／承認 {d.approval.code}"
            elif getattr(d, "approval_override_reason", ""):
                agreement += f"／承認なし（管理責任者の判断：{d.approval_override_reason}）"
            rows.append([day(org, d.disclosed_on), d.partner.name, agreement, d.purpose])
        out += [
            Spacer(0, 2 * mm),
            pdf.cell("社外への開示", st["base"]),
            pdf.grid(rows, [28, 44, 44, 50], st),
        ]
    if facts.approvals:
        from kimitsu.rules.choices import ACTION_JA, APPROVER_JA

        rows = [["申請日", "申請", "状態", "決裁"]]
        for r in facts.approvals:
            what = f"{r.code} {ACTION_JA.get(r.action, r.action)}"
            if r.approver_role:
                what += f"（{APPROVER_JA.get(r.approver_role, '')}の承認）"
            decided = "—"
            if r.decided_at:
                decided = f"{r.decided_by_label} {day(org, r.decided_at)}"
                if r.decided_as_administrator:
                    decided += "（管理責任者が代行）"
            elif r.conditions_confirmed_at:
                decided = f"条件確認 {day(org, r.conditions_confirmed_at)}"
            rows.append([day(org, r.created_at), what, r.get_status_display(), decided])
        out += [
            Spacer(0, 2 * mm),
            pdf.cell("取扱ルールに基づく申請・承認", st["base"]),
            pdf.grid(rows, [28, 62, 30, 46], st),
        ]
    if facts.reviews:
        rows = [["実施日", "結果", "区分", "実施者"]]
        for r in facts.reviews:
            levels = f"{r.level_before.name if r.level_before else '—'} → {r.level_after.name if r.level_after else '—'}"
            rows.append(
                [day(org, r.reviewed_on), r.get_result_display(), levels, _person(r.reviewer)]
            )
        out += [
            Spacer(0, 2 * mm),
            pdf.cell("定期見直し", st["base"]),
            pdf.grid(rows, [28, 40, 58, 40], st),
        ]
    rows = [["対象", "SHA-256", "TSA時刻", "トークン"]]
    for s in facts.stamps:
        rows.append(
            ["区分の指定・変更", s.sha256[:16] + "…", tsa_time(org, s), token_names.get(s.pk, "—")]
        )
    for r in facts.records:
        rows.append(
            [
                f"{r.code} {r.title}",
                r.sha256[:16] + "…",
                tsa_time(org, r.timestamp),
                token_names.get(r.timestamp_id, "—"),
            ]
        )
    if len(rows) > 1:
        out += [
            Spacer(0, 2 * mm),
            pdf.cell("タイムスタンプ", st["base"]),
            pdf.grid(rows, [44, 34, 58, 30], st),
        ]
    return [KeepTogether(out[:2]), *out[2:], Spacer(0, 4 * mm)]


def build(g, *, actor, token_names: dict, created_at, progress=None) -> bytes:
    org = g.organization
    st = pdf.styles()
    dev = any(s.development for s in g.stamps if s.stamped)
    story = [
        Paragraph("営業秘密管理の実施状況報告書", st["title"]),
        pdf.grid(
            [
                ["会社名", org.name],
                ["作成日時", moment(org, created_at)],
                ["作成者", _person(actor)],
                ["対象", "全社" if g.whole_company else f"選択した{len(g.entries)}件の管理項目"],
                ["管理項目", f"{len(g.entries)}件"],
                [
                    "タイムスタンプ",
                    f"{sum(1 for s in g.stamps if s.stamped)}件（うち応答待ち {sum(1 for s in g.stamps if not s.stamped)}件）",
                ],
            ],
            [36, 130],
            st,
            header=False,
        ),
        Spacer(0, 4 * mm),
        Paragraph(
            escape(
                "本報告書は、当社が営業秘密として管理する情報について、秘密としての指定、区分、"
                "表示、アクセス制限、誓約書、教育及び見直しの実施状況を、管理システム kimitsu の記録から"
                "まとめたものである。各記録の SHA-256 と時刻認証局（TSA）のタイムスタンプトークンを"
                "同梱しており、同梱の VERIFY.md の手順により、OpenSSL だけで第三者が検証できる。"
                "記録には秘密情報そのものは含まれない。"
            ),
            st["base"],
        ),
    ]
    if dev:
        story.append(
            Paragraph(
                escape(
                    f"注意：この報告書のタイムスタンプは{DEV_LABEL}のTSAによるもので、証拠として用いることはできない。"
                ),
                st["base"],
            )
        )
    story += [PageBreak(), Paragraph("1. 管理項目ごとの実施状況", st["h1"])]
    if not g.entries:
        story.append(pdf.cell("対象となる管理項目はない。", st["base"]))
    for facts in g.entries:
        story += entry_section(org, facts, st, token_names)
    by_object = {}
    for s in g.stamps:
        by_object.setdefault((s.kind, s.object_id), []).append(s)

    def last_stamp(kind, obj):
        found = by_object.get((kind, str(obj.pk)))
        return found[-1] if found else None

    story.append(Paragraph("2. 情報管理規程", st["h1"]))
    rows = [["版", "状態", "承認日", "施行日", "TSA時刻"]]
    for r in g.regulations:
        rows.append(
            [
                f"第{r.number}版",
                r.get_status_display(),
                day(org, r.approved_on),
                day(org, r.effective_on),
                tsa_time(org, last_stamp("regulation", r)),
            ]
        )
    story.append(
        pdf.grid(rows, [16, 24, 30, 30, 66], st)
        if len(rows) > 1
        else pdf.cell("規程はまだない。", st["base"])
    )
    story.append(Paragraph("3. 取扱いルール", st["h1"]))
    rows = [["版", "状態", "承認日", "承認者", "TSA時刻"]]
    for r in g.rule_sets:
        rows.append(
            [
                f"第{r.number}版",
                r.get_status_display(),
                day(org, r.approved_on),
                r.approved_by_label,
                tsa_time(org, last_stamp("rule_set", r)),
            ]
        )
    story.append(
        pdf.grid(rows, [16, 24, 30, 30, 66], st)
        if len(rows) > 1
        else pdf.cell("取扱いルールはまだない。", st["base"])
    )
    story.append(Paragraph("4. 教育・研修", st["h1"]))
    rows = [["実施日", "研修", "受講者数", "TSA時刻"]]
    for t in g.trainings:
        rows.append(
            [
                day(org, t.held_on),
                t.title,
                f"{t.attendee_count}名",
                tsa_time(org, last_stamp("attendance", t)),
            ]
        )
    story.append(
        pdf.grid(rows, [28, 62, 20, 56], st)
        if len(rows) > 1
        else pdf.cell("研修の記録はまだない。", st["base"])
    )
    story.append(Paragraph("5. 証拠保管庫", st["h1"]))
    rows = [["番号", "件名", "SHA-256", "TSA時刻"]]
    for r in g.records:
        rows.append([r.code, r.title, r.sha256[:16] + "…", tsa_time(org, r.timestamp)])
    story.append(
        pdf.grid(rows, [22, 56, 34, 54], st)
        if len(rows) > 1
        else pdf.cell("保管された証拠はない。", st["base"])
    )
    story.append(Paragraph("6. 監査ログとアンカー", st["h1"]))
    story.append(
        pdf.cell(
            "監査ログは各記録のハッシュを前の記録のハッシュにつなげた連鎖（ハッシュチェーン）であり、"
            "その先頭のハッシュの一覧を毎日TSAにタイムスタンプさせている（アンカー）。アンカー以前の"
            "記録が後から変更・削除されれば、TSAが保証したハッシュと一致しなくなる。",
            st["base"],
        )
    )
    rows = [["記録の範囲", "先頭のハッシュ", "TSA時刻"]]
    for a in g.anchors:
        rows.append([f"{a.first_seq}〜{a.seq}", a.head_hash[:16] + "…", tsa_time(org, a.timestamp)])
    story.append(
        pdf.grid(rows, [30, 50, 86], st)
        if len(rows) > 1
        else pdf.cell("アンカーはまだない。", st["base"])
    )
    footer = f"{org.name}　営業秘密管理の実施状況報告書"
    painter = pdf.marking_painter(marking_for(g), footer)
    heard = (lambda done, total: progress("report", done, total)) if progress else None
    return pdf.build(story, title="営業秘密管理の実施状況報告書", on_page=painter, progress=heard)


def marking_for(g) -> str:
    """The report names the entries it covers: it is marked as the highest of their levels."""
    levels = [f.entry.level for f in g.entries if f.entry.level and f.entry.level.marking_text]
    if not levels:
        return "社外秘"
    return max(levels, key=lambda level: level.rank).marking_text
