from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from core.structured_data import StructuredDataMixin, area, thing
from core.views import FilteredListView, PreviewableDetailMixin
from media_library.filters import AlbumFilter
from media_library.models import Album, Photo, Video


class AlbumListView(FilteredListView):
    """The gallery index: published albums, filterable by municipality and direction."""

    filterset_class = AlbumFilter
    template_name = "media_library/album_list.html"
    context_object_name = "albums"
    paginate_by = 24

    def get_base_queryset(self):
        return Album.objects.published().for_listing()


class AlbumDetailView(StructuredDataMixin, PreviewableDetailMixin, DetailView):
    context_object_name = "album"

    def structured_data(self, album, *, url, photos):
        """The album as a schema.org ImageGallery: its photos, each with its licence and credit."""
        images = []
        for photo in photos:
            if not photo.renditions:
                continue
            image = photo.image
            images.append(
                {
                    "@type": "ImageObject",
                    "contentUrl": self.request.build_absolute_uri(image.largest_src),
                    "width": photo.width,
                    "height": photo.height,
                    **({"caption": photo.caption} if photo.caption else {}),
                    **({"creditText": photo.credit} if photo.credit else {}),
                    **({"license": photo.licence_url} if photo.licence_url else {}),
                }
            )
        return thing(
            "ImageGallery",
            url=url,
            name=album.title,
            description=album.description,
            dateCreated=album.date.isoformat() if album.date else None,
            contentLocation=area(album.municipality) if album.municipality else None,
            image=images,
        )

    def structured_data_extra(self, context) -> dict:
        return {"photos": context["photos"]}

    def get_detail_queryset(self):
        return Album.objects.for_detail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            # A list: the page and its structured data walk the same rows, read once.
            photos=list(Photo.objects.for_album(self.object)),
            videos=self.object.videos.order_by("order", "pk"),
            **kwargs,
        )


class AlbumItemMixin:
    """A photo or video page: the item within its published album."""

    context_object_name = "item"

    def get_object(self, queryset=None):
        self.album = get_object_or_404(Album.objects.published().for_detail(), slug=self.kwargs["album_slug"])
        return get_object_or_404(self.get_queryset(), album=self.album, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(album=self.album, **kwargs)


class PhotoDetailView(AlbumItemMixin, DetailView):
    model = Photo
    queryset = Photo.objects.ready()

    def get_context_data(self, **kwargs):
        ids = list(Photo.objects.for_album(self.album).values_list("pk", flat=True))
        index = ids.index(self.object.pk)
        return super().get_context_data(
            position=index + 1,
            total=len(ids),
            previous_id=ids[index - 1] if index > 0 else None,
            next_id=ids[index + 1] if index + 1 < len(ids) else None,
            **kwargs,
        )


class VideoDetailView(AlbumItemMixin, DetailView):
    model = Video


class AttachedAlbumsMixin:
    """For the DetailView of any model that albums can be attached to (organisation, sight, event…).

    Puts ``attached_albums`` in the context; the template shows them with
    ``{% include "media_library/includes/_attached_albums.html" with albums=attached_albums %}``.
    """

    def get_context_data(self, **kwargs):
        albums = Album.objects.published().for_listing().attached_to(self.object)
        return super().get_context_data(attached_albums=albums, **kwargs)
