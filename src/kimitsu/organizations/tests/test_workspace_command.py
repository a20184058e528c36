"""The operator's first step: a workspace and its first administrator, from the command line."""

import io

import pytest
from django.core.management import CommandError, call_command

from kimitsu.audit.services import verify
from kimitsu.organizations.choices import Role
from kimitsu.organizations.models import Membership, Organization

pytestmark = pytest.mark.django_db


def test_a_workspace_is_created_and_its_administrator_joins_by_the_link(client, mailoutbox):
    out = io.StringIO()
    call_command(
        "workspace",
        "create",
        "--slug",
        "sample",
        "--name",
        "株式会社サンプル",
        "--admin",
        " Owner@Sample.JP ",
        stdout=out,
    )
    org = Organization.objects.get(slug="sample")
    link = out.getvalue().split("): ")[1].strip()
    assert link in mailoutbox[0].body and mailoutbox[0].to == ["owner@sample.jp"]
    path = link.split("8000", 1)[1] if "8000" in link else link
    page = client.get(path)
    assert page.status_code == 200
    assert verify().ok
    assert org.invitations.get().role == Role.ADMIN
    with pytest.raises(CommandError):
        call_command(
            "workspace",
            "create",
            "--slug",
            "sample",
            "--name",
            "x",
            "--admin",
            "a@b.jp",
            stdout=io.StringIO(),
        )
    assert not Membership.objects.filter(organization=org).exists()  # until accepted
