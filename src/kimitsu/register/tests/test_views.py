"""Pages and API: what each role sees, the workflow through the pages, bounded query counts."""

import io

import openpyxl
import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.choices import Role
from kimitsu.register import import_jobs, services
from kimitsu.register.choices import Status
from kimitsu.register.models import DepartmentGrant, Entry, Level
from kimitsu.register.steps import step4_status, step5_status
from kimitsu.testing.factories import DepartmentFactory, PersonFactory
from kimitsu.testing.jobs import job_in_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(company, member_of):
    services.levels_ensure_defaults(organization=company)
    levels = {lv.code: lv for lv in Level.objects.filter(organization=company)}
    eng = DepartmentFactory(organization=company, name="設計部")
    sales = DepartmentFactory(organization=company, name="営業部")
    worker = PersonFactory(organization=company, department=eng, employee_number="1204")
    return {
        "levels": levels,
        "eng": eng,
        "sales": sales,
        "worker": worker,
        "admin": member_of(company, Role.ADMIN),
        "admin2": member_of(company, Role.ADMIN),
        "manager": member_of(company, Role.MANAGER, department=eng),
        "member": member_of(company, Role.MEMBER, person=worker),
        "advisor": member_of(company, Role.ADVISOR),
        "auditor": member_of(company, Role.AUDITOR),
    }


def _entry(company, ledger_number, title, **kw):
    """One entry, approved and 技術・製造 unless said otherwise."""
    kw.setdefault("category", "technical")
    kw.setdefault("status", Status.APPROVED)
    return Entry.objects.create(
        organization=company, ledger_number=ledger_number, title=title, **kw
    )


def _entries(company, n, level, dept, start=0, **kw):
    objs = [
        Entry(
            organization=company,
            ledger_number=f"V-{start + i:05d}",
            title=f"製品図面 {start + i}",
            category="technical",
            status=Status.APPROVED,
            level=level,
            owning_department=dept,
            **kw,
        )
        for i in range(n)
    ]
    for e in objs:
        e.search_text = e.build_search_text()
    Entry.objects.bulk_create(objs)


def _url(company, name, **kw):
    return reverse(f"register:{name}", kwargs={"org_slug": company.slug, **kw})


def test_list_query_count_does_not_grow_with_rows(
    company, world, login_client, django_assert_max_num_queries
):
    lv = world["levels"]
    secret = _entries(company, 5, lv["secret"], world["sales"])
    del secret
    for role in ("admin", "member", "manager"):
        client = login_client(world[role].user)
        url = _url(company, "entries") + "?q=図面&sort=level"
        client.get(url)  # warm caches (session, permissions)
        with django_assert_max_num_queries(30) as small:
            response = client.get(url)
        assert response.status_code == 200
        _entries(company, 120, lv["internal"], world["eng"], start=1000 + len(role) * 200)
        with django_assert_max_num_queries(len(small.captured_queries)):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["page"].object_list) == 50


def test_need_to_know_on_the_list_and_detail(company, world, login_client):
    lv = world["levels"]
    top = _entry(
        company,
        "S-1",
        "積算単価表",
        category="sales",
        status=Status.APPROVED,
        level=lv["top_secret"],
        owning_department=world["sales"],
    )
    open_ = _entry(
        company,
        "S-2",
        "品質基準",
        category="technical",
        status=Status.APPROVED,
        level=lv["internal"],
        owning_department=world["sales"],
    )
    member = login_client(world["member"].user)
    body = member.get(_url(company, "entries")).content.decode()
    assert "品質基準" in body and "積算単価表" not in body
    assert 'id="entry-count">1件<' in body  # the count is of what the person may see
    assert member.get(_url(company, "entry_detail", pk=top.pk)).status_code == 404
    assert member.get(_url(company, "entry_detail", pk=open_.pk)).status_code == 200
    DepartmentGrant.objects.create(organization=company, entry=top, department=world["eng"])
    assert member.get(_url(company, "entry_detail", pk=top.pk)).status_code == 200
    assert (
        AuditEvent.objects.filter(event_type="register_entry.viewed", object_id=str(top.pk)).count()
        == 1
    )
    # the auditor follows need-to-know too; an external advisor sees counts only
    auditor = login_client(world["auditor"].user)
    body = auditor.get(_url(company, "entries")).content.decode()
    assert "積算単価表" not in body and 'id="entry-count">1件<' in body
    assert auditor.get(_url(company, "entry_detail", pk=top.pk)).status_code == 404
    advisor = login_client(world["advisor"].user)
    assert advisor.get(_url(company, "entries")).status_code == 403
    overview = advisor.get(_url(company, "overview")).content.decode()
    assert "積算単価表" not in overview and 'id="count-approved">2<' in overview
    # counts are the company's: the page says so to whoever does not see every entry
    assert "このページの件数は会社全体の集計で" in overview
    assert (
        'id="counts-scope"'
        not in login_client(world["admin"].user).get(_url(company, "overview")).content.decode()
    )


def test_propose_return_resubmit_approve_through_pages(company, world, login_client):
    member = login_client(world["member"].user)
    response = member.post(
        _url(company, "entry_create"),
        {
            "title": "BIMモデルの作成ルール",
            "category": "technical",
            "media": ["electronic"],
            "storage_locations": "\\\\fs01\\設計部\\BIM",
            "owning_department": world["eng"].pk,
            "custodian": world["worker"].pk,
        },
    )
    entry = Entry.objects.get(title="BIMモデルの作成ルール")
    assert response.status_code == 302 and entry.status == Status.PROPOSED
    assert member.get(_url(company, "entry_decide", pk=entry.pk)).status_code == 403
    manager = login_client(world["manager"].user)
    response = manager.post(
        _url(company, "entry_decide", pk=entry.pk), {"action": "return", "comment": ""}
    )
    assert (
        response.status_code == 200
        and "提案者へのコメントを書いてください" in response.content.decode()
    )
    manager.post(
        _url(company, "entry_decide", pk=entry.pk),
        {"action": "return", "comment": "保管場所を具体的に"},
    )
    entry.refresh_from_db()
    assert entry.status == Status.RETURNED
    member.post(
        _url(company, "entry_edit", pk=entry.pk),
        {
            "title": "BIMモデルの作成ルール",
            "category": "technical",
            "media": ["electronic"],
            "storage_locations": "\\\\fs01\\設計部\\BIM\\ルール",
            "owning_department": world["eng"].pk,
        },
    )
    entry.refresh_from_db()
    assert entry.status == Status.PROPOSED
    # the resubmitted proposal awaits a decision: the date of the return is not shown as one
    detail = manager.get(_url(company, "entry_detail", pk=entry.pk)).content.decode()
    assert entry.decided_at is None and "判断日" not in detail
    response = manager.post(
        _url(company, "entry_decide", pk=entry.pk),
        {
            "action": "approve",
            "level": world["levels"]["secret"].pk,
            "reason": "設計品質の差になる",
        },
    )
    entry.refresh_from_db()
    assert response.status_code == 302 and entry.status == Status.APPROVED
    assert entry.level.code == "secret" and entry.next_review_on
    # lowering through the page needs its own reason
    response = manager.post(
        _url(company, "entry_classify", pk=entry.pk),
        {"level": world["levels"]["internal"].pk, "reason": "社内共有へ"},
    )
    assert "格付けを下げるには" in response.content.decode()


def test_level_crud_by_admin_only(company, world, login_client):
    admin = login_client(world["admin"].user)
    response = admin.post(
        _url(company, "level_create"),
        {
            "name": "関係者限り",
            "code": "restricted",
            "rank": 35,
            "color": "#123456",
            "marking_text": "関係者限り",
            "review_months": 9,
            "is_secret": "on",
            "need_to_know": "on",
            "suggest_from_score": 4,
        },
    )
    assert response.status_code == 302
    level = Level.objects.get(organization=company, code="restricted")
    assert level.review_months == 9 and level.need_to_know
    manager = login_client(world["manager"].user)
    assert manager.post(_url(company, "level_edit", pk=level.pk), {"name": "x"}).status_code == 403
    admin.post(_url(company, "level_edit", pk=level.pk), {"delete": "1"})
    assert not Level.objects.filter(pk=level.pk).exists()
    assert AuditEvent.objects.filter(event_type="register_level.deleted").count() == 1


def _ledger_file(*rows, name="ledger.xlsx"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台帳"
    ws.append(["管理番号", "名称", "区分", "格付け", "格付け理由"])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = name
    return buf


def test_import_preview_then_confirm(company, world, login_client):
    admin = login_client(world["admin"].user)
    response = admin.post(
        _url(company, "import"),
        {"file": _ledger_file(["N-1", "製品図面", "技術・製造", "秘", "競争力"])},
    )
    assert response.status_code == 302
    job_url = response["Location"]
    body = admin.get(job_url).content.decode()
    assert "新規 1件、更新 0件、変更なし 0件" in body and 'id="import-confirm"' in body
    assert not Entry.objects.filter(ledger_number="N-1").exists()
    # the job is the uploader's own: another administrator of the company does not see it
    other = login_client(world["admin2"].user)
    assert other.get(job_url).status_code == 302
    assert other.post(job_url).status_code == 302
    assert not Entry.objects.filter(ledger_number="N-1").exists()
    response = admin.post(job_url)
    assert response.status_code == 302 and response["Location"] == _url(company, "entries")
    assert "取り込みました" in admin.get(response["Location"]).content.decode()
    assert Entry.objects.get(ledger_number="N-1").level.name == "秘"
    # a replayed confirmation does nothing
    response = admin.post(job_url, follow=True)
    assert "取り込み済み" in response.content.decode()
    assert Entry.objects.filter(ledger_number="N-1").count() == 1
    # the result was announced once: a page still polling reloads to show it in place
    status = admin.get(job_url + "status/")
    assert status.status_code == 204 and status["HX-Refresh"] == "true"


def test_preview_warns_of_rows_that_would_be_registered_unclassified(company, world, login_client):
    admin = login_client(world["admin"].user)
    response = admin.post(
        _url(company, "import"),
        {
            "file": _ledger_file(
                ["U-1", "製品図面", "技術・製造", "秘", "競争力"],
                ["U-2", "会議メモ", "経営", "", ""],
            )
        },
        follow=True,
    )
    body = response.content.decode()
    assert 'id="import-unclassified"' in body
    assert "新規のうち1件は格付けが空欄のため、未格付けとして登録されます。" in body
    # each row to create shows the level it will get
    assert "<td>製品図面</td><td>秘</td>" in body
    assert '<td>会議メモ</td><td><span class="text-warning-emphasis">未格付け</span>' in body
    # once imported, the register opens on the entries that still need a level
    response = admin.post(response.request["PATH_INFO"], follow=True)
    assert response.redirect_chain[-1][0] == _url(company, "entries") + "?level=none"
    body = response.content.decode()
    assert "取り込んだ項目のうち1件は、まだ格付けされていません。" in body
    assert "U-2" in body and "U-1" not in body
    response = admin.post(
        _url(company, "import"),
        {"file": _ledger_file(["U-1", "製品図面", "技術・製造", "秘", "競争力"])},
        follow=True,
    )
    assert 'id="import-unclassified"' not in response.content.decode()


def test_import_with_errors_shows_them_on_the_job_page(company, world, login_client):
    admin = login_client(world["admin"].user)
    response = admin.post(
        _url(company, "import"),
        {"file": _ledger_file(["N-1", "製品図面", "技術・製造", "極秘密", "理由"])},
        follow=True,
    )
    body = response.content.decode()
    assert "2行目「格付け」: 「極秘密」は登録されていない格付けです。" in body
    assert 'id="import-confirm"' not in body
    assert not Entry.objects.filter(ledger_number="N-1").exists()


@pytest.mark.django_db(transaction=True)
def test_import_runs_in_the_background_with_progress(company, world, login_client, real_queue):
    """The real thing: a worker checks, then imports, while the page polls its status."""
    import time

    admin = login_client(world["admin"].user)
    rows = [[f"B-{i}", f"製品図面{i}", "技術・製造", "秘", "理由"] for i in range(1, 2501)]
    response = admin.post(_url(company, "import"), {"file": _ledger_file(*rows)})
    job_url = response["Location"]

    def wait_until_done():
        seen = []
        for _ in range(300):
            status = admin.get(job_url + "status/")
            if status.status_code != 200:
                return status, seen
            seen.append(status.content.decode())
            time.sleep(0.1)
        raise AssertionError("the import did not finish")

    status, _seen = wait_until_done()
    assert status["HX-Refresh"] == "true"
    assert "新規 2,500件、更新 0件、変更なし 0件" in admin.get(job_url).content.decode()
    response = admin.post(job_url)
    assert response.status_code == 302
    if response["Location"] == job_url:  # still running: the page polls until it is done
        status, _seen = wait_until_done()
        assert status["HX-Redirect"] == _url(company, "entries")
    else:  # the thread won the race against the response
        assert response["Location"] == _url(company, "entries")
    assert (
        Entry.objects.filter(organization=company, ledger_number__startswith="B-").count() == 2500
    )
    # the thread wrote its audit events with the request's context (IP address, request id)
    done = AuditEvent.objects.get(event_type="register_import.completed")
    assert done.ip_address == "127.0.0.1" and done.request_id


def test_the_progress_card_while_a_job_runs(company, world, login_client):
    admin = world["admin"]
    state = job_in_state(
        import_jobs.KIND,
        organization=company,
        user=admin.user,
        stage=import_jobs.CHECKING,
        filename="台帳.xlsx",
        running=True,
        step="checking",
        done=40_000,
        total=100_000,
    )
    url = _url(company, "import_status", token=state["token"])
    body = login_client(admin.user).get(url).content.decode()
    assert 'id="job-progress"' in body and 'hx-get="' + url + '"' in body
    assert "行を確認しています：100,000行中 40,000行" in body and "40%" in body


def test_an_import_that_ends_before_its_page_loads_still_moves_on(company, world, login_client):
    """The thread may finish before the browser follows the confirmation's redirect: the job's
    page then goes to the register with the result, as polling would have, and only once."""
    admin = world["admin"]
    state = job_in_state(
        import_jobs.KIND,
        organization=company,
        user=admin.user,
        stage=import_jobs.APPLIED,
        filename="台帳.xlsx",
        summary="新規 2件、更新 0件、変更なし 0件",
    )
    client = login_client(admin.user)
    job_url = _url(company, "import_job", token=state["token"])
    response = client.get(job_url, follow=True)
    assert response.redirect_chain == [(_url(company, "entries"), 302)]
    assert "取り込みました（新規 2件" in response.content.decode()
    # going back to the job's page shows the outcome in place, without announcing it again
    again = client.get(job_url)
    assert again.status_code == 200 and 'id="import-done"' in again.content.decode()
    status = client.get(_url(company, "import_status", token=state["token"]))
    assert status.status_code == 204 and status["HX-Refresh"] == "true"


def test_a_job_is_confirmed_once_even_by_two_requests_at_once(company, world):
    """Two confirmations that both read the job before either acts: one import, not two."""
    admin = world["admin"]
    rows = [[f"D-{i}", f"図面{i}", "技術・製造", "", ""] for i in range(1, 4)]
    rows.append(["", "採番される図面", "技術・製造", "", ""])
    token = import_jobs.start_check(
        organization=company, user=admin.user, filename="d.xlsx", data=_ledger_file(*rows).read()
    )
    first = import_jobs.load(token, organization=company, user=admin.user)
    second = import_jobs.load(token, organization=company, user=admin.user)
    assert import_jobs.start_apply(first, organization=company, user=admin.user)
    assert not import_jobs.start_apply(second, organization=company, user=admin.user)
    assert Entry.objects.filter(organization=company).count() == 4


def test_export_and_template_downloads(company, world, login_client):
    _entries(company, 3, world["levels"]["internal"], world["eng"])
    admin = login_client(world["admin"].user)
    response = admin.get(_url(company, "export") + "?format=xlsx&q=図面")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb["台帳"].max_row == 4
    response = admin.get(_url(company, "export") + "?format=csv")
    assert response.content.startswith("\ufeff管理番号".encode())
    response = admin.get(_url(company, "export") + "?format=csv&encoding=cp932")
    assert response.content.decode("cp932").startswith("管理番号,名称")
    assert AuditEvent.objects.filter(event_type="register_export.downloaded").count() == 3
    response = admin.get(_url(company, "template"))
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == ["説明", "台帳"]


def test_person_access_page(company, world, login_client):
    lv = world["levels"]
    e = _entry(
        company,
        "P-1",
        "設計基準",
        category="technical",
        status=Status.APPROVED,
        level=lv["secret"],
        owning_department=world["eng"],
    )
    DepartmentGrant.objects.create(organization=company, entry=e, department=world["eng"])
    admin = login_client(world["admin"].user)
    body = admin.get(_url(company, "person_access", pk=world["worker"].pk)).content.decode()
    assert "P-1" in body and "設計部" in body


def test_api_propose_list_and_counts(company, world):
    from django.test import Client

    def api(m):
        token, _ = Token.objects.get_or_create(user=m.user)
        return Client(HTTP_AUTHORIZATION=f"Token {token.key}")

    base = f"/api/v1/o/{company.slug}/register/"
    member = api(world["member"])
    response = member.post(
        base + "entries/",
        {
            "title": "試験データ",
            "category": "technical",
            "media": ["electronic"],
            "owning_department": world["eng"].pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    manager = api(world["manager"])
    response = manager.post(
        base + f"entries/{pk}/decide/",
        {"action": "approve", "level": world["levels"]["top_secret"].pk, "reason": "開発の中核"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["level_name"] == "極秘"
    counts = api(world["advisor"]).get(base + "counts/").json()
    assert counts["approved"] == 1 and counts["by_level"]["極秘"] == 1
    assert api(world["advisor"]).get(base + "entries/").status_code == 403
    listed = api(world["admin"]).get(base + "entries/?q=試験").json()
    assert listed["count"] == 1 if isinstance(listed, dict) else len(listed) == 1
    assert counts["by_level_and_category"] == [
        {"level": "極秘", "category": "technical", "count": 1}
    ]
    assert counts["by_department"] == [{"department": "設計部", "count": 1}]
    # levels: changed and deleted by an administrator only; a level in use stays
    admin = api(world["admin"])
    internal = world["levels"]["internal"]
    response = admin.patch(
        base + f"levels/{internal.pk}/", {"review_months": 36}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["review_months"] == 36
    assert (
        manager.patch(
            base + f"levels/{internal.pk}/", {}, content_type="application/json"
        ).status_code
        == 403
    )
    top = world["levels"]["top_secret"]
    assert admin.delete(base + f"levels/{top.pk}/").status_code == 400
    assert admin.delete(base + f"levels/{internal.pk}/").status_code == 204
    assert not Level.objects.filter(pk=internal.pk).exists()
    assert AuditEvent.objects.filter(event_type="register_level.updated").count() == 1
    numbering = admin.get(base + "settings/").json()
    assert numbering["number_prefix"] == "KM-" and numbering["next_number"].startswith("KM-")
    response = admin.patch(
        base + "settings/",
        {"number_prefix": "秘-", "number_digits": 4},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["next_number"].startswith("秘-")
    assert len(response.json()["next_number"]) == len("秘-") + 4
    response = admin.patch(
        base + "settings/", {"number_digits": 40}, content_type="application/json"
    )
    assert response.status_code == 400 and "number_digits" in response.json()
    assert manager.get(base + "settings/").status_code == 403
    assert AuditEvent.objects.filter(event_type="register_settings.updated").count() == 1
    template = admin.get(base + "template/")
    assert template.status_code == 200 and template.content[:2] == b"PK"
    assert manager.get(base + "template/").status_code == 403


def test_steps_follow_the_data(company, world):
    assert step4_status(company)["status"] == "not_started"
    assert step5_status(company)["status"] == "not_started"
    admin = world["admin"]
    entry = services.entry_propose(
        actor=admin.user,
        membership=admin,
        data={
            "title": "顧客名簿",
            "category": "sales",
            "owning_department": world["sales"],
            "custodian": world["worker"],
        },
    )
    assert step4_status(company)["status"] == "in_progress"
    services.entry_approve(actor=admin.user, membership=admin, entry=entry)
    assert step4_status(company)["status"] == "done"
    assert step5_status(company)["status"] == "not_started"
    services.entry_classify(
        actor=admin.user,
        membership=admin,
        entry=entry,
        level=world["levels"]["secret"],
        reason="営業の基盤",
    )
    assert step5_status(company)["status"] == "done"


def test_api_import_dry_run_and_errors(company, world, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    token, _ = Token.objects.get_or_create(user=world["admin"].user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = f"/api/v1/o/{company.slug}/register/import/"
    csv_bad = "管理番号,名称,区分,格付け,格付け理由\nA-1,図面,技術・製造,極秘密,理由\n".encode(
        "cp932"
    )
    response = client.post(
        url, {"file": SimpleUploadedFile("a.csv", csv_bad)}, HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["row"] == 2
    assert not Entry.objects.exists()
    csv_good = "管理番号,名称,区分\nA-1,図面,技術・製造\n".encode()
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", csv_good), "dry_run": "true"})
    assert response.json() == {
        "ok": True,
        "applied": False,
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "unclassified": 1,
        "creates": [{"row": 2, "ledger_number": "A-1", "title": "図面", "level": ""}],
        "updates": [],
        "errors": [],
        "warnings": [],
    }
    assert not Entry.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", csv_good)})
    assert response.json()["applied"] and Entry.objects.get(ledger_number="A-1").title == "図面"
    settings.KIMITSU_MAX_UPLOAD_MB = 0
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", csv_good)})
    assert response.status_code == 400 and "MB" in response.json()["errors"][0]["message"]


def test_chart_data_cannot_close_the_script_tag(company, world, login_client):
    """Department and level names reach the charts' data: they must stay data (XSS)."""
    evil = "</script><script>alert(1)</script>"
    dept = DepartmentFactory(organization=company, name=evil)
    world["levels"]["secret"].name = "</script><script>alert(1)"  # a level name holds 30
    world["levels"]["secret"].save()
    _entries(company, 2, world["levels"]["secret"], dept)
    admin = login_client(world["admin"].user)
    for name in ("overview", "entry_classify"):
        kwargs = {"pk": Entry.objects.filter(organization=company).first().pk}
        url = _url(company, name, **kwargs) if name == "entry_classify" else _url(company, name)
        body = admin.get(url).content.decode()
        assert "<script>alert(1)" not in body, name
    assert "\\u003C/script\\u003E" in admin.get(_url(company, "overview")).content.decode()


def test_every_page_showing_a_top_secret_entry_records_its_opening(company, world, login_client):
    top = _entry(
        company,
        "S-9",
        "積算単価表",
        category="sales",
        status=Status.APPROVED,
        level=world["levels"]["top_secret"],
        owning_department=world["eng"],
    )
    admin = login_client(world["admin"].user)
    names = ["entry_detail", "entry_edit", "entry_classify", "entry_grants", "entry_review"]
    names.append("entry_retire")
    for n, name in enumerate(names, start=1):
        assert admin.get(_url(company, name, pk=top.pk)).status_code == 200, name
        viewed = AuditEvent.objects.filter(
            event_type="register_entry.viewed", object_id=str(top.pk)
        )
        assert viewed.count() == n, name
    # a page refused to the person shows nothing, and records nothing
    member = login_client(world["member"].user)
    DepartmentGrant.objects.create(organization=company, entry=top, department=world["eng"])
    assert member.get(_url(company, "entry_classify", pk=top.pk)).status_code == 403
    assert viewed.count() == len(names)


def test_api_approval_with_a_level_needs_its_reason_in_the_users_language(company, world):
    from django.test import Client

    token, _ = Token.objects.get_or_create(user=world["admin"].user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    entry = Entry.objects.create(
        organization=company, ledger_number="P-1", title="試作品", category="other"
    )
    url = f"/api/v1/o/{company.slug}/register/entries/{entry.pk}/decide/"
    body = {"action": "approve", "level": world["levels"]["secret"].pk, "reason": ""}
    response = api.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["reason"] == ["格付け理由を書いてください。"]
    entry.refresh_from_db()
    assert entry.status == Status.PROPOSED and entry.level is None


def test_import_page_explains_the_columns_in_the_readers_language(company, world, login_client):
    admin = login_client(world["admin"].user)
    body = admin.get(_url(company, "import")).content.decode()
    assert "必須。秘密の中身が分からない名称にします。" in body
    admin.cookies["django_language"] = "en"
    world["admin"].user.language = "en"
    world["admin"].user.save()
    body = admin.get(_url(company, "import")).content.decode()
    assert "Required. A name that does not disclose the secret." in body and "Ledger number" in body
    assert "必須。秘密の中身が分からない名称にします。" not in body


def test_a_retired_entry_offers_no_actions_and_takes_no_new_access(company, world, login_client):
    lv = world["levels"]
    entry = _entry(
        company,
        "R-1",
        "旧設備の図面",
        category="technical",
        status=Status.RETIRED,
        level=lv["secret"],
        owning_department=world["eng"],
    )
    admin = login_client(world["admin"].user)
    detail = _url(company, "entry_detail", pk=entry.pk)
    for name in ("entry_decide", "entry_classify", "entry_review", "entry_retire"):
        url = _url(company, name, pk=entry.pk)
        for response in (admin.get(url), admin.post(url, {"reason": "x", "result": "keep"})):
            assert response.status_code == 302 and response["Location"] == detail, name
    page = admin.get(detail, follow=True)
    assert "この操作はできません" in page.content.decode()
    # the grants page still revokes, but adds nothing
    grants = admin.get(_url(company, "entry_grants", pk=entry.pk)).content.decode()
    assert 'id="grants-closed"' in grants and 'id="dept-grant-form"' not in grants
    response = admin.post(
        _url(company, "entry_grants", pk=entry.pk),
        {"department": world["sales"].pk, "include_subdepartments": "on"},
    )
    assert not DepartmentGrant.objects.filter(entry=entry).exists()
    assert response.status_code == 200 and 'id="grants-closed"' in response.content.decode()
    # a decided proposal's decide page sends back to it too
    entry.status = Status.APPROVED
    entry.save()
    response = admin.get(_url(company, "entry_decide", pk=entry.pk), follow=True)
    assert "すでに判断済みです" in response.content.decode()


def test_people_in_choices_follow_the_readers_punctuation(company, world):
    from django.utils import translation

    from kimitsu.register.forms import _person_label

    worker = world["worker"]
    assert worker.department_id
    with translation.override("ja"):
        assert _person_label(worker).endswith(f"（{worker.department.name}）")
    with translation.override("en"):
        assert _person_label(worker).endswith(f" ({worker.department.name})")


def test_a_review_in_the_future_is_refused_by_the_page_and_the_api(company, world, login_client):
    import datetime as dt

    from django.test import Client
    from django.utils import timezone

    entry = _entry(
        company,
        "F-1",
        "試験条件",
        category="technical",
        status=Status.APPROVED,
        level=world["levels"]["secret"],
        next_review_on=dt.date(2026, 1, 31),
    )
    later = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    page = login_client(world["admin"].user).post(
        _url(company, "entry_review", pk=entry.pk), {"reviewed_on": later, "result": "keep"}
    )
    assert (
        page.status_code == 200
        and "見直し日に未来の日付は入力できません。" in page.content.decode()
    )
    token, _ = Token.objects.get_or_create(user=world["admin"].user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.post(
        f"/api/v1/o/{company.slug}/register/entries/{entry.pk}/review/",
        {"reviewed_on": later, "result": "keep"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "reviewed_on" in response.json()
    entry.refresh_from_db()
    assert entry.next_review_on == dt.date(2026, 1, 31) and not entry.reviews.exists()


def test_steps_four_and_five_count_the_register_once_a_request(company, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kimitsu.core import memo
    from kimitsu.register import steps

    with memo.scope():
        with CaptureQueriesContext(connection) as first:
            steps.step4_status(company)
        with CaptureQueriesContext(connection) as second:
            steps.step5_status(company)
    assert first.captured_queries and not second.captured_queries
    with memo.scope(), CaptureQueriesContext(connection) as again:  # the next request counts again
        steps.step4_status(company)
    assert len(again.captured_queries) == len(first.captured_queries)


def test_an_upload_over_the_limit_is_refused_by_the_form(company, world, login_client, settings):
    settings.KIMITSU_MAX_UPLOAD_MB = 0
    admin = login_client(world["admin"].user)
    response = admin.post(_url(company, "import"), {"file": _ledger_file(["N-1", "図面"])})
    assert response.status_code == 200  # the page again, with the field's message
    assert "ファイルが上限の 0 MB を超えています。" in response.content.decode()
    assert not Entry.objects.filter(organization=company).exists()


def test_a_long_list_is_counted_to_the_cap_and_its_pages_go_on(
    company, world, login_client, monkeypatch
):
    from kimitsu.core import paging
    from kimitsu.register import views

    monkeypatch.setattr(paging, "COUNT_CAP", 10)
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    _entries(company, 26, world["levels"]["internal"], world["eng"])
    client = login_client(world["admin"].user)
    response = client.get(_url(company, "entries") + "?q=図面")
    html = response.content.decode()
    assert response.context["page"].paginator.capped
    assert "10件以上" in html and "10 件以上中 1〜10 件" in html and "1 / …" in html
    # page 2 counts to its end (20) and one more: still more, and a next page
    response = client.get(_url(company, "entries") + "?q=図面&page=2")
    page = response.context["page"]
    assert page.number == 2 and page.has_next() and page.paginator.count == 20
    assert [e.ledger_number for e in page.object_list][0] == "V-00010"
    # the last page: counted to the end, exactly, whatever number was asked for
    response = client.get(_url(company, "entries") + "?q=図面&page=99")
    page = response.context["page"]
    assert page.number == 3 and not page.has_next() and not page.paginator.capped
    assert page.paginator.count == 26 and "26件" in response.content.decode()
    assert [e.ledger_number for e in page.object_list] == [f"V-{i:05d}" for i in range(20, 26)]


def test_the_api_list_says_when_its_count_is_capped(company, world, login_client, monkeypatch):
    from kimitsu.core import paging

    _entries(company, 60, world["levels"]["internal"], world["eng"])
    client = login_client(world["admin"].user)
    url = f"/api/v1/o/{company.slug}/register/entries/"
    body = client.get(url).json()
    assert body["count"] == 60 and body["count_capped"] is False
    monkeypatch.setattr(paging, "COUNT_CAP", 10)
    body = client.get(url).json()  # counted to the page's end (50) and one more
    assert body["count"] == 50 and body["count_capped"] is True and body["next"]
    assert len(body["results"]) == 50
    body = client.get(body["next"]).json()
    assert body["count"] == 60 and body["count_capped"] is False and body["next"] is None
    assert len(body["results"]) == 10
