from django.urls import path

from . import views

app_name = "desk"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("clients/", views.ClientListView.as_view(), name="clients"),
    path("clients/new/", views.ClientEditView.as_view(), name="client_create"),
    path("clients/<int:pk>/", views.ClientDetailView.as_view(), name="client_detail"),
    path("clients/<int:pk>/edit/", views.ClientEditView.as_view(), name="client_edit"),
    path("consultations/", views.ConsultationListView.as_view(), name="consultations"),
    path("consultations/new/", views.ConsultationEditView.as_view(), name="consultation_create"),
    path(
        "consultations/<int:pk>/",
        views.ConsultationDetailView.as_view(),
        name="consultation_detail",
    ),
    path(
        "consultations/<int:pk>/edit/",
        views.ConsultationEditView.as_view(),
        name="consultation_edit",
    ),
    path(
        "consultations/<int:pk>/hand-over/",
        views.HandOverView.as_view(),
        name="consultation_handover",
    ),
    path("engagements/", views.EngagementListView.as_view(), name="engagements"),
    path("engagements/new/", views.EngagementEditView.as_view(), name="engagement_create"),
    path("engagements/<int:pk>/", views.EngagementDetailView.as_view(), name="engagement_detail"),
    path("engagements/<int:pk>/edit/", views.EngagementEditView.as_view(), name="engagement_edit"),
    path("seminars/", views.SeminarListView.as_view(), name="seminars"),
    path("seminars/new/", views.SeminarEditView.as_view(), name="seminar_create"),
    path("seminars/<int:pk>/edit/", views.SeminarEditView.as_view(), name="seminar_edit"),
    path("statistics/", views.StatsView.as_view(), name="stats"),
    path("statistics/export/", views.StatsExportView.as_view(), name="stats_export"),
    path("statistics/report/", views.ReportView.as_view(), name="report"),
    path("statistics/report/<str:token>/", views.ReportJobView.as_view(), name="report_job"),
    path(
        "statistics/report/<str:token>/status/",
        views.ReportStatusView.as_view(),
        name="report_status",
    ),
    path(
        "statistics/report/<str:token>/file.pdf", views.ReportFileView.as_view(), name="report_file"
    ),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/<str:token>/", views.ImportJobView.as_view(), name="import_job"),
    path("import/<str:token>/status/", views.ImportStatusView.as_view(), name="import_status"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
]
