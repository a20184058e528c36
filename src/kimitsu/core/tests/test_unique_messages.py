"""A value that is already taken is said as a person would say it, beside its field (issue 16):
never 「この Organization と 社員番号 を持った 従業員 が既に存在します。」."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from kimitsu.organizations.choices import Role
from kimitsu.testing.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

DJANGO_WORDING = ("既に存在します", "Organization", "already exists.", "を持った")


def _errors(callable_) -> dict:
    with pytest.raises(ValidationError) as caught:
        callable_()
    return caught.value.message_dict


def test_a_taken_employee_number_is_named_beside_its_field_on_the_form(
    company, member_of, login_client
):
    PersonFactory(organization=company, employee_number="1501")
    admin = member_of(company, Role.ADMIN)
    response = login_client(admin.user).post(
        "/o/acme/people/new/",
        {"employee_number": "1501", "family_name": "田村", "status": "active"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["employee_number"] == ["社員番号 1501 は既に登録されています。"]
    assert NON_FIELD_ERRORS not in form.errors
    text = response.content.decode()
    assert "社員番号 1501 は既に登録されています。" in text
    assert not any(words in text for words in DJANGO_WORDING)


def test_the_api_and_the_model_name_the_taken_employee_number(company, member_of):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    PersonFactory(organization=company, employee_number="1501")
    admin = member_of(company, Role.ADMIN)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=admin.user).key}")
    body = {"employee_number": "1501", "family_name": "田村"}
    response = client.post("/api/v1/o/acme/people/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"employee_number": ["社員番号 1501 は既に登録されています。"]}
    with translation.override("en"):
        person = PersonFactory.build(organization=company, employee_number="1501")
        assert _errors(person.full_clean) == {
            "employee_number": ["Employee number 1501 is already registered."]
        }


def test_a_partner_a_level_and_a_checklist_say_what_is_taken(company, member_of):
    from kimitsu.pledges.choices import ChecklistKind
    from kimitsu.pledges.models import Checklist
    from kimitsu.pledges.services import partners
    from kimitsu.register import services as register

    admin = member_of(company, Role.ADMIN)
    partners.partner_create(actor=admin.user, membership=admin, data={"name": "北陸測量株式会社"})
    errors = _errors(
        lambda: partners.partner_create(
            actor=admin.user, membership=admin, data={"name": "北陸測量株式会社"}
        )
    )
    assert errors == {"name": ["取引先「北陸測量株式会社」は既に登録されています。"]}

    level = {"code": "ts", "name": "極秘", "rank": 9, "color": "#b02a37"}
    register.level_create(actor=admin.user, membership=admin, data=level)
    again = {**level, "name": "極秘（新）", "rank": 8}
    errors = _errors(lambda: register.level_create(actor=admin.user, membership=admin, data=again))
    assert errors == {"code": ["格付けの略号「ts」は既に使われています。"]}

    person = PersonFactory(organization=company, family_name="森", given_name="和也")
    Checklist.objects.create(organization=company, person=person, kind=ChecklistKind.LEAVING)
    second = Checklist(organization=company, person=person, kind=ChecklistKind.LEAVING)
    assert _errors(lambda: second.full_clean(exclude=["opened_by"])) == {
        "kind": ["森\u3000和也さんの退職チェックリストは既にあります。"]
    }


def test_a_taken_e_mail_address_and_membership(company, member_of):
    from django.contrib.auth import get_user_model

    from kimitsu.organizations.models import Membership

    UserFactory(email="tamura@example.jp")
    user = get_user_model()(email="tamura@example.jp")
    errors = _errors(lambda: user.full_clean(exclude=["password"]))
    assert errors == {"email": ["メールアドレス tamura@example.jp は既に登録されています。"]}
    member = member_of(company, Role.MEMBER)
    again = Membership(user=member.user, organization=company, role=Role.MANAGER)
    with translation.override("en"):
        errors = _errors(again.full_clean)
    assert errors == {"user": [f"{member.user} is already a member of this workspace."]}


def test_every_unique_message_of_kimitsu_is_translated():
    """Each message a model gives for a taken value has its Japanese."""
    from django.apps import apps

    from kimitsu.core.unique import DEFAULT_MESSAGE, UniqueMessages

    models = [m for m in apps.get_models() if issubclass(m, UniqueMessages)]
    assert len(models) >= 12
    messages = [m for model in models for _field, m in model.unique_messages.values()]
    for message in [*messages, DEFAULT_MESSAGE]:
        with translation.override("en"):
            english = str(message)
        with translation.override("ja"):
            assert str(message) != english, english
