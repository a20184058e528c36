from .pages import (
    DecideView,
    DraftFileView,
    RecheckView,
    RequestDetailView,
    RequestListView,
    RequestNewView,
)

__all__ = [
    "DecideView",
    "DraftFileView",
    "RecheckView",
    "RequestDetailView",
    "RequestListView",
    "RequestNewView",
]
