from kimitsu.core.views import WorkspaceMixin
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind

from .. import permissions as P


class AwarenessMixin(WorkspaceMixin):
    """A company workspace page of this app; adds what the app's tabs need."""

    org_kind = OrgKind.COMPANY
    active = ""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["active"] = self.active
        ctx["perms_awareness"] = {
            "results": has_perm(self.membership, P.RESULTS_VIEW),
            "decisions": has_perm(self.membership, P.DECISION_VIEW),
        }
        return ctx
