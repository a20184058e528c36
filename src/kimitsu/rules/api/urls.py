from django.urls import path

from . import views

urlpatterns = [
    path("rule-sets/", views.RuleSetList.as_view(), name="api-rules-rule-sets"),
    path("rule-sets/<int:pk>/", views.RuleSetDetail.as_view(), name="api-rules-rule-set"),
    path(
        "rule-sets/<int:pk>/approve/",
        views.RuleSetApprove.as_view(),
        name="api-rules-rule-set-approve",
    ),
    path("rules/<int:pk>/", views.RuleDetail.as_view(), name="api-rules-rule"),
    path("regulations/", views.RegulationList.as_view(), name="api-rules-regulations"),
    path(
        "regulations/in-force/",
        views.RegulationInForce.as_view(),
        name="api-rules-regulation-in-force",
    ),
    path(
        "regulations/readers/",
        views.RegulationReaders.as_view(),
        name="api-rules-regulation-readers",
    ),
    path("regulations/<int:pk>/", views.RegulationDetail.as_view(), name="api-rules-regulation"),
    path(
        "regulations/<int:pk>/articles/<int:article_pk>/",
        views.ArticleDetail.as_view(),
        name="api-rules-article",
    ),
    path(
        "regulations/<int:pk>/approve/",
        views.RegulationApprove.as_view(),
        name="api-rules-regulation-approve",
    ),
    path(
        "regulations/<int:pk>/confirm/",
        views.RegulationConfirm.as_view(),
        name="api-rules-regulation-confirm",
    ),
    path(
        "regulations/<int:pk>/document/",
        views.RegulationDocument.as_view(),
        name="api-rules-regulation-document",
    ),
    path("distributions/", views.DistributionList.as_view(), name="api-rules-distributions"),
    path(
        "distributions/<str:code>/",
        views.DistributionByCode.as_view(),
        name="api-rules-distribution",
    ),
    path("mark/", views.Mark.as_view(), name="api-rules-mark"),
]
