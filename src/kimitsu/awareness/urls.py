from django.urls import path

from . import views

app_name = "awareness"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("roadmap/", views.RoadmapView.as_view(), name="roadmap"),
    path("learn/", views.LearnView.as_view(), name="learn"),
    path("checks/", views.CheckListView.as_view(), name="checks"),
    path("checks/new/<slug:kind>/", views.CheckNewView.as_view(), name="check_new"),
    path("checks/security/", views.SecuritySummaryView.as_view(), name="security_summary"),
    path("checks/<int:pk>/", views.CheckDetailView.as_view(), name="check_detail"),
    path("checks/<int:pk>/pdf/", views.CheckPdfView.as_view(), name="check_pdf"),
    path("trainings/", views.TrainingListView.as_view(), name="trainings"),
    path("trainings/new/", views.TrainingEditView.as_view(), name="training_create"),
    path("trainings/missing/", views.MissingView.as_view(), name="training_missing"),
    path("trainings/<int:pk>/", views.TrainingDetailView.as_view(), name="training_detail"),
    path("trainings/<int:pk>/edit/", views.TrainingEditView.as_view(), name="training_edit"),
    path("trainings/<int:pk>/import/", views.TrainingImportView.as_view(), name="training_import"),
    path("trainings/<int:pk>/quiz/", views.QuizView.as_view(), name="training_quiz"),
    path("quiz/questions/", views.QuestionListView.as_view(), name="quiz_questions"),
    path("quiz/questions/new/", views.QuestionEditView.as_view(), name="quiz_question_create"),
    path("quiz/questions/<int:pk>/", views.QuestionEditView.as_view(), name="quiz_question_edit"),
    path("decisions/", views.DecisionListView.as_view(), name="decisions"),
    path("decisions/new/", views.DecisionCreateView.as_view(), name="decision_create"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision_detail"),
]
