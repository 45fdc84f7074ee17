from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation-list"),
    path("export.csv", views.OrganisationCsvView.as_view(), name="organisation-export-csv"),
    path("export.json", views.OrganisationJsonView.as_view(), name="organisation-export-json"),
    path("<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
]
