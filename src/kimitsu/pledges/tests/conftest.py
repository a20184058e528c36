import datetime as dt
import io

import pytest

from kimitsu.organizations.choices import Role
from kimitsu.pledges import services
from kimitsu.register import services as register_services
from kimitsu.register.choices import Category, Status
from kimitsu.register.models import Entry, Level
from kimitsu.testing.factories import DepartmentFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin(company, member_of):
    return member_of(company, Role.ADMIN)


@pytest.fixture
def levels(company):
    register_services.levels_ensure_defaults(organization=company)
    return {lv.code: lv for lv in Level.objects.filter(organization=company)}


@pytest.fixture
def adopted(company, admin):
    services.templates_install_defaults(actor=admin.user, organization=company, adopt=True)


@pytest.fixture
def tree(company):
    """工場 > 製造部 > 製造一課; 営業部."""
    factory = DepartmentFactory(organization=company, name="工場")
    mfg = DepartmentFactory(organization=company, name="製造部", parent=factory)
    line1 = DepartmentFactory(organization=company, name="製造一課", parent=mfg)
    sales = DepartmentFactory(organization=company, name="営業部")
    return {"factory": factory, "mfg": mfg, "line1": line1, "sales": sales}


@pytest.fixture
def make_entry():
    def make(org, level=None, status=Status.APPROVED, **kw):
        n = Entry.objects.filter(organization=org).count() + 1
        data = {
            "organization": org,
            "ledger_number": kw.pop("ledger_number", f"KM-{n:05d}"),
            "title": kw.pop("title", f"資料{n}"),
            "category": kw.pop("category", Category.TECHNICAL),
            "status": status,
            "level": level,
        }
        data.update(kw)
        return Entry.objects.create(**data)

    return make


class Upload(io.BytesIO):
    """An uploaded file as the services see it."""

    def __init__(self, data: bytes, name: str):
        super().__init__(data)
        self.name = name
        self.size = len(data)


@pytest.fixture
def upload():
    return Upload


TODAY = dt.date.today()
