from django.urls import path

from . import views

urlpatterns = [
    path("entries/", views.EntryList.as_view(), name="api-register-entries"),
    path("entries/<int:pk>/", views.EntryDetail.as_view(), name="api-register-entry"),
    path("entries/<int:pk>/decide/", views.EntryDecide.as_view(), name="api-register-entry-decide"),
    path(
        "entries/<int:pk>/classify/",
        views.EntryClassify.as_view(),
        name="api-register-entry-classify",
    ),
    path("entries/<int:pk>/retire/", views.EntryRetire.as_view(), name="api-register-entry-retire"),
    path("entries/<int:pk>/review/", views.EntryReview.as_view(), name="api-register-entry-review"),
    path("entries/<int:pk>/grants/", views.EntryGrants.as_view(), name="api-register-entry-grants"),
    path("levels/", views.LevelList.as_view(), name="api-register-levels"),
    path("levels/<int:pk>/", views.LevelDetail.as_view(), name="api-register-level"),
    path("template/", views.Template.as_view(), name="api-register-template"),
    path("settings/", views.NumberingSettings.as_view(), name="api-register-settings"),
    path("counts/", views.Counts.as_view(), name="api-register-counts"),
    path("import/", views.Import.as_view(), name="api-register-import"),
    path("export/", views.Export.as_view(), name="api-register-export"),
    path(
        "people/<int:pk>/access/", views.PersonAccess.as_view(), name="api-register-person-access"
    ),
]
