from django.urls import path

from tourism import views

app_name = "tourism"

urlpatterns = [
    path("sights/", views.SightListView.as_view(), name="sight-list"),
    path("sights/<slug:slug>/", views.SightDetailView.as_view(), name="sight-detail"),
    path("routes/", views.RouteListView.as_view(), name="route-list"),
    path("routes/<slug:slug>/", views.RouteDetailView.as_view(), name="route-detail"),
    path("stay-and-eat/", views.HospitalityListView.as_view(), name="hospitality-list"),
    path("map/", views.MapView.as_view(), name="map"),
    path("map.geojson", views.MapDataView.as_view(), name="map-data"),
]
