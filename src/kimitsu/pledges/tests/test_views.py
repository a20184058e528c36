import datetime as dt

import pytest
from django.urls import reverse

from kimitsu.core.steps import DONE, IN_PROGRESS, NOT_STARTED
from kimitsu.organizations.choices import Role
from kimitsu.pledges import services
from kimitsu.pledges.choices import DocumentStatus, TemplateKind
from kimitsu.pledges.steps import step7_status
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _url(name, org, **kw):
    return reverse(f"pledges:{name}", kwargs={"org_slug": org.slug, **kw})


def _people_with_documents(company, admin, n):
    for _ in range(n):
        person = PersonFactory(organization=company)
        services.document_create(
            actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_HIRE, person=person
        )
        services.joining_open(actor=admin.user, membership=admin, person=person)


@pytest.mark.parametrize(
    "name", ["documents", "checklists", "gaps", "home", "partners", "disclosures"]
)
def test_list_views_have_bounded_queries(
    company, admin, adopted, login_client, django_assert_max_num_queries, name
):
    client = login_client(admin.user)
    _people_with_documents(company, admin, 3)
    with django_assert_max_num_queries(30) as small:
        assert client.get(_url(name, company)).status_code == 200
    _people_with_documents(company, admin, 25)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(_url(name, company)).status_code == 200


def test_step7_follows_the_data(company, admin):
    people = [PersonFactory(organization=company) for _ in range(2)]
    assert step7_status(company)["status"] == NOT_STARTED
    services.templates_install_defaults(actor=admin.user, organization=company, adopt=True)
    status = step7_status(company)
    assert status["status"] == IN_PROGRESS
    assert "6種類中 6種類" in status["evidence"][0]
    assert "2人中 0人" in status["evidence"][1]
    for p in people:
        doc = services.document_create(
            actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_HIRE, person=p
        )
        for s in (DocumentStatus.ISSUED, DocumentStatus.SIGNED):
            services.document_transition(
                actor=admin.user, membership=admin, document=doc, to_status=s
            )
    assert step7_status(company)["status"] == DONE
    assert "（100%）" in step7_status(company)["evidence"][1]


def test_manager_sees_only_their_subtree(company, admin, member_of, adopted, login_client):
    mine = DepartmentFactory(organization=company, name="工事部")
    theirs = DepartmentFactory(organization=company, name="営業部")
    manager = member_of(company, Role.MANAGER, department=mine)
    inside = PersonFactory(organization=company, department=mine, family_name="内")
    outside = PersonFactory(organization=company, department=theirs, family_name="外")
    client = login_client(manager.user)
    html = client.get(_url("gaps", company)).content.decode()
    assert inside.full_name in html and outside.full_name not in html
    assert client.get(_url("person", company, pk=outside.pk)).status_code == 404
    assert (
        client.post(
            _url("leaving_start", company, pk=inside.pk), {"last_day": "2026-12-31"}
        ).status_code
        == 403
    )


def test_issue_form_shows_noncompete_warnings(company, admin, adopted, login_client):
    person = PersonFactory(organization=company, status="leaving")
    client = login_client(admin.user)
    r = client.post(
        _url("document_create", company),
        {
            "kind": "pledge_exit",
            "person": person.pk,
            "document_date": "2026-12-01",
            "noncompete": "on",
            "nc_period_months": "36",
            "nc_region": "日本全国",
            "nc_scope": "建設業全般",
        },
        follow=True,
    )
    html = r.content.decode()
    assert "2年を超えて" in html and "全国" in html and "代償措置" in html


def test_batch_issue_page(company, admin, adopted, login_client):
    for _ in range(3):
        PersonFactory(organization=company)
    client = login_client(admin.user)
    assert "3人" in client.get(_url("gaps", company)).content.decode()
    r = client.post(_url("gaps", company), {"document_date": dt.date.today().isoformat()})
    assert r.status_code == 302
    from kimitsu.pledges.models import Document

    assert Document.objects.filter(organization=company).count() == 3


def test_clauses_are_edited_in_a_draft_only(company, admin, login_client):
    from kimitsu.pledges.models import TemplateVersion

    client = login_client(admin.user)
    assert client.post(_url("templates", company)).status_code == 302
    hire = TemplateVersion.objects.get(organization=company, kind="pledge_hire")
    clause = hire.clauses.get(heading="秘密情報の帰属")
    r = client.post(
        _url("clause_edit", company, pk=clause.pk),
        {
            "position": clause.position,
            "heading": "秘密情報の帰属",
            "variant": "",
            "body": "業務上作成した資料は会社に帰属します。",
        },
    )
    assert r.status_code == 302
    clause.refresh_from_db()
    assert clause.body == "業務上作成した資料は会社に帰属します。"
    client.post(_url("template_detail", company, pk=hire.pk), {"action": "adopt"})
    hire.refresh_from_db()
    assert hire.status == "adopted"
    r = client.post(
        _url("clause_edit", company, pk=clause.pk),
        {"position": clause.position, "heading": "x", "variant": "", "body": "y"},
        follow=True,
    )
    assert "下書き" in r.content.decode()
    clause.refresh_from_db()
    assert clause.heading == "秘密情報の帰属"
    r = client.get(_url("template_sample", company, pk=hire.pk, fmt="docx"))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")


def test_an_agreement_can_be_ended(company, admin, login_client):
    partner = services.partner_create(actor=admin.user, membership=admin, data={"name": "甲社"})
    agreement = services.agreement_create(
        actor=admin.user,
        membership=admin,
        partner=partner,
        data={"kind": "nda", "title": "NDA", "starts_on": dt.date(2025, 1, 1)},
    )
    client = login_client(admin.user)
    r = client.post(
        _url("agreement_edit", company, pk=agreement.pk),
        {"kind": "nda", "title": "NDA", "starts_on": "2025-01-01", "ends_on": "2024-12-31"},
    )
    assert r.status_code == 200 and "有効期限が効力発生日より前" in r.content.decode()
    r = client.post(
        _url("agreement_edit", company, pk=agreement.pk),
        {"kind": "nda", "title": "NDA", "starts_on": "2025-01-01", "ends_on": "2025-12-31"},
    )
    assert r.status_code == 302
    agreement.refresh_from_db()
    assert agreement.ends_on == dt.date(2025, 12, 31)
