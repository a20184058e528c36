from django.urls import path

from . import views

urlpatterns = [
    path("checks/", views.CheckList.as_view(), name="api-prepub-checks"),
    path("checks/<int:pk>/", views.CheckDetail.as_view(), name="api-prepub-check"),
    path("checks/<int:pk>/recheck/", views.CheckRecheck.as_view(), name="api-prepub-recheck"),
    path("checks/<int:pk>/decide/", views.CheckDecide.as_view(), name="api-prepub-decide"),
]
