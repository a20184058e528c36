import datetime as dt

import pytest
from django.utils import timezone

from kimitsu.organizations.choices import Role
from kimitsu.testing.factories import DepartmentFactory, PersonFactory


@pytest.fixture
def reach_world(company, member_of):
    """A company with a regulation in force, a pledge handed over to a site worker without an
    account, a training he attended, a department manager, and someone who left."""
    from kimitsu.awareness.models import Attendance, TrainingSession
    from kimitsu.pledges import services as pledges
    from kimitsu.rules.tests.helpers import in_force_regulation

    site = DepartmentFactory(organization=company, name="工事部")
    worker = PersonFactory(
        organization=company,
        department=site,
        employee_number="1201",
        family_name="森",
        given_name="和也",
        email="1201@site.example.jp",
    )
    no_mail = PersonFactory(
        organization=company,
        department=site,
        employee_number="1202",
        family_name="林",
        given_name="大輔",
        email="",
    )
    gone = PersonFactory(
        organization=company, employee_number="1299", status="left", email="gone@site.example.jp"
    )
    manager = member_of(company, Role.MANAGER, department=site)
    admin = member_of(company, Role.ADMIN)
    regulation = in_force_regulation(company)
    pledges.templates_install_defaults(actor=admin.user, organization=company, adopt=True)
    session = TrainingSession.objects.create(
        organization=company,
        held_on=timezone.localdate() - dt.timedelta(days=2),
        title="営業秘密研修",
    )
    Attendance.objects.create(session=session, person=worker)
    document = issue_pledge(company, admin, worker)
    return {
        "site": site,
        "worker": worker,
        "no_mail": no_mail,
        "gone": gone,
        "manager": manager,
        "admin": admin,
        "regulation": regulation,
        "session": session,
        "document": document,
    }


def issue_pledge(company, admin, person):
    from kimitsu.pledges.choices import DocumentStatus, TemplateKind
    from kimitsu.pledges.services import documents

    document = documents.document_create(
        actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_HIRE, person=person
    )
    return documents.document_transition(
        actor=admin.user, membership=admin, document=document, to_status=DocumentStatus.ISSUED
    )
