"""先使用権の立証資料: for a technology decided as secret, its evidence — what each record is
(never its content), its SHA-256, the TSA's time and name — with the tokens beside it.

特許法79条 grants a prior user the right to go on working an invention patented by another, if it
was worked or prepared before the other's filing: the company must show *when* it possessed the
technology, and the TSA's time on each record is that proof.
"""

import io
import types
import zipfile
from xml.sax.saxutils import escape

from django.db.models import Q
from django.utils import timezone
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from kimitsu.audit import services as audit
from kimitsu.documents import pdf
from kimitsu.documents.pdf import Paragraph
from kimitsu.timestamps import tsa
from kimitsu.timestamps.models import Kind, Timestamp

from . import selectors, verify_text
from .pack import certs_in, document_name, token_name
from .report import day, moment, tsa_time


def evidence_of(membership, decision):
    """The vault records of the decision (linked to it, or to its register entry) that the reader
    sees, and the designation stamps of its entry."""
    records = selectors.record_list(membership).filter(
        Q(decision=decision) | Q(entries__pk=decision.register_entry_id or 0)
    )
    records = list(records.distinct().order_by("number"))
    stamps = []
    if decision.register_entry_id:
        from .gather import _entries

        if _entries(membership, [types.SimpleNamespace(pk=decision.register_entry_id)]):
            stamps = list(
                Timestamp.objects.filter(
                    organization=decision.organization,
                    kind=Kind.DESIGNATION,
                    object_id=str(decision.register_entry_id),
                ).order_by("pk")
            )
    return records, stamps


def pdf_bytes(org, decision, records, stamps, names, actor) -> bytes:
    st = pdf.styles()
    story = [
        Paragraph("先使用権の立証資料", st["title"]),
        pdf.grid(
            [
                ["会社名", org.name],
                ["技術", decision.title],
                ["判断", decision.get_decision_display()],
                ["判断日", day(org, decision.decided_on)],
                ["承認者", decision.approver or "—"],
                ["判断の理由", decision.decision_reason or "—"],
                ["作成日時", moment(org, timezone.now())],
                ["作成者", getattr(actor, "email", "")],
            ],
            [32, 134],
            st,
            header=False,
        ),
        Spacer(0, 4 * mm),
        Paragraph(
            escape(
                "本資料は、上記の技術を当社が秘匿化して実施・準備していたことを示す記録の一覧である。"
                "各記録の SHA-256 に対し、時刻認証局（TSA）が下記の時刻にタイムスタンプを付与しており、"
                "同梱のトークンを OpenSSL で検証することで、その時刻に当該記録が存在したことを第三者が"
                "確かめられる（VERIFY.md）。記録の内容そのものは本資料に含まない。"
            ),
            st["base"],
        ),
        Paragraph("証拠の一覧", st["h1"]),
    ]
    rows = [["番号", "件名・種類・説明", "SHA-256", "TSA時刻・TSA", "トークン"]]
    for r in records:
        what = f"{r.title}（{r.get_kind_display()}）" + (
            f"\n{r.description}" if r.description else ""
        )
        rows.append(
            [r.code, what, r.sha256, tsa_time(org, r.timestamp), names.get(r.timestamp_id, "—")]
        )
    for s in stamps:
        rows.append(
            [
                s.label,
                "管理項目としての指定の記録",
                s.sha256,
                tsa_time(org, s),
                names.get(s.pk, "—"),
            ]
        )
    if len(rows) == 1:
        rows.append(
            [
                "—",
                "まだ記録がない。証拠保管庫に実験ノート・図面・工程表などを登録する。",
                "",
                "",
                "",
            ]
        )
    story.append(pdf.grid(rows, [20, 48, 42, 36, 22], st))
    if any(s.development for s in [*stamps, *(r.timestamp for r in records)] if s.stamped):
        story.append(
            Paragraph(
                escape("注意：開発用（証拠力なし）のTSAによるタイムスタンプを含む。"), st["base"]
            )
        )
    footer = f"{org.name}　先使用権の立証資料"
    return pdf.build(
        story, title="先使用権の立証資料", on_page=pdf.marking_painter("社外秘", footer)
    )


def build(membership, decision, *, actor, as_zip: bool) -> bytes:
    org = membership.organization
    records, stamps = evidence_of(membership, decision)
    all_stamps = [r.timestamp for r in records] + stamps
    stamped = [s for s in all_stamps if s.stamped]
    names = {s.pk: token_name(s).removeprefix("tokens/") for s in stamped}
    document = pdf_bytes(org, decision, records, stamps, names, actor)
    audit.record(
        event_type="evidence.dossier_exported",
        organization=org,
        actor=actor,
        obj=decision,
        after={"records": [r.code for r in records], "zip": as_zip},
    )
    if not as_zip:
        return document
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("dossier.pdf", document)
        for s in stamped:
            zf.writestr(token_name(s), bytes(s.token))
        for s in all_stamps:
            if s.document:
                zf.writestr(document_name(s), s.document.encode("utf-8"))
        try:
            zf.writestr("tsa-ca.pem", tsa.roots_pem())
        except tsa.NotConfigured:
            zf.writestr("tsa-ca.pem", b"")
        zf.writestr("tsa-certs.pem", certs_in(bytes(s.token) for s in stamped))
        g = types.SimpleNamespace(organization=org)
        zf.writestr("VERIFY.md", verify_text.verify_md(g, stamped, token_name, document_name))
    return buf.getvalue()
