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
