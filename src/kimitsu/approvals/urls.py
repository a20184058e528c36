from django.urls import path

from . import views

app_name = "approvals"

urlpatterns = [
    path("", views.RequestListView.as_view(), name="requests"),
    path("new/", views.RequestNewView.as_view(), name="request_new"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="request"),
    path("<int:pk>/decide/", views.RequestDecideView.as_view(), name="request_decide"),
    path("<int:pk>/return/", views.RequestReturnView.as_view(), name="request_return"),
    path("<int:pk>/withdraw/", views.RequestWithdrawView.as_view(), name="request_withdraw"),
]
