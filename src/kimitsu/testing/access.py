"""The shape of an access spec entry (see kimitsu/core/tests/test_access_matrix.py).

Seeing (GET)
    ``allowed`` roles get ``ok_status``; every other role of the workspace gets 403.

Writing (POST on a page; POST, PUT, PATCH and DELETE on the API)
    The methods tried are the write methods the view implements (``methods`` overrides them); a
    view that implements none is sent a POST all the same, which must be refused. Bodies are empty
    (an empty form; ``{}`` as JSON): the matrix checks who gets past the gate, not what is valid.
    ``data(org, membership)`` gives the body instead, for a view whose POST names the object it
    acts on (without it, the one who may write would only be told "not found").

    - ``write``: the roles whose every write must get through: anything but 401, 403, 404, 405 or
      a server error (a 400, a 200 with form errors, a 302, a 204 all count).
    - Every other role is refused, and nothing is written (no new audit event):

      - 404 for the roles in ``write_hidden`` (the object is hidden from them by design);
      - 403 or 405 where the view has no such method (405 once past the view's gate: a page's
        gate may let through a role that its GET then refuses; the API's is the write permission);
      - else 403.

    - ``actions``: for a view that decides per action what a role may do, ``{body: roles}``; each
      body (``"action=end"``, form fields as in a query string; JSON on the API) is also POSTed,
      and the roles named must get through (a 404 counts: the body names no object), the others
      be refused as above.

    ``write=None`` (not stated) means nobody for a view without write methods. For a view with
    write methods it means "not stated yet": roles outside ``allowed`` must still be refused, but
    what roles inside it get is not checked, and
    ``test_every_write_view_states_who_may_write`` lists the view until its app states ``write``.
    A role that may not see a URL may not write to it: state ``write`` as a subset of ``allowed``.

Another workspace and anonymous visitors
    An administrator of another workspace gets 404 for every method, as if the workspace did not
    exist; an anonymous visitor is sent to log in (pages) or refused with 401/403 (API).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from kimitsu.organizations.choices import OrgKind, Role

WRITE_METHODS = ("post", "put", "patch", "delete")


@dataclass
class Spec:
    allowed: set = field(default_factory=set)  # roles that may GET the URL
    kind: str = OrgKind.COMPANY  # the kind of workspace the URL lives in
    # kwargs(org, membership) -> extra URL kwargs, creating the objects the URL needs in org
    kwargs: Callable | None = None
    ok_status: int = 200
    write: set | None = None  # roles whose writes get through (None: see the module's note)
    write_hidden: set = field(default_factory=set)  # roles refused a write with 404, by design
    methods: tuple[str, ...] | None = None  # the write methods to try; None: what the view has
    data: Callable | None = None  # data(org, membership) -> the body of the writes (else empty)
    actions: dict = field(default_factory=dict)  # {"action=end": roles that may}: see above

    def department_for(self, org, role):
        """A department manager needs a department; give them one at the top of the tree."""
        if role != Role.MANAGER:
            return None
        from kimitsu.testing.factories import DepartmentFactory

        return DepartmentFactory(organization=org, name="管理部署")


COMPANY_ALL = {Role.ADMIN, Role.MANAGER, Role.MEMBER, Role.AUDITOR, Role.ADVISOR}
DESK_ALL = {Role.DESK_ADMIN, Role.DESK_ADVISOR, Role.LAWYER}
NOBODY: set = set()  # write=NOBODY: a view with write methods that no role may use here
