"""The yearly activity report (活動状況) as a PDF, in the spirit of the desk's own report: title
page, the seven-step support flow, consultations per fiscal year, the distributions, the seminars
and the desk's contact block. Written directly in Japanese."""

import datetime as dt
import io

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, PageBreak, Spacer, Table, TableStyle

from kimitsu.core.dates import fiscal_year_label, for_document
from kimitsu.documents import charts, pdf
from kimitsu.documents.pdf import Paragraph

from . import stats as desk_stats
from .choices import HOSTED_SEMINAR_KINDS, SeminarKind, ja_label
from .models import Engagement, Seminar, Visit

SEVEN_STEPS_JA = [
    "営業秘密管理への気づき",
    "制度概要理解・意識啓発",
    "情報管理規程の整備",
    "保有する情報の棚卸し",
    "情報の格付け",
    "情報取扱ルールの策定",
    "秘密保持契約書等の雛形整備",
]
WEEKDAYS = "月火水木金土日"
BLUE = colors.HexColor("#1f4e79")
LIGHT = colors.HexColor("#e7eef7")


def _both(year: int) -> str:
    return f"{fiscal_year_label(year)}（{fiscal_year_label(year, era=True)}）"


def _image(png: bytes, width_mm: float) -> Image:
    img = Image(io.BytesIO(png))
    ratio = img.imageHeight / img.imageWidth
    img.drawWidth = width_mm * mm
    img.drawHeight = width_mm * mm * ratio
    return img


def _table(rows, widths, header=True, right_from=1):
    """A grid table; columns from ``right_from`` on (figures) are right-aligned."""
    st = pdf.styles()
    right = st["small"].clone("small_right", alignment=TA_RIGHT)
    data = [
        [
            Paragraph(str(c), right if (i >= right_from and (n or not header)) else st["small"])
            for i, c in enumerate(r)
        ]
        for n, r in enumerate(rows)
    ]
    t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), LIGHT))
    t.setStyle(TableStyle(style))
    return t


def _figure_table(counts: dict, total_label="合計"):
    total = sum(counts.values())
    rows = [["区分", "件数", "割合"]]
    for label, n in counts.items():
        rows.append([label, f"{n:,}", f"{(n / total * 100 if total else 0):.1f}%"])
    rows.append([total_label, f"{total:,}", "100%" if total else "—"])
    return _table(rows, [46, 17, 15])


def _chart_block(title: str, png: bytes, counts: dict):
    st = pdf.styles()
    t = Table([[_image(png, 85), _figure_table(counts)]], colWidths=[88 * mm, 80 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([Paragraph(f"【{title}】", st["h2"]), t])


def _seven_step_flow():
    st = pdf.styles()
    cells = []
    for i, title in enumerate(SEVEN_STEPS_JA, start=1):
        cells.append(
            Paragraph(
                f"<b>({i})</b><br/>{title}", st["center"].clone("step", fontSize=8.5, leading=11)
            )
        )
    t = Table([cells], colWidths=[23.5 * mm] * 7, rowHeights=[28 * mm])
    style = [("BOX", (i, 0), (i, 0), 0.8, BLUE) for i in range(7)]
    style += [
        ("BACKGROUND", (i, 0), (i, 0), colors.Color(0.12, 0.31, 0.47, 0.08 + i * 0.07))
        for i in range(7)
    ]
    style += [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    t.setStyle(TableStyle(style))
    return t


def _contact_block(org):
    st = pdf.styles()
    lines = [f"<b>{org.name}</b>"]
    if org.contact:
        lines.append(f"連絡先：{org.contact}")
    if org.hours:
        lines.append(f"受付時間：{org.hours}")
    if org.region:
        lines.append(f"対象地域：{org.region}")
    lines.append(
        "近畿地域（福井県、滋賀県、京都府、大阪府、兵庫県、奈良県、和歌山県）の方は"
        "関西知財戦略支援専門窓口をご利用ください。"
    )
    t = Table([[Paragraph("<br/>".join(lines), st["base"])]], colWidths=[166 * mm])
    t.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, BLUE),
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return t


def render(organization, year: int, *, today: dt.date | None = None, years: int = 5) -> bytes:
    """The activity report of a desk for a fiscal year, as PDF bytes."""
    org = organization
    today = today or timezone.localdate()
    st = pdf.styles()
    data = desk_stats.stats_for(org, year)
    c, s = data["consultations"], data["seminars"]
    history = [row for row in desk_stats.year_over_year(org) if row["fiscal_year"] <= year]
    history = history[-years:]
    engagements = Engagement.objects.filter(
        organization=org, started_on__gte=data["start"], started_on__lte=data["end"]
    ).count()
    visits = Visit.objects.filter(
        organization=org, visited_on__gte=data["start"], visited_on__lte=data["end"]
    )
    visit_total = visits.count()
    visit_online = visits.filter(mode="online").count()

    story = []
    # --- title page
    story += [
        Spacer(1, 45 * mm),
        Paragraph(org.name, st["title"]),
        Paragraph("活動状況", st["title"].clone("t2", fontSize=24, leading=32)),
        Paragraph(_both(year), st["center"].clone("fy", fontSize=14, leading=20)),
        Spacer(1, 20 * mm),
        Paragraph(
            f"{for_document(today, org)}（{WEEKDAYS[today.weekday()]}）",
            st["center"].clone("d", fontSize=12),
        ),
        Spacer(1, 55 * mm),
        _contact_block(org),
        PageBreak(),
    ]

    # --- the support flow
    online_note = f"（うちオンライン{c['online']:,}件）" if c["online"] else ""
    story += [
        Paragraph("営業秘密・知財戦略に関する支援", st["h1"]),
        Paragraph(
            f"・{_both(year)}の相談・支援件数は<b>{c['total']:,}件</b>{online_note}。", st["item"]
        ),
        Paragraph(
            f"・支援を開始した企業は{engagements:,}社、訪問{visit_total:,}回"
            f"（うちオンライン{visit_online:,}回）。",
            st["item"],
        ),
        Paragraph(
            f"・主催セミナー{s['hosted']['count']:,}回（参加{s['hosted']['participants']:,}名）、"
            f"社内セミナー・他機関主催セミナー等を含め計{s['total']:,}回実施。",
            st["item"],
        ),
        Paragraph(
            f"・近畿2府5県の企業からの相談{c['kansai']:,}件は関西知財戦略支援専門窓口と連携。",
            st["item"],
        ),
        Spacer(1, 8 * mm),
        Paragraph("営業秘密管理の7つのステップ", st["h2"]),
        _seven_step_flow(),
        Spacer(1, 4 * mm),
        Paragraph(
            "営業秘密管理を段階的に達成できるよう支援し、企業の自主的な取組へとつなげる。",
            st["center"],
        ),
        Spacer(1, 8 * mm),
    ]

    # --- consultations per fiscal year
    labels = [row["label"] for row in history]
    values = [row["consultations"] for row in history]
    story += [Paragraph("相談・支援実績（1）～相談の受付状況", st["h1"])]
    if history:
        story.append(
            _image(
                charts.bar_chart(labels, values, title="相談・支援件数（年度別）", size=(6.0, 2.8)),
                140,
            )
        )
    rows = [["年度", "相談件数", "うちオンライン", "前年度比", "セミナー", "参加者数"]]
    for row in history:
        change = "—" if row["change"] is None else f"{row['change']:+.1f}%"
        rows.append(
            [
                f"{row['label']}（{row['era_label']}）",
                f"{row['consultations']:,}件",
                f"{row['online']:,}件",
                change,
                f"{row['seminars']:,}回",
                f"{row['participants']:,}名",
            ]
        )
    story += [Spacer(1, 3 * mm), _table(rows, [42, 24, 26, 22, 22, 24])]
    if c["online"]:
        story.append(
            Paragraph(
                f"※{fiscal_year_label(year)}はオンラインでの相談受付件数"
                f"（{c['online']:,}件）を含む。",
                st["small"],
            )
        )
    story.append(PageBreak())

    # --- distributions
    story.append(Paragraph(f"相談・支援実績（2）～{fiscal_year_label(year)}の分布", st["h1"]))
    attr = {k: v for k, v in c["by_attribute"].items() if v}
    story.append(
        _chart_block(
            "属性",
            charts.pie_chart(list(attr), list(attr.values()), size=(4.2, 3.0))
            if attr
            else charts.bar_chart(["—"], [0]),
            c["by_attribute"],
        )
    )
    story.append(
        _chart_block(
            "従業員数",
            charts.bar_chart(
                list(c["by_size_band"]),
                list(c["by_size_band"].values()),
                horizontal=True,
                size=(5.0, 3.0),
            ),
            c["by_size_band"],
        )
    )
    industry = dict(sorted(c["by_industry"].items(), key=lambda kv: -kv[1])[:10])
    story.append(
        _chart_block(
            "業種",
            charts.bar_chart(
                list(industry) or ["—"],
                list(industry.values()) or [0],
                horizontal=True,
                size=(5.0, 3.4),
            ),
            c["by_industry"],
        )
    )
    story.append(
        _chart_block(
            "相談内容",
            charts.bar_chart(
                list(c["by_subject"]),
                list(c["by_subject"].values()),
                horizontal=True,
                size=(5.0, 3.0),
            ),
            c["by_subject"],
        )
    )
    story.append(
        _chart_block(
            "受付方法",
            charts.bar_chart(
                list(c["by_channel"]), list(c["by_channel"].values()), size=(5.0, 3.0)
            ),
            c["by_channel"],
        )
    )
    story.append(
        Paragraph(
            "※相談内容は1件の相談で複数を数えるため、合計は相談件数を上回ることがある。"
            "「知財制度一般」は不正競争防止法の改正や特許等の制度に関する一般的な相談を含む。",
            st["small"],
        )
    )
    story.append(PageBreak())

    # --- seminars
    hosted = s["hosted"]
    story += [
        Paragraph("セミナーの実施", st["h1"]),
        Paragraph("◆ 主催 営業秘密・知財戦略セミナー", st["h2"]),
        Paragraph(
            f"{fiscal_year_label(year)}は{hosted['count']:,}回実施し"
            f"{hosted['participants']:,}名が参加（うちオンライン{hosted['online']:,}回）。",
            st["base"],
        ),
        Spacer(1, 3 * mm),
    ]
    seminars = Seminar.objects.filter(
        organization=org, fiscal_year=year, kind__in=HOSTED_SEMINAR_KINDS
    ).order_by("held_on", "id")
    rows = [["実施時期", "セミナー種別", "名称", "形式", "参加者数"]]
    for sem in seminars:
        rows.append(
            [
                f"{sem.held_on.month}月{sem.held_on.day}日",
                ja_label(SeminarKind, sem.kind),
                sem.title,
                "オンライン" if sem.online else "対面",
                f"{sem.participants:,}名",
            ]
        )
    if len(rows) == 1:
        rows.append(["—", "—", "—", "—", "—"])
    story.append(_table(rows, [20, 52, 54, 20, 20], right_from=4))
    detail = s["by_kind_detail"]
    in_house = detail[ja_label(SeminarKind, SeminarKind.IN_HOUSE)]
    external = detail[ja_label(SeminarKind, SeminarKind.EXTERNAL)]
    story += [
        Spacer(1, 6 * mm),
        Paragraph("◆ 社内セミナー／他機関主催セミナーでの講演", st["h2"]),
        Paragraph(
            f"社内セミナー：{fiscal_year_label(year)}は{in_house['count']:,}回"
            f"（うち、オンライン{in_house['online']:,}回）実施。",
            st["item"],
        ),
        Paragraph(
            f"他機関主催セミナー：{fiscal_year_label(year)}は{external['count']:,}回実施。",
            st["item"],
        ),
        Spacer(1, 4 * mm),
    ]
    rows = [["種別", "回数", "うちオンライン", "参加者数"]]
    for label, d in detail.items():
        rows.append([label, f"{d['count']:,}回", f"{d['online']:,}回", f"{d['participants']:,}名"])
    rows.append(["合計", f"{s['total']:,}回", f"{s['online']:,}回", f"{s['participants']:,}名"])
    story += [
        _table(rows, [80, 25, 30, 30]),
        Spacer(1, 10 * mm),
        Paragraph("問い合わせ先", st["h1"]),
        _contact_block(org),
    ]

    painter = pdf.marking_painter(footer=f"{org.name} 活動状況 {fiscal_year_label(year)}")
    return pdf.build(
        story,
        title=f"{org.name} 活動状況 {fiscal_year_label(year)}",
        author=org.name,
        on_page=painter,
    )


def filename(organization, year: int) -> str:
    return f"activity-report-{organization.slug}-{year}.pdf"
