from django.urls import path

from . import views

app_name = "prepub"

urlpatterns = [
    path("", views.RequestListView.as_view(), name="list"),
    path("new/", views.RequestNewView.as_view(), name="new"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="request"),
    path("<int:pk>/recheck/", views.RecheckView.as_view(), name="recheck"),
    path("<int:pk>/decide/", views.DecideView.as_view(), name="decide"),
    path("<int:pk>/v<int:number>/file/", views.DraftFileView.as_view(), name="file"),
]
