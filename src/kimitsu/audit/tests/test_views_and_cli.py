import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from kimitsu.audit import services
from kimitsu.audit.models import AuditEvent
from kimitsu.organizations import services as org_services
from kimitsu.organizations.choices import Role

KIMITSU = str(Path(sys.executable).parent / "kimitsu")


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    host, port = s.get("HOST") or "127.0.0.1", s.get("PORT") or 5432
    return f"postgres://{s['USER']}@{host}:{port}/{s['NAME']}"


def _cli(*args):
    env = {**os.environ, "DATABASE_URL": _database_url()}
    return subprocess.run([KIMITSU, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.django_db(transaction=True)
def test_verify_command_exit_codes(company):
    for i in range(3):
        services.record(event_type="test.cli", organization=company, after={"i": i})
    ok = _cli("audit", "verify", "--org", company.slug)
    assert ok.returncode == 0, ok.stderr
    assert "3 events checked" in ok.stdout
    victim = AuditEvent.objects.filter(organization=company, seq=2).get()
    AuditEvent.objects.filter(pk=victim.pk).update(object_repr="tampered")
    bad = _cli("audit", "verify")
    assert bad.returncode != 0
    assert f"event id={victim.pk}" in bad.stderr


@pytest.mark.django_db
def test_audit_page_filters_and_csv(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    org_services.department_create(actor=admin.user, membership=admin, name="開発部")
    org_services.person_create(
        actor=admin.user, membership=admin, data={"employee_number": "9", "family_name": "監査"}
    )
    client = login_client(admin.user)
    page = client.get("/o/acme/audit/?group=department")
    labels = [e.event_type for e in page.context["page"]]
    assert labels == ["department.created"]
    response = client.get("/o/acme/audit/export.csv?group=person")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # Excel opens it as UTF-8
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][0] == "連番" and len(rows) == 2
    assert rows[1][4] == "person.created" and "監査" in rows[1][7]


@pytest.mark.django_db
def test_audit_log_never_shows_another_workspace(company, other_company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    services.record(event_type="test.secret", organization=other_company, object_repr="他社")
    page = login_client(admin.user).get("/o/acme/audit/")
    assert all(e.organization_id == company.pk for e in page.context["page"])
    assert "他社" not in page.content.decode()


@pytest.mark.django_db
def test_openapi_schema_lists_the_endpoints(company, member_of, login_client):
    schema = login_client(member_of(company).user).get("/api/schema/").content.decode()
    for path in (
        "/api/v1/workspaces/",
        "/api/v1/o/{org_slug}/people/",
        "/api/v1/o/{org_slug}/departments/",
        "/api/v1/o/{org_slug}/audit-events/",
    ):
        assert path in schema


@pytest.mark.django_db
def test_csv_export_neutralises_formulas(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    org_services.person_create(
        actor=admin.user,
        membership=admin,
        data={"employee_number": "1", "family_name": "=HYPERLINK(1)"},
    )
    response = login_client(admin.user).get("/o/acme/audit/export.csv?group=person")
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[1][7].startswith("'=HYPERLINK")


def test_openapi_schema_is_valid_and_generates_without_warnings(tmp_path):
    """Every endpoint described, every choice set named once (ENUM_NAME_OVERRIDES)."""
    from django.core.management import call_command

    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = out.read_text()
    for path in ("/register/levels/{id}/", "/register/template/", "/register/counts/"):
        assert path in schema


# --- the page as evidence a person reads ---------------------------------------------------


def _stamped_anchor(company, seq, *, development=True, status="stamped"):
    from django.utils import timezone

    from kimitsu.audit.models import Anchor
    from kimitsu.timestamps.models import Timestamp

    chain = services.chain_for(company)
    stamp = Timestamp.objects.create(
        organization=company,
        kind="anchor",
        status=status,
        sha256="0" * 64,
        tsa_time=timezone.now() if status == "stamped" else None,
        development=development,
    )
    head = AuditEvent.objects.get(chain=chain, seq=seq)
    return Anchor.objects.create(
        chain=chain, first_seq=1, seq=seq, head_hash=head.hash, timestamp=stamp
    )


@pytest.mark.django_db
def test_changes_read_in_japanese_with_names_not_ids(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    dept = org_services.department_create(actor=admin.user, membership=admin, name="開発部")
    org_services.person_create(
        actor=admin.user,
        membership=admin,
        data={"employee_number": "9", "family_name": "監査", "department": dept},
    )
    page = login_client(admin.user).get("/o/acme/audit/?group=person")
    (event,) = page.context["page"]
    rows = {c.key: c for c in event.changes}
    assert rows["department"].label == "部署" and rows["department"].after == "開発部"
    assert rows["employee_number"].label == "社員番号" and rows["status"].after == "在籍"
    body = page.content.decode()
    assert ">部署</th>" in body
    assert '<span class="text-success-emphasis">開発部</span>' in body
    assert f'<span class="text-success-emphasis">{dept.pk}</span>' not in body


@pytest.mark.django_db
def test_a_masked_entry_is_never_named_on_the_page_or_in_the_csv(company, member_of, login_client):
    from kimitsu.register import services as register
    from kimitsu.register.choices import Status
    from kimitsu.register.models import Entry, Level
    from kimitsu.testing.factories import DepartmentFactory

    register.levels_ensure_defaults(organization=company)
    secret = Entry.objects.create(
        organization=company,
        ledger_number="S-1",
        title="積算単価表",
        category="sales",
        status=Status.APPROVED,
        level=Level.objects.get(organization=company, code="top_secret"),
        owning_department=DepartmentFactory(organization=company, name="営業部"),
    )
    services.record(
        event_type="distribution.created",
        organization=company,
        object_type="rules.distribution",
        object_id="1",
        object_repr="配布 BM7H",
        after={"entry": secret.pk, "pages": 2},
    )
    auditor = login_client(member_of(company, Role.AUDITOR).user)
    body = auditor.get("/o/acme/audit/").content.decode()
    assert "S-1（閲覧権限のない項目）" in body and "積算単価表" not in body
    csv_body = b"".join(auditor.get("/o/acme/audit/export.csv").streaming_content).decode()
    assert "積算単価表" not in csv_body
    admin = login_client(member_of(company, Role.ADMIN).user)
    assert "S-1 積算単価表" in admin.get("/o/acme/audit/").content.decode()


@pytest.mark.django_db
def test_the_kind_filter_lists_each_group_once_for_the_workspace_kind(
    company, desk, member_of, login_client
):
    groups = dict(login_client(member_of(company).user).get("/o/acme/audit/").context["groups"])
    labels = [str(label) for label in groups.values()]
    assert len(labels) == len(set(labels))
    assert "register_entry" in groups and "person" in groups and "pledge_template" in groups
    assert "pledge_clause" not in groups  # filed under 「誓約書の雛形」 with the templates
    assert not {"consultation", "desk_client", "seminar"} & groups.keys()
    desk_admin = login_client(member_of(desk, Role.DESK_ADMIN).user)
    desk_groups = dict(desk_admin.get("/o/desk/audit/").context["groups"])
    assert "consultation" in desk_groups and "membership" in desk_groups
    assert not {"register_entry", "pledge_template", "person", "department"} & desk_groups.keys()


@pytest.mark.django_db
def test_a_group_of_the_filter_finds_every_prefix_filed_under_it(company, member_of, login_client):
    for event_type in ("pledge_template.created", "pledge_clause.created", "person.created"):
        services.record(event_type=event_type, organization=company)
    page = login_client(member_of(company).user).get("/o/acme/audit/?group=pledge_template")
    assert sorted(e.event_type for e in page.context["page"]) == [
        "pledge_clause.created",
        "pledge_template.created",
    ]


@pytest.mark.django_db
def test_each_event_shows_whether_a_tsa_vouches_for_it(company, member_of, login_client):
    from django.urls import reverse

    for i in range(4):
        services.record(event_type="test.event", organization=company, after={"i": i})
    client = login_client(member_of(company).user)
    body = client.get("/o/acme/audit/?group=test").content.decode()
    assert (
        "TSA確認済み" not in body
        and "タイムスタンプ（TSA）で証明されたイベントはまだありません" in body
    )
    _stamped_anchor(company, 1, development=False)
    _stamped_anchor(company, 2)
    _stamped_anchor(company, 3, status="pending")  # asked, not stamped yet: vouches for nothing
    page = client.get("/o/acme/audit/?group=test")
    assert {e.seq: e.anchored for e in page.context["page"]} == {
        1: True,
        2: True,
        3: False,
        4: False,
    }
    body = page.content.decode()
    assert body.count("TSA確認済み") == 2 and body.count("未アンカー") == 2
    assert "#2 までのイベントは" in body and "開発用（証拠力なし）" in body
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/o/acme/audit/"})
    english = client.get("/o/acme/audit/?group=test").content.decode()
    assert "Anchored by TSA" in english and "Not anchored yet" in english
    assert "Events up to #2 are vouched for" in english
    assert "For development (no evidential value)" in english


@pytest.mark.django_db
def test_the_page_queries_do_not_grow_with_its_events(
    company, member_of, login_client, django_assert_max_num_queries
):
    from kimitsu.testing.factories import DepartmentFactory, PersonFactory

    admin = member_of(company, Role.ADMIN)
    client = login_client(admin.user)

    def mixed(n):
        for i in range(n):
            dept = DepartmentFactory(organization=company, name=f"部署{i}-{n}")
            person = PersonFactory(organization=company, department=dept)
            kinds = [
                ("person.created", "organizations.person", {"department": dept.pk}),
                ("membership.updated", "organizations.membership", {"role": "auditor"}),
                ("attendance.added", "awareness.trainingsession", {"person": person.pk}),
                ("department.created", "organizations.department", {"parent": dept.pk}),
                ("regulation.read_confirmed", "rules.regulation", {"user": admin.user.pk}),
            ]
            event_type, object_type, after = kinds[i % len(kinds)]
            services.record(
                event_type=event_type,
                organization=company,
                object_type=object_type,
                object_id=str(i),
                after=after,
                before={"flag": False},
            )

    mixed(5)
    # an auditor follows need-to-know: the redactor's queries come on top, as few
    readers = [client, login_client(member_of(company, Role.AUDITOR).user)]
    few = []
    for reader in readers:
        reader.get("/o/acme/audit/")  # warm the session and the caches
        with django_assert_max_num_queries(40) as counted:
            reader.get("/o/acme/audit/")
        few.append(len(counted.captured_queries))
    _stamped_anchor(company, 3)
    mixed(60)
    many = []
    for reader, baseline in zip(readers, few, strict=True):
        # the anchor's second query (its time) is the only one added
        with django_assert_max_num_queries(baseline + 1) as counted:
            page = reader.get("/o/acme/audit/")
        assert len(page.context["page"].object_list) == 50
        many.append(len(counted.captured_queries))
    assert max(many) <= 25, many
    print(f"audit page queries (admin, auditor): {few} for 5 events, {many} for 50")
