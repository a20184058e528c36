"""The API: look a rule up, make a request, decide it — the same services and the same
need-to-know as the pages."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kimitsu.approvals.models import ApprovalRequest
from kimitsu.register.naming import mask_text

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def api(membership) -> Client:
    token, _ = Token.objects.get_or_create(user=membership.user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def _url(world, name, **kw):
    return reverse(f"api-approvals-{name}", kwargs={"org_slug": world.org.slug, **kw})


def test_ruling_request_and_decision(world):
    member = api(world.member)
    ruling = member.get(
        _url(world, "ruling"), {"action": "take_out", "entries": "KM-00002,KM-00003"}
    )
    assert ruling.status_code == 200
    assert ruling.json()["verdict"] == "approval" and ruling.json()["approver"] == "manager"
    body = {
        "action": "take_out",
        "entries": ["KM-00001"],
        "purpose": "現場",
        "destination": "現場事務所",
        "return_due": (TODAY + dt.timedelta(days=1)).isoformat(),
    }
    refused = member.post(_url(world, "requests"), body, content_type="application/json")
    assert refused.status_code == 400 and "禁止" in str(refused.json())
    assert not ApprovalRequest.objects.exists()
    made = member.post(
        _url(world, "requests"), {**body, "entries": ["km-00002"]}, content_type="application/json"
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["approvers"] == [world.manager.user.email]
    # the approver may not open KM-00002: its number and level, no title
    seen = api(world.manager).get(_url(world, "request", pk=pk)).json()
    assert seen["entries"][0]["title"] == mask_text() and seen["entries"][0]["level"] == "秘"
    own = member.post(
        _url(world, "request-decide", pk=pk),
        {"approve": True},
        content_type="application/json",
    )
    assert own.status_code == 403
    decided = api(world.manager).post(
        _url(world, "request-decide", pk=pk),
        {"approve": True},
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    back = member.post(_url(world, "request-return", pk=pk), {}, content_type="application/json")
    assert back.status_code == 200 and back.json()["status"] == "returned"


def test_unknown_entries_are_named(world):
    r = api(world.member).post(
        _url(world, "requests"),
        {"action": "copy", "entries": ["KM-09999"], "purpose": "x"},
        content_type="application/json",
    )
    assert r.status_code == 400 and "KM-09999" in str(r.json()["entries"])
