from kimitsu.organizations.choices import Role as R
from kimitsu.testing.access import COMPANY_ALL, Spec


def _task(org, membership):
    # a task that is not (or no longer) the member's: the page says it is done and sends home
    return {"kind": "regulation", "object_id": 999999}


def _person(org, membership):
    from kimitsu.testing.factories import PersonFactory

    return {"pk": PersonFactory(organization=org, employee_number="9001").pk}


def _read_request(org, membership):
    from kimitsu.reach.models import ReadRequest

    return {
        "pk": ReadRequest.objects.create(
            organization=org, title="情報セキュリティ方針", kind="file"
        ).pk
    }


ACCESS = {
    "reach:my_tasks": Spec(allowed=COMPANY_ALL),
    "reach:do": Spec(allowed=COMPANY_ALL, kwargs=_task, ok_status=302),
    "reach:reminders": Spec(allowed={R.ADMIN}, write={R.ADMIN}),
    "reach:sheet": Spec(allowed={R.ADMIN}, kwargs=_person),
    "reach:read_requests": Spec(allowed={R.ADMIN}, write={R.ADMIN}),
    "reach:read_request": Spec(allowed={R.ADMIN}, kwargs=_read_request),
}
