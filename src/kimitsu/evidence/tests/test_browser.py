"""In the browser: record a file without sending it, see the TSA time, re-check it, take the pack."""

import hashlib
import io
import json
import zipfile

import pytest

from kimitsu.evidence.models import Record
from kimitsu.testing.browser import log_in

NOTE = b"%PDF-1.4 lab notebook 12 p.18"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_vault_in_the_browser(page, company, vault_world, real_tsa):
    base = page.base_url
    vault = f"{base}/o/{company.slug}/evidence/"
    log_in(page, base, vault_world["engineer"].user, two_factor=False)
    page.goto(vault)
    page.click("#record-new")
    page.wait_for_url("**/evidence/new/")
    page.wait_for_load_state("load")  # vault.js listens for the file chosen
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "note.pdf", "mimeType": "application/pdf", "buffer": NOTE}],
    )
    # the browser computes the SHA-256; without "keep", the file itself is not sent
    for _ in range(50):  # (a wait_for_function string would be refused by the CSP: no eval)
        if len(page.input_value("input[name=sha256]")) == 64:
            break
        page.wait_for_timeout(100)
    assert page.input_value("input[name=sha256]") == hashlib.sha256(NOTE).hexdigest()
    page.fill("input[name=title]", "実験ノート 第12冊 18頁")
    page.select_option("select[name=kind]", "notebook")
    page.fill("input[name=entries]", "KM-00001")
    page.click("#record-save")
    page.wait_for_url("**/evidence/*/")
    record = Record.objects.get()
    assert record.sha256 == hashlib.sha256(NOTE).hexdigest()
    assert not record.kept and record.filename == "note.pdf"
    assert "Test TSA" in page.inner_text("#record-facts")
    assert page.locator("#record-tsa-time .bi-patch-check-fill").count() == 1

    # re-check: the same bytes, then one byte more
    page.set_input_files(
        "#recheck-form input[name=file]",
        files=[{"name": "n.pdf", "mimeType": "application/pdf", "buffer": NOTE}],
    )
    page.click("#recheck-form button")
    assert "alert-success" in page.get_attribute("#recheck-result", "class")
    page.set_input_files(
        "#recheck-form input[name=file]",
        files=[{"name": "n.pdf", "mimeType": "application/pdf", "buffer": NOTE + b"!"}],
    )
    page.click("#recheck-form button")
    assert "alert-danger" in page.get_attribute("#recheck-result", "class")

    # the administrator downloads the pack, which carries the record's token
    page.context.clear_cookies()
    log_in(page, base, vault_world["admin"].user)
    page.goto(vault + "pack/")
    with page.expect_download() as download:
        page.click("#pack-download")
    data = open(download.value.path(), "rb").read()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        vault_items = [i for i in manifest["items"] if i["kind"] == "vault"]
        assert vault_items and vault_items[0]["sha256"] == record.sha256
        assert zf.read(vault_items[0]["token"]) == bytes(record.timestamp.token)
