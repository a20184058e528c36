from django.urls import path

from . import views

urlpatterns = [
    path("templates/", views.TemplateList.as_view(), name="api-pledges-templates"),
    path("documents/", views.DocumentList.as_view(), name="api-pledges-documents"),
    path("documents/<int:pk>/", views.DocumentDetail.as_view(), name="api-pledges-document"),
    path(
        "documents/<int:pk>/transition/",
        views.DocumentTransition.as_view(),
        name="api-pledges-document-transition",
    ),
    path("documents/batch/", views.BatchIssue.as_view(), name="api-pledges-batch"),
    path("gaps/", views.Gaps.as_view(), name="api-pledges-gaps"),
    path("checklists/", views.ChecklistList.as_view(), name="api-pledges-checklists"),
    path("partners/", views.PartnerList.as_view(), name="api-pledges-partners"),
    path("partners/<int:pk>/", views.PartnerDetail.as_view(), name="api-pledges-partner"),
    path("disclosures/", views.DisclosureList.as_view(), name="api-pledges-disclosures"),
]
