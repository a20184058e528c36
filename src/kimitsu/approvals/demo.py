"""Demo requests under the handling rules: the employee's take-out of a 秘 drawing, approved and
returned; a second one approved whose return date has passed (a task and a reminder for her); the
department manager's request to disclose, waiting for its approver; a confirmed copy. Everything
goes through the services; created once."""

import datetime as dt

from django.utils import timezone

from kimitsu.organizations.models import Membership
from kimitsu.rules.choices import Action

from . import selectors, services
from .models import ApprovalRequest

MEMBER = "member@demo.kimitsu.jp"
MANAGER = "manager@demo.kimitsu.jp"


def _membership(company, email):
    return (
        Membership.objects.filter(organization=company, user__email=email, is_active=True)
        .select_related("user", "person", "organization")
        .first()
    )


def _first(membership, action, verdict, prefer_source=""):
    """An entry the member may open whose cell for ``action`` is ``verdict`` — one whose approver
    is found as ``prefer_source`` says, if there is one."""
    from . import approvers

    found = None
    for entry in selectors.requestable_entries(membership).select_related("level")[:200]:
        ruling = selectors.ruling(membership.organization, action, [entry])
        if ruling.verdict != verdict:
            continue
        if not prefer_source:
            return entry
        who = approvers.resolve(
            membership.organization, ruling.approver, requester=membership, entries=[entry]
        )
        if who.source == prefer_source:
            return entry
        found = found or entry
    return found


def _decide(request, comment):
    approver = (
        Membership.objects.filter(
            organization=request.organization, user__in=request.approvers.all(), is_active=True
        )
        .select_related("user", "organization")
        .first()
    )
    if approver is None:
        return request
    return services.request_decide(
        actor=approver.user, membership=approver, request=request, approve=True, comment=comment
    )


def populate(company, desk, created_company, created_desk):
    """Demo data of this app (see kimitsu.core.demo.extensions)."""
    if company is None or ApprovalRequest.objects.filter(organization=company).exists():
        return
    if selectors.rule_set_in_force(company) is None:
        return
    member, manager = _membership(company, MEMBER), _membership(company, MANAGER)
    if member is None or manager is None:
        return
    today = timezone.localdate()
    drawing = _first(member, Action.TAKE_OUT, "approval", prefer_source="department")
    if drawing is not None:
        done = services.request_create(
            actor=member.user,
            membership=member,
            action=Action.TAKE_OUT,
            entries=[drawing],
            purpose="補修工事の現場打合せで図面を確認するため",
            destination="北陸自動車道 補修工事 現場事務所",
            starts_on=today - dt.timedelta(days=40),
            ends_on=today - dt.timedelta(days=39),
            return_due=today - dt.timedelta(days=38),
        )
        done = _decide(done, "紙の図面は鍵付きの鞄で携行すること。")
        if done.status == "approved":
            services.request_return(
                actor=member.user,
                membership=member,
                request=done,
                returned_on=today - dt.timedelta(days=38),
                note="全頁を確認して返却",
            )
        late = services.request_create(
            actor=member.user,
            membership=member,
            action=Action.TAKE_OUT,
            entries=[drawing],
            purpose="施主への工程説明",
            destination="施主 本社会議室",
            starts_on=today - dt.timedelta(days=6),
            ends_on=today - dt.timedelta(days=5),
            return_due=today - dt.timedelta(days=4),
        )
        _decide(late, "説明後は当日中に返却すること。")
    shared = _first(manager, Action.DISCLOSE, "approval")
    if shared is not None:
        services.request_create(
            actor=manager.user,
            membership=manager,
            action=Action.DISCLOSE,
            entries=[shared],
            purpose="共同企業体での施工計画の検討",
            destination="北陸測量株式会社 技術部",
            starts_on=today,
            ends_on=today + dt.timedelta(days=60),
        )
    copy = _first(member, Action.COPY, "conditional")
    if copy is not None:
        services.request_create(
            actor=member.user,
            membership=member,
            action=Action.COPY,
            entries=[copy],
            purpose="社内の工程会議の配布資料",
            confirmed=True,
        )
