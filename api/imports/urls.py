"""Routes of the imports API."""

from django.urls import path

from api.imports import views

urlpatterns = [
    path("imports/members/", views.MembersImportView.as_view(), name="import-members"),
    path(
        "imports/opening-balances/",
        views.OpeningBalancesImportView.as_view(),
        name="import-opening-balances",
    ),
    path("imports/jobs/", views.ImportJobListView.as_view(), name="import-jobs"),
    path(
        "imports/jobs/<int:pk>/",
        views.ImportJobDetailView.as_view(),
        name="import-job",
    ),
]
