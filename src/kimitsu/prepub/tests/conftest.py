import pytest

from kimitsu.organizations.choices import Role
from kimitsu.register import services as register
from kimitsu.register.choices import Status
from kimitsu.register.models import Entry, Level
from kimitsu.testing.factories import DepartmentFactory, PersonFactory


@pytest.fixture
def prepub_world(company, member_of):
    """A company with a 極秘 entry only its engineer (its custodian) may open, a 社外秘 one that
    everyone may, each with check terms; members in every role."""
    register.levels_ensure_defaults(organization=company)
    levels = {lv.code: lv for lv in Level.objects.filter(organization=company)}
    eng = DepartmentFactory(organization=company, name="製造技術部")
    sales = DepartmentFactory(organization=company, name="営業部")
    engineer = PersonFactory(
        organization=company,
        department=eng,
        employee_number="1204",
        family_name="山田",
        given_name="太郎",
    )
    seller = PersonFactory(organization=company, department=sales, employee_number="2301")
    top = Entry.objects.create(
        organization=company,
        ledger_number="KM-00008",
        title="焼結炉の温度プロファイル",
        category="technical",
        status=Status.APPROVED,
        level=levels["top_secret"],
        owning_department=eng,
        custodian=engineer,
        check_terms="アルミ合金X200\n1180℃\nカーボンファイバー",
    )
    internal = Entry.objects.create(
        organization=company,
        ledger_number="KM-00002",
        title="顧客別価格表",
        category="business",
        status=Status.APPROVED,
        level=levels["internal"],
        owning_department=sales,
        check_terms="北陸測量",
    )
    admin = member_of(company, Role.ADMIN)
    register.grant_person(actor=admin.user, membership=admin, entry=top, person=engineer)
    return {
        "levels": levels,
        "top": top,
        "internal": internal,
        "admin": admin,
        "engineer": member_of(company, Role.MEMBER, person=engineer),
        "seller": member_of(company, Role.MEMBER, person=seller),
        "manager": member_of(company, Role.MANAGER, department=eng),
        "auditor": member_of(company, Role.AUDITOR),
        "advisor": member_of(company, Role.ADVISOR),
    }
