from django.urls import path

from . import views

app_name = "rules"

urlpatterns = [
    path("", views.GuideView.as_view(), name="guide"),
    path("matrix/", views.MatrixView.as_view(), name="matrix"),
    path("matrix/draft/", views.RuleSetStartView.as_view(), name="rule_set_start"),
    path("matrix/<int:pk>/approve/", views.RuleSetApproveView.as_view(), name="rule_set_approve"),
    path("matrix/rules/<int:pk>/", views.RuleEditView.as_view(), name="rule_edit"),
    path("regulation/", views.RegulationView.as_view(), name="regulation"),
    path("regulation/new/", views.RegulationNewView.as_view(), name="regulation_new"),
    path("regulation/diff/", views.RegulationDiffView.as_view(), name="regulation_diff"),
    path("regulation/readers/", views.ReadersView.as_view(), name="regulation_readers"),
    path("regulation/<int:pk>/", views.RegulationDetailView.as_view(), name="regulation_detail"),
    path(
        "regulation/<int:pk>/settings/",
        views.RegulationSettingsView.as_view(),
        name="regulation_settings",
    ),
    path(
        "regulation/<int:pk>/articles/<int:article_pk>/",
        views.ArticleEditView.as_view(),
        name="article_edit",
    ),
    path(
        "regulation/<int:pk>/approve/",
        views.RegulationApproveView.as_view(),
        name="regulation_approve",
    ),
    path(
        "regulation/<int:pk>/confirm/",
        views.RegulationConfirmView.as_view(),
        name="regulation_confirm",
    ),
    path(
        "regulation/<int:pk>/download/<str:fmt>/",
        views.RegulationDownloadView.as_view(),
        name="regulation_download",
    ),
    path("mark/", views.MarkView.as_view(), name="mark"),
    path("distributions/", views.DistributionListView.as_view(), name="distributions"),
    path("distributions/trace/", views.TraceView.as_view(), name="trace"),
    path(
        "distributions/<int:pk>/file/",
        views.DistributionFileView.as_view(),
        name="distribution_file",
    ),
]
