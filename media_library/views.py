from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from core.structured_data import StructuredDataMixin, area, known, thing
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


class MediaStructuredDataMixin(StructuredDataMixin):
    """The schema.org shapes of an album's photos and videos, the same on the album's page and on their own."""

    def image_object(self, photo, **values) -> dict:
        """A photo as an ImageObject: its largest rendition, a small one as thumbnail, its licence and credit."""
        image, absolute = photo.image, self.request.build_absolute_uri
        return {
            "@type": "ImageObject",
            **values,
            "contentUrl": absolute(image.largest_src),
            "thumbnailUrl": absolute(image.src),
            "width": photo.width,
            "height": photo.height,
            **known(
                name=photo.alt_text,
                caption=photo.caption,
                creditText=photo.credit,
                license=photo.licence_url,
                dateCreated=photo.taken_on.isoformat() if photo.taken_on else None,
                uploadDate=photo.created_at.isoformat(),
            ),
        }

    def video_object(self, video, **values) -> dict:
        """A video as a VideoObject with what Google asks for: name, description, thumbnail, upload date.

        The thumbnail is the video's poster, else YouTube's own still of it, else the album's cover;
        a video without a description of its own is described by its title. A file is its own
        content; a YouTube or Vimeo video has only its player (without autoplay) to point to.
        """
        absolute = self.request.build_absolute_uri
        if video.poster:
            thumbnail = absolute(video.poster.src)
        elif video.provider == Video.Provider.YOUTUBE:
            thumbnail = f"https://i.ytimg.com/vi/{video.provider_id}/hqdefault.jpg"
        elif video.album.cover and video.album.cover.renditions:
            thumbnail = absolute(video.album.cover.image.src)
        else:
            thumbnail = None
        return {
            "@type": "VideoObject",
            **values,
            **known(
                name=video.title,
                description=video.description or video.title,
                thumbnailUrl=thumbnail,
                uploadDate=video.published_at.isoformat(),
                contentUrl=absolute(video.file.url) if video.file else None,
                embedUrl=video.embed_url.removesuffix("&autoplay=1").removesuffix("?autoplay=1"),
                encodingFormat=video.content_type if video.file else None,
                creditText=video.credit,
                license=video.licence_url,
            ),
        }


class AlbumDetailView(MediaStructuredDataMixin, PreviewableDetailMixin, DetailView):
    context_object_name = "album"

    def structured_data(self, album, *, url, photos, videos):
        """The album as a schema.org ImageGallery: its photos, each with its licence and credit, and its videos."""
        absolute = self.request.build_absolute_uri
        return thing(
            "ImageGallery",
            url=url,
            name=album.title,
            description=album.description,
            dateCreated=album.date.isoformat() if album.date else None,
            datePublished=album.published_at.isoformat(),
            contentLocation=area(album.municipality) if album.municipality else None,
            image=[
                self.image_object(photo, url=absolute(photo.get_absolute_url())) for photo in photos if photo.renditions
            ],
            video=[self.video_object(video, url=absolute(video.get_absolute_url())) for video in videos],
        )

    def structured_data_extra(self, context) -> dict:
        return {"photos": context["photos"], "videos": context["videos"]}

    def get_detail_queryset(self):
        return Album.objects.for_detail()

    def get_context_data(self, **kwargs):
        album = self.object
        # Lists: the page and its structured data walk the same rows, read once, each knowing its album.
        photos = list(Photo.objects.for_album(album))
        videos = list(album.videos.order_by("order", "pk"))
        for item in (*photos, *videos):
            item.album = album
        return super().get_context_data(photos=photos, videos=videos, **kwargs)


class AlbumItemMixin(MediaStructuredDataMixin):
    """A photo or video page: the item within its published album, its structured data part of the album's."""

    context_object_name = "item"

    def get_object(self, queryset=None):
        self.album = get_object_or_404(Album.objects.published().for_detail(), slug=self.kwargs["album_slug"])
        item = get_object_or_404(self.get_queryset(), album=self.album, pk=self.kwargs["pk"])
        item.album = self.album
        return item

    def part_of(self) -> dict:
        url = self.request.build_absolute_uri(self.album.get_absolute_url())
        return {"@type": "ImageGallery", "@id": url, "url": url, "name": self.album.title}

    def get_context_data(self, **kwargs):
        return super().get_context_data(album=self.album, **kwargs)


class PhotoDetailView(AlbumItemMixin, DetailView):
    model = Photo
    queryset = Photo.objects.ready()

    def structured_data(self, photo, *, url):
        return {
            "@context": "https://schema.org",
            **self.image_object(photo, url=url),
            "@id": url,
            "isPartOf": self.part_of(),
        }

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

    def structured_data(self, video, *, url):
        return {
            "@context": "https://schema.org",
            **self.video_object(video, url=url),
            "@id": url,
            "isPartOf": self.part_of(),
        }


class AttachedAlbumsMixin:
    """For the DetailView of any model that albums can be attached to (organisation, sight, event…).

    Puts ``attached_albums`` in the context; the template shows them with
    ``{% include "media_library/includes/_attached_albums.html" with albums=attached_albums %}``.
    """

    def get_context_data(self, **kwargs):
        albums = Album.objects.published().for_listing().attached_to(self.object)
        return super().get_context_data(attached_albums=albums, **kwargs)
