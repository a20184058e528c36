import datetime as dt

import pytest
from django.utils import timezone

from kimitsu.organizations.choices import Role


def at(y, m, d, hh=10, mm=0):
    return timezone.make_aware(dt.datetime(y, m, d, hh, mm))


@pytest.fixture
def desk_admin(desk, member_of):
    return member_of(desk, Role.DESK_ADMIN)


@pytest.fixture
def advisor(desk, member_of):
    return member_of(desk, Role.DESK_ADVISOR)


@pytest.fixture
def make_client(desk_admin):
    from kimitsu.desk import services

    def make(name="株式会社テスト", **data):
        data.setdefault("attribute", "sme")
        return services.client_create(
            actor=desk_admin.user, membership=desk_admin, data={"name": name, **data}
        )

    return make


@pytest.fixture
def consult(desk_admin):
    from kimitsu.desk import services

    def make(client, received_at, channel="phone", subjects=("management",), **data):
        return services.consultation_create(
            actor=desk_admin.user,
            membership=desk_admin,
            data={
                "client": client,
                "received_at": received_at,
                "channel": channel,
                "subjects": list(subjects),
                **data,
            },
        )

    return make
