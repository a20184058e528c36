"""Dates and words of the workspace pages (issue 16): the invitation e-mail is written as a
person writes it (not 「に 従業員 として」), and the members, the people and the audit log follow
the company's 和暦."""

import re

import pytest
from django.core import mail

from kimitsu.organizations.choices import Role
from kimitsu.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"<[^>]+>", " ", html)


def test_the_invitation_e_mail_reads_as_a_sentence(
    company, member_of, login_client, django_capture_on_commit_callbacks
):
    admin = member_of(company, Role.ADMIN)
    admin.user.display_name = "山本 一郎"
    admin.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        login_client(admin.user).post(
            "/o/acme/members/", {"email": "t@example.jp", "role": "member"}
        )
    body = mail.outbox[0].body
    assert "に 従業員 として" not in body and " として招待" not in body
    assert (
        "山本 一郎さんから、kimitsu のワークスペース「株式会社アクメ」への招待が届いています。"
        "役割は「従業員」です。"
    ) in body
    assert "リンクの有効期間は14日間です。" in body


def test_members_people_and_the_audit_log_follow_the_era(company, member_of, login_client):
    company.use_wareki = True
    company.save()
    admin = member_of(company, Role.ADMIN)
    client = login_client(admin.user)
    client.post("/o/acme/members/", {"email": "t@example.jp", "role": "member"})
    members = _text(client.get("/o/acme/members/"))
    assert re.search(r"令和\d+年\d+月\d+日まで", members) and not ISO.search(members)
    client.post(
        "/o/acme/people/new/",
        {"employee_number": "1501", "family_name": "田村", "status": "active"},
    )
    person = company.people.get(employee_number="1501")
    detail = _text(client.get(f"/o/acme/people/{person.pk}/"))
    assert re.search(r"令和\d+年\d+月\d+日 \d\d:\d\d", detail) and not ISO.search(detail)
    audit = _text(client.get("/o/acme/audit/"))
    assert "令和" in audit and not ISO.search(audit)


def test_a_taken_employee_number_on_the_edit_page(company, member_of, login_client):
    PersonFactory(organization=company, employee_number="1501")
    other = PersonFactory(organization=company, employee_number="1502")
    admin = member_of(company, Role.ADMIN)
    page = login_client(admin.user).post(
        f"/o/acme/people/{other.pk}/edit/",
        {"employee_number": "1501", "family_name": "田村", "status": "active"},
    )
    assert page.context["form"].errors == {
        "employee_number": ["社員番号 1501 は既に登録されています。"]
    }
