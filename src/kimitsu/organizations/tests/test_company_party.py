"""The company as a party to its documents: address, representative and how it signs."""

import pytest
from django.core.exceptions import ValidationError

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations import services
from kimitsu.organizations.api.serializers import OrganizationSerializer
from kimitsu.organizations.choices import ContractSigning, Role
from kimitsu.organizations.validators import validate_postal_code

pytestmark = pytest.mark.django_db

PROFILE = {
    "name": "株式会社アクメ",
    "fiscal_year_start_month": "4",
    "prefecture": "15",
    "industry": "D",
    "employee_count": "41",
}


def test_the_profile_page_saves_address_representative_and_signing(
    company, member_of, login_client
):
    admin = member_of(company, Role.ADMIN)
    response = login_client(admin.user).post(
        "/o/acme/profile/",
        {
            **PROFILE,
            "postal_code": "〒９５０－００８７",
            "address": "新潟県新潟市中央区東大通一丁目1番1号",
            "representative_title": "代表取締役",
            "representative_name": "山本　一郎",
            "contract_signing": ContractSigning.SIGNATURE,
            # pledge_seal unticked: the people sign by hand only
        },
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.postal_code == "950-0087"
    assert company.address == "新潟県新潟市中央区東大通一丁目1番1号"
    assert (company.representative_title, company.representative_name) == (
        "代表取締役",
        "山本　一郎",
    )
    assert company.contract_signing == ContractSigning.SIGNATURE
    assert company.pledge_seal is False
    event = AuditEvent.objects.get(event_type="organization.updated")
    assert event.after["representative_name"] == "山本　一郎"
    assert event.after["postal_code"] == "950-0087"
    assert event.before["pledge_seal"] is True


def test_the_profile_page_shows_the_new_fields(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    page = login_client(admin.user).get("/o/acme/profile/").content.decode()
    for name in ("postal_code", "address", "representative_title", "representative_name"):
        assert f'name="{name}"' in page
    assert "記名押印" in page and "電子署名" in page
    auditor = member_of(company, Role.AUDITOR)
    company.representative_name = "山本　一郎"
    company.save()
    read_only = login_client(auditor.user).get("/o/acme/profile/").content.decode()
    assert "山本　一郎" in read_only and "代表者の役職" in read_only


@pytest.mark.parametrize(
    "code", ["9500087", "950-87", "九五〇-〇〇八七", "950-00871", "９５０-００８７"]
)
def test_a_postal_code_is_three_digits_a_hyphen_and_four(code):
    with pytest.raises(ValidationError):
        validate_postal_code(code)


def test_a_wrong_postal_code_is_named_on_the_form(company, member_of, login_client):
    admin = member_of(company, Role.ADMIN)
    response = login_client(admin.user).post("/o/acme/profile/", {**PROFILE, "postal_code": "95"})
    assert response.status_code == 200
    assert "郵便番号は7桁" in response.content.decode()


def test_the_service_refuses_an_unknown_way_of_signing(company, member_of):
    admin = member_of(company, Role.ADMIN)
    with pytest.raises(ValidationError) as exc:
        services.organization_update(
            actor=admin.user, membership=admin, data={"contract_signing": "fax"}
        )
    assert "contract_signing" in exc.value.message_dict


def test_the_api_shows_the_company_as_a_party(company):
    company.representative_title = "代表取締役"
    company.address = "新潟県新潟市"
    data = OrganizationSerializer(company).data
    assert data["representative_title"] == "代表取締役"
    assert data["address"] == "新潟県新潟市"
    assert data["contract_signing"] == ContractSigning.NAME_AND_SEAL
    assert data["pledge_seal"] is True
