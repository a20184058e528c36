"""A small company for the approvals' tests: the default levels and kimitsu's proposed rules
(approved), 工事部 with its manager and 工事一課 below it, an employee of 工事一課, the 代表取締役
in the people register, an administrator, and one approved entry of each default level that the
employee may open."""

import datetime as dt
from types import SimpleNamespace

import pytest

from kimitsu.organizations.choices import Role
from kimitsu.register.choices import Category, Status
from kimitsu.register.models import Entry, Level, PersonGrant
from kimitsu.rules.tests.helpers import approved_rules
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _member(member_of, org, role, person, department=None):
    membership = member_of(org, role, department=department, person=person)
    person.user = membership.user
    person.save(update_fields=["user"])
    return membership


@pytest.fixture
def world(company, member_of):
    approved_rules(company)
    levels = {lv.code: lv for lv in Level.objects.filter(organization=company)}
    works = DepartmentFactory(organization=company, name="工事部")
    section = DepartmentFactory(organization=company, name="工事一課", parent=works)
    design = DepartmentFactory(organization=company, name="設計部")
    people = {
        "member": PersonFactory(organization=company, family_name="鈴木", department=section),
        "manager": PersonFactory(organization=company, family_name="佐藤", department=works),
        "president": PersonFactory(
            organization=company, family_name="山本", job_title="代表取締役", department=None
        ),
        "custodian": PersonFactory(organization=company, family_name="高田", department=design),
        "admin": PersonFactory(organization=company, family_name="中村", department=None),
        "designer": PersonFactory(organization=company, family_name="小野", department=design),
    }
    m = SimpleNamespace(
        member=_member(member_of, company, Role.MEMBER, people["member"]),
        manager=_member(member_of, company, Role.MANAGER, people["manager"], department=works),
        president=_member(member_of, company, Role.MEMBER, people["president"]),
        custodian=_member(member_of, company, Role.MEMBER, people["custodian"]),
        admin=_member(member_of, company, Role.ADMIN, people["admin"]),
        designer=_member(member_of, company, Role.MEMBER, people["designer"]),
        auditor=member_of(company, Role.AUDITOR),
    )
    entries = {}
    for n, (code, title) in enumerate(
        [
            ("top_secret", "焼成炉の温度プロファイル"),
            ("secret", "橋梁補修の施工図"),
            ("internal", "社内の工程表"),
            ("public", "会社案内"),
        ],
        start=1,
    ):
        entry = Entry.objects.create(
            organization=company,
            ledger_number=f"KM-{n:05d}",
            title=title,
            category=Category.TECHNICAL,
            status=Status.APPROVED,
            level=levels[code],
            custodian=people["custodian"],
            owning_department=design,
        )
        PersonGrant.objects.create(organization=company, entry=entry, person=people["member"])
        entries[code] = entry

    def designer_with_access():
        for entry in entries.values():
            PersonGrant.objects.get_or_create(
                organization=company, entry=entry, person=people["designer"]
            )
        return m.designer

    return SimpleNamespace(
        designer_with_access=designer_with_access,
        org=company,
        levels=levels,
        entries=entries,
        departments={"works": works, "section": section, "design": design},
        people=people,
        **vars(m),
    )
