"""Import of consultations and seminars: all rows validated first, every error reported by row
and column, nothing written on any error."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from kimitsu.audit.models import AuditEvent
from kimitsu.desk import importer
from kimitsu.desk.models import Client, Consultation, ConsultationSubject, Seminar
from kimitsu.testing.workbooks import handmade_xlsx

HEADER = "受付日,受付方法,相談者名,属性,従業員数,業種,都道府県,相談内容,担当,概要\n"
GOOD = (
    HEADER + "2020/4/1,電話,株式会社あおば,中小企業,28,製造業,広島県,営業秘密管理、漏えい・流出,"
    "担当一郎,秘密情報の洗い出しの進め方\n"
    + "2021/3/31 15:30,オンライン,株式会社あおば,中小企業,28,E,広島,知財戦略,,\n"
    + "令和2年5月8日,Webフォーム,みどり大学,大学・研究機関,１２０,O,京都府,知財制度一般,,\n"
)


def _run(membership, text, kind="consultations", encoding="utf-8", name="x.csv"):
    return importer.run(
        kind=kind,
        actor=membership.user,
        membership=membership,
        data=text.encode(encoding),
        filename=name,
    )


@pytest.mark.django_db
def test_good_csv_in_cp932(desk_admin):
    desk_admin.user.display_name = "担当 一郎"
    desk_admin.user.save()
    result = _run(desk_admin, GOOD, encoding="cp932")
    assert result == {"consultations": 3, "clients_created": 2}
    c1, c3, c2 = Consultation.objects.order_by("received_at")
    assert (c1.fiscal_year, c2.fiscal_year, c3.fiscal_year) == (2020, 2020, 2020)
    assert c1.channel == "phone" and c1.prefecture == "34" and c1.employee_count == 28
    assert sorted(c1.subject_rows.values_list("subject", flat=True)) == ["leak", "management"]
    assert list(c1.advisors.all()) == [desk_admin.user]
    assert c3.employee_count == 120 and c3.prefecture == "26" and c3.attribute == "academic"
    assert timezone.localtime(c2.received_at).hour == 15 and c2.channel == "online"
    assert Client.objects.filter(organization=desk_admin.organization).count() == 2
    event = AuditEvent.objects.get(event_type="consultation.imported")
    assert event.after["count"] == 3


@pytest.mark.django_db
def test_good_xlsx(desk_admin):
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["開催日", "名称", "種別", "形式", "参加者数"])
    ws.append(
        [
            dt.datetime(2020, 11, 16),
            "知財活用支援セミナー",
            "知財活用支援セミナー",
            "オンライン",
            70,
        ]
    )
    ws.append([dt.date(2021, 2, 16), "初中級", "営業秘密・知財戦略セミナー(初中級)", "対面", 44])
    buf = io.BytesIO()
    wb.save(buf)
    result = importer.run(
        kind="seminars",
        actor=desk_admin.user,
        membership=desk_admin,
        data=buf.getvalue(),
        filename="seminars.xlsx",
    )
    assert result == {"seminars": 2}
    kinds = list(
        Seminar.objects.order_by("held_on").values_list(
            "kind", "online", "participants", "fiscal_year"
        )
    )
    assert kinds == [("ip_utilization", True, 70, 2020), ("beginner_intermediate", False, 44, 2020)]


@pytest.mark.django_db
def test_every_error_by_row_and_column_and_nothing_written(desk_admin):
    bad = (
        HEADER
        + "2020/4/1,電話,株式会社あおば,中小企業,28,製造業,広島県,営業秘密管理,,\n"  # fine
        + "2020/13/1,伝書鳩,,謎,多い,Z,火星,占い、営業秘密管理,,\n"
        + ",電話,株式会社いろは,中小企業,10,E,東京都,,,\n"
    )
    before = (Consultation.objects.count(), Client.objects.count(), AuditEvent.objects.count())
    with translation.override("en"):
        with pytest.raises(importer.ImportFailed) as caught:
            _run(desk_admin, bad)
        messages = [str(e) for e in caught.value.errors]
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {
        (3, "受付日"),
        (3, "受付方法"),
        (3, "相談者名"),
        (3, "属性"),
        (3, "従業員数"),
        (3, "業種"),
        (3, "都道府県"),
        (3, "相談内容"),
        (4, "受付日"),
        (4, "相談内容"),
    }
    assert "Row 3, column 受付方法: 伝書鳩 is not a known value." in messages
    assert (
        Consultation.objects.count(),
        Client.objects.count(),
        AuditEvent.objects.count(),
    ) == before
    assert ConsultationSubject.objects.count() == 0


@pytest.mark.django_db
def test_errors_in_japanese(desk_admin):
    with translation.override("ja"), pytest.raises(importer.ImportFailed) as caught:
        _run(desk_admin, HEADER + "2020/4/1,伝書鳩,A社,,,,,契約,,\n")
    assert str(caught.value.errors[0]).startswith("2行目、受付方法列")


@pytest.mark.django_db
def test_missing_column_is_reported(desk_admin):
    with pytest.raises(importer.ImportFailed) as caught:
        _run(desk_admin, "受付日,相談者名\n2020/4/1,A社\n")
    assert {(e.row, e.column) for e in caught.value.errors} == {(1, "受付方法"), (1, "相談内容")}


@pytest.mark.django_db
def test_seminar_errors(desk_admin):
    text = "開催日,名称,種別,形式,参加者数\n2020/6/1,,講演会,ハイブリッド,-3\n"
    with pytest.raises(importer.ImportFailed) as caught:
        _run(desk_admin, text, kind="seminars")
    assert {(e.row, e.column) for e in caught.value.errors} == {
        (2, "名称"),
        (2, "種別"),
        (2, "形式"),
        (2, "参加者数"),
    }
    assert Seminar.objects.count() == 0


@pytest.mark.django_db
def test_command_import(desk_admin, tmp_path):
    def desk_import(path, *options):
        out, err = io.StringIO(), io.StringIO()
        command = ["desk", *options, "import", "--desk", desk_admin.organization.slug]
        command += ["--kind", "consultations", str(path)]
        try:
            call_command(*command, stdout=out, stderr=err)
        except CommandError as exc:
            return out.getvalue(), err.getvalue(), str(exc)
        return out.getvalue(), err.getvalue(), None

    good = tmp_path / "c.csv"
    good.write_bytes(GOOD.encode("utf-8-sig"))
    out, _err, failure = desk_import(good)
    assert failure is None and '"consultations": 3' in out
    bad = tmp_path / "bad.csv"
    bad.write_bytes((HEADER + "x,電話,A社,,,,,契約,,\n").encode())
    # one language for the whole run: Japanese by default, English when asked
    _out, errors, failure = desk_import(bad)
    assert "受付日" in errors and failure == "1件の誤りがあるため、何も取り込んでいません。"
    _out, errors, failure = desk_import(bad, "--language", "en")
    assert errors.startswith("Row 2") and failure == "1 error; nothing was imported."
    assert Consultation.objects.count() == 3


@pytest.mark.django_db
def test_import_page_lists_errors(desk_admin, login_client, desk, member_of):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kimitsu.organizations.choices import Role

    client = login_client(desk_admin.user)
    url = f"/o/{desk_admin.organization.slug}/desk/import/"
    upload = SimpleUploadedFile("c.csv", (HEADER + "x,電話,A社,,,,,契約,,\n").encode())
    response = client.post(url, {"kind": "consultations", "file": upload}, follow=True)
    body = response.content.decode()
    assert 'id="import-errors"' in body and "2行目" in body
    job_url = response.redirect_chain[-1][0]
    # the job is its starter's own
    other = login_client(member_of(desk, Role.DESK_ADMIN).user)
    assert other.get(job_url).status_code == 302
    upload = SimpleUploadedFile("c.csv", GOOD.encode())
    response = client.post(url, {"kind": "consultations", "file": upload})
    assert response.status_code == 302 and Consultation.objects.count() == 3
    assert "3行を取り込みました" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db(transaction=True)
def test_import_runs_in_the_background_with_progress(desk_admin, login_client, real_queue):
    import time

    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login_client(desk_admin.user)
    body = HEADER + "".join(
        f"2020/4/{i % 28 + 1},電話,株式会社{i % 50},中小企業,28,製造業,広島県,営業秘密管理,,\n"
        for i in range(3000)
    )
    response = client.post(
        f"/o/{desk_admin.organization.slug}/desk/import/",
        {"kind": "consultations", "file": SimpleUploadedFile("c.csv", body.encode())},
    )
    import_url = f"/o/{desk_admin.organization.slug}/desk/import/"
    job_url = response["Location"]
    if job_url != import_url:  # unless the thread won the race against the response
        assert job_url.startswith(import_url)
        for _ in range(300):
            status = client.get(job_url + "status/")
            if status.status_code != 200:
                break
            assert 'id="job-progress"' in status.content.decode()
            time.sleep(0.1)
        assert status.status_code == 204
        assert status["HX-Redirect"] == import_url
    assert Consultation.objects.count() == 3000


@pytest.mark.django_db
def test_xlsx_reader_skips_furigana_and_reads_serial_dates(desk_admin):
    from kimitsu.documents import xlsx

    headers = ["開催日", "名称", "種別", "形式", "参加者数"]
    shared = "".join(f"<si><t>{h}</t></si>" for h in headers)
    # 4: a rich-text title with a phonetic guide; 5: kind; 6: format
    shared += (
        '<si><r><t>営業秘密</t></r><r><t>入門</t></r><rPh sb="0" eb="4">'
        "<t>エイギョウヒミツ</t></rPh></si><si><t>初級</t></si><si><t>対面</t></si>"
    )
    header_row = "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCDE"))
    # 44151 is 2020-11-16 as an Excel serial date; column D is left empty on purpose in row 3
    rows = (
        f'<row r="1">{header_row}</row>'
        '<row r="2"><c r="A2"><v>44151</v></c><c r="B2" t="s"><v>5</v></c>'
        '<c r="C2" t="s"><v>6</v></c><c r="D2" t="inlineStr"><is><t>オンライン</t></is></c>'
        '<c r="E2"><v>42</v></c></row>'
        '<row r="3"><c r="A3"><v>44152.5</v></c><c r="B3" t="s"><v>5</v></c>'
        '<c r="C3" t="s"><v>6</v></c><c r="E3"><v>7</v></c></row>'
    )
    data = handmade_xlsx(rows, shared)
    parsed = xlsx.first_sheet_rows(data)
    assert parsed[1] == (2, [44151, "営業秘密入門", "初級", "オンライン", 42])
    assert parsed[2] == (3, [44152.5, "営業秘密入門", "初級", None, 7])
    with pytest.raises(importer.ImportFailed) as caught:
        importer.run(
            kind="seminars",
            actor=desk_admin.user,
            membership=desk_admin,
            data=data,
            filename="s.xlsx",
        )
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, "形式")]
    fixed = handmade_xlsx(
        rows.replace('<c r="E3">', '<c r="D3" t="s"><v>7</v></c><c r="E3">'),
        shared + "<si><t>対面</t></si>",
    )
    assert importer.run(
        kind="seminars", actor=desk_admin.user, membership=desk_admin, data=fixed, filename="s.xlsx"
    ) == {"seminars": 2}
    assert list(Seminar.objects.order_by("held_on").values_list("held_on", "online")) == [
        (dt.date(2020, 11, 16), True),
        (dt.date(2020, 11, 17), False),
    ]


@pytest.mark.django_db
def test_broken_xlsx_is_reported(desk_admin):
    with pytest.raises(importer.ImportFailed) as caught:
        importer.run(
            kind="seminars",
            actor=desk_admin.user,
            membership=desk_admin,
            data=b"not a zip",
            filename="s.xlsx",
        )
    assert caught.value.errors[0].row == 0
