from kimitsu.organizations.choices import OrgKind, Role
from kimitsu.testing.access import Spec

ACCESS = {
    "audit:log": [
        Spec(allowed={Role.ADMIN, Role.AUDITOR}),
        Spec(kind=OrgKind.DESK, allowed={Role.DESK_ADMIN}),
    ],
    "audit:export": [
        Spec(allowed={Role.ADMIN, Role.AUDITOR}),
        Spec(kind=OrgKind.DESK, allowed={Role.DESK_ADMIN}),
    ],
    "api-audit-events": [
        Spec(allowed={Role.ADMIN, Role.AUDITOR}),
        Spec(kind=OrgKind.DESK, allowed={Role.DESK_ADMIN}),
    ],
}
