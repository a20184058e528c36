"""Tenant isolation, linking to a company's workspace, hand-over, pages and API."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kimitsu.audit.models import AuditEvent
from kimitsu.desk import selectors, services
from kimitsu.desk.models import Client, Consultation
from kimitsu.organizations.choices import OrgKind, Role
from kimitsu.testing.factories import MembershipFactory, OrganizationFactory

from .conftest import at


@pytest.fixture
def other_desk(db):
    return OrganizationFactory(kind=OrgKind.DESK, slug="kansai-desk", name="関西窓口")


@pytest.fixture
def other_admin(other_desk):
    return MembershipFactory(organization=other_desk, role=Role.DESK_ADMIN)


def _api(user):
    token, _ = Token.objects.get_or_create(user=user)
    return APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")


# --- isolation ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_of_one_desk_do_not_see_another_desks_clients(
    desk, advisor, other_desk, other_admin, make_client, consult, login_client
):
    mine = make_client("自分の窓口の相談者")
    theirs = services.client_create(
        actor=other_admin.user,
        membership=other_admin,
        data={"name": "他の窓口の相談者", "attribute": "sme"},
    )
    their_c = services.consultation_create(
        actor=other_admin.user,
        membership=other_admin,
        data={
            "client": theirs,
            "received_at": at(2020, 5, 1),
            "channel": "phone",
            "subjects": ["management"],
        },
    )
    assert list(selectors.client_list(advisor)) == [mine]
    web = login_client(advisor.user)
    listing = web.get(f"/o/{desk.slug}/desk/clients/")
    assert "他の窓口の相談者" not in listing.content.decode()
    assert "自分の窓口の相談者" in listing.content.decode()
    # another desk's objects through my desk's URLs: 404
    assert web.get(f"/o/{desk.slug}/desk/clients/{theirs.pk}/").status_code == 404
    assert web.get(f"/o/{desk.slug}/desk/consultations/{their_c.pk}/").status_code == 404
    # the other desk's URLs: 404 (not a member)
    assert web.get(f"/o/{other_desk.slug}/desk/clients/").status_code == 404
    api = _api(advisor.user)
    assert [
        c["name"] for c in api.get(f"/api/v1/o/{desk.slug}/desk/clients/").json()["results"]
    ] == ["自分の窓口の相談者"]
    assert api.get(f"/api/v1/o/{desk.slug}/desk/clients/{theirs.pk}/").status_code == 404
    # a consultation cannot point at another desk's client
    with pytest.raises(ValidationError):
        services.consultation_create(
            actor=advisor.user,
            membership=advisor,
            data={
                "client": theirs,
                "received_at": at(2020, 5, 1),
                "channel": "phone",
                "subjects": ["management"],
            },
        )


@pytest.mark.django_db
def test_company_workspace_answers_404_for_desk_urls(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    web = login_client(admin.user)
    assert web.get(f"/o/{company.slug}/desk/").status_code == 404
    assert _api(admin.user).get(f"/api/v1/o/{company.slug}/desk/clients/").status_code == 404


# --- linking a client to its company's workspace ------------------------------------------


@pytest.mark.django_db
def test_link_only_when_the_company_invited_the_desk(
    desk, advisor, company, member_of, login_client
):
    with pytest.raises(ValidationError):
        services.client_create(
            actor=advisor.user,
            membership=advisor,
            data={"name": company.name, "linked_organization": company},
        )
    assert list(selectors.invited_companies(desk)) == []
    api = _api(advisor.user)
    refused = api.post(
        f"/api/v1/o/{desk.slug}/desk/clients/",
        {"name": "X", "linked_organization": company.slug},
        format="json",
    )
    assert refused.status_code == 400 and "linked_organization" in refused.json()
    # the company invites the desk's advisor as its external advisor
    invitation = member_of(company, Role.ADVISOR)
    invitation.user = advisor.user
    invitation.save()
    client = services.client_create(
        actor=advisor.user,
        membership=advisor,
        data={"name": company.name, "linked_organization": company},
    )
    assert AuditEvent.objects.filter(
        event_type="desk_client.created", object_id=str(client.pk)
    ).exists()
    accepted = api.post(
        f"/api/v1/o/{desk.slug}/desk/clients/",
        {"name": "API経由", "linked_organization": company.slug},
        format="json",
    )
    assert accepted.status_code == 201 and accepted.json()["linked_organization"] == company.slug
    progress = selectors.linked_company_progress(advisor, client)
    assert progress["company"] == company and len(progress["steps"]) == 7
    page = login_client(advisor.user).get(f"/o/{desk.slug}/desk/clients/{client.pk}/")
    assert b'id="linked-progress"' in page.content
    # the company withdraws the invitation: the progress disappears
    invitation.is_active = False
    invitation.save()
    assert selectors.linked_company_progress(advisor, client) is None
    page = login_client(advisor.user).get(f"/o/{desk.slug}/desk/clients/{client.pk}/")
    assert b'id="linked-progress"' not in page.content


# --- hand-over ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_hand_over_to_a_desk_in_kimitsu(
    desk, advisor, other_desk, other_admin, make_client, consult
):
    client = make_client("大阪精工", prefecture="27", employee_count=80)
    c = consult(
        client, at(2020, 9, 1), subjects=["management", "contract"], summary="規程整備の相談"
    )
    services.consultation_update(
        actor=advisor.user, membership=advisor, consultation=c, data={"status": "in_progress"}
    )
    copy = services.consultation_hand_over(
        actor=advisor.user, membership=advisor, consultation=c, target=other_desk, note="至急"
    )
    c.refresh_from_db()
    assert c.status == "handed_over" and c.handed_over_to == other_desk
    assert copy.organization == other_desk and copy.received_from == desk
    assert copy.client.organization == other_desk and copy.client.name == "大阪精工"
    assert sorted(copy.subject_rows.values_list("subject", flat=True)) == ["contract", "management"]
    assert [h["event"] for h in copy.handover_history] == [
        "consultation.created",
        "consultation.updated",
    ]
    assert "至急" in copy.summary
    assert (
        AuditEvent.objects.filter(organization=desk, event_type="consultation.handed_over").count()
        == 1
    )
    assert (
        AuditEvent.objects.filter(
            organization=other_desk, event_type="consultation.received"
        ).count()
        == 1
    )
    # the other desk sees it; the original is read-only now
    assert selectors.consultation_get(other_admin, copy.pk) == copy
    with pytest.raises(ValidationError):
        services.consultation_update(
            actor=advisor.user, membership=advisor, consultation=c, data={"summary": "x"}
        )
    with pytest.raises(ValidationError):
        services.consultation_hand_over(
            actor=advisor.user, membership=advisor, consultation=c, target=other_desk
        )


@pytest.mark.django_db
def test_hand_over_to_a_desk_outside_kimitsu(advisor, make_client, consult, login_client):
    c = consult(make_client("京都の会社", prefecture="26"), at(2020, 9, 1))
    web = login_client(advisor.user)
    response = web.post(
        f"/o/{advisor.organization.slug}/desk/consultations/{c.pk}/hand-over/",
        {"target": "", "target_name": ""},
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == "handed_over" and c.handed_over_to is None
    assert c.handed_over_to_name == "関西知財戦略支援専門窓口"
    assert Consultation.objects.count() == 1


@pytest.mark.django_db
def test_lawyer_cannot_hand_over(desk, member_of, make_client, consult):
    lawyer = member_of(desk, Role.LAWYER)
    c = consult(make_client(), at(2020, 9, 1))
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.consultation_hand_over(actor=lawyer.user, membership=lawyer, consultation=c)


# --- pages --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_record_a_consultation_through_the_page(desk, advisor, make_client, login_client):
    client = make_client("株式会社ひかり", employee_count=41, industry="D", prefecture="28")
    web = login_client(advisor.user)
    form = web.get(f"/o/{desk.slug}/desk/consultations/new/")
    assert b'id="secret-warning"' in form.content
    response = web.post(
        f"/o/{desk.slug}/desk/consultations/new/",
        {
            "received_at": "2021-03-31T17:30",
            "channel": "visit",
            "client": client.pk,
            "subjects": ["management", "strategy"],
            "summary": "退職者対策の進め方",
            "advisors": [advisor.user.pk],
            "status": "open",
        },
    )
    assert response.status_code == 302
    c = Consultation.objects.get()
    assert c.fiscal_year == 2020 and c.prefecture == "28" and c.employee_count == 41
    assert c.created_by == advisor.user and list(c.advisors.all()) == [advisor.user]
    bad = web.post(
        f"/o/{desk.slug}/desk/consultations/new/",
        {
            "received_at": "2021-03-31T17:30",
            "channel": "visit",
            "client": client.pk,
            "status": "open",
        },
    )
    assert bad.status_code == 200 and "subjects" in bad.context["form"].errors


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_rows(
    desk, advisor, make_client, consult, login_client, django_assert_max_num_queries
):
    web = login_client(advisor.user)
    client = make_client()
    for day in range(1, 4):
        consult(client, at(2020, 6, day), subjects=["management", "leak"])
    for url in ("consultations/", "clients/", "", "engagements/", "seminars/"):
        with django_assert_max_num_queries(25):
            assert web.get(f"/o/{desk.slug}/desk/{url}").status_code == 200
    for day in range(4, 40):
        consult(make_client(f"会社{day}"), at(2020, 6, day % 28 + 1))
    for url in ("consultations/", "clients/", "", "engagements/", "seminars/"):
        with django_assert_max_num_queries(25):
            assert web.get(f"/o/{desk.slug}/desk/{url}").status_code == 200


@pytest.mark.django_db
def test_engagement_visits_and_period(desk, advisor, make_client, login_client):
    import datetime as dt

    e = services.engagement_create(
        actor=advisor.user,
        membership=advisor,
        data={
            "client": make_client(),
            "title": "体制整備",
            "started_on": dt.date(2020, 6, 1),
            "ended_on": dt.date(2020, 7, 31),
            "planned_steps": [3, 4],
            "outcomes": ["secret_list"],
        },
    )
    web = login_client(advisor.user)
    for day in ("2020-06-01", "2020-07-15"):
        assert (
            web.post(
                f"/o/{desk.slug}/desk/engagements/{e.pk}/",
                {
                    "visited_on": day,
                    "mode": "on_site",
                    "attendees": "社長",
                    "minutes": "棚卸しの説明",
                },
            ).status_code
            == 302
        )
    page = web.get(f"/o/{desk.slug}/desk/engagements/{e.pk}/")
    assert page.context["period"] == {"days": 61, "months": 2.0, "ongoing": False}
    assert page.context["e"].visit_count == 2
    with pytest.raises(ValidationError):
        services.engagement_update(
            actor=advisor.user, membership=advisor, engagement=e, data={"outcomes": ["nonsense"]}
        )


@pytest.mark.django_db
def test_api_create_consultation(desk, advisor, make_client):
    client = make_client("API社", prefecture="13")
    api = _api(advisor.user)
    response = api.post(
        f"/api/v1/o/{desk.slug}/desk/consultations/",
        {
            "received_at": "2020-04-01T09:00:00+09:00",
            "channel": "phone",
            "client": client.pk,
            "subjects": ["general"],
            "advisors": [advisor.user.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["fiscal_year"] == 2020 and response.json()["subjects"] == ["general"]
    bad = api.post(
        f"/api/v1/o/{desk.slug}/desk/consultations/",
        {
            "received_at": "2020-04-01T09:00:00+09:00",
            "channel": "phone",
            "client": client.pk,
            "subjects": [],
        },
        format="json",
    )
    assert bad.status_code == 400
    assert Client.objects.count() == 1


@pytest.mark.django_db
def test_openapi_lists_the_desk_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    for path in ("/desk/clients/", "/desk/consultations/", "/desk/seminars/", "/desk/statistics/"):
        assert path in schema
