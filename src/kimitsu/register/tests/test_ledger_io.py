"""Excel / CSV: template, export, import (all-or-nothing, every error with row and column)."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import translation

from kimitsu.audit.models import AuditEvent
from kimitsu.audit.services import verify
from kimitsu.register import ledger_io, services
from kimitsu.register.choices import Status
from kimitsu.register.models import DepartmentGrant, Entry, Level, PersonGrant
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

HEADER = [c.ja for c in ledger_io.COLUMNS]


@pytest.fixture(autouse=True)
def japanese():
    with translation.override("ja"):
        yield


@pytest.fixture
def setup(company):
    services.levels_ensure_defaults(organization=company)
    eng = DepartmentFactory(organization=company, name="設計部", code="300")
    DepartmentFactory(organization=company, name="設計一課", code="310", parent=eng)
    sales = DepartmentFactory(organization=company, name="営業部", code="400")
    PersonFactory(organization=company, employee_number="1201", department=eng)
    PersonFactory(organization=company, employee_number="1401", department=sales)
    return company


def xlsx(rows, header=HEADER, sheet="台帳") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(**kw) -> list:
    values = {c.key: "" for c in ledger_io.COLUMNS}
    values.update(kw)
    return [values[c.key] for c in ledger_io.COLUMNS]


GOOD = [
    row(
        ledger_number="A-001",
        title="製品図面一式",
        category="技術・製造",
        media="紙、電子データ",
        storage_locations="\\\\fs01\\設計\\図面;設計室キャビネット",
        owning_department="設計部",
        custodian="1201",
        level="極秘",
        classification_reason="主力製品の競争力の源泉",
        secrecy="満たす",
        usefulness="満たす",
        non_public="一部",
        department_grants="設計部",
        person_grants="1401",
        next_review_on="令和8年4月1日",
    ),
    row(
        ledger_number="A-002",
        title="取引先別の納入価格表",
        category="営業",
        media="電子データ",
        owning_department="営業部",
        custodian="１４０１",
        level="秘",
        classification_reason="価格交渉の根拠",
        department_grants="営業部のみ",
        next_review_on=dt.datetime(2026, 10, 1),
    ),
    row(title="採番される項目", category="その他"),
]


def test_good_xlsx_creates_everything_with_audit(setup):
    result = ledger_io.apply_import(
        actor=None, organization=setup, filename="台帳.xlsx", data=xlsx(GOOD + [row()])
    )
    assert result.ok, [str(e) for e in result.errors]
    assert (len(result.creates), len(result.updates), result.unchanged) == (3, 0, 0)
    a1 = Entry.objects.get(ledger_number="A-001")
    assert a1.status == Status.APPROVED
    assert a1.level.name == "極秘" and a1.next_review_on == dt.date(2026, 4, 1)
    assert a1.media == "paper,electronic"
    assert a1.locations_list == ["\\\\fs01\\設計\\図面", "設計室キャビネット"]
    assert a1.custodian.employee_number == "1201"
    assert a1.classifications.count() == 1
    a2 = Entry.objects.get(ledger_number="A-002")
    assert a2.custodian.employee_number == "1401"  # full-width digits
    assert a2.next_review_on == dt.date(2026, 10, 1)
    grant = DepartmentGrant.objects.get(entry=a2)
    assert grant.department.name == "営業部" and not grant.include_subdepartments
    assert DepartmentGrant.objects.get(entry=a1).include_subdepartments
    assert PersonGrant.objects.filter(entry=a1).count() == 1
    assert Entry.objects.get(title="採番される項目").ledger_number == "KM-00001"
    assert AuditEvent.objects.filter(event_type="register_entry.imported").count() == 3
    assert AuditEvent.objects.filter(event_type="register_import.completed").count() == 1
    assert verify().ok


def _assert_nothing_written(company):
    assert not Entry.objects.filter(organization=company).exists()
    assert not AuditEvent.objects.filter(event_type__startswith="register_entry").exists()


def test_every_bad_row_is_reported_and_nothing_is_written(setup):
    bad = GOOD + [
        row(
            ledger_number="A-003",
            title="x",
            category="技術・製造",
            level="極秘密",
            classification_reason="r",
        ),
        row(ledger_number="A-004", title="y", category="営業", owning_department="開発部"),
        row(ledger_number="A-005", title="z", category="経営", custodian="9999"),
        row(ledger_number="A-001", title="dup", category="経営"),
        row(ledger_number="A-006", title="", category="宇宙"),
        row(ledger_number="A-007", title="d", category="経営", next_review_on="来年の春"),
        row(ledger_number="A-008", title="m", category="経営", media="石板"),
    ]
    result = ledger_io.apply_import(
        actor=None, organization=setup, filename="x.xlsx", data=xlsx(bad)
    )
    assert not result.applied
    messages = [str(e) for e in result.errors]
    assert "5行目「格付け」: 「極秘密」は登録されていない格付けです。" in messages
    assert "6行目「管理部署」: 「開発部」は登録されていない部署です。" in messages
    assert "7行目「管理責任者」: 社員番号「9999」の人はいません。" in messages
    assert "8行目「管理番号」: 「A-001」はこのファイルの2行目にもあります。" in messages
    assert any(m.startswith("9行目「区分」: 「宇宙」は区分ではありません") for m in messages)
    assert "9行目「名称」: この項目は必須です。" in messages
    assert any(m.startswith("10行目「次回見直し日」") for m in messages)
    assert any(m.startswith("11行目「媒体」: 「石板」") for m in messages)
    _assert_nothing_written(setup)


def test_english_messages_name_row_and_column(setup):
    with translation.override("en"):
        result = ledger_io.plan_import(
            setup,
            "x.xlsx",
            xlsx([row(title="x", category="営業", level="極秘密", classification_reason="r")]),
        )
        assert [str(e) for e in result.errors] == [
            "Row 2, “Level (格付け)”: “極秘密” is not a registered level."
        ]


def test_missing_required_column(setup):
    header = [h for h in HEADER if h != "区分"]
    result = ledger_io.plan_import(setup, "x.xlsx", xlsx([["A-1", "名称だけ"]], header=header))
    assert [str(e) for e in result.errors] == ["1行目「区分」: 必須の列がありません。"]
    # without 名称 no header row is found; the message names the column that is missing
    header = [h for h in HEADER if h != "名称"]
    result = ledger_io.plan_import(setup, "x.xlsx", xlsx([["A-1", "技術・製造"]], header=header))
    assert [str(e) for e in result.errors] == [
        "1行目: 見出し行が見つかりません。先頭の10行に、台帳ファイルに必須の「名称」の列がありません。"
    ]
    assert not Entry.objects.exists()


def test_cp932_csv_with_wareki_and_blank_rows(setup):
    text = ",".join(HEADER) + "\r\n"
    text += (
        ",".join(
            row(
                ledger_number="Ｂ－１",
                title="設計基準書",
                category="技術・製造",
                level="社外秘",
                classification_reason="社内標準",
                next_review_on="令和元年5月1日",
            )
        )
        + "\r\n"
    )
    text += "," * (len(HEADER) - 1) + "\r\n"
    text += (
        ",".join(
            row(ledger_number="B-2", title="与信管理表", category="営業", next_review_on="H31.4.30")
        )
        + "\r\n"
    )
    data = text.encode("cp932")
    result = ledger_io.apply_import(
        actor=None, organization=setup, filename="daicho.csv", data=data
    )
    assert result.ok, [str(e) for e in result.errors]
    assert Entry.objects.get(ledger_number="B-1").next_review_on == dt.date(2019, 5, 1)
    assert Entry.objects.get(ledger_number="B-2").next_review_on == dt.date(2019, 4, 30)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("broken.xlsx", b"PK\x03\x04" + b"\x00garbage" * 50, "破損"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "表計算ファイルではありません"),
        ("binary.csv", b"\x00\x01\x02" * 100, "表計算ファイルではありません"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        ("empty.csv", b"", "空"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused(setup, name, data, expected):
    result = ledger_io.apply_import(actor=None, organization=setup, filename=name, data=data)
    assert len(result.errors) == 1 and expected in str(result.errors[0])
    _assert_nothing_written(setup)


def test_docx_renamed_to_xlsx_is_refused(setup):
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    result = ledger_io.plan_import(setup, "report.xlsx", buf.getvalue())
    assert "Excel" in str(result.errors[0])


def test_oversize_file_is_refused(setup, settings):
    settings.KIMITSU_MAX_UPLOAD_MB = 1
    result = ledger_io.plan_import(setup, "big.csv", b"a," * (600 * 1024))
    assert "1 MB" in str(result.errors[0])


def test_export_import_round_trip_is_unchanged_and_updates_are_detected(setup):
    ledger_io.apply_import(actor=None, organization=setup, filename="a.xlsx", data=xlsx(GOOD))
    entries = Entry.objects.filter(organization=setup)
    buf = io.BytesIO()
    assert ledger_io.export_xlsx(setup, entries, buf) == 3
    exported = buf.getvalue()
    plan = ledger_io.plan_import(setup, "export.xlsx", exported)
    assert plan.ok, [str(e) for e in plan.errors]
    assert (len(plan.creates), len(plan.updates), plan.unchanged) == (0, 0, 3)
    csv_buf = io.BytesIO()
    ledger_io.export_csv(setup, entries, csv_buf)
    plan = ledger_io.plan_import(setup, "export.csv", csv_buf.getvalue())
    assert plan.ok and plan.unchanged == 3, [str(e) for e in plan.errors]
    # change one row: a lower level without a new reason is refused, with one it is applied
    wb = openpyxl.load_workbook(io.BytesIO(exported))
    ws = wb["台帳"]
    level_col = HEADER.index("格付け") + 1
    assert ws.cell(row=2, column=1).value == "A-001"
    ws.cell(row=2, column=level_col).value = "社外秘"
    out = io.BytesIO()
    wb.save(out)
    result = ledger_io.apply_import(
        actor=None, organization=setup, filename="e.xlsx", data=out.getvalue()
    )
    assert [str(e) for e in result.errors] == [
        "2行目「格付け理由」: 格付けを極秘から社外秘に下げるには、新しい理由が必要です。"
    ]
    ws.cell(row=2, column=HEADER.index("格付け理由") + 1).value = "製品発表で一部が公知になった"
    out = io.BytesIO()
    wb.save(out)
    result = ledger_io.apply_import(
        actor=None, organization=setup, filename="e.xlsx", data=out.getvalue()
    )
    assert result.ok and len(result.updates) == 1 and result.unchanged == 2
    assert result.updates[0].changes == ["level", "classification_reason"]
    a1 = Entry.objects.get(ledger_number="A-001")
    assert a1.level.name == "社外秘"
    assert a1.classifications.first().lowering_reason == "製品発表で一部が公知になった"


def test_check_terms_travel_in_the_ledger_and_come_back_unchanged(setup):
    """「公開チェック用語」: several values separated by 、 ; or a line break."""
    terms = "アルミ合金X200、1180℃;カーボンファイバー\n北陸測量"
    data = xlsx([row(title="焼結条件", category="技術・製造", check_terms=terms)])
    result = ledger_io.apply_import(actor=None, organization=setup, filename="a.xlsx", data=data)
    assert result.ok, [str(e) for e in result.errors]
    entry = Entry.objects.get(organization=setup, title="焼結条件")
    assert entry.check_terms_list == ["アルミ合金X200", "1180℃", "カーボンファイバー", "北陸測量"]
    buf = io.BytesIO()
    ledger_io.export_xlsx(setup, Entry.objects.filter(organization=setup), buf)
    sheet = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))["台帳"]
    column = HEADER.index("公開チェック用語") + 1
    assert (
        sheet.cell(row=2, column=column).value
        == "アルミ合金X200\n1180℃\nカーボンファイバー\n北陸測量"
    )
    plan = ledger_io.plan_import(setup, "export.xlsx", buf.getvalue())
    assert plan.ok and plan.unchanged == 1, [str(e) for e in plan.errors]
    csv_buf = io.BytesIO()
    ledger_io.export_csv(setup, Entry.objects.filter(organization=setup), csv_buf)
    plan = ledger_io.plan_import(setup, "export.csv", csv_buf.getvalue())
    assert plan.ok and plan.unchanged == 1, [str(e) for e in plan.errors]


def test_a_check_term_too_short_or_too_long_names_its_row(setup):
    data = xlsx([row(title="条件", category="その他", check_terms="炉、" + "長" * 101)])
    result = ledger_io.apply_import(actor=None, organization=setup, filename="a.xlsx", data=data)
    assert not result.ok and not Entry.objects.filter(organization=setup).exists()
    messages = [str(e) for e in result.errors]
    assert messages and all(m.startswith("2行目「公開チェック用語」") for m in messages), messages


def test_csv_export_keeps_formulas_as_text_and_reads_them_back(setup):
    """Anyone may propose an entry; a title like =HYPERLINK(…) must not run in the spreadsheet of
    the administrator who exports the register (CSV injection), and must survive a round trip."""
    for number, title, remarks in [
        ("F-1", '=HYPERLINK("http://example.com","図面")', ""),
        ("F-2", "-試作品の評価", "@担当者へ"),
        ("F-3", "普通の名称", "'引用符で始まる備考"),
        ("F-4", "'-5℃で保管する試料", "'=1+1"),
    ]:
        Entry.objects.create(
            organization=setup,
            ledger_number=number,
            title=title,
            remarks=remarks,
            category="other",
            status="approved",
        )
    entries = Entry.objects.filter(organization=setup)
    buf = io.BytesIO()
    ledger_io.export_csv(setup, entries, buf)
    records = list(csv.reader(io.StringIO(buf.getvalue().decode("utf-8-sig"))))
    title, remarks = HEADER.index("名称"), HEADER.index("備考")
    assert [r[title] for r in records[1:]] == [
        '\'=HYPERLINK("http://example.com","図面")',
        "'-試作品の評価",
        "普通の名称",
        "''-5℃で保管する試料",  # already looked escaped: one more apostrophe, read back as is
    ]
    assert [r[remarks] for r in records[1:]] == ["", "'@担当者へ", "'引用符で始まる備考", "''=1+1"]
    plan = ledger_io.plan_import(setup, "export.csv", buf.getvalue())
    assert plan.ok and plan.unchanged == 4, [str(e) for e in plan.errors]
    # the .xlsx export writes text cells, never formulas
    out = io.BytesIO()
    ledger_io.export_xlsx(setup, entries, out)
    cell = openpyxl.load_workbook(out)["台帳"].cell(row=2, column=title + 1)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.com","図面")', "s")


def test_template_has_instructions_header_and_dropdowns(setup):
    Level.objects.filter(organization=setup, code="public").update(name="一般")
    buf = io.BytesIO()
    ledger_io.template_xlsx(buf, setup)
    wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    assert wb.sheetnames == ["説明", "台帳"]
    ws = wb["台帳"]
    assert [c.value for c in ws[1]] == HEADER
    lists = {
        str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation
    }
    assert "極秘,秘,社外秘,一般" in lists["J"]
    assert "技術・製造" in lists["D"]
    assert "記憶・ノウハウ" in lists["F"]


def test_ledger_command_template_export_import(setup, tmp_path, capsys):
    from django.core.management import call_command

    template = tmp_path / "t.xlsx"
    call_command("ledger", "template", "-o", str(template))
    assert openpyxl.load_workbook(template).sheetnames == ["説明", "台帳"]
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx(GOOD))
    call_command("ledger", "import", "--org", setup.slug, str(good), "--dry-run")
    out = capsys.readouterr().out
    assert "確認のみ（登録していません）：新規 3件、更新 0件、変更なし 0件" in out
    assert "（うち1件は格付けがなく、未格付けとして登録）" in out
    assert not Entry.objects.exists()
    call_command("ledger", "import", "--org", setup.slug, str(good))
    assert "登録しました：新規 3件、更新 0件、変更なし 0件" in capsys.readouterr().out
    out = tmp_path / "export.csv"
    call_command("ledger", "export", "--org", setup.slug, "-o", str(out))
    assert f"3件を {out} に出力しました。" in capsys.readouterr().out
    call_command("ledger", "--language", "en", "import", "--org", setup.slug, str(out))
    assert "Created 0, updated 0, unchanged 3" in capsys.readouterr().out
    # retired entries are left out, as on the page, unless asked for
    Entry.objects.filter(ledger_number="A-002").update(status=Status.RETIRED)
    call_command("ledger", "export", "--org", setup.slug, "-o", str(out))
    assert "2件を" in capsys.readouterr().out
    call_command(
        "ledger", "--language", "en", "export", "--org", setup.slug, "-o", str(out), "--all"
    )
    assert "3 entries exported" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        xlsx(
            [
                row(
                    ledger_number="Z-1",
                    title="x",
                    category="営業",
                    level="極秘密",
                    classification_reason="r",
                )
            ]
        )
    )
    with pytest.raises(SystemExit) as exc:
        call_command("ledger", "import", "--org", setup.slug, str(bad))
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "2行目「格付け」: 「極秘密」は登録されていない格付けです。" in err
    assert "1件の誤りがあるため、何も登録していません。" in err
    assert not Entry.objects.filter(ledger_number="Z-1").exists()


def test_statistics_refresh_runs_on_this_database(setup):
    ledger_io.refresh_statistics()  # ANALYZE after a large import: must not fail on any backend
    assert Entry.objects.count() == 0


def test_numbers_typed_in_the_file_are_not_given_to_blank_rows(setup):
    """A row typed KM-00001 and a blank row: the blank one is numbered after it, not with it."""
    rows = [
        row(title="採番される項目", category="その他"),
        row(ledger_number="KM-00001", title="番号を書いた項目", category="その他"),
        row(title="もう一つ採番される項目", category="その他"),
    ]
    result = ledger_io.apply_import(
        actor=None, organization=setup, filename="n.xlsx", data=xlsx(rows)
    )
    assert result.ok, [str(e) for e in result.errors]
    numbers = dict(Entry.objects.filter(organization=setup).values_list("title", "ledger_number"))
    assert numbers == {
        "番号を書いた項目": "KM-00001",
        "採番される項目": "KM-00002",
        "もう一つ採番される項目": "KM-00003",
    }


def test_full_width_separators_and_leavers_and_same_named_departments(setup):
    from kimitsu.organizations.choices import PersonStatus

    # two departments called 営業課, one under each branch, and no codes
    tokyo = DepartmentFactory(organization=setup, name="東京支店", code="")
    osaka = DepartmentFactory(organization=setup, name="大阪支店", code="")
    DepartmentFactory(organization=setup, name="営業課", code="", parent=tokyo)
    osaka_sales = DepartmentFactory(organization=setup, name="営業課", code="", parent=osaka)
    leaver = PersonFactory(organization=setup, employee_number="1999", status=PersonStatus.LEFT)
    rows = [
        row(
            ledger_number="W-1",
            title="全角区切りの項目",
            category="その他",
            media="紙；電子データ",
            department_grants="設計部；営業部",
            owning_department="大阪支店／営業課",
        ),
        row(ledger_number="W-2", title="退職者が責任者", category="その他", custodian="1999"),
        row(
            ledger_number="W-3", title="退職者に許可", category="その他", person_grants="1201；1999"
        ),
        row(ledger_number="W-4", title="同名の部署", category="その他", owning_department="営業課"),
    ]
    result = ledger_io.plan_import(setup, "w.xlsx", xlsx(rows))
    assert [str(e) for e in result.errors] == [
        "3行目「管理責任者」: 社員番号「1999」の人は退職しています。",
        "4行目「アクセス可能者」: 社員番号「1999」の人は退職しています。",
        "5行目「管理部署」: 「営業課」という部署が複数あります。部署コードか、上位からの部署名"
        "（例：大阪支店/営業課）で指定してください。",
    ]
    result = ledger_io.apply_import(
        actor=None, organization=setup, filename="w.xlsx", data=xlsx(rows[:1])
    )
    assert result.ok, [str(e) for e in result.errors]
    w1 = Entry.objects.get(ledger_number="W-1")
    assert w1.media_list == ["paper", "electronic"] and w1.owning_department == osaka_sales
    assert w1.department_grants.count() == 2
    # a person who left after the fact: the exported row, naming them, imports back unchanged
    w1.custodian = leaver
    w1.save()
    buf = io.BytesIO()
    ledger_io.export_xlsx(setup, Entry.objects.filter(organization=setup), buf)
    sheet = openpyxl.load_workbook(buf)["台帳"]
    assert sheet.cell(row=2, column=HEADER.index("管理部署") + 1).value == "大阪支店/営業課"
    plan = ledger_io.plan_import(setup, "export.xlsx", buf.getvalue())
    assert plan.ok and plan.unchanged == 1, [str(e) for e in plan.errors]


def test_a_change_between_the_check_and_the_write_is_seen(setup, monkeypatch):
    """The file is checked before the write transaction; if the register changes meanwhile,
    the plan is made again inside it (here: A-001 appears, and becomes an update)."""
    from kimitsu.register.ledger_io import applying

    real, plans, meanwhile = applying.plan_import, [], [True]

    def plan(*args, **kwargs):
        result = real(*args, **kwargs)
        if meanwhile.pop() if meanwhile else False:  # A-001 appears while the file is checked
            Entry.objects.create(
                organization=setup,
                ledger_number="A-001",
                title="先に登録された項目",
                category="other",
                status="approved",
            )
        plans.append(result)
        return result

    monkeypatch.setattr(applying, "plan_import", plan)
    result = ledger_io.apply_import(
        actor=None, organization=setup, filename="a.xlsx", data=xlsx(GOOD)
    )
    assert result.ok and result.applied and len(plans) == 2
    assert (len(result.creates), len(result.updates)) == (2, 1)
    assert Entry.objects.get(ledger_number="A-001").title == "製品図面一式"
    assert Entry.objects.filter(organization=setup).count() == 3
    # with nothing changed, the file is checked once
    plans.clear()
    ledger_io.apply_import(actor=None, organization=setup, filename="a.xlsx", data=xlsx(GOOD[:1]))
    assert len(plans) == 1


def _one_row(**kw) -> bytes:
    return xlsx([row(**kw)])


def test_an_import_cannot_remove_a_level(setup):
    """A blank 格付け on an existing entry would drop 極秘 to 未格付け without a reason and without a
    line in the classification history: refused on that cell."""
    ledger_io.apply_import(actor=None, organization=setup, filename="a.xlsx", data=xlsx(GOOD[:1]))
    a1 = Entry.objects.get(ledger_number="A-001")
    result = ledger_io.apply_import(
        actor=None,
        organization=setup,
        filename="b.xlsx",
        data=_one_row(ledger_number="A-001", title="製品図面一式", category="技術・製造"),
    )
    assert [str(e) for e in result.errors] == [
        "2行目「格付け」: 取り込みでは格付け（極秘）を外せません。"
        "下げるときは、より低い格付けと新しい理由を書いてください。"
    ]
    a1.refresh_from_db()
    assert a1.level.name == "極秘" and a1.classifications.count() == 1
    # without the 格付け column the level is left as it is
    header = ["管理番号", "名称", "区分"]
    plan = ledger_io.plan_import(
        setup, "c.xlsx", xlsx([["A-001", "製品図面一式", "技術・製造"]], header=header)
    )
    assert plan.ok and plan.unchanged == 1, [str(e) for e in plan.errors]


def test_level_changes_by_import_are_in_the_classification_history(setup):
    ledger_io.apply_import(actor=None, organization=setup, filename="a.xlsx", data=xlsx(GOOD[1:2]))
    a2 = Entry.objects.get(ledger_number="A-002")
    common = {"ledger_number": "A-002", "title": "取引先別の納入価格表", "category": "営業"}

    def history():
        return [
            (
                c.from_level.name if c.from_level else None,
                c.to_level.name,
                c.reason,
                c.lowering_reason,
            )
            for c in a2.classifications.order_by("id")
        ]

    raised = _one_row(**common, level="極秘", classification_reason="価格交渉の根拠")
    result = ledger_io.apply_import(actor=None, organization=setup, filename="b.xlsx", data=raised)
    assert result.ok and len(result.updates) == 1, [str(e) for e in result.errors]
    lowered = _one_row(**common, level="秘", classification_reason="価格を公表した")
    result = ledger_io.apply_import(actor=None, organization=setup, filename="c.xlsx", data=lowered)
    assert result.ok and len(result.updates) == 1, [str(e) for e in result.errors]
    # a new reason for the same level is a decision too, as on the entry's page
    reworded = _one_row(**common, level="秘", classification_reason="価格の一部を公表した")
    result = ledger_io.apply_import(
        actor=None, organization=setup, filename="d.xlsx", data=reworded
    )
    assert result.ok and len(result.updates) == 1, [str(e) for e in result.errors]
    assert history() == [
        (None, "秘", "価格交渉の根拠", ""),
        ("秘", "極秘", "価格交渉の根拠", ""),
        ("極秘", "秘", "価格を公表した", "価格を公表した"),
        ("秘", "秘", "価格の一部を公表した", ""),
    ]
    a2.refresh_from_db()
    assert a2.level.name == "秘" and a2.classification_reason == "価格の一部を公表した"
    # the reason may change but not be blanked while the level stays
    unreasoned = _one_row(**common, level="秘")
    result = ledger_io.plan_import(setup, "e.xlsx", unreasoned)
    assert [str(e) for e in result.errors] == ["2行目「格付け理由」: 格付け理由を書いてください。"]


def test_ledger_numbers_match_whatever_their_case(setup):
    Entry.objects.create(
        organization=setup,
        ledger_number="KM-00001",
        title="既存の項目",
        category="other",
        status="approved",
    )
    rows = [
        row(ledger_number="km-00001", title="名称を変えた項目", category="その他"),
        row(ledger_number="ab-7", title="新しい項目", category="その他"),
        row(title="採番される項目", category="その他"),
        row(ledger_number="km-00002", title="小文字で書いた新しい番号", category="その他"),
    ]
    result = ledger_io.apply_import(
        actor=None, organization=setup, filename="n.xlsx", data=xlsx(rows)
    )
    assert result.ok, [str(e) for e in result.errors]
    assert (len(result.creates), len(result.updates)) == (3, 1)
    assert result.updates[0].ledger_number == "KM-00001"
    numbers = dict(Entry.objects.filter(organization=setup).values_list("title", "ledger_number"))
    assert numbers == {
        "名称を変えた項目": "KM-00001",
        "新しい項目": "ab-7",
        "小文字で書いた新しい番号": "km-00002",
        "採番される項目": "KM-00003",
    }
    # full width and lower case together
    plan = ledger_io.plan_import(
        setup,
        "w.xlsx",
        _one_row(ledger_number="ｋｍ－００００１", title="名称を変えた項目", category="その他"),
    )
    assert plan.ok and plan.unchanged == 1, [str(e) for e in plan.errors]
    # two rows of one file that differ only in case are the same number
    rows = [
        row(ledger_number="X-1", title="一つ目", category="その他"),
        row(ledger_number="x-1", title="二つ目", category="その他"),
    ]
    plan = ledger_io.plan_import(setup, "d.xlsx", xlsx(rows))
    assert [str(e) for e in plan.errors] == [
        "3行目「管理番号」: 「x-1」はこのファイルの2行目にもあります。"
    ]


def test_shift_jis_and_line_endings_round_trip_unchanged(setup):
    """CP932 has one code for 〜 and ～ (and for ‖ ∥, − －, ¢ ￠, £ ￡, ¬ ￢, — ―); a textarea stores
    CRLF where the files give LF. Neither is a change, and the stored text is kept."""
    text = "温度〜湿度‖A−B ¢£¬ 前—後"
    Entry.objects.create(
        organization=setup,
        ledger_number="S-1",
        title="規格 10〜20",
        summary=f"一行目\r\n{text}\r\n𠮷田さんの図面😀",  # no CP932 code: written as ?
        remarks=f"備考\r\n{text}",
        category="other",
        status="approved",
    )
    entries = Entry.objects.filter(organization=setup)
    cp932 = io.BytesIO()
    ledger_io.export_csv(setup, entries, cp932, encoding="cp932")
    assert "〜" not in cp932.getvalue().decode("cp932")
    book = io.BytesIO()
    ledger_io.export_xlsx(setup, entries, book)
    for name, data in (("export.csv", cp932.getvalue()), ("export.xlsx", book.getvalue())):
        plan = ledger_io.plan_import(setup, name, data)
        assert plan.ok, [str(e) for e in plan.errors]
        assert (len(plan.creates), len(plan.updates), plan.unchanged) == (0, 0, 1), name
    assert "?田さんの図面?" in cp932.getvalue().decode("cp932")
    # a real change in the same cell is still seen
    edited = cp932.getvalue().decode("cp932").replace("規格 10～20", "規格 10～30")
    plan = ledger_io.plan_import(setup, "edited.csv", edited.encode("cp932"))
    assert plan.ok and [p.changes for p in plan.updates] == [["title"]]


def test_one_error_for_one_bad_cell(setup):
    result = ledger_io.plan_import(
        setup, "x.xlsx", _one_row(ledger_number="C-1", title="新しい項目", category="製造部門")
    )
    assert [str(e) for e in result.errors] == [
        "2行目「区分」: 「製造部門」は区分ではありません。次のいずれかを使ってください: "
        "技術・製造、営業、経営、他社から開示、その他"
    ]


@pytest.mark.parametrize("blank_rows", [0, 3])
def test_a_file_without_rows_is_refused(setup, blank_rows):
    result = ledger_io.plan_import(setup, "x.xlsx", xlsx([[""] * len(HEADER)] * blank_rows))
    assert not result.ok
    assert [str(e) for e in result.errors] == ["取り込む行がありません。"]


def test_a_text_file_named_xlsx_is_not_called_damaged(setup):
    import zipfile

    text = (",".join(HEADER) + "\r\n" + ",".join(row(title="x", category="営業"))).encode("cp932")
    result = ledger_io.plan_import(setup, "daicho.xlsx", text)
    assert [str(e) for e in result.errors] == [
        "このファイルはExcelブック（.xlsx）ではありません。"
        "Excelで .xlsx 形式か CSV 形式で保存し直してください。"
    ]
    # a real ZIP with a workbook that cannot be read is damaged
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook")
    result = ledger_io.plan_import(setup, "daicho.xlsx", buf.getvalue())
    assert len(result.errors) == 1 and "破損" in str(result.errors[0])


def test_disclosed_information_names_its_source(setup):
    """A new 他社から開示 row needs its 取得元; an entry registered before without one imports back
    unchanged, but naming it 他社から開示 anew without a source is refused."""
    result = ledger_io.plan_import(
        setup, "s.xlsx", _one_row(ledger_number="X-1", title="受領図面", category="他社から開示")
    )
    assert [str(e) for e in result.errors] == ["2行目「取得元」: 開示元の会社名を書いてください。"]
    good = _one_row(
        ledger_number="X-1", title="受領図面", category="他社から開示", source_partner_name="甲社"
    )
    assert ledger_io.plan_import(setup, "s.xlsx", good).ok
    legacy = Entry.objects.create(
        organization=setup, ledger_number="X-2", title="旧受領資料", category="third_party"
    )
    out = io.BytesIO()
    ledger_io.export_xlsx(setup, Entry.objects.filter(pk=legacy.pk), out)
    result = ledger_io.plan_import(setup, "e.xlsx", out.getvalue())
    assert result.ok and result.unchanged == 1
    other = Entry.objects.create(
        organization=setup, ledger_number="X-3", title="営業資料", category="sales"
    )
    result = ledger_io.plan_import(
        setup,
        "c.xlsx",
        _one_row(ledger_number=other.ledger_number, title="営業資料", category="他社から開示"),
    )
    assert [e.column for e in result.errors] == ["source_partner_name"]


def test_export_says_each_entrys_status_keeps_the_views_order_and_the_agreement(setup):
    Entry.objects.create(
        organization=setup,
        ledger_number="Y-1",
        title="受領仕様書",
        category="third_party",
        source_partner_name="甲社",
        source_agreement_ref="NDA-2026-014",
        status="approved",
    )
    Entry.objects.create(
        organization=setup, ledger_number="Y-2", title="提案中の項目", category="other"
    )
    out = io.BytesIO()
    ledger_io.export_xlsx(setup, Entry.objects.order_by("-ledger_number"), out)
    ws = openpyxl.load_workbook(io.BytesIO(out.getvalue()))["台帳"]
    header = [c.value for c in ws[1]]
    assert header == [*HEADER, "状況"] and "契約の参照" in header
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[0] for r in rows] == ["Y-2", "Y-1"]  # the view's order
    assert [r[-1] for r in rows] == ["提案中", "承認済み"]
    assert rows[1][header.index("契約の参照")] == "NDA-2026-014"
    # the status column is the reader's: the import ignores it, and the file comes back unchanged
    result = ledger_io.plan_import(setup, "e.xlsx", out.getvalue())
    assert result.ok and result.unchanged == 2


def test_the_summary_speaks_of_a_plan_before_and_a_result_after(setup):
    with translation.override("en"):
        plan = ledger_io.plan_import(setup, "g.xlsx", xlsx(GOOD))
        assert plan.summary() == "3 to create, 0 to update, 0 unchanged"
        done = ledger_io.apply_import(
            actor=None, organization=setup, filename="g.xlsx", data=xlsx(GOOD)
        )
        assert done.summary() == "3 created, 0 updated, 0 unchanged"
    assert done.summary() == "新規 3件、更新 0件、変更なし 0件"


def test_an_entry_imported_from_the_command_line_opens(setup, member_of, client, tmp_path):
    """The command line imports with no actor: the entry's classification history names the
    system, and the page opens (it was a 500: a look-up on a missing classifier)."""
    from conftest import login
    from kimitsu.organizations.choices import Role

    path = tmp_path / "ledger.xlsx"
    path.write_bytes(xlsx([GOOD[0]]))
    from django.core.management import call_command

    call_command("ledger", "import", "--org", setup.slug, str(path))
    entry = Entry.objects.get(ledger_number="A-001")
    assert entry.classifications.get().classified_by is None
    login(client, member_of(setup, Role.ADMIN).user)
    page = client.get(f"/o/{setup.slug}/register/entries/{entry.pk}/")
    assert page.status_code == 200 and "システム" in page.content.decode()
