"""The joining checklist does what a company does for a new hire, as the exit checklist does for a
leaver: the pledge signed and its original back, the mid-career check, accounts and access for the
role, the handling rules explained, the training."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kimitsu.organizations.choices import Role
from kimitsu.pledges import services
from kimitsu.pledges.choices import DocumentStatus, StepCode, TemplateKind
from kimitsu.register.models import DepartmentGrant
from kimitsu.rules.choices import RegulationStatus
from kimitsu.rules.models import ReadConfirmation, Regulation
from kimitsu.testing.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def hire(company, tree):
    return PersonFactory(organization=company, department=tree["mfg"], employee_number="2401")


def _open(admin, person, **kw):
    return services.joining_open(actor=admin.user, membership=admin, person=person, **kw)


def _do(admin, checklist, code, note=""):
    return services.checklist_step_complete(
        actor=admin.user, membership=admin, step=checklist.steps.get(code=code), note=note
    )


def _signed(admin, person, kind, **fields):
    doc = services.document_create(
        actor=admin.user, membership=admin, kind=kind, person=person, fields=fields
    )
    for status in (DocumentStatus.ISSUED, DocumentStatus.SIGNED):
        services.document_transition(
            actor=admin.user, membership=admin, document=doc, to_status=status
        )
    return doc


def test_a_new_graduate_has_five_steps_and_a_mid_career_hire_seven(company, admin, hire):
    codes = [s.code for s in _open(admin, hire).steps.all()]
    assert codes == [
        StepCode.HIRE_PLEDGE,
        StepCode.PLEDGE_FILED,
        StepCode.ACCESS_GRANTED,
        StepCode.RULES_BRIEFING,
        StepCode.TRAINING,
    ]
    other = PersonFactory(organization=company)
    mid = _open(admin, other, from_other_company=True, former_employer="北越土木株式会社")
    assert [s.code for s in mid.steps.all()][1:3] == [StepCode.HIRE_CHECK, StepCode.PRIOR_DUTIES]
    assert mid.steps.count() == 7


def test_the_signed_pledge_must_come_back(company, admin, adopted, hire, upload):
    checklist = _open(admin, hire)
    with pytest.raises(ValidationError, match="署名済み"):
        _do(admin, checklist, StepCode.PLEDGE_FILED, "書庫")
    doc = _signed(admin, hire, TemplateKind.PLEDGE_HIRE)
    with pytest.raises(ValidationError) as exc:
        _do(admin, checklist, StepCode.PLEDGE_FILED)
    assert "スキャン" in exc.value.message_dict["note"][0]
    # the scan of the signed original completes the step by itself, and says which it is
    services.document_attach_scan(
        actor=admin.user, membership=admin, document=doc, upload=upload(PDF, "signed.pdf")
    )
    step = checklist.steps.get(code=StepCode.PLEDGE_FILED)
    assert step.is_done
    doc.refresh_from_db()
    assert doc.scan_sha256[:12] in step.note


def test_accounts_and_access_follow_the_role(company, admin, hire, tree, levels, make_entry):
    entry = make_entry(company, levels["secret"], title="製造部の手順書")
    DepartmentGrant.objects.create(organization=company, entry=entry, department=tree["mfg"])
    member = MembershipFactory(organization=company, role=Role.MEMBER, person=hire)
    hire.user = member.user
    hire.save()
    checklist = _open(admin, hire)
    with pytest.raises(ValidationError):
        _do(admin, checklist, StepCode.ACCESS_GRANTED)  # the note of what was given elsewhere
    step = _do(admin, checklist, StepCode.ACCESS_GRANTED, "PC・メール・ファイルサーバ")
    assert "所属：製造部" in step.note
    assert "製造部の手順書" in step.note
    assert member.user.email in step.note
    assert step.note.endswith("PC・メール・ファイルサーバ")


def test_access_is_granted_only_to_a_person_with_a_department(company, admin):
    checklist = _open(admin, PersonFactory(organization=company))
    with pytest.raises(ValidationError, match="所属"):
        _do(admin, checklist, StepCode.ACCESS_GRANTED, "PC")


def test_the_rules_briefing_records_the_read_confirmation(company, admin, hire):
    checklist = _open(admin, hire)
    with pytest.raises(ValidationError):
        _do(admin, checklist, StepCode.RULES_BRIEFING)
    regulation = Regulation.objects.create(
        organization=company,
        number=2,
        status=RegulationStatus.APPROVED,
        effective_on=dt.date.today() - dt.timedelta(days=30),
    )
    ReadConfirmation.objects.create(
        regulation=regulation, person=hire, confirmed_at=timezone.now(), via_link=True
    )
    step = _do(admin, checklist, StepCode.RULES_BRIEFING)
    assert "第2版" in step.note and "確認" in step.note


def test_the_checklist_page_says_what_each_step_asks(company, admin, hire, login_client):
    checklist = _open(admin, hire, from_other_company=True, former_employer="旧商事株式会社")
    body = (
        login_client(admin.user)
        .get(f"/o/{company.slug}/pledges/checklists/{checklist.pk}/")
        .content.decode()
    )
    for code in ("pledge_filed", "access_granted", "rules_briefing", "prior_duties"):
        assert f'id="step-{code}"' in body
    assert "前職" in body and "スキャン" in body
