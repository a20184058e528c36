from django.urls import path

from . import views

urlpatterns = [
    path("roadmap/", views.Roadmap.as_view(), name="api-awareness-roadmap"),
    path("checks/", views.CheckList.as_view(), name="api-awareness-checks"),
    path(
        "checks/security/", views.SecuritySummary.as_view(), name="api-awareness-security-summary"
    ),
    path("checks/<int:pk>/", views.CheckDetail.as_view(), name="api-awareness-check"),
    path("trainings/", views.TrainingList.as_view(), name="api-awareness-trainings"),
    path("trainings/<int:pk>/", views.TrainingDetail.as_view(), name="api-awareness-training"),
    path("decisions/", views.DecisionList.as_view(), name="api-awareness-decisions"),
    path("decisions/<int:pk>/", views.DecisionDetail.as_view(), name="api-awareness-decision"),
]
