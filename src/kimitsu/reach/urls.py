from django.urls import path

from . import views

app_name = "reach"

urlpatterns = [
    path("tasks/", views.MyTasksView.as_view(), name="my_tasks"),
    path("tasks/<str:kind>/<int:object_id>/", views.DoView.as_view(), name="do"),
    path("reminders/", views.RemindersView.as_view(), name="reminders"),
    path("people/<int:pk>/sheet/", views.SheetView.as_view(), name="sheet"),
    path("reads/", views.ReadRequestsView.as_view(), name="read_requests"),
    path("reads/<int:pk>/", views.ReadRequestView.as_view(), name="read_request"),
]
