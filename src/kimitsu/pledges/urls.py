from django.urls import path

from . import views as v

app_name = "pledges"

urlpatterns = [
    path("", v.HomeView.as_view(), name="home"),
    path("templates/", v.TemplateListView.as_view(), name="templates"),
    path("templates/<int:pk>/", v.TemplateDetailView.as_view(), name="template_detail"),
    path(
        "templates/<int:pk>/sample.<str:fmt>",
        v.TemplateSampleView.as_view(),
        name="template_sample",
    ),
    path(
        "templates/<int:template_pk>/clauses/new/", v.ClauseEditView.as_view(), name="clause_create"
    ),
    path("clauses/<int:pk>/", v.ClauseEditView.as_view(), name="clause_edit"),
    path("documents/", v.DocumentListView.as_view(), name="documents"),
    path("documents/new/", v.DocumentCreateView.as_view(), name="document_create"),
    path("documents/<int:pk>/", v.DocumentDetailView.as_view(), name="document_detail"),
    path("documents/<int:pk>/file.<str:fmt>", v.DocumentFileView.as_view(), name="document_file"),
    path("documents/<int:pk>/scan/", v.DocumentScanView.as_view(), name="document_scan"),
    path("gaps/", v.GapsView.as_view(), name="gaps"),
    path("people/<int:pk>/", v.PersonView.as_view(), name="person"),
    path("people/<int:pk>/leaving/", v.LeavingStartView.as_view(), name="leaving_start"),
    path("people/<int:pk>/joining/", v.JoiningStartView.as_view(), name="joining_start"),
    path("checklists/", v.ChecklistListView.as_view(), name="checklists"),
    path("checklists/<int:pk>/", v.ChecklistDetailView.as_view(), name="checklist_detail"),
    path("partners/", v.PartnerListView.as_view(), name="partners"),
    path("partners/new/", v.PartnerEditView.as_view(), name="partner_create"),
    path("partners/<int:pk>/", v.PartnerDetailView.as_view(), name="partner_detail"),
    path("partners/<int:pk>/edit/", v.PartnerEditView.as_view(), name="partner_edit"),
    path(
        "partners/<int:pk>/agreements/new/",
        v.AgreementCreateView.as_view(),
        name="agreement_create",
    ),
    path("partners/<int:pk>/received/new/", v.ReceivedLinkView.as_view(), name="received_link"),
    path("agreements/<int:pk>/edit/", v.AgreementEditView.as_view(), name="agreement_edit"),
    path("agreements/<int:pk>/scan/", v.AgreementScanView.as_view(), name="agreement_scan"),
    path("disclosures/", v.DisclosureListView.as_view(), name="disclosures"),
    path("disclosures/new/", v.DisclosureCreateView.as_view(), name="disclosure_create"),
]
