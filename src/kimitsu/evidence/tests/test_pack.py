"""The stamps kimitsu makes by itself, and the pack that a lawyer checks with OpenSSL alone.

Built on the demo workspace, with an OpenSSL TSA (not kimitsu's code) answering every stamp; the
suite runs on SQLite and again on PostgreSQL (CI), so the pack is built on both."""

import io
import json
import re
import subprocess
import zipfile
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from kimitsu.core import dates
from kimitsu.organizations.choices import Role
from kimitsu.organizations.models import Membership, Organization
from kimitsu.register.models import Entry
from kimitsu.timestamps.models import Kind, Timestamp

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(real_tsa, committed):
    from kimitsu.core.demo import build

    with committed():
        build.ensure_demo()
    org = Organization.objects.get(slug="demo")
    admin = Membership.objects.get(
        organization=org, role=Role.ADMIN, user__email="admin@demo.kimitsu.jp"
    )
    return org, admin


def _unpack(data: bytes, folder):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        zf.extractall(folder)
        return zf.namelist()


def _verify_md_commands(folder) -> list[str]:
    text = (folder / "VERIFY.md").read_text(encoding="utf-8")
    return [c.strip() for c in re.findall(r"^\s+(openssl ts -verify .+)$", text, re.M)]


def test_what_kimitsu_stamps_by_itself(demo):
    org, admin = demo
    kinds = Counter(Timestamp.objects.filter(organization=org).values_list("kind", flat=True))
    approved = Entry.objects.filter(organization=org, status="approved").count()
    assert kinds[Kind.DESIGNATION] >= approved > 0
    assert kinds[Kind.REGULATION] >= 1 and kinds[Kind.RULE_SET] >= 1
    assert kinds[Kind.ATTENDANCE] >= 1 and kinds[Kind.VAULT] == 2
    assert kinds[Kind.ANCHOR] == 1
    # the demo's training had several people added in one go: one stamp of the final list
    stamp = Timestamp.objects.filter(organization=org, kind=Kind.ATTENDANCE).first()
    listed = json.loads(stamp.document)["attendees"]
    from kimitsu.awareness.models import Attendance

    assert len(listed) == Attendance.objects.filter(session_id=stamp.object_id).count() > 1
    assert not Timestamp.objects.exclude(status="stamped").filter(organization=org).exists()


def test_a_level_change_and_a_signed_scan_are_stamped(demo, committed):
    from kimitsu.pledges.models import Document
    from kimitsu.pledges.services import documents
    from kimitsu.register import services as register
    from kimitsu.register.models import Level

    org, admin = demo
    entry = Entry.objects.filter(organization=org, status="approved").order_by("pk").first()
    lower = (
        Level.objects.filter(organization=org).exclude(pk=entry.level_id).order_by("-rank").first()
    )
    before = Timestamp.objects.filter(kind=Kind.DESIGNATION, object_id=str(entry.pk)).count()
    with committed():
        register.entry_classify(
            actor=admin.user,
            membership=admin,
            entry=entry,
            level=lower,
            reason="見直しの結果",
            lowering_reason="公開済みの部分がある",
        )
    stamps = Timestamp.objects.filter(kind=Kind.DESIGNATION, object_id=str(entry.pk)).order_by("pk")
    assert stamps.count() == before + 1
    assert json.loads(stamps.last().document)["entry"]["level"]["code"] == lower.code
    assert stamps.last().stamped
    document = Document.objects.filter(organization=org).first()
    scan = b"%PDF-1.4 signed pledge"
    with committed():
        documents.document_attach_scan(
            actor=admin.user,
            membership=admin,
            document=document,
            upload=SimpleUploadedFile("signed.pdf", scan, content_type="application/pdf"),
        )
    import hashlib

    pledge = Timestamp.objects.get(kind=Kind.PLEDGE, object_id=str(document.pk))
    assert pledge.sha256 == hashlib.sha256(scan).hexdigest() and pledge.stamped


def test_the_pack_verifies_with_openssl_alone(demo, tmp_path, login_client):
    org, admin = demo
    client = login_client(admin.user)
    response = client.post(
        reverse("evidence:pack", kwargs={"org_slug": org.slug}), {"scope": "all"}
    )
    # the queue builds it (immediately in the tests), the page sends on to the file
    assert response.status_code == 302 and response.url.endswith("/file.zip")
    response = client.get(response.url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    names = _unpack(response.content, tmp_path)
    for needed in ("report.pdf", "manifest.json", "VERIFY.md", "tsa-ca.pem", "audit/chain.csv"):
        assert needed in names
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    stamped = [i for i in manifest["items"] if "token" in i]
    assert len(stamped) == len(manifest["items"]) >= 50
    assert not manifest["development_tsa"]
    commands = _verify_md_commands(tmp_path)
    assert len(commands) == len(stamped)
    for command in commands:
        run = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True)
        assert run.returncode == 0 and "Verification: OK" in run.stdout, (command, run.stderr)
    # one byte changed in a stamped document: OpenSSL refuses it
    doc = next(i for i in stamped if i["kind"] == "designation")
    path = tmp_path / doc["document"]
    path.write_bytes(path.read_bytes().replace(b'"', b"'", 1))
    command = next(c for c in commands if doc["document"] in c)
    run = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode != 0
    # another CA: refused
    from kimitsu.testing.tsa import make_ca

    stranger, _, _ = make_ca(tmp_path / "stranger", "Stranger")
    other = commands[0].replace("-CAfile tsa-ca.pem", f"-CAfile {stranger}")
    assert subprocess.run(other, shell=True, cwd=tmp_path, capture_output=True).returncode != 0
    # the audit excerpt checks with Python alone, and every event is anchored
    run = subprocess.run(
        ["python3", "audit/verify_audit.py"], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout
    assert "アンカーで TSA が保証" in run.stdout and "NG" not in run.stdout
    # the report names each entry with its designation date and level
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "report.pdf").pages)
    compact = re.sub(r"\s+", "", text)
    for entry in Entry.objects.filter(organization=org, status="approved").select_related("level"):
        assert entry.ledger_number in compact
        assert f"{entry.ledger_number}" in compact and entry.level.name in compact
    first = (
        Entry.objects.filter(organization=org, status="approved").order_by("ledger_number").first()
    )
    from django.utils import timezone

    assert dates.seireki(timezone.localtime(first.decided_at).date()) in compact
    assert "営業秘密管理の実施状況報告書" in compact


def test_pack_of_chosen_entries_under_need_to_know(demo, tmp_path):
    org, admin = demo
    member = Membership.objects.get(organization=org, user__email="member@demo.kimitsu.jp")
    auditor = Membership.objects.get(organization=org, user__email="auditor@demo.kimitsu.jp")
    from kimitsu.evidence import pack
    from kimitsu.register.selectors import entry_list

    hidden = Entry.objects.filter(organization=org, status="approved").exclude(
        pk__in=entry_list(auditor).values("pk")
    )
    assert hidden.exists()
    data = pack.build(auditor, actor=auditor.user)
    _unpack(data, tmp_path)
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "report.pdf").pages)
    everything = text + (tmp_path / "manifest.json").read_text(encoding="utf-8")
    everything += (tmp_path / "audit/chain.csv").read_text(encoding="utf-8-sig")
    for entry in hidden:
        assert entry.title not in everything
    # chosen entries that the reader may not open are left out even if asked for by id
    chosen = pack.build(auditor, actor=auditor.user, entries=list(hidden[:3]))
    (tmp_path / "chosen").mkdir()
    _unpack(chosen, tmp_path / "chosen")
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "chosen/report.pdf").pages)
    for entry in hidden[:3]:
        assert entry.title not in text and entry.ledger_number not in text
    assert member  # a member may not take a pack at all (the access matrix checks the page)


def test_command_line_stamp_verify_pack(demo, tmp_path, capsys):
    org, admin = demo
    evidence = tmp_path / "drawing.pdf"
    evidence.write_bytes(b"%PDF-1.4 drawing A-12 rev 3")
    call_command("evidence", "stamp", "--org", org.slug, str(evidence), "--title", "図面 A-12")
    out = capsys.readouterr().out
    assert "EV-00003" in out and "SHA-256" in out and "TSA time" in out and "Test TSA" in out
    call_command("evidence", "verify", "--org", org.slug, str(evidence))
    assert "OK: 1 token(s) verified" in capsys.readouterr().out
    pack_path = tmp_path / "pack.zip"
    call_command("evidence", "pack", "--org", org.slug, "-o", str(pack_path))
    call_command("evidence", "verify", "--org", org.slug, "--pack", str(pack_path))
    assert "verified against its tsa-ca.pem" in capsys.readouterr().out
    call_command("evidence", "verify", "--org", org.slug, "--pack", str(pack_path), str(evidence))
    assert "OK: 1 token(s)" in capsys.readouterr().out
    # a token spoiled in the database: verify names it and fails
    stamp = Timestamp.objects.filter(organization=org, kind=Kind.VAULT).order_by("pk").first()
    token = bytearray(bytes(stamp.token))
    token[-10] ^= 0xFF
    Timestamp.objects.filter(pk=stamp.pk).update(token=bytes(token))
    with pytest.raises(CommandError, match=f"FAILED: token vault-{stamp.pk}.tst"):
        call_command("evidence", "verify", "--org", org.slug)
    # a changed file is not in the workspace
    evidence.write_bytes(b"%PDF-1.4 drawing A-12 rev 4")
    with pytest.raises(CommandError, match="No record"):
        call_command("evidence", "verify", "--org", org.slug, str(evidence))


def test_prior_use_dossier(demo, tmp_path, login_client):
    from kimitsu.awareness.models import PatentDecision

    org, admin = demo
    decision = PatentDecision.objects.get(organization=org, title__contains="型枠支保工")
    client = login_client(admin.user)
    response = client.get(
        reverse("evidence:dossier", kwargs={"org_slug": org.slug, "pk": decision.pk})
    )
    assert response["Content-Type"] == "application/pdf"
    text = re.sub(
        r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    )
    assert "先使用権の立証資料" in text and "EV-00001" in text and "EV-00002" in text
    from kimitsu.evidence.models import Record

    for record in Record.objects.filter(organization=org):
        assert record.sha256 in text
    zipped = client.get(
        reverse("evidence:dossier_pack", kwargs={"org_slug": org.slug, "pk": decision.pk})
    )
    _unpack(zipped.content, tmp_path)
    for command in _verify_md_commands(tmp_path):
        run = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    other = (
        PatentDecision.objects.filter(organization=org)
        .exclude(decision__in=["secret", "both"])
        .first()
    )
    if other is not None:
        url = reverse("evidence:dossier", kwargs={"org_slug": org.slug, "pk": other.pk})
        assert client.get(url).status_code == 404
