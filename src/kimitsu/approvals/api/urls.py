from django.urls import path

from . import views

urlpatterns = [
    path("requests/", views.RequestList.as_view(), name="api-approvals-requests"),
    path("requests/<int:pk>/", views.RequestDetail.as_view(), name="api-approvals-request"),
    path(
        "requests/<int:pk>/decide/",
        views.RequestDecide.as_view(),
        name="api-approvals-request-decide",
    ),
    path(
        "requests/<int:pk>/return/",
        views.RequestReturn.as_view(),
        name="api-approvals-request-return",
    ),
    path("ruling/", views.Ruling.as_view(), name="api-approvals-ruling"),
]
