"""The shape of an access spec entry (see kimitsu/core/tests/test_access_matrix.py)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from kimitsu.organizations.choices import OrgKind, Role


@dataclass
class Spec:
    allowed: set = field(default_factory=set)  # roles that may GET the URL
    kind: str = OrgKind.COMPANY  # the kind of workspace the URL lives in
    # kwargs(org, membership) -> extra URL kwargs, creating the objects the URL needs in org
    kwargs: Callable | None = None
    ok_status: int = 200

    def department_for(self, org, role):
        """A department manager needs a department; give them one at the top of the tree."""
        if role != Role.MANAGER:
            return None
        from kimitsu.testing.factories import DepartmentFactory

        return DepartmentFactory(organization=org, name="管理部署")


COMPANY_ALL = {Role.ADMIN, Role.MANAGER, Role.MEMBER, Role.AUDITOR, Role.ADVISOR}
DESK_ALL = {Role.DESK_ADMIN, Role.DESK_ADVISOR, Role.LAWYER}
