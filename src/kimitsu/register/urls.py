from django.urls import path

from . import views, views_io

app_name = "register"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("entries/", views.EntryListView.as_view(), name="entries"),
    path("entries/new/", views.EntryCreateView.as_view(), name="entry_create"),
    path("entries/<int:pk>/", views.EntryDetailView.as_view(), name="entry_detail"),
    path("entries/<int:pk>/edit/", views.EntryEditView.as_view(), name="entry_edit"),
    path("entries/<int:pk>/decide/", views.EntryDecideView.as_view(), name="entry_decide"),
    path("entries/<int:pk>/classify/", views.EntryClassifyView.as_view(), name="entry_classify"),
    path("entries/<int:pk>/grants/", views.EntryGrantsView.as_view(), name="entry_grants"),
    path("entries/<int:pk>/review/", views.EntryReviewView.as_view(), name="entry_review"),
    path("entries/<int:pk>/retire/", views.EntryRetireView.as_view(), name="entry_retire"),
    path("reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("levels/", views.LevelListView.as_view(), name="levels"),
    path("levels/new/", views.LevelEditView.as_view(), name="level_create"),
    path("levels/<int:pk>/", views.LevelEditView.as_view(), name="level_edit"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("import/", views_io.ImportView.as_view(), name="import"),
    path("import/<str:token>/", views_io.ImportJobView.as_view(), name="import_job"),
    path("import/<str:token>/status/", views_io.ImportStatusView.as_view(), name="import_status"),
    path("export/", views_io.ExportView.as_view(), name="export"),
    path("template/", views_io.TemplateDownloadView.as_view(), name="template"),
    path("people/<int:pk>/access/", views.PersonAccessView.as_view(), name="person_access"),
]
