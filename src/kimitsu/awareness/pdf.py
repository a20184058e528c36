"""A one-page PDF of a self-check result, written directly in Japanese."""

import io
from xml.sax.saxutils import escape

from django.utils import translation
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Image, Spacer, Table, TableStyle

from kimitsu.core import dates
from kimitsu.documents import charts, pdf
from kimitsu.documents.fonts import register_reportlab_font
from kimitsu.documents.pdf import Paragraph

from . import links, scoring
from .choices import Answer, CheckKind
from .content import checks as C

KIND_TITLES = {
    CheckKind.QUICK: "かんたんチェック（5項目）",
    CheckKind.TRADE_SECRET: "営業秘密管理チェック",
    CheckKind.SECURITY: "情報セキュリティ自己診断",
}
ANSWER_JA = {
    Answer.DONE: "実施している",
    Answer.PARTLY: "一部実施",
    Answer.NOT_DONE: "実施していない",
    Answer.UNKNOWN: "わからない",
}


def _table(rows, widths, font, repeat_rows=0):
    table = Table(rows, colWidths=widths, repeatRows=repeat_rows)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#adb5bd")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def check_pdf(org, check) -> bytes:
    with translation.override("ja"):
        return _build(org, check)


def _build(org, check) -> bytes:
    st = pdf.styles()
    font = register_reportlab_font()
    title = KIND_TITLES[check.kind]
    date = dates.wareki(check.answered_on) if org.use_wareki else dates.seireki(check.answered_on)
    scope = check.department.name if check.department else "全社"
    story = [
        Paragraph(escape(f"{title} 結果"), st["title"]),
        Paragraph(
            escape(f"{org.name}　{scope}　実施日：{date}　回答者：{check.answerer_name}"),
            st["base"],
        ),
        Spacer(1, 3 * mm),
    ]
    if check.kind == CheckKind.QUICK:
        story.append(Paragraph(escape(f"該当した項目：{check.score} / 5"), st["h1"]))
        rows = [["項目", "該当"]]
        for q in C.QUICK_CHECKS:
            rows.append(
                [
                    Paragraph(escape(q.text.ja), st["small"]),
                    "該当" if check.answers.get(q.code) == "yes" else "―",
                ]
            )
        story.append(_table(rows, [140 * mm, 20 * mm], font))
        story.append(Spacer(1, 3 * mm))
        yes = [q for q in C.QUICK_CHECKS if check.answers.get(q.code) == "yes"]
        if yes:
            story.append(Paragraph("該当した項目は、なぜ問題か・どこで対策できるか", st["h2"]))
        for q in yes:
            story += [
                Paragraph(escape(f"■ {q.text.ja}"), st["base"]),
                Paragraph(escape(q.why.ja), st["small"]),
                Paragraph(escape(f"→ {q.how.ja}"), st["small"]),
                Spacer(1, 2 * mm),
            ]
        return pdf.build(story, title=title, on_page=pdf.marking_painter("社外秘", "kimitsu"))

    groups = scoring.group_scores(check.kind, check.answers)
    overall = f"総合：{check.score} / {check.max_score} 点（{check.percent}%）"
    if check.kind == CheckKind.SECURITY:
        standing = scoring.security_standing(check.score)
        overall += f"　{standing.label.ja}"
    story.append(Paragraph(escape(overall), st["h1"]))
    if check.kind == CheckKind.SECURITY:
        story.append(Paragraph(escape(standing.advice.ja), st["small"]))
    unknown = sum(1 for v in check.answers.values() if v == Answer.UNKNOWN)
    if unknown:
        story.append(
            Paragraph(
                escape(
                    f"「わからない」の回答：{unknown}問（各−1点。観点ごとの得点は0点を下回りません）"
                ),
                st["small"],
            )
        )
    with translation.override("ja"):
        labels = [str(g.title) for g in groups]
    png = charts.bar_chart(
        labels,
        [g.percent for g in groups],
        horizontal=True,
        size=(6.0, 0.45 * len(groups) + 0.8),
        title="観点別の達成率（%）",
        value_range=(0, 100),
    )
    rows = [["観点", "得点", "達成率", "わからない"]]
    for g in groups:
        rows.append([str(g.title), f"{g.score} / {g.max_score}", f"{g.percent}%", str(g.unknown)])
    story += [
        Spacer(1, 2 * mm),
        Image(io.BytesIO(png), width=130 * mm, height=130 * mm * (0.45 * len(groups) + 0.8) / 6),
        _table(rows, [62 * mm, 28 * mm, 28 * mm, 28 * mm], font),
        Spacer(1, 3 * mm),
    ]
    gaps = scoring.gaps(check.kind, check.answers)
    if gaps:
        # every item not answered "done", worst first, each with what to do and where in kimitsu
        story.append(
            Paragraph(escape(f"取り組む項目と推奨する対応（{len(gaps)}件、優先する順）"), st["h2"])
        )
        rows = [["回答", "項目", "推奨する対応"]]
        for q in gaps:
            page = links.page_for_question(org.slug, q)
            advice = [Paragraph(escape(q.recommendation.ja), st["small"])]
            if page.name:
                advice.append(Paragraph(escape(f"→ kimitsu「{page.name}」"), st["small"]))
            rows.append(
                [
                    Paragraph(escape(ANSWER_JA[Answer(check.answers[q.code])]), st["small"]),
                    Paragraph(escape(q.text.ja), st["small"]),
                    advice,
                ]
            )
        story.append(_table(rows, [27 * mm, 62 * mm, 77 * mm], font, repeat_rows=1))
    else:
        story.append(
            Paragraph("すべての項目を実施しています。年に一度、見直しましょう。", st["base"])
        )
    return pdf.build(story, title=title, on_page=pdf.marking_painter("社外秘", "kimitsu"))
