from kimitsu.organizations.choices import OrgKind, Role
from kimitsu.testing.access import COMPANY_ALL, DESK_ALL, Spec
from kimitsu.testing.factories import DepartmentFactory, MembershipFactory, PersonFactory

R = Role
# a department manager maintains the people of the subtree they manage
PEOPLE_MANAGERS = {R.ADMIN, R.MANAGER}


def _dept(org, membership):
    return {"pk": DepartmentFactory(organization=org).pk}


def _person(org, membership):
    # inside the manager's subtree, so that "allowed" means allowed
    dept = membership.department or DepartmentFactory(organization=org)
    return {"pk": PersonFactory(organization=org, department=dept).pk}


def _member(org, membership):
    return {
        "pk": MembershipFactory(
            organization=org, role=Role.MEMBER if org.is_company else Role.LAWYER
        ).pk
    }


ACCESS = {
    # a desk home opens the desk dashboard (302)
    "organizations:home": [
        Spec(allowed=COMPANY_ALL),
        Spec(kind=OrgKind.DESK, allowed=DESK_ALL, ok_status=302),
    ],
    "organizations:profile": [
        Spec(allowed={R.ADMIN, R.MANAGER, R.AUDITOR, R.ADVISOR}, write={R.ADMIN}),
        Spec(kind=OrgKind.DESK, allowed=DESK_ALL, write={R.DESK_ADMIN}),
    ],
    "organizations:departments": Spec(allowed=COMPANY_ALL),
    "organizations:department_create": Spec(allowed={R.ADMIN}, write={R.ADMIN}),
    "organizations:department_edit": Spec(allowed={R.ADMIN}, kwargs=_dept, write={R.ADMIN}),
    "organizations:people": Spec(allowed={R.ADMIN, R.MANAGER, R.AUDITOR}),
    "organizations:person_create": Spec(allowed=PEOPLE_MANAGERS, write=PEOPLE_MANAGERS),
    "organizations:person_detail": Spec(allowed={R.ADMIN, R.MANAGER, R.AUDITOR}, kwargs=_person),
    "organizations:person_edit": Spec(
        allowed=PEOPLE_MANAGERS, kwargs=_person, write=PEOPLE_MANAGERS
    ),
    "organizations:members": [
        # an invitation is sent from the member list
        Spec(allowed={R.ADMIN, R.AUDITOR}, write={R.ADMIN}),
        Spec(kind=OrgKind.DESK, allowed=DESK_ALL, write={R.DESK_ADMIN}),
    ],
    "organizations:member_edit": [
        Spec(allowed={R.ADMIN}, kwargs=_member, write={R.ADMIN}),
        Spec(kind=OrgKind.DESK, allowed={R.DESK_ADMIN}, kwargs=_member, write={R.DESK_ADMIN}),
    ],
    # API
    "api-departments": Spec(allowed=COMPANY_ALL, write={R.ADMIN}),
    "api-department": Spec(allowed=COMPANY_ALL, kwargs=_dept, write={R.ADMIN}),
    "api-people": Spec(allowed={R.ADMIN, R.MANAGER, R.AUDITOR}, write=PEOPLE_MANAGERS),
    "api-person": Spec(
        allowed={R.ADMIN, R.MANAGER, R.AUDITOR}, kwargs=_person, write=PEOPLE_MANAGERS
    ),
}
