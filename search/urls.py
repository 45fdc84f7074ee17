from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.SearchView.as_view(), name="results"),
    path("result/<int:pk>/", views.result_click, name="click"),
]
