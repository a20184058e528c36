"""kimitsu backup / restore: a round trip of the database and the media, and the refusals.

The restores replace pytest-django's own test database (SQLite's file, or PostgreSQL's test
database with DATABASE_URL=postgres://…), hence transaction=True for every test that backs up or
restores for real (a restore closes the connection, and pg_dump cannot see a test's uncommitted
rows). The refusals change nothing, so they run in the ordinary, faster test transaction.
"""

import io
import json
import sqlite3
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kimitsu.audit.models import AuditEvent
from kimitsu.audit.services import verify
from kimitsu.core import backup
from kimitsu.organizations import services
from kimitsu.organizations.models import Department

real = pytest.mark.django_db(transaction=True)

ON_SQLITE = connection.vendor == "sqlite"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "data" / "media"
    settings.MEDIA_ROOT.mkdir(parents=True)
    return settings.MEDIA_ROOT


@pytest.fixture
def admin(company, member_of):
    return member_of(company)


def _department(admin, name):
    return services.department_create(actor=admin.user, membership=admin, name=name)


def _backup(path) -> str:
    out = io.StringIO()
    call_command("backup", "-o", str(path), stdout=out)
    return out.getvalue()


def _restore(path, *args) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _archive(path, manifest: dict | None, members: dict[str, bytes]):
    """A hand-made archive, for the files a restore must refuse."""
    with tarfile.open(path, "w:gz") as tar:
        items = ([(backup.MANIFEST, json.dumps(manifest).encode())] if manifest else []) + list(
            members.items()
        )
        for name, data in items:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@real
def test_round_trip_brings_back_the_data_and_a_verified_chain(admin, tmp_path):
    kept = _department(admin, "工事部")
    _department(admin, "営業部")
    events = AuditEvent.objects.count()
    assert events >= 2
    out = _backup(tmp_path / "k.tar.gz")
    assert f"監査イベント {events} 件" in out

    services.department_update(
        actor=admin.user, membership=admin, department=kept, data={"name": "改名された部"}
    )
    _department(admin, "後から作った部")
    Department.objects.filter(name="営業部").delete()
    assert AuditEvent.objects.count() == events + 2

    out = _restore(tmp_path / "k.tar.gz", "--yes")

    assert sorted(Department.objects.values_list("name", flat=True)) == ["営業部", "工事部"]
    assert AuditEvent.objects.count() == events
    result = verify()
    assert result.ok and result.checked == events
    assert str(events) in out.splitlines()[-1]


@real
def test_the_manifest_describes_the_backup(admin, tmp_path):
    _department(admin, "工事部")
    backup.create(tmp_path / "k.tar.gz")
    manifest = backup.read_manifest(tmp_path / "k.tar.gz")
    assert manifest["format"] == "kimitsu-backup"
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["kimitsu_version"]
    assert manifest["migrations"]["organizations"].startswith("00")
    from django.db.migrations.loader import MigrationLoader

    leaf = MigrationLoader(connection).graph.leaf_nodes("audit")[0][1]
    assert manifest["migrations"]["audit"] == leaf
    chain = f"org:{admin.organization_id}"
    assert manifest["audit_events"] == {
        "total": AuditEvent.objects.count(),
        "chains": {chain: AuditEvent.objects.filter(chain=chain).count()},
    }
    with tarfile.open(tmp_path / "k.tar.gz") as tar:
        names = tar.getnames()
        database = tar.extractfile(backup.DATABASE_FILES[connection.vendor]).read(16)
    assert names[0] == "manifest.json"
    assert database.startswith(b"SQLite format 3" if ON_SQLITE else b"PGDMP")
    assert (tmp_path / "k.tar.gz").stat().st_mode & 0o077 == 0  # every secret is in it


@real
def test_media_files_round_trip(admin, media, tmp_path):
    scan = b"%PDF-1.4 signed pledge\x00\xff"
    (media / "pledges" / "2026").mkdir(parents=True)
    (media / "pledges" / "2026" / "誓約書.pdf").write_bytes(scan)
    (media / "empty").mkdir()
    out = _backup(tmp_path / "k.tar.gz")
    assert "メディアファイル 1 件" in out

    (media / "pledges" / "2026" / "誓約書.pdf").unlink()
    (media / "uploaded-later.txt").write_text("not in the backup")
    _restore(tmp_path / "k.tar.gz", "--yes")

    assert (media / "pledges" / "2026" / "誓約書.pdf").read_bytes() == scan
    assert (media / "empty").is_dir()
    assert not (media / "uploaded-later.txt").exists()
    assert not [p for p in media.parent.iterdir() if p.name.startswith(".kimitsu-restore-")]


@pytest.mark.parametrize(
    "content",
    [b"just some text\n", b"PK\x03\x04 a zip file", None],
    ids=["text", "zip", "tar-without-manifest"],
)
@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_is_refused_and_changes_nothing(
    admin, media, tmp_path, content
):
    _department(admin, "工事部")
    (media / "a.txt").write_text("kept")
    path = tmp_path / "other.tar.gz"
    if content is None:
        _archive(path, None, {"database.sqlite3": b"x", "notes.txt": b"hello"})
    else:
        path.write_bytes(content)
    with pytest.raises(CommandError, match="kimitsu のバックアップではありません") as exc:
        _restore(path, "--yes")
    assert "何も変更していません" in str(exc.value)
    assert Department.objects.filter(name="工事部").exists()
    assert (media / "a.txt").read_text() == "kept"


@pytest.mark.django_db
def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="nothing.tar.gz"):
        _restore(tmp_path / "nothing.tar.gz", "--yes")


@pytest.mark.django_db
def test_a_backup_of_the_other_database_vendor_is_refused(admin, tmp_path):
    _department(admin, "工事部")
    other = "postgresql" if ON_SQLITE else "sqlite"
    manifest = {
        "format": "kimitsu-backup",
        "format_version": 1,
        "database": {"vendor": other, "file": backup.DATABASE_FILES[other]},
    }
    path = _archive(tmp_path / "other.tar.gz", manifest, {backup.DATABASE_FILES[other]: b"x"})
    with pytest.raises(CommandError) as exc:
        _restore(path, "--yes", "--language", "en")
    theirs, ours = ("PostgreSQL", "SQLite") if ON_SQLITE else ("SQLite", "PostgreSQL")
    assert f"holds a {theirs} database" in str(exc.value)
    assert f"configured for {ours}" in str(exc.value)
    assert Department.objects.filter(name="工事部").exists()


@real
def test_a_damaged_database_copy_changes_nothing(admin, tmp_path):
    _department(admin, "工事部")
    backup.create(tmp_path / "k.tar.gz")
    manifest = backup.read_manifest(tmp_path / "k.tar.gz")
    name = backup.DATABASE_FILES[connection.vendor]
    head = b"SQLite format 3\x00" if ON_SQLITE else b"PGDMP"
    path = _archive(tmp_path / "bad.tar.gz", manifest, {name: head + b"\x00garbage" * 1000})
    Department.objects.create(organization=admin.organization, name="復元後も残る部")
    with pytest.raises(CommandError):
        _restore(path, "--yes")
    assert Department.objects.filter(name="復元後も残る部").exists()


@real
def test_restore_asks_first(admin, tmp_path, monkeypatch):
    _department(admin, "工事部")
    _backup(tmp_path / "k.tar.gz")
    _department(admin, "営業部")
    questions = []
    monkeypatch.setattr("builtins.input", lambda q: questions.append(q) or "no")
    out = _restore(tmp_path / "k.tar.gz")
    assert "「yes」と入力" in questions[0] and "何も変更していません" in out
    assert Department.objects.filter(name="営業部").exists()

    monkeypatch.setattr("builtins.input", lambda q: "yes")
    _restore(tmp_path / "k.tar.gz")
    assert not Department.objects.filter(name="営業部").exists()


@real
def test_a_broken_chain_in_the_backup_fails_the_restore(admin, tmp_path):
    dept = _department(admin, "工事部")
    AuditEvent.objects.filter(object_id=str(dept.pk)).update(object_repr="書き換え")
    backup.create(tmp_path / "k.tar.gz")
    with pytest.raises(CommandError, match="FAILED") as exc:
        _restore(tmp_path / "k.tar.gz", "--yes", "--language", "en")
    assert exc.value.returncode == 1


@pytest.mark.skipif(not ON_SQLITE, reason="SQLite's online backup")
@real
def test_sqlite_backup_runs_beside_an_open_write_transaction(admin, tmp_path):
    """As with the server running: a writer holds the write lock, the backup neither waits for it
    nor copies its uncommitted rows."""
    if connection.is_in_memory_db():
        pytest.skip("the test database is in memory; no second connection can write to it")
    _department(admin, "工事部")
    writer = sqlite3.connect(connection.settings_dict["NAME"], timeout=0.1, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE organizations_department SET name = '未確定の名前'")
    try:
        manifest = backup.create(tmp_path / "k.tar.gz")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert manifest["audit_events"]["total"] == AuditEvent.objects.count()
    with tarfile.open(tmp_path / "k.tar.gz") as tar:
        filters = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # 3.11.4+
        tar.extract("database.sqlite3", tmp_path, **filters)
    copy = sqlite3.connect(tmp_path / "database.sqlite3")
    names = [row[0] for row in copy.execute("SELECT name FROM organizations_department")]
    copy.close()
    assert names == ["工事部"]


@pytest.mark.skipif(ON_SQLITE, reason="pg_dump / pg_restore")
@real
def test_postgresql_restore_is_one_transaction(admin, tmp_path):
    """pg_restore --single-transaction: a dump that fails half-way leaves the database as it was
    (--clean's DROPs roll back too)."""
    _department(admin, "工事部")
    backup.create(tmp_path / "k.tar.gz")
    _department(admin, "営業部")
    with tarfile.open(tmp_path / "k.tar.gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        dump = tar.extractfile("database.pgdump").read()
    path = _archive(tmp_path / "cut.tar.gz", manifest, {"database.pgdump": dump[: len(dump) // 2]})
    with pytest.raises(CommandError, match="pg_restore"):
        _restore(path, "--yes")
    assert sorted(Department.objects.values_list("name", flat=True)) == ["営業部", "工事部"]
    assert verify().ok
