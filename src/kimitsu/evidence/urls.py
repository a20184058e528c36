from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("", views.VaultView.as_view(), name="vault"),
    path("new/", views.RecordNewView.as_view(), name="record_new"),
    path("<int:pk>/", views.RecordDetailView.as_view(), name="record"),
    path("<int:pk>/token/", views.TokenView.as_view(), name="record_token"),
    path("<int:pk>/file/", views.FileView.as_view(), name="record_file"),
    path("pack/", views.PackView.as_view(), name="pack"),
    path("pack/<str:token>/", views.PackJobView.as_view(), name="pack_job"),
    path("pack/<str:token>/status/", views.PackStatusView.as_view(), name="pack_status"),
    path("pack/<str:token>/file.zip", views.PackFileView.as_view(), name="pack_file"),
    path("dossier/<int:pk>/", views.DossierView.as_view(), name="dossier"),
    path("dossier/<int:pk>/pack/", views.DossierPackView.as_view(), name="dossier_pack"),
]
