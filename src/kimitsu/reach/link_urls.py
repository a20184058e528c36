from django.urls import path

from . import views_link

app_name = "links"

urlpatterns = [
    path("<str:token>/", views_link.LinkView.as_view(), name="open"),
    path("<str:token>/document.pdf", views_link.LinkDocumentView.as_view(), name="document"),
]
