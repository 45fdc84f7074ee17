from django.urls import path

from upkeep import views

app_name = "upkeep"

urlpatterns = [
    path("report/<str:label>/<int:pk>/", views.MistakeReportView.as_view(), name="report"),
    path("report/sent/", views.MistakeReportSentView.as_view(), name="report-sent"),
    path("companies/confirm-entry/<str:token>/", views.ConfirmationView.as_view(), name="confirm"),
]
