from django.urls import path

from . import views

urlpatterns = [
    path("departments/", views.DepartmentList.as_view(), name="api-departments"),
    path("departments/<int:pk>/", views.DepartmentDetail.as_view(), name="api-department"),
    path("people/", views.PersonList.as_view(), name="api-people"),
    path("people/<int:pk>/", views.PersonDetail.as_view(), name="api-person"),
]
