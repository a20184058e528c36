"""Backing up and restoring a whole installation: its database and its media, in one .tar.gz.

  manifest.json       what the file is: format, kimitsu version, database vendor, creation time, the
                      latest applied migration of every app, the audit events of every chain
  database.sqlite3    SQLite: a copy through SQLite's online backup API, consistent while the server
                      runs (WAL mode)
  database.pgdump     PostgreSQL: ``pg_dump --format=custom``
  media/…             settings.MEDIA_ROOT

The manifest is the archive's first member, so a file that is not a backup is refused before
anything is unpacked. The manifest's figures come from the same snapshot as the database copy (the
copy itself on SQLite, an exported snapshot that pg_dump shares on PostgreSQL). A restore unpacks
into a private directory next to the media and checks the database copy first, then replaces the
database and then the media: a damaged backup changes nothing. The backup holds every trade secret
of every workspace, so the file is written readable by its owner only.
"""

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.audit.models import AuditEvent

FORMAT = "kimitsu-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MANIFEST_MAX_BYTES = 1_000_000


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, translated."""


@dataclass
class Restored:
    manifest: dict
    media_files: int
    # (app, migration) pairs: applied in the backup but unknown to this code, and the reverse
    unknown_migrations: list = field(default_factory=list)
    pending_migrations: list = field(default_factory=list)


def _connection():
    return connections[DEFAULT_DB_ALIAS]


def configured_vendor() -> str:
    vendor = _connection().vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(
            _("kimitsu backs up SQLite and PostgreSQL databases, not %(vendor)s.")
            % {"vendor": vendor}
        )
    return vendor


def vendor_name(vendor) -> str:
    return VENDOR_NAMES.get(vendor, str(vendor))


def created_label(manifest: dict) -> str:
    """When the backup was made, in the installation's time zone."""
    try:
        created = dt.datetime.fromisoformat(manifest["created_at"])
    except (KeyError, TypeError, ValueError):
        return "?"
    return timezone.localtime(created).strftime("%Y-%m-%d %H:%M:%S %Z")


# --- backup -------------------------------------------------------------------------------


def create(output) -> dict:
    """Write a backup of the database and the media to ``output``; return its manifest."""
    vendor = configured_vendor()
    output = Path(output)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="kimitsu-backup-") as tmp:
        database = Path(tmp) / DATABASE_FILES[vendor]
        facts = _dump_sqlite(database) if vendor == "sqlite" else _dump_postgresql(database)
        media = _media_files(media_root)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "kimitsu_version": _kimitsu_version(),
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "file": database.name},
            **facts,
            "media_files": sum(1 for p in media if p.is_file()),
        }
        partial = output.with_name(f".{output.name}.partial")
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
                tar.addfile(_member(MANIFEST, tarfile.REGTYPE, len(data)), io.BytesIO(data))
                tar.add(database, arcname=database.name)
                tar.addfile(_member(MEDIA, tarfile.DIRTYPE))
                for path in media:
                    arcname = PurePosixPath(MEDIA, *path.relative_to(media_root).parts)
                    tar.add(path, arcname=str(arcname), recursive=False)
            os.replace(partial, output)
        except OSError as exc:
            raise BackupError(
                _("The backup could not be written to “%(path)s”: %(error)s")
                % {"path": output, "error": exc.strerror or exc}
            ) from exc
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _member(name: str, kind: bytes, size: int = 0) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.mtime = kind, size, int(dt.datetime.now().timestamp())
    info.mode = 0o700 if kind == tarfile.DIRTYPE else 0o600
    return info


def _kimitsu_version():
    try:
        return metadata.version("kimitsu")
    except metadata.PackageNotFoundError:
        return None


def _facts(cursor) -> dict:
    """The manifest's figures, read with plain SQL so that they can be read from the copy."""
    cursor.execute(
        f"SELECT app, name FROM {MigrationRecorder.Migration._meta.db_table} ORDER BY id"
    )
    migrations = {}
    for app, name in cursor.fetchall():
        migrations[app] = name  # the last applied wins
    cursor.execute(
        f"SELECT chain, COUNT(*) FROM {AuditEvent._meta.db_table} GROUP BY chain ORDER BY chain"
    )
    chains = {chain: count for chain, count in cursor.fetchall()}
    return {
        "migrations": dict(sorted(migrations.items())),
        "audit_events": {"total": sum(chains.values()), "chains": chains},
    }


def _media_files(media_root: Path) -> list[Path]:
    """The directories and regular files under the media root (symbolic links are not media)."""
    if not media_root.is_dir():
        return []
    found = []
    for directory, dirnames, filenames in os.walk(media_root):
        base = Path(directory)
        dirnames[:] = sorted(d for d in dirnames if not (base / d).is_symlink())
        found += [base / d for d in dirnames]
        found += [base / f for f in sorted(filenames) if not (base / f).is_symlink()]
    return found


def _dump_sqlite(target: Path) -> dict:
    connection = _connection()
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # one step (pages=-1): the whole copy is taken under one read snapshot, while writers go on
        connection.connection.backup(copy)
        return _facts(copy.cursor())
    finally:
        copy.close()


def _dump_postgresql(target: Path) -> dict:
    connection = _connection()
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if not nested:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        facts = _facts(cursor)
        # pg_dump reads the very snapshot the figures were read from, while this transaction lives
        _run_pg("pg_dump", ["--format=custom", f"--snapshot={snapshot}", "--file", str(target)])
    return facts


def _run_pg(program: str, arguments: list[str]) -> None:
    db = _connection().settings_dict
    command = [program, "--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [option, str(db[key])]
    command += [*arguments, "--dbname", db["NAME"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    if (db.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(
            _(
                "%(program)s was not found. Install the PostgreSQL client programs "
                "(on Debian: apt-get install postgresql-client)."
            )
            % {"program": program}
        ) from exc
    if done.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": program, "error": done.stderr.strip() or done.returncode}
        )


# --- restore ------------------------------------------------------------------------------


def _not_a_backup(path) -> BackupError:
    return BackupError(
        _(
            "“%(path)s” is not a kimitsu backup (a .tar.gz file written by “kimitsu backup”). "
            "Nothing was changed."
        )
        % {"path": path}
    )


def _damaged(path, detail) -> BackupError:
    return BackupError(
        _("The backup “%(path)s” is damaged (%(detail)s). Nothing was changed.")
        % {"path": path, "detail": detail}
    )


def read_manifest(path) -> dict:
    """The backup's manifest; BackupError if the file is not a kimitsu backup."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("There is no file “%(path)s”.") % {"path": path})
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise _not_a_backup(path)
            if first.size > MANIFEST_MAX_BYTES:
                raise _not_a_backup(path)
            manifest = json.loads(tar.extractfile(first).read().decode("utf-8"))
    except (tarfile.TarError, OSError, EOFError, zlib.error, ValueError) as exc:
        raise _not_a_backup(path) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _not_a_backup(path)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _(
                "“%(path)s” is a kimitsu backup of format %(found)s; this kimitsu reads format %(ours)s."
            )
            % {"path": path, "found": manifest.get("format_version"), "ours": FORMAT_VERSION}
        )
    return manifest


def check_restorable(manifest: dict, path) -> str:
    """The configured vendor, if the backup's database is of that vendor; else BackupError."""
    vendor = configured_vendor()
    theirs = (manifest.get("database") or {}).get("vendor")
    if theirs != vendor:
        raise BackupError(
            _(
                "“%(path)s” holds a %(backup)s database, but this kimitsu is configured for "
                "%(configured)s (DATABASE_URL). Restore it into a %(backup)s installation. "
                "Nothing was changed."
            )
            % {"path": path, "backup": vendor_name(theirs), "configured": vendor_name(vendor)}
        )
    return vendor


def restore(path) -> Restored:
    """Replace the database and the media with the backup's. Stop the server first."""
    path = Path(path)
    manifest = read_manifest(path)
    vendor = check_restorable(manifest, path)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    # next to the media, so that the unpacked media are moved into place, not copied
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".kimitsu-restore-") as tmp:
        database, media = _unpack(path, Path(tmp), vendor)
        if vendor == "sqlite":
            _restore_sqlite(path, database)
        else:
            _restore_postgresql(database)
        files = _replace_media(media, media_root)
    loader = MigrationLoader(_connection(), ignore_no_migrations=True)
    return Restored(
        manifest=manifest,
        media_files=files,
        unknown_migrations=sorted(set(loader.applied_migrations) - set(loader.graph.nodes)),
        pending_migrations=sorted(set(loader.graph.nodes) - set(loader.applied_migrations)),
    )


def _unpack(path: Path, into: Path, vendor: str) -> tuple[Path, Path]:
    database_name = DATABASE_FILES[vendor]
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            members = []
            for member in tar:
                parts = PurePosixPath(member.name).parts
                if PurePosixPath(member.name).is_absolute() or ".." in parts:
                    raise _damaged(path, f"unsafe member {member.name!r}")
                if member.name in (MANIFEST, database_name) and member.isfile():
                    members.append(member)
                elif parts and parts[0] == MEDIA and (member.isfile() or member.isdir()):
                    members.append(member)
                else:
                    raise _damaged(path, f"unexpected member {member.name!r}")
            # the "data" filter refuses absolute paths, "..", links and device files; Python
            # before 3.11.4 (Debian 12 has 3.11.2) has no filters: the checks above stand in
            if hasattr(tarfile, "data_filter"):
                tar.extractall(into, members=members, filter="data")
            else:
                tar.extractall(into, members=members)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise _damaged(path, exc) from exc
    database = into / database_name
    if not database.is_file():
        raise _damaged(path, f"no {database_name}")
    return database, into / MEDIA


def _restore_sqlite(path: Path, database: Path) -> None:
    copy = sqlite3.connect(database)
    try:
        problems = [row[0] for row in copy.execute("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            raise _damaged(path, "; ".join(problems[:3]))
        connections.close_all()
        connection = _connection()
        connection.ensure_connection()
        # written through SQLite, not over the file: the live database's WAL stays consistent and
        # a process that still has it open waits for the lock instead of reading a torn file
        copy.backup(connection.connection)
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from exc
    finally:
        copy.close()
    connections.close_all()


def _restore_postgresql(database: Path) -> None:
    connections.close_all()
    _run_pg(
        "pg_restore",
        ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(database)],
    )


def _replace_media(staged: Path, media_root: Path) -> int:
    for child in list(media_root.iterdir()):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if not staged.is_dir():
        return 0
    for child in sorted(staged.iterdir()):
        os.replace(child, media_root / child.name)
    return sum(1 for p in media_root.rglob("*") if p.is_file())
