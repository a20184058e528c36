from kimitsu.organizations.access import Perm, has_perm, memberships_of

from .steps import STEP_DEFINITIONS


class _NavStep:
    def __init__(self, number, title):
        self.number = number
        self.title = title


def workspace(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = getattr(request, "membership", None)
    context = {
        "my_memberships": memberships_of(user),
        "membership": membership,
        "org": getattr(request, "organization", None),
    }
    if membership is not None:
        context.update(
            {
                "perms_people": has_perm(membership, Perm.PEOPLE_VIEW),
                "perms_members": has_perm(membership, Perm.MEMBERS_VIEW),
                "perms_audit": has_perm(membership, Perm.AUDIT_VIEW),
                "nav_steps": [_NavStep(n, t) for n, t, _s in STEP_DEFINITIONS],
            }
        )
    return context
