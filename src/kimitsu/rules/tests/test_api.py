"""The same through /api/v1/: rules, regulation, read confirmation, documents."""

import io

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kimitsu.organizations.choices import Role
from kimitsu.register.services import levels_ensure_defaults


def _client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.mark.django_db
def test_api_flow(company, member_of):
    admin = member_of(company, Role.ADMIN)
    member = member_of(company, Role.MEMBER)
    levels_ensure_defaults(organization=company)
    api = _client(admin.user)
    base = f"/api/v1/o/{company.slug}/rules"

    created = api.post(f"{base}/rule-sets/")
    assert created.status_code == 201 and len(created.json()["rules"]) == 48
    rule = next(r for r in created.json()["rules"] if r["level"] == "秘" and r["action"] == "cloud")
    bad = api.patch(
        f"{base}/rules/{rule['id']}/", {"verdict": "conditional", "condition": ""}, format="json"
    )
    assert bad.status_code == 400 and "condition" in bad.json()
    ok = api.patch(f"{base}/rules/{rule['id']}/", {"verdict": "forbidden"}, format="json")
    assert ok.status_code == 200 and ok.json()["verdict"] == "forbidden"
    approved = api.post(
        f"{base}/rule-sets/{created.json()['id']}/approve/", {"note": "API"}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"

    reg = api.post(
        f"{base}/regulations/",
        {"officer_post": "管理部長", "options": {"generative_ai": False}},
        format="json",
    )
    assert reg.status_code == 201
    body = reg.json()
    assert body["state"] == "draft"
    assert "generative_ai" not in [a["key"] for a in body["articles"]]
    article = body["articles"][0]
    edited = api.patch(
        f"{base}/regulations/{body['id']}/articles/{article['id']}/",
        {"body": article["body"] + "\n本規程の運用に必要な細則は、別に定める。"},
        format="json",
    )
    assert edited.status_code == 200 and edited.json()["edited"]
    missing_date = api.post(f"{base}/regulations/{body['id']}/approve/", {}, format="json")
    assert missing_date.status_code == 400
    today = timezone.localdate().isoformat()
    approved = api.post(
        f"{base}/regulations/{body['id']}/approve/", {"effective_on": today}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["state"] == "in_force"

    document = api.get(f"{base}/regulations/{body['id']}/document/", {"as": "docx"})
    assert document.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(document.content)).paragraphs)
    assert "管理部長をもって充てる" in text and "細則は、別に定める" in text

    employee = _client(member.user)
    in_force = employee.get(f"{base}/regulations/in-force/")
    assert in_force.status_code == 200 and in_force.json()["read_confirmed_at"] is None
    assert employee.post(f"{base}/regulations/{body['id']}/confirm/").status_code == 200
    assert employee.get(f"{base}/regulations/in-force/").json()["read_confirmed_at"]
    assert (
        employee.patch(
            f"{base}/rules/{rule['id']}/", {"verdict": "allowed"}, format="json"
        ).status_code
        == 403
    )
    readers = api.get(f"{base}/regulations/readers/").json()["readers"]
    assert {r["email"]: r["has_read"] for r in readers} == {
        admin.user.email: False,
        member.user.email: True,
    }


@pytest.mark.django_db
def test_employee_gets_only_the_version_in_force(company, member_of, login_client):
    from .helpers import draft_regulation, in_force_regulation

    levels_ensure_defaults(organization=company)
    in_force = in_force_regulation(company)
    draft = draft_regulation(company)  # the next version, being written
    assert draft.pk != in_force.pk
    member = member_of(company, Role.MEMBER)
    client = login_client(member.user)
    api = _client(member.user)
    base = f"/api/v1/o/{company.slug}/rules/regulations"
    # the version in force is served, as a PDF, on the page and through the API
    page = client.get(f"/o/{company.slug}/rules/regulation/{in_force.pk}/download/pdf/")
    assert page.status_code == 200 and page["Content-Type"] == "application/pdf"
    served = api.get(f"{base}/{in_force.pk}/document/?as=pdf")
    assert served.status_code == 200 and served.content.startswith(b"%PDF")
    assert api.get(f"{base}/in-force/").json()["id"] == in_force.pk
    # the draft is not
    url = f"/o/{company.slug}/rules/regulation/{draft.pk}/download/pdf/"
    assert client.get(url).status_code == 403
    assert api.get(f"{base}/{draft.pk}/document/").status_code == 403


@pytest.mark.django_db
def test_api_edits_a_draft_regulation_and_reports_its_state(company, member_of):
    admin = member_of(company, Role.ADMIN)
    levels_ensure_defaults(organization=company)
    api = _client(admin.user)
    base = f"/api/v1/o/{company.slug}/rules"
    reg = api.post(f"{base}/regulations/", {}, format="json").json()
    edited = api.patch(
        f"{base}/regulations/{reg['id']}/", {"officer_post": "管理部長"}, format="json"
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["officer_post"] == "管理部長" and edited.json()["state"] == "draft"
    # a full update (PUT) of a handling rule goes through the same service checks
    rule = api.post(f"{base}/rule-sets/").json()["rules"][0]
    bad = api.put(
        f"{base}/rules/{rule['id']}/", {"verdict": "conditional", "condition": ""}, format="json"
    )
    assert bad.status_code == 400 and "condition" in bad.json()
