"""The register in a real browser: an employee proposes, a manager approves, an administrator
imports a file with errors, reads the messages, then imports a good file."""

import io

import openpyxl
import pytest

from kimitsu.organizations.choices import Role
from kimitsu.register import services
from kimitsu.register.choices import Status
from kimitsu.register.models import Entry
from kimitsu.testing.browser import log_in
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台帳"
    ws.append(
        [
            "管理番号",
            "名称",
            "区分",
            "管理部署",
            "管理責任者",
            "格付け",
            "格付け理由",
            "次回見直し日",
        ]
    )
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_propose_approve_and_import(page, company, member_of, real_queue):
    # the import as in production: a worker of the task queue, followed by the page through HTMX
    services.levels_ensure_defaults(organization=company)
    eng = DepartmentFactory(organization=company, name="設計部")
    worker = PersonFactory(
        organization=company,
        department=eng,
        employee_number="1204",
        family_name="鈴木",
        given_name="美咲",
    )
    employee = member_of(company, Role.MEMBER, person=worker)
    manager = member_of(company, Role.MANAGER, department=eng)
    admin = member_of(company, Role.ADMIN)
    base = page.base_url
    register = f"{base}/o/{company.slug}/register/"

    # an employee proposes
    log_in(page, base, employee.user, two_factor=False)
    page.goto(register + "entries/")
    page.click("#propose-entry")
    page.fill("input[name=title]", "BIMモデルの作成ルール")
    page.select_option("select[name=category]", "technical")
    page.check("input[name=media][value=electronic]")
    page.fill("textarea[name=storage_locations]", "\\\\fs01\\設計部\\BIM")
    page.click("#entry-submit")
    page.wait_for_url("**/entries/*/")
    assert "提案しました" in page.inner_text(".alert-success")
    entry = Entry.objects.get(title="BIMモデルの作成ルール")
    assert entry.status == Status.PROPOSED and entry.owning_department == eng
    assert page.locator("#decide-entry").count() == 0

    # a manager of the department approves with a level and a reason
    page.context.clear_cookies()
    log_in(page, base, manager.user, two_factor=False)
    page.goto(register + f"entries/{entry.pk}/")
    page.click("#decide-entry")
    page.check("input[name=action][value=approve]")
    page.select_option("select[name=level]", label="秘")
    page.fill("textarea[name=reason]", "設計品質の差になるノウハウ")
    page.click("#decide-submit")
    page.wait_for_url(f"**/entries/{entry.pk}/")
    assert "承認しました" in page.inner_text(".alert-success")
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED and entry.level.name == "秘"

    # an administrator imports a file with errors: every message names row and column
    page.context.clear_cookies()
    log_in(page, base, admin.user)
    page.goto(register + "import/")
    bad = _xlsx(
        [
            ["A-1", "製品図面", "技術・製造", "設計部", "1204", "極秘密", "理由", "令和8年4月1日"],
            ["A-2", "見積原価", "営業", "開発部", "9999", "秘", "理由", "来年"],
        ]
    )
    page.set_input_files(
        "input[name=file]", files=[{"name": "台帳.xlsx", "mimeType": XLSX, "buffer": bad}]
    )
    page.click("#import-submit")
    errors = page.inner_text("#import-errors")
    assert "何も登録していません" in errors
    assert "2行目「格付け」: 「極秘密」は登録されていない格付けです。" in errors
    assert "3行目「管理部署」: 「開発部」は登録されていない部署です。" in errors
    assert "3行目「管理責任者」: 社員番号「9999」の人はいません。" in errors
    assert "3行目「次回見直し日」" in errors
    assert not Entry.objects.filter(ledger_number__in=["A-1", "A-2"]).exists()

    # then a good file: preview, confirm
    good = _xlsx(
        [
            [
                "A-1",
                "製品図面",
                "技術・製造",
                "設計部",
                "１２０４",
                "極秘",
                "主力製品",
                "令和8年4月1日",
            ],
            ["A-2", "見積原価", "営業", "設計部", "", "秘", "価格交渉の根拠", ""],
            [None] * 8,
        ]
    )
    page.set_input_files(
        "input[name=file]", files=[{"name": "台帳.xlsx", "mimeType": XLSX, "buffer": good}]
    )
    page.click("#import-submit")
    assert "新規 2件、更新 0件、変更なし 0件" in page.inner_text("#import-summary")
    assert not Entry.objects.filter(ledger_number="A-1").exists()
    page.click("#import-confirm")
    page.wait_for_url("**/register/entries/")
    assert "取り込みました" in page.inner_text(".alert-success")
    assert Entry.objects.get(ledger_number="A-1").custodian == worker
    page.fill("input[name=q]", "原価")
    page.click("#filter-submit")
    rows = page.locator("#entries tbody tr")
    assert rows.count() == 1 and "A-2" in rows.first.inner_text()
