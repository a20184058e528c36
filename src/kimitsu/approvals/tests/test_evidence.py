"""The approvals are part of the evidence: the pack's report lists, for each entry, the requests
made under the handling rules and how they were decided, and a disclosure's approval."""

import io
import zipfile

import pytest
from pypdf import PdfReader

from kimitsu.approvals import services
from kimitsu.evidence import pack

from .helpers import make_request

pytestmark = pytest.mark.django_db


def test_the_report_lists_the_requests_of_each_entry(world):
    request = make_request(world.member, "take_out", [world.entries["secret"]])
    services.request_decide(
        actor=world.manager.user, membership=world.manager, request=request, approve=True
    )
    make_request(world.member, "copy", [world.entries["secret"]], confirmed=True)
    data = pack.build(world.admin, actor=world.admin.user, entries=[world.entries["secret"]])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        report = PdfReader(io.BytesIO(z.read("report.pdf")))
    text = "".join(p.extract_text() for p in report.pages).replace("\n", "").replace(" ", "")
    assert "取扱ルールに基づく申請・承認" in text
    assert "AP-00001社外持出し（所属部門の長の承認）" in text
    assert "AP-00002複製" in text and "条件確認" in text
