import pytest

from kimitsu.organizations.choices import Role
from kimitsu.testing.factories import DepartmentFactory, PersonFactory


@pytest.fixture
def admin(company, member_of):
    return member_of(company, Role.ADMIN)


@pytest.fixture
def staff(company):
    dept = DepartmentFactory(organization=company, name="製造部")
    return [
        PersonFactory(organization=company, department=dept, employee_number=f"E{n:03d}")
        for n in range(1, 6)
    ]


@pytest.fixture(autouse=True)
def _english():
    """Messages built outside a request are checked in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield
