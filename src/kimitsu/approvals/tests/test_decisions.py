"""Who decides: the person the rule names, mapped to people — and only they, or an administrator
in their place; never the requester. Refusing needs a comment. Every step is an audit event that
names entries by their ledger numbers only."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kimitsu.approvals import services
from kimitsu.approvals.choices import ApproverSource, Status
from kimitsu.approvals.models import ApproverSettings
from kimitsu.audit.models import AuditEvent
from kimitsu.rules.choices import Approver
from kimitsu.rules.models import HandlingRule

from .helpers import make_request

pytestmark = pytest.mark.django_db


def _approvers(request):
    return {u.pk for u in request.approvers.all()}


def test_the_department_manager_is_the_head_above_the_requester(world):
    """The employee of 工事一課 asks; 工事一課 has no manager, 工事部 above it has 佐藤."""
    request = make_request(world.member, "take_out", [world.entries["secret"]])
    assert request.approver_role == Approver.MANAGER
    assert request.approver_source == ApproverSource.DEPARTMENT
    assert _approvers(request) == {world.manager.user_id}
    for outsider in (world.designer, world.custodian, world.president, world.auditor):
        assert not services.can_decide(outsider, request)
        with pytest.raises(PermissionDenied):
            services.request_decide(
                actor=outsider.user, membership=outsider, request=request, approve=True
            )
    assert not services.can_decide(world.member, request)  # the requester
    with pytest.raises(PermissionDenied):
        services.request_decide(
            actor=world.member.user, membership=world.member, request=request, approve=True
        )
    request.refresh_from_db()
    assert request.status == Status.PENDING

    decided = services.request_decide(
        actor=world.manager.user,
        membership=world.manager,
        request=request,
        approve=True,
        comment="返却日厳守",
    )
    assert decided.status == Status.APPROVED and not decided.decided_as_administrator
    event = AuditEvent.objects.get(event_type="approvals.approved")
    assert event.after["entries"] == ["KM-00002"] and event.object_repr == "AP-00001"
    with pytest.raises(ValidationError):
        services.request_decide(
            actor=world.admin.user, membership=world.admin, request=request, approve=False
        )


def test_a_manager_asking_for_himself_goes_up_or_to_the_administrators(world):
    from kimitsu.register.models import PersonGrant

    world.entries["secret"].owning_department = None
    world.entries["secret"].save()
    PersonGrant.objects.create(
        organization=world.org, entry=world.entries["secret"], person=world.people["manager"]
    )
    request = make_request(world.manager, "take_out", [world.entries["secret"]])
    assert request.approver_source == ApproverSource.ADMINISTRATORS
    assert _approvers(request) == {world.admin.user_id}


def test_the_entrys_department_when_the_requester_has_none(world, member_of):
    from kimitsu.organizations.choices import Role

    head = member_of(world.org, Role.MANAGER, department=world.departments["design"])
    request = make_request(world.admin, "send", [world.entries["secret"]])
    assert request.approver_source == ApproverSource.DEPARTMENT
    assert _approvers(request) == {head.user_id}


def test_the_president_is_found_by_the_post_or_named(world):
    request = make_request(world.member, "disclose", [world.entries["top_secret"]])
    assert request.approver_role == Approver.PRESIDENT
    assert request.approver_source == ApproverSource.POST
    assert _approvers(request) == {world.president.user_id}
    services.settings_update(
        actor=world.admin.user, membership=world.admin, president=world.designer
    )
    again = make_request(world.member, "disclose", [world.entries["top_secret"]])
    assert again.approver_source == ApproverSource.SETTING
    assert _approvers(again) == {world.designer.user_id}
    event = AuditEvent.objects.get(event_type="approvals.settings_changed")
    assert event.after == {"president": world.designer.user.email}


def test_the_officer_is_the_post_the_regulation_names_unless_named(world):
    """No regulation in force: the officer's post is 代表取締役 (the regulation's default)."""
    request = make_request(world.member, "copy", [world.entries["top_secret"]])
    assert request.approver_role == Approver.OFFICER
    assert _approvers(request) == {world.president.user_id}
    ApproverSettings.objects.create(organization=world.org, officer=world.custodian)
    named = make_request(world.member, "print", [world.entries["top_secret"]])
    assert _approvers(named) == {world.custodian.user_id}
    assert not services.can_decide(world.president, named)
    assert services.can_decide(world.custodian, named)


def test_the_owner_is_the_custodian_of_the_entries(world):
    HandlingRule.objects.filter(
        rule_set__organization=world.org, level=world.levels["secret"], action="send"
    ).update(approver=Approver.OWNER)
    request = make_request(world.member, "send", [world.entries["secret"]])
    assert request.approver_source == ApproverSource.CUSTODIAN
    assert _approvers(request) == {world.custodian.user_id}
    services.request_decide(
        actor=world.custodian.user, membership=world.custodian, request=request, approve=True
    )


def test_nobody_found_the_administrators_decide(world):
    world.president.is_active = False
    world.president.save()
    request = make_request(world.member, "disclose", [world.entries["top_secret"]])
    assert request.approver_source == ApproverSource.ADMINISTRATORS
    assert _approvers(request) == {world.admin.user_id}


def test_an_administrator_decides_in_the_approvers_place_and_it_shows(world):
    request = make_request(world.member, "take_out", [world.entries["secret"]])
    assert services.can_decide(world.admin, request)
    with pytest.raises(ValidationError) as no_reason:
        services.request_decide(
            actor=world.admin.user, membership=world.admin, request=request, approve=False
        )
    assert "comment" in no_reason.value.message_dict
    decided = services.request_decide(
        actor=world.admin.user,
        membership=world.admin,
        request=request,
        approve=False,
        comment="持出し先が特定されていない",
    )
    assert decided.status == Status.REFUSED and decided.decided_as_administrator
    event = AuditEvent.objects.get(event_type="approvals.refused")
    assert event.after["decided_as_administrator"] is True
    assert event.after["decision_comment"] == "持出し先が特定されていない"


def test_the_requester_withdraws_a_pending_request(world):
    request = make_request(world.member, "take_out", [world.entries["secret"]])
    with pytest.raises(PermissionDenied):
        services.request_withdraw(actor=world.admin.user, membership=world.admin, request=request)
    services.request_withdraw(actor=world.member.user, membership=world.member, request=request)
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    assert not services.can_decide(world.manager, request)


def test_the_emails_name_numbers_and_levels_never_titles(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = make_request(world.member, "take_out", [world.entries["secret"]])
    assert [m.to for m in mail.outbox] == [[world.manager.user.email]]
    body = mail.outbox[0].body
    assert "AP-00001" in mail.outbox[0].subject
    assert "KM-00002（秘）" in body and "/approvals/" in body
    assert world.entries["secret"].title not in body + mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.request_decide(
            actor=world.manager.user, membership=world.manager, request=request, approve=True
        )
    assert mail.outbox[1].to == [world.member.user.email]
    assert "承認済み" in mail.outbox[1].subject
