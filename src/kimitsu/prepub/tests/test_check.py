"""Checking a draft, deciding on it, and what each reader may see of it."""

import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kimitsu.audit.models import AuditEvent
from kimitsu.awareness.models import PatentDecision
from kimitsu.prepub import extract, selectors, services
from kimitsu.prepub.models import CheckRequest, CheckVersion
from kimitsu.register.choices import Status

from . import drafts

pytestmark = pytest.mark.django_db

PANEL = [
    "2027年 展示会パネル",
    "新素材アルミ",
    "合金X200を焼結温度１１８０℃で",
    "納入先: 北陸測量様",
]


def _check(world, who="seller", **kw):
    kw.setdefault("purpose", "exhibition")
    if "text" not in kw and "data" not in kw:
        kw.update(filename="panel.pdf", data=drafts.pdf([["表紙"], PANEL]))
    membership = world[who]
    return services.check(actor=membership.user, membership=membership, **kw)


def _url(company, name, **kw):
    return reverse(f"prepub:{name}", kwargs={"org_slug": company.slug, **kw})


def test_a_check_records_the_hits_the_entries_and_an_audit_event(company, prepub_world):
    data = drafts.pdf([["表紙"], PANEL])
    version = _check(prepub_world, data=data, filename="panel.pdf")
    assert version.number == 1 and version.pages == 2 and version.terms_checked == 4
    found = sorted((h["term"], h["page"]) for h in version.hits)
    assert found == [("1180℃", 2), ("アルミ合金X200", 2), ("北陸測量", 2)]
    assert set(version.entries.values_list("ledger_number", flat=True)) == {
        "KM-00008",
        "KM-00002",
    }
    assert not version.file  # not kept unless asked
    event = AuditEvent.objects.get(event_type="prepub.checked")
    assert event.after["sha256"] == hashlib.sha256(data).hexdigest()
    assert event.after["entries"] == ["KM-00002", "KM-00008"]
    logged = json.dumps([event.before, event.after, event.object_repr], ensure_ascii=False)
    for secret in ("焼結炉の温度プロファイル", "アルミ", "1180", "北陸測量"):
        assert secret not in logged  # no entry title, no term, no word of the draft


def test_a_kept_draft_is_kept(company, prepub_world):
    version = _check(prepub_world, text="型番X200", keep=True)
    assert version.file.read() == "型番X200".encode()
    assert AuditEvent.objects.get(event_type="prepub.checked").after["kept"] is True


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("secret.pdf", drafts.pdf([["X200"]], encrypt="pw")),
        ("broken.pdf", b"%PDF-1.7 broken"),
        ("scan.pdf", drafts.pdf([[""]], image_only=True)),
    ],
)
def test_a_refused_draft_records_nothing(company, prepub_world, filename, data):
    with pytest.raises(extract.DraftRefused):
        _check(prepub_world, filename=filename, data=data)
    assert not CheckRequest.objects.exists()
    assert not AuditEvent.objects.filter(event_type="prepub.checked").exists()


def test_terms_of_retired_entries_and_of_secret_decisions(company, prepub_world):
    prepub_world["internal"].status = Status.RETIRED
    prepub_world["internal"].save()
    PatentDecision.objects.create(
        organization=company,
        title="乾燥工程",
        recommendation="secret",
        decision="secret",
        check_terms="二段乾燥",
    )
    PatentDecision.objects.create(
        organization=company,
        title="特許にする技術",
        recommendation="patent",
        decision="patent",
        check_terms="公開予定の技術",
    )
    version = _check(prepub_world, text="北陸測量に二段乾燥と公開予定の技術を説明")
    assert [(h["source"], h["term"]) for h in version.hits] == [("decision", "二段乾燥")]


def test_the_matcher_follows_a_changed_term(company, prepub_world):
    assert _check(prepub_world, text="新コードZ9").clean
    top = prepub_world["top"]
    top.check_terms += "\nZ9"
    top.save()
    assert not _check(prepub_world, text="新コードZ9").clean


def test_no_check_term_of_another_company(company, other_company, prepub_world, member_of):
    from kimitsu.organizations.choices import Role

    stranger = member_of(other_company, Role.ADMIN)
    version = services.check(
        actor=stranger.user, membership=stranger, purpose="other", text="アルミ合金X200 北陸測量"
    )
    assert version.clean and version.terms_checked == 0


# --- deciding -----------------------------------------------------------------------------


def test_the_custodian_or_an_administrator_decides(company, prepub_world):
    version = _check(prepub_world)
    req = version.request
    assert selectors.may_decide(prepub_world["engineer"], version)  # custodian of KM-00008
    assert selectors.may_decide(prepub_world["admin"], version)
    for who in ("seller", "manager", "auditor"):
        assert not selectors.may_decide(prepub_world[who], version), who
    with pytest.raises(PermissionDenied):
        services.decide(
            actor=prepub_world["seller"].user,
            membership=prepub_world["seller"],
            request=req,
            verdict="publish",
        )
    with pytest.raises(ValidationError) as error:
        services.decide(
            actor=prepub_world["engineer"].user,
            membership=prepub_world["engineer"],
            request=req,
            verdict="after_changes",
        )
    assert "comment" in error.value.message_dict
    services.decide(
        actor=prepub_world["engineer"].user,
        membership=prepub_world["engineer"],
        request=req,
        verdict="after_changes",
        comment="温度と素材名を削除してください",
    )
    req.refresh_from_db()
    assert req.verdict == "after_changes" and req.decided_version == version
    event = AuditEvent.objects.get(event_type="prepub.decided")
    assert event.after["sha256"] == version.sha256 and event.after["version"] == 1


def test_a_corrected_draft_is_the_next_version(company, prepub_world):
    first = _check(prepub_world)
    second = _check(prepub_world, request=first.request, text="2027年 展示会パネル 新素材を採用")
    assert second.number == 2 and second.clean and second.request == first.request
    assert CheckRequest.objects.count() == 1
    assert CheckVersion.objects.filter(request=first.request).count() == 2


# --- who sees what ------------------------------------------------------------------------


def test_requests_are_seen_by_their_author_the_custodians_and_the_company_roles(
    company, prepub_world, member_of
):
    from kimitsu.organizations.choices import Role

    req = _check(prepub_world).request
    other = member_of(company, Role.MEMBER)
    for who in ("seller", "engineer", "admin", "manager", "auditor"):
        assert selectors.request_list(prepub_world[who]).filter(pk=req.pk).exists(), who
    assert not selectors.request_list(other).filter(pk=req.pk).exists()


def test_the_report_names_an_entry_as_need_to_know_allows(company, prepub_world, login_client):
    req = _check(prepub_world).request
    seller = login_client(prepub_world["seller"].user)
    html = seller.get(_url(company, "request", pk=req.pk)).content.decode()
    assert "KM-00008" in html and "極秘" in html
    assert "焼結炉の温度プロファイル" not in html  # the title of what the seller may not open
    assert "1180℃" not in html  # nor its term as registered (the draft wrote １１８０℃)
    assert "１１８０℃" in html and "<mark>" in html
    assert "山田\u3000太郎" in html and "製造技術部" in html  # whom to ask
    assert "顧客別価格表" in html  # 社外秘: the seller may open it
    assert 'id="decide-form"' not in html

    engineer = login_client(prepub_world["engineer"].user)
    html = engineer.get(_url(company, "request", pk=req.pk)).content.decode()
    assert "焼結炉の温度プロファイル" in html and "1180℃" in html
    assert 'id="decide-form"' in html


def test_the_api_names_entries_as_need_to_know_allows(company, prepub_world):
    from django.test import Client
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=prepub_world["seller"].user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = reverse("api-prepub-checks", kwargs={"org_slug": company.slug})
    upload = SimpleUploadedFile("panel.pdf", drafts.pdf([PANEL]))
    response = api.post(url, {"file": upload, "purpose": "exhibition"})
    assert response.status_code == 201, response.content
    body = response.json()
    top = [h for h in body["hits"] if h["ledger_number"] == "KM-00008"]
    assert top and all(h["title"] is None and h["term"] is None for h in top)
    assert {h["level"] for h in top} == {"極秘"}
    assert "焼結炉" not in response.content.decode()
    internal = [h for h in body["hits"] if h["ledger_number"] == "KM-00002"]
    assert internal[0]["title"] == "顧客別価格表" and internal[0]["term"] == "北陸測量"

    refused = api.post(url, {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 x")})
    assert refused.status_code == 400 and "file" in refused.json()
    assert CheckRequest.objects.count() == 1


def test_the_pages_check_decide_and_check_again(company, prepub_world, login_client):
    seller = login_client(prepub_world["seller"].user)
    upload = SimpleUploadedFile("panel.pdf", drafts.pdf([PANEL]))
    response = seller.post(
        _url(company, "new"), {"file": upload, "purpose": "exhibition", "title": "展示会パネル"}
    )
    req = CheckRequest.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{req.pk}/")
    engineer = login_client(prepub_world["engineer"].user)
    response = engineer.post(_url(company, "decide", pk=req.pk), {"verdict": "refuse"})
    assert response.status_code == 200 and "comment" in response.context["decision_form"].errors
    engineer.post(
        _url(company, "decide", pk=req.pk), {"verdict": "after_changes", "comment": "数値を削除"}
    )
    req.refresh_from_db()
    assert req.verdict == "after_changes"
    assert (
        seller.post(_url(company, "decide", pk=req.pk), {"verdict": "publish"}).status_code == 404
    )
    response = seller.post(_url(company, "recheck", pk=req.pk), {"text": "新素材を採用しました"})
    assert response.status_code == 302
    html = seller.get(_url(company, "request", pk=req.pk)).content.decode()
    assert 'id="clean-report"' in html
    bad = seller.post(_url(company, "new"), {"text": "", "purpose": "exhibition"})
    assert bad.status_code == 200 and bad.context["form"].errors
    assert CheckRequest.objects.count() == 1


def test_an_oversized_upload_is_refused_on_the_page_and_the_api(
    company, prepub_world, login_client, settings
):
    from django.test import Client
    from rest_framework.authtoken.models import Token

    settings.KIMITSU_MAX_UPLOAD_MB = 1
    big = b"x" * (1024 * 1024 + 1)
    page = login_client(prepub_world["seller"].user).post(
        _url(company, "new"),
        {"file": SimpleUploadedFile("big.txt", big), "purpose": "other"},
    )
    assert page.status_code == 200
    assert "1 MB" in str(page.context["form"].errors["file"])
    token, _ = Token.objects.get_or_create(user=prepub_world["seller"].user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}").post(
        reverse("api-prepub-checks", kwargs={"org_slug": company.slug}),
        {"file": SimpleUploadedFile("big.txt", big), "purpose": "other"},
    )
    assert api.status_code == 400 and "1 MB" in api.json()["file"][0]
    assert not CheckRequest.objects.exists()
    assert not AuditEvent.objects.filter(event_type="prepub.checked").exists()


def test_the_list_costs_the_same_queries_for_3_or_30_requests(company, prepub_world, login_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login_client(prepub_world["admin"].user)

    def listed(n):
        while CheckRequest.objects.count() < n:
            _check(prepub_world, text=f"案内 {CheckRequest.objects.count()} 北陸測量")
        with CaptureQueriesContext(connection) as queries:
            html = client.get(_url(company, "list")).content.decode()
        assert html.count(">PC-000") == n  # every request is on the page
        return len(queries)

    assert listed(3) == listed(30)
