from django.urls import path

from media_library import views

app_name = "media_library"

urlpatterns = [
    path("", views.AlbumListView.as_view(), name="album-list"),
    path("<slug:slug>/", views.AlbumDetailView.as_view(), name="album-detail"),
    path("<slug:album_slug>/photos/<int:pk>/", views.PhotoDetailView.as_view(), name="photo-detail"),
    path("<slug:album_slug>/videos/<int:pk>/", views.VideoDetailView.as_view(), name="video-detail"),
]
