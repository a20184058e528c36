from django.urls import path

from . import views

urlpatterns = [
    path("clients/", views.ClientList.as_view(), name="api-desk-clients"),
    path("clients/<int:pk>/", views.ClientDetail.as_view(), name="api-desk-client"),
    path("consultations/", views.ConsultationList.as_view(), name="api-desk-consultations"),
    path(
        "consultations/<int:pk>/", views.ConsultationDetail.as_view(), name="api-desk-consultation"
    ),
    path("seminars/", views.SeminarList.as_view(), name="api-desk-seminars"),
    path("seminars/<int:pk>/", views.SeminarDetail.as_view(), name="api-desk-seminar"),
    path("statistics/", views.Stats.as_view(), name="api-desk-stats"),
]
