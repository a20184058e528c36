from .documents import (  # noqa: F401
    DocumentCreateView,
    DocumentDetailView,
    DocumentFileView,
    DocumentListView,
    DocumentScanView,
    GapsView,
    HomeView,
)
from .partners import (  # noqa: F401
    AgreementCreateView,
    AgreementEditView,
    AgreementScanView,
    DisclosureCreateView,
    DisclosureListView,
    PartnerDetailView,
    PartnerEditView,
    PartnerListView,
    ReceivedLinkView,
)
from .people import (  # noqa: F401
    ChecklistDetailView,
    ChecklistListView,
    JoiningStartView,
    LeavingStartView,
    PersonView,
)
from .templates import (  # noqa: F401
    ClauseEditView,
    TemplateDetailView,
    TemplateListView,
    TemplateSampleView,
)
