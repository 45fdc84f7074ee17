from django.urls import path

from upkeep import views

app_name = "upkeep"

urlpatterns = [
    # The entry is named in the query string (?entry=directory.organisation&id=12): one path for
    # every entry, so crawlers and the site's crawl gate follow a few, not one per entry.
    path("report/", views.MistakeReportView.as_view(), name="report"),
    path("report/sent/", views.MistakeReportSentView.as_view(), name="report-sent"),
    path("companies/confirm-entry/<str:token>/", views.ConfirmationView.as_view(), name="confirm"),
]
