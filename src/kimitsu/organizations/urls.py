from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("", views.WorkspaceHomeView.as_view(), name="home"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("departments/", views.DepartmentListView.as_view(), name="departments"),
    path("departments/new/", views.DepartmentEditView.as_view(), name="department_create"),
    path("departments/<int:pk>/", views.DepartmentEditView.as_view(), name="department_edit"),
    path("people/", views.PersonListView.as_view(), name="people"),
    path("people/new/", views.PersonEditView.as_view(), name="person_create"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", views.PersonEditView.as_view(), name="person_edit"),
    path("members/", views.MemberListView.as_view(), name="members"),
    path("members/<int:pk>/", views.MemberEditView.as_view(), name="member_edit"),
]
