from kimitsu.organizations.choices import Role as R
from kimitsu.testing.access import Spec

VIEW = {R.ADMIN, R.MANAGER, R.MEMBER, R.AUDITOR}
REQUEST = {R.ADMIN, R.MANAGER, R.MEMBER}


def _request(org, membership):
    """A request of the membership's own (everyone who may see requests sees their own)."""
    import datetime as dt

    from kimitsu.approvals.models import ApprovalRequest
    from kimitsu.rules.tests.helpers import approved_rules

    rule_set = approved_rules(org)
    today = dt.date.today()
    made = ApprovalRequest.objects.create(
        organization=org,
        number=ApprovalRequest.objects.filter(organization=org).count() + 1,
        action="take_out",
        purpose="現場での打合せ",
        destination="現場事務所",
        starts_on=today,
        ends_on=today,
        return_due=today,
        verdict="approval",
        approver_role="manager",
        rule_set=rule_set,
        requested_by=membership.user,
    )
    return {"pk": made.pk}


ACCESS = {
    "approvals:requests": Spec(allowed=VIEW),
    "approvals:request_new": Spec(allowed=REQUEST, write=REQUEST),
    "approvals:settings": Spec(allowed={R.ADMIN}, write={R.ADMIN}),
    "approvals:request": Spec(allowed=VIEW, kwargs=_request),
    "approvals:request_decide": Spec(allowed=VIEW, kwargs=_request, ok_status=405),
    "approvals:request_return": Spec(allowed=VIEW, kwargs=_request, ok_status=405),
    "approvals:request_withdraw": Spec(allowed=VIEW, kwargs=_request, ok_status=405),
    # API
    "api-approvals-requests": Spec(allowed=VIEW, write=REQUEST),
    "api-approvals-request": Spec(allowed=VIEW, kwargs=_request),
    "api-approvals-request-decide": Spec(allowed=VIEW, kwargs=_request, ok_status=405),
    "api-approvals-request-return": Spec(allowed=VIEW, kwargs=_request, ok_status=405),
    # without an action and entries to look up, the answer says what is missing
    "api-approvals-ruling": Spec(allowed=VIEW, ok_status=400),
}
