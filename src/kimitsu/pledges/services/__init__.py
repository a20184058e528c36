"""State changes of pledges, checklists and partners.

Every function is keyword-only, atomic, checks the acting membership's permission, and writes its
audit event in the same transaction.
"""

from .checklists import (  # noqa: F401
    checklist_item_add,
    checklist_item_returned,
    checklist_step_complete,
    joining_open,
    leaving_open,
    leaving_start,
    revoke_due,
)
from .documents import (  # noqa: F401
    document_attach_scan,
    document_create,
    document_transition,
    documents_batch_issue,
    validate_upload,
)
from .partners import (  # noqa: F401
    agreement_attach_scan,
    agreement_create,
    agreement_update,
    disclosure_end,
    disclosure_record,
    partner_create,
    partner_update,
    received_link,
)
from .templates import (  # noqa: F401
    clause_create,
    clause_delete,
    clause_update,
    template_adopt,
    template_new_version,
    template_update,
    templates_install_defaults,
)
