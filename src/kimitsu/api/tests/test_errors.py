"""The API's own error answers: JSON wherever the schema documents them."""

import pytest

from kimitsu.organizations.choices import Role

pytestmark = pytest.mark.django_db


def test_an_api_address_that_matches_no_view_answers_json_404(client, company, member_of):
    from conftest import login

    login(client, member_of(company, Role.ADMIN).user)
    for url in ("/api/v1/o/acme/register/entries/-5/", "/api/v1/no-such-thing/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "見つかりません。"}
    page = client.get("/o/acme/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_the_schema_says_ids_are_positive_and_documents_the_errors(client):
    import io

    import yaml
    from django.core.management import call_command

    out = io.StringIO()
    call_command("spectacular", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    detail = schema["paths"]["/api/v1/o/{org_slug}/register/entries/{id}/"]["get"]
    (id_parameter,) = [p for p in detail["parameters"] if p["name"] == "id"]
    assert id_parameter["schema"]["minimum"] == 1
    assert {"200", "401", "403", "404"} <= set(detail["responses"])
    create = schema["paths"]["/api/v1/o/{org_slug}/register/entries/"]["post"]
    assert {"201", "400", "401", "403", "404"} <= set(create["responses"])
