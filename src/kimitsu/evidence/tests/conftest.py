import pytest

from kimitsu.organizations.choices import Role
from kimitsu.register import services as register
from kimitsu.register.choices import Status
from kimitsu.register.models import Entry, Level
from kimitsu.testing.factories import DepartmentFactory, PersonFactory
from kimitsu.testing.tsa import openssl_tsa, use


@pytest.fixture
def vault_world(company, member_of):
    """A company with a 極秘 entry only the engineer may open, a 社外秘 one everyone may, and
    members in every role."""
    register.levels_ensure_defaults(organization=company)
    levels = {lv.code: lv for lv in Level.objects.filter(organization=company)}
    eng = DepartmentFactory(organization=company, name="設計部")
    sales = DepartmentFactory(organization=company, name="営業部")
    engineer = PersonFactory(organization=company, department=eng, employee_number="1204")
    seller = PersonFactory(organization=company, department=sales, employee_number="2301")
    top = Entry.objects.create(
        organization=company,
        ledger_number="KM-00001",
        title="焼結温度プロファイル",
        category="technical",
        status=Status.APPROVED,
        level=levels["top_secret"],
        owning_department=eng,
    )
    internal = Entry.objects.create(
        organization=company,
        ledger_number="KM-00002",
        title="社内手順書",
        category="technical",
        status=Status.APPROVED,
        level=levels["internal"],
        owning_department=sales,
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
        "auditor": member_of(company, Role.AUDITOR),
        "advisor": member_of(company, Role.ADVISOR),
    }


@pytest.fixture
def real_tsa(tmp_path, settings):
    """kimitsu pointed at an OpenSSL TSA (not kimitsu's own code) for this test."""
    with openssl_tsa(tmp_path) as server:
        use(settings, server)
        yield server


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs, at its end, what the code asked to run after the commit
    (the TSA request), as a real commit would; the test's own transaction never commits."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
