"""Bad input is refused at the model boundary with a 400 naming the field, and nothing is stored
(issue found by schemathesis): a fiscal year out of range, control characters in a name, a number
past any realistic value, a date in the year 0089, a summary of 200,000 characters. Then a walk
over every model, so that a new field cannot forget its bound."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kimitsu.core.validators import validate_name, validate_sane_date, validate_text
from kimitsu.desk.models import Client, Consultation
from kimitsu.organizations.choices import Role
from kimitsu.organizations.models import Department, Person
from kimitsu.pledges.models import Partner
from kimitsu.register import services as register_services
from kimitsu.register.models import Entry, Level

pytestmark = pytest.mark.django_db

CONTROL = "制御文字"  # in the Japanese message of validate_name / validate_text


def api(membership) -> APIClient:
    token, _ = Token.objects.get_or_create(user=membership.user)
    return APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")


def errors_of(response, field: str) -> str:
    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body, body
    return " ".join(body[field])


# --- 1. the desk's statistics: a fiscal year of 0, 10000 or 10**30 was a server error ----------


@pytest.mark.parametrize("value", ["0", "1999", "2101", "10000", "9" * 30, "-1", "abc", "²⁰²⁰"])
def test_statistics_refuse_a_fiscal_year_out_of_range(desk, member_of, value):
    client = api(member_of(desk, Role.DESK_ADMIN))
    url = f"/api/v1/o/{desk.slug}/desk/statistics/"
    message = errors_of(client.get(url, {"fiscal_year": value}), "fiscal_year")
    assert "2000年度から2100年度" in message
    assert client.get(url, {"fiscal_year": "2020"}).json()["fiscal_year"] == 2020
    assert client.get(url).status_code == 200  # none given: the current year


@pytest.mark.parametrize("path", ["", "export/?format=csv&", "report/?"])
def test_statistics_pages_lead_back_with_the_message(desk, member_of, login_client, path):
    client = login_client(member_of(desk, Role.DESK_ADMIN).user)
    base = f"/o/{desk.slug}/desk/statistics/"
    separator = "" if path else "?"
    response = client.get(f"{base}{path}{separator}fy=10000", follow=True)
    assert response.redirect_chain == [(base, 302)]
    assert "2000年度から2100年度" in response.content.decode()


# --- 2. control characters in names: a level 「公開\u0002」 broke the register's template ----------


def test_control_characters_are_refused_in_names(company, member_of):
    admin = member_of(company, Role.ADMIN)
    client = api(admin)
    base = f"/api/v1/o/{company.slug}"
    level = {"code": "open2", "name": "公開\u0002", "rank": 5, "suggest_from_score": 1}
    assert CONTROL in errors_of(client.post(f"{base}/register/levels/", level), "name")
    assert not Level.objects.filter(organization=company, code="open2").exists()
    response = client.post(f"{base}/departments/", {"name": "営業部\u001b"})
    assert CONTROL in errors_of(response, "name")
    person = {"employee_number": "0001", "family_name": "山田\u0000"}
    assert CONTROL in errors_of(client.post(f"{base}/people/", person), "family_name")
    response = client.post(f"{base}/pledges/partners/", {"name": "取引先\u0007"})
    assert CONTROL in errors_of(response, "name")
    assert not Department.objects.filter(organization=company).exists()
    assert not Person.objects.filter(organization=company).exists()
    assert not Partner.objects.filter(organization=company).exists()
    # the register's blank ledger is built from the levels: it still opens
    assert client.get(f"{base}/register/template/").status_code == 200
    # line breaks are text in a multi-line field, not in a name
    response = client.post(f"{base}/register/levels/", {**level, "name": "公開\n2"})
    assert CONTROL in errors_of(response, "name")


# --- 3. numbers: a review interval of 17,736,230,627 months overflowed every classification -----


def test_a_review_interval_past_ten_years_is_refused(company, member_of):
    register_services.levels_ensure_defaults(organization=company)
    client = api(member_of(company, Role.ADMIN))
    level = Level.objects.get(organization=company, code="secret")
    url = f"/api/v1/o/{company.slug}/register/levels/{level.pk}/"
    for months in (17_736_230_627, 121, 0):
        response = client.patch(url, {"review_months": months}, format="json")
        errors_of(response, "review_months")
    level.refresh_from_db()
    assert level.review_months == 12
    response = client.post(
        f"/api/v1/o/{company.slug}/register/levels/",
        {"code": "x", "name": "X", "rank": 50, "review_months": 17_736_230_627},
        format="json",
    )
    errors_of(response, "review_months")
    assert not Level.objects.filter(organization=company, code="x").exists()


# --- 4. dates: a consultation of the year 0089 came back as +09:18:59 ---------------------------


def test_a_consultation_dated_in_the_year_0089_is_refused(desk, member_of):
    client = api(member_of(desk, Role.DESK_ADMIN))
    consulter = Client.objects.create(organization=desk, name="株式会社A")
    data = {
        "received_at": "0089-05-01T10:00:00+09:00",
        "channel": "phone",
        "client": consulter.pk,
        "subjects": ["management"],
    }
    url = f"/api/v1/o/{desk.slug}/desk/consultations/"
    message = errors_of(client.post(url, data, format="json"), "received_at")
    assert "1900年から2200年まで" in message
    assert not Consultation.objects.filter(organization=desk).exists()
    data["received_at"] = "2024-05-01T10:00:00+09:00"
    assert client.post(url, data, format="json").status_code == 201


# --- 5. lengths: a summary of 200,000 characters was stored ------------------------------------


def test_a_summary_of_200000_characters_is_refused(company, desk, member_of):
    client = api(member_of(company, Role.ADMIN))
    url = f"/api/v1/o/{company.slug}/register/entries/"
    entry = {"title": "製品図面", "category": "technical", "summary": "あ" * 200_000}
    assert "4000" in errors_of(client.post(url, entry, format="json"), "summary")
    assert not Entry.objects.filter(organization=company).exists()
    entry["summary"] = "あ" * 4_000
    assert client.post(url, entry, format="json").status_code == 201

    desk_client = api(member_of(desk, Role.DESK_ADMIN))
    consulter = Client.objects.create(organization=desk, name="株式会社A")
    data = {
        "received_at": "2024-05-01T10:00:00+09:00",
        "channel": "phone",
        "client": consulter.pk,
        "subjects": ["management"],
        "summary": "い" * 200_000,
    }
    response = desk_client.post(f"/api/v1/o/{desk.slug}/desk/consultations/", data, format="json")
    errors_of(response, "summary")
    assert not Consultation.objects.filter(organization=desk).exists()


# --- every model: a field people fill in carries its bound -------------------------------------

APPS = [
    "organizations",
    "register",
    "pledges",
    "rules",
    "desk",
    "awareness",
    "evidence",
    "prepub",
    "reach",
    "timestamps",
    "approvals",
]

# Text fields written by kimitsu, not typed here: file names and hashes of uploads, tokens, and
# labels copied from the acting user (whose own name is not one of these apps' fields).
NOT_TYPED_TEXT = {
    "organizations.Invitation.token_hash",
    "organizations.Organization.corporate_number",  # 13 digits, checked by its own validator
    "register.Level.color",  # #RRGGBB, checked by its own validator
    "register.Entry.media",  # codes of Medium, separated by commas
    "pledges.Document.scan_name",
    "pledges.Document.scan_sha256",
    "pledges.Agreement.scan_name",
    "pledges.Agreement.scan_sha256",
    "rules.RuleSet.approved_by_label",
    "rules.Regulation.approved_by_label",
    "rules.Distribution.trace_code",
    "rules.Distribution.source_name",
    "rules.Distribution.sha256",
    "rules.Distribution.created_by_label",
    "awareness.SelfCheck.answerer_name",
    "awareness.PatentDecision.register_entry_label",
}
# Numbers kimitsu computes or counts itself (versions, positions, scores, page counts).
COMPUTED_NUMBERS = {
    "register.RegisterSettings.last_number",
    "pledges.TemplateVersion.version",
    "pledges.ChecklistStep.position",
    "rules.RuleSet.number",
    "rules.Regulation.number",
    "rules.RegulationArticle.position",
    "rules.RegulationArticle.chapter",
    "rules.Distribution.page_count",
    "awareness.SelfCheck.score",
    "awareness.SelfCheck.max_score",
    "awareness.QuizResult.score",
    "awareness.QuizResult.total",
    "awareness.PatentDecision.register_entry_id",
    "awareness.PatentDecision.net_weight",
}


def _fields():
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if field.editable and not field.is_relation:
                    yield f"{app}.{model.__name__}.{field.name}", field


def _kinds(field) -> set[type]:
    return {type(v) for v in field.validators}


def test_every_field_people_fill_in_is_bounded():
    missing = []
    for name, field in _fields():
        validators = field.validators
        if isinstance(field, models.TextField):
            lengths = [v.limit_value for v in validators if isinstance(v, MaxLengthValidator)]
            if not field.max_length or lengths != [field.max_length]:
                missing.append(f"{name}: max_length and its MaxLengthValidator")
            if validate_text not in validators:
                missing.append(f"{name}: validate_text")
        elif isinstance(field, models.CharField) and not isinstance(
            field, models.SlugField | models.EmailField
        ):
            if not field.choices and name not in NOT_TYPED_TEXT and validate_name not in validators:
                missing.append(f"{name}: validate_name")
        elif isinstance(field, models.DateField):  # DateTimeField is one
            if not (field.auto_now or field.auto_now_add) and validate_sane_date not in validators:
                missing.append(f"{name}: validate_sane_date")
        elif isinstance(field, models.IntegerField) and not field.primary_key:
            if name not in COMPUTED_NUMBERS and not (
                {MinValueValidator, MaxValueValidator} <= _kinds(field)
            ):
                missing.append(f"{name}: MinValueValidator and MaxValueValidator")
    assert not missing, "unbounded fields:\n" + "\n".join(missing)


def test_the_exemptions_name_real_fields():
    names = {name for name, _field in _fields()}
    assert (NOT_TYPED_TEXT | COMPUTED_NUMBERS) <= names


@pytest.mark.parametrize(
    "value, ok",
    [
        (dt.date(1900, 1, 1), True),
        (dt.date(2200, 12, 31), True),
        (dt.date(1899, 12, 31), False),
        (dt.datetime(89, 5, 1, 10, 0, tzinfo=dt.UTC), False),
        (dt.date(2201, 1, 1), False),
        (None, True),
    ],
)
def test_validate_sane_date(value, ok):
    from django.core.exceptions import ValidationError

    if ok:
        validate_sane_date(value)
    else:
        with pytest.raises(ValidationError):
            validate_sane_date(value)


@pytest.mark.parametrize("fy", ["²", "٣٠٢٠", "99999999999999999999"])
def test_a_fiscal_year_filter_that_is_no_year_is_no_server_error(desk, member_of, fy):
    from django.test import Client as TestClient

    from conftest import login

    client = login(TestClient(), member_of(desk, Role.DESK_ADMIN).user)
    slug = desk.slug
    assert client.get(f"/api/v1/o/{slug}/desk/seminars/", {"fy": fy}).status_code == 400
    assert client.get(f"/api/v1/o/{slug}/desk/consultations/", {"fy": fy}).status_code == 200
    assert client.get(f"/o/{slug}/desk/consultations/", {"fy": fy}).status_code == 200
