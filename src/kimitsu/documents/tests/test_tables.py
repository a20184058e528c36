"""Uploaded tables are read within bounds, and what cannot be read is refused by name: too many
rows (the reading stops there), UTF-16 and ISO-2022-JP CSV, formulas Excel never calculated, zip
bombs, control characters in names. The three importers (register, desk, attendance) share it."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kimitsu.awareness import services as awareness
from kimitsu.desk import importer as desk_importer
from kimitsu.desk.models import Consultation
from kimitsu.documents import tables
from kimitsu.organizations.choices import Role
from kimitsu.register import ledger_io
from kimitsu.register import services as register
from kimitsu.register.models import Entry
from kimitsu.testing.workbooks import handmade_xlsx


@pytest.fixture(autouse=True)
def japanese():
    with translation.override("ja"):
        yield


@pytest.fixture
def five_rows(settings):
    settings.KIMITSU_MAX_IMPORT_ROWS = 5


def _csv(rows: int, header="番号,名前") -> bytes:
    return (header + "\n" + "".join(f"{n},名前{n}\n" for n in range(1, rows + 1))).encode()


def _workbook(rows: int, formula_at=None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["番号", "名前"])
    for n in range(1, rows + 1):
        ws.append([n, f"名前{n}"])
    if formula_at:
        ws[formula_at] = "=A2*2"  # openpyxl saves the formula, never its result
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- rows ---------------------------------------------------------------------------------


def test_the_limit_counts_rows_besides_the_header(five_rows):
    assert len(list(tables.read_csv(_csv(5)))) == 6
    with pytest.raises(tables.TableRefused) as refused:
        list(tables.read_csv(_csv(6)))
    assert str(refused.value) == str(tables.too_many_rows(5, 6))
    assert str(refused.value) == (
        "このファイルには 6 行あります。一度に取り込めるのは 5 行までです。ファイルを分割してください。"
    )


def test_blank_rows_do_not_count(five_rows):
    data = _csv(5) + b",\n\n,,\n" * 10
    assert len(list(tables.read_csv(data))) == 6


def test_reading_stops_at_the_first_row_past_the_limit(five_rows):
    read = []

    def rows():
        for n in range(1, 1_000_000):
            read.append(n)
            yield n, [n]

    with pytest.raises(tables.TableRefused):
        list(tables.bounded(rows()))
    assert len(read) == 7  # header, five rows, and the one that was too many


def test_the_message_says_how_many_rows_the_file_has_when_it_can(five_rows):
    with translation.override("en"):
        with pytest.raises(tables.TableRefused) as refused:
            list(tables.read_csv(_csv(1200)))
    assert str(refused.value).startswith("The file has 1,200 rows; at most 5 rows")


def test_an_xlsx_past_the_limit_is_refused_by_its_dimension(five_rows):
    zf = zipfile.ZipFile(io.BytesIO(_workbook(40)))
    _name, rows = next(tables.workbook_tables(zf))
    with translation.override("en"), pytest.raises(tables.TableRefused) as refused:
        list(rows)
    assert "40 rows" in str(refused.value)


# --- encodings ----------------------------------------------------------------------------

TEXT = "番号,名前\n1,山田\n2,佐藤\n3,鈴木\n"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (TEXT.encode("utf-16"), "UTF-16"),  # with its BOM, as Excel's “Unicode text” writes it
        (TEXT.encode("utf-16-le"), "UTF-16LE"),
        (TEXT.encode("utf-16-be"), "UTF-16BE"),
        (TEXT.encode("utf-32"), "UTF-32"),
        (TEXT.encode("iso-2022-jp"), "ISO-2022-JP"),
    ],
)
def test_an_encoding_kimitsu_does_not_read_is_named(data, name):
    with pytest.raises(tables.TableRefused) as refused:
        list(tables.read_csv(data))
    assert name in str(refused.value)
    assert "UTF-8、Shift_JIS（CP932）" in str(refused.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_the_supported_encodings_are_read(encoding):
    rows = list(tables.read_csv(TEXT.encode(encoding)))
    assert rows[1] == (2, ["1", "山田"])


# --- workbooks ----------------------------------------------------------------------------


def test_a_formula_without_its_result_names_its_cell():
    zf = zipfile.ZipFile(io.BytesIO(_workbook(3, formula_at="B3")))
    _name, rows = next(tables.workbook_tables(zf))
    with pytest.raises(tables.TableRefused) as refused:
        list(rows)
    assert "B3" in str(refused.value) and "Excel" in str(refused.value)


def test_a_formula_with_its_saved_result_is_read():
    zf = zipfile.ZipFile(
        io.BytesIO(
            handmade_xlsx(
                '<row r="1"><c r="A1" t="inlineStr"><is><t>番号</t></is></c></row>'
                '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c>'
                '<c r="B2" t="str"><f>""</f><v></v></c></row>'
            )
        )
    )
    _name, rows = next(tables.workbook_tables(zf))
    table = list(rows)
    assert table[1][0] == 2 and table[1][1][0] == 2


def _bomb(member_mb: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (member_mb * 1024 * 1024))
    return buf.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    data = _bomb(64)  # 64 MB of zeros in about 64 KB
    assert len(data) < 200_000
    with pytest.raises(tables.TableRefused) as refused:
        tables.check_unpacked(zipfile.ZipFile(io.BytesIO(data)), len(data))
    assert "64 MB" in str(refused.value)


def test_an_ordinary_workbook_is_not_a_bomb():
    data = _workbook(2000)
    tables.check_unpacked(zipfile.ZipFile(io.BytesIO(data)), len(data))


# --- cells --------------------------------------------------------------------------------


def test_control_characters_in_a_name_or_a_text():
    assert tables.cell_problem("設計図面\x07") is not None
    assert tables.cell_problem("一行目\n二行目") is not None  # a name is one line
    assert tables.cell_problem("一行目\n二行目\tタブ", multiline=True) is None
    assert tables.cell_problem("一行目\x1b[31m", multiline=True) is not None
    assert tables.cell_problem("普通の名前") is None


# --- the three importers ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_register_import_refuses_too_many_rows_and_writes_nothing(company, five_rows):
    register.levels_ensure_defaults(organization=company)
    header = ",".join(c.ja for c in ledger_io.COLUMNS)
    data = (header + "\n" + "".join(f",項目{n}\n" for n in range(6))).encode()
    result = ledger_io.apply_import(actor=None, organization=company, filename="a.csv", data=data)
    assert len(result.errors) == 1 and "5" in str(result.errors[0])
    assert "分割" in str(result.errors[0])
    assert not Entry.objects.filter(organization=company).exists()


@pytest.mark.django_db
def test_the_register_import_names_the_cell_with_a_control_character(company):
    register.levels_ensure_defaults(organization=company)
    header = ",".join(c.ja for c in ledger_io.COLUMNS)
    keys = [c.key for c in ledger_io.COLUMNS]
    cells = [""] * len(keys)
    cells[keys.index("title")] = "見積\x08原価"
    cells[keys.index("category")] = "その他"
    data = (header + "\n" + ",".join(cells) + "\n").encode()
    result = ledger_io.apply_import(actor=None, organization=company, filename="a.csv", data=data)
    assert [(e.row, e.column) for e in result.errors] == [(2, "title")]
    assert "制御文字（U+0008）" in str(result.errors[0])
    assert not Entry.objects.filter(organization=company).exists()


@pytest.mark.django_db
def test_the_desk_import_refuses_utf16_and_too_many_rows(desk, member_of, five_rows):
    admin = member_of(desk, Role.DESK_ADMIN)
    header = "受付日,受付方法,相談者名,属性,従業員数,業種,都道府県,相談内容,担当,概要\n"
    line = "2020/4/1,電話,株式会社あおば,中小企業,28,製造業,広島県,営業秘密管理,,\n"
    for data, expected in [
        ((header + line * 6).encode(), "5"),
        ((header + line).encode("utf-16"), "UTF-16"),
    ]:
        with pytest.raises(desk_importer.ImportFailed) as failed:
            desk_importer.run(
                kind="consultations",
                actor=admin.user,
                membership=admin,
                data=data,
                filename="c.csv",
            )
        assert expected in str(failed.value.errors[0])
    assert Consultation.objects.count() == 0


@pytest.mark.django_db
def test_the_attendance_import_refuses_too_many_rows(five_rows):
    with pytest.raises(ValidationError) as refused:
        awareness.read_csv_numbers("".join(f"{n}\n" for n in range(1, 8)).encode())
    assert "5" in refused.value.messages[0]
    assert len(awareness.read_csv_numbers(b"employee_number\n1\n2\n3\n4\n5\n")) == 5


@pytest.mark.django_db
def test_the_importers_refuse_a_zip_bomb_before_unpacking_it(company, desk, member_of):
    data = _bomb(64)
    result = ledger_io.apply_import(actor=None, organization=company, filename="b.xlsx", data=data)
    assert len(result.errors) == 1 and "64 MB" in str(result.errors[0])
    admin = member_of(desk, Role.DESK_ADMIN)
    with pytest.raises(desk_importer.ImportFailed) as failed:
        desk_importer.run(
            kind="seminars", actor=admin.user, membership=admin, data=data, filename="b.xlsx"
        )
    assert "64 MB" in str(failed.value.errors[0])
