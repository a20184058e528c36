"""Statistics as CSV rows and as an .xlsx workbook (labels in Japanese, like the report)."""

import io

from kimitsu.core.dates import fiscal_year_label

SECTIONS = [
    ("by_channel", "受付方法"),
    ("by_attribute", "属性"),
    ("by_size_band", "従業員数"),
    ("by_industry", "業種"),
    ("by_subject", "相談内容"),
    ("by_prefecture", "都道府県"),
    ("by_region", "地域"),
]


def rows(data: dict, yoy: list[dict]) -> list[list]:
    c, s = data["consultations"], data["seminars"]
    label = f"{data['seireki_label']}（{data['label']}）"
    out = [
        ["年度", label, ""],
        ["区分", "項目", "件数"],
        ["相談", "合計", c["total"]],
        ["相談", "うちオンライン", c["online"]],
        ["相談", "うち近畿2府5県（関西窓口の管轄）", c["kansai"]],
    ]
    for key, title in SECTIONS:
        out += [[title, k, v] for k, v in c[key].items()]
    out += [
        ["セミナー", "合計", s["total"]],
        ["セミナー", "参加者数", s["participants"]],
        ["セミナー", "うちオンライン", s["online"]],
    ]
    for kind, d in s["by_kind_detail"].items():
        out.append(["セミナー種別", kind, d["count"]])
        out.append(["セミナー種別（参加者数）", kind, d["participants"]])
    out.append([])
    out.append(["年度推移", "年度", "相談件数", "うちオンライン", "セミナー", "参加者数"])
    for r in yoy:
        out.append(
            [
                "年度推移",
                f"{r['label']}（{r['era_label']}）",
                r["consultations"],
                r["online"],
                r["seminars"],
                r["participants"],
            ]
        )
    return out


def write_csv(writer, data: dict, yoy: list[dict]):
    for row in rows(data, yoy):
        writer.writerow(row)


def xlsx_bytes(data: dict, yoy: list[dict], organization) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = fiscal_year_label(data["fiscal_year"])
    ws.append([f"{organization.name} 相談・支援統計"])
    ws["A1"].font = Font(bold=True, size=13)
    for row in rows(data, [])[:-2]:
        ws.append(row)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 44
    ws.column_dimensions["C"].width = 10
    ys = wb.create_sheet("年度推移")
    ys.append(["年度", "和暦", "相談件数", "うちオンライン", "前年度比(%)", "セミナー", "参加者数"])
    for r in yoy:
        ys.append(
            [
                r["label"],
                r["era_label"],
                r["consultations"],
                r["online"],
                r["change"],
                r["seminars"],
                r["participants"],
            ]
        )
    ys.column_dimensions["A"].width = 12
    ys.column_dimensions["B"].width = 12
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
