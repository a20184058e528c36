"""kimitsu prepub check: exit 0 clean, 1 with hits, 2 when the file cannot be read."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kimitsu.audit.models import AuditEvent

from . import drafts

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command("prepub", "check", *args, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def test_hits_print_as_json_and_exit_1(company, prepub_world, tmp_path):
    path = tmp_path / "panel.pdf"
    path.write_bytes(drafts.pdf([["表紙"], ["素材はアルミ", "合金X200です"]]))
    code, out = run("--org", company.slug, str(path), "--format", "json", "--purpose", "catalogue")
    assert code == 1
    report = json.loads(out)
    assert report["file"] == str(path) and report["pages"] == 2
    (hit,) = report["hits"]
    assert hit["ledger_number"] == "KM-00008" and hit["term"] == "アルミ合金X200"
    assert hit["page"] == 2 and "【アルミ 合金X200】" in hit["context"]
    event = AuditEvent.objects.get(event_type="prepub.checked")
    assert event.after["via"] == "command" and event.after["entries"] == ["KM-00008"]


def test_a_clean_file_exits_0(company, prepub_world, tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("新製品のご案内", encoding="utf-8")
    code, out = run("--org", company.slug, str(path))
    assert code == 0 and "0 hit(s)" in out


def test_an_unreadable_file_exits_2_with_the_reason(company, prepub_world, tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(drafts.pdf([["X200"]], encrypt="pw"))
    with pytest.raises(CommandError) as error:
        run("--org", company.slug, str(path))
    assert error.value.returncode == 2 and "locked.pdf" in str(error.value)
    with pytest.raises(CommandError) as missing:
        run("--org", company.slug, str(tmp_path / "nothing.pdf"))
    assert missing.value.returncode == 2
    with pytest.raises(CommandError) as no_org:
        run("--org", "nobody", str(path))
    assert no_org.value.returncode == 2
    assert not AuditEvent.objects.filter(event_type="prepub.checked").exists()
