"""Albums of photos and videos of both municipalities, attachable to any page's object."""

from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.models import (
    ChoiceLabelsModel,
    Direction,
    Municipality,
    PublicationStatus,
    Publishable,
    PublishableQuerySet,
    WebAddressField,
    publication_constraints,
    published_q,
)
from media_library.renditions import FALLBACK_CONTENT_TYPES
from media_library.storage import originals_storage
from media_library.validators import validate_video_file, validate_webvtt, video_url_parse


class Licence(models.TextChoices):
    # Licence names are proper names, the same in every language.
    CC_BY_4 = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA_4 = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


@dataclass(frozen=True)
class ResponsiveImage:
    """What a template needs to write a <picture>: srcsets, a fallback src, the intrinsic size.

    Built from the renditions stored on the row, so no query and no file
    access happens while a page renders.
    """

    renditions: list
    width: int
    height: int
    fallback_format: str

    def _srcset(self, key: str) -> str:
        return ", ".join(f"{default_storage.url(entry[key])} {entry['width']}w" for entry in reversed(self.renditions))

    @cached_property
    def webp_srcset(self) -> str:
        return self._srcset("webp")

    @cached_property
    def fallback_srcset(self) -> str:
        return self._srcset("fallback")

    @property
    def fallback_type(self) -> str:
        return FALLBACK_CONTENT_TYPES[self.fallback_format]

    @property
    def src(self) -> str:
        """The middle-sized fallback: what a browser without srcset support gets."""
        return default_storage.url(self.renditions[len(self.renditions) // 2]["fallback"])

    @property
    def largest_src(self) -> str:
        return default_storage.url(self.renditions[0]["fallback"])

    @property
    def largest_webp_src(self) -> str:
        return default_storage.url(self.renditions[0]["webp"])

    @property
    def files(self) -> list[str]:
        return [entry[key] for entry in self.renditions for key in ("webp", "fallback")]


class AlbumQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Albums with what a card shows (municipality, direction, cover, counts) in one query."""
        photos = Photo.objects.ready().filter(album=models.OuterRef("pk")).order_by().values("album")
        videos = Video.objects.filter(album=models.OuterRef("pk")).order_by().values("album")
        return self.select_related("municipality", "direction", "cover").annotate(
            photo_count=Coalesce(models.Subquery(photos.annotate(n=models.Count("pk")).values("n")), 0),
            video_count=Coalesce(models.Subquery(videos.annotate(n=models.Count("pk")).values("n")), 0),
        )

    def for_detail(self):
        # The cover: a video without a poster of its own shows it in its structured data.
        return self.select_related("municipality", "direction", "cover")

    def attached_to(self, obj: models.Model):
        """Albums attached to ``obj`` (any model instance), in the order the editors set."""
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(attachments__content_type=content_type, attachments__object_id=obj.pk).order_by(
            "attachments__order", "attachments__pk"
        )


class Album(Publishable):
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in addresses; Latin letters only.")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="albums", verbose_name=_("municipality")
    )
    direction = models.ForeignKey(
        Direction, on_delete=models.SET_NULL, null=True, blank=True, related_name="albums", verbose_name=_("direction")
    )
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("When the photos or videos were taken."))
    cover = models.ForeignKey(
        "Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover"),
        help_text=_("One of the album's photos; the first uploaded photo until you choose another."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # An album is public as soon as it is made, as before statuses (``is_published`` was true by default).
    status = models.CharField(
        _("publication status"), max_length=10, choices=PublicationStatus, default=PublicationStatus.PUBLISHED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AlbumQuerySet.as_manager()

    class Meta:
        ordering = ["order", "-date", "-pk"]
        verbose_name = _("album")
        verbose_name_plural = _("albums")
        constraints = publication_constraints("album")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("media_library:album-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.cover_id and self.pk and self.cover.album_id != self.pk:
            raise ValidationError({"cover": _("The cover must be one of this album's photos.")})


class PhotoQuerySet(models.QuerySet):
    def ready(self):
        """Photos whose renditions are made: a photo just uploaded waits for its task (``tasks.make_renditions``)."""
        return self.exclude(renditions=[])

    def for_album(self, album: Album):
        return self.ready().filter(album=album).order_by("order", "pk")


class Photo(ChoiceLabelsModel):
    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="photos", verbose_name=_("album"))
    original = models.FileField(_("original"), storage=originals_storage, max_length=200, editable=False)
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    # [{"width": 1600, "height": 1067, "webp": "photos/…-1600.webp", "fallback": "photos/…-1600.jpg"}, …],
    # widest first: a page writes its srcset without any further query.
    renditions = models.JSONField(_("renditions"), default=list, editable=False)
    fallback_format = models.CharField(
        _("fallback format"), max_length=4, choices=[("jpeg", "JPEG"), ("png", "PNG")], editable=False
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it. Required in every language."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True, help_text=_("Photographer or source."))
    licence = models.CharField(_("licence"), max_length=30, choices=Licence, default=Licence.ALL_RIGHTS_RESERVED)
    taken_on = models.DateField(_("date taken"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["album", "order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        indexes = [models.Index(fields=["album", "order"], name="photo_album_order")]
        constraints = [
            models.CheckConstraint(condition=models.Q(width__gt=0, height__gt=0), name="photo_has_size"),
            models.CheckConstraint(condition=models.Q(licence__in=Licence.values), name="photo_licence_known"),
            # The translated columns come from translation.py; the database keeps the rule too.
            models.CheckConstraint(
                condition=models.Q(alt_text_bg__gt="", alt_text_sr__gt="", alt_text_en__gt="")
                & models.Q(alt_text_bg__isnull=False, alt_text_sr__isnull=False, alt_text_en__isnull=False),
                name="photo_alt_text_in_every_language",
            ),
        ]

    def __str__(self):
        return self.alt_text

    def get_absolute_url(self):
        return reverse("media_library:photo-detail", kwargs={"album_slug": self.album.slug, "pk": self.pk})

    @cached_property
    def image(self) -> ResponsiveImage:
        return ResponsiveImage(self.renditions, self.width, self.height, self.fallback_format)

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")


class Video(ChoiceLabelsModel):
    class Provider(models.TextChoices):
        FILE = "file", _("Uploaded file")
        YOUTUBE = "youtube", "YouTube"
        VIMEO = "vimeo", "Vimeo"

    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="videos", verbose_name=_("album"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    provider = models.CharField(_("source"), max_length=10, choices=Provider, editable=False)
    file = models.FileField(
        _("video file"),
        upload_to="videos/",
        blank=True,
        validators=[validate_video_file],
        help_text=_("MP4 or WebM."),
    )
    external_url = WebAddressField(
        _("YouTube or Vimeo address"), blank=True, help_text=_("Instead of a file: the address of the video's page.")
    )
    provider_id = models.CharField(_("video id"), max_length=40, blank=True, editable=False)
    poster_renditions = models.JSONField(_("poster renditions"), default=list, blank=True, editable=False)
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_fallback_format = models.CharField(max_length=4, blank=True, editable=False)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=30, choices=Licence, default=Licence.ALL_RIGHTS_RESERVED)
    order = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["album", "order", "pk"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(provider="file") & ~models.Q(file="") & models.Q(external_url=""))
                | (models.Q(provider__in=["youtube", "vimeo"]) & ~models.Q(provider_id="") & models.Q(file="")),
                name="video_file_or_external",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("media_library:video-detail", kwargs={"album_slug": self.album.slug, "pk": self.pk})

    @property
    def published_at(self):
        """When readers could first see it: when it was added, or when its album was published, if later."""
        return max(self.created_at, self.album.published_at)

    def clean(self):
        if bool(self.file) == bool(self.external_url):
            raise ValidationError(_("Upload a video file or give a YouTube or Vimeo address (one of the two)."))
        if self.external_url:
            try:
                self.provider, self.provider_id = video_url_parse(self.external_url)
            except ValidationError as error:
                raise ValidationError({"external_url": error}) from error
        else:
            self.provider, self.provider_id = self.Provider.FILE, ""

    @cached_property
    def poster(self) -> ResponsiveImage | None:
        if not self.poster_renditions:
            return None
        return ResponsiveImage(
            self.poster_renditions, self.poster_width, self.poster_height, self.poster_fallback_format
        )

    @property
    def is_external(self) -> bool:
        return self.provider in {self.Provider.YOUTUBE, self.Provider.VIMEO}

    @property
    def embed_url(self) -> str:
        """The privacy-enhanced player, loaded only after the reader asks for it."""
        if self.provider == self.Provider.YOUTUBE:
            return f"https://www.youtube-nocookie.com/embed/{self.provider_id}?autoplay=1"
        if self.provider == self.Provider.VIMEO:
            return f"https://player.vimeo.com/video/{self.provider_id}?dnt=1&autoplay=1"
        return ""

    @property
    def watch_url(self) -> str:
        if self.provider == self.Provider.YOUTUBE:
            return f"https://www.youtube.com/watch?v={self.provider_id}"
        if self.provider == self.Provider.VIMEO:
            return f"https://vimeo.com/{self.provider_id}"
        return ""

    @property
    def content_type(self) -> str:
        return "video/webm" if self.file.name.lower().endswith(".webm") else "video/mp4"

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")


class AlbumAttachmentQuerySet(models.QuerySet):
    def with_cover(self, model: type[models.Model]):
        """Attachments to objects of ``model`` whose album is published and has a cover photo."""
        return self.filter(
            published_q("album__"), content_type=ContentType.objects.get_for_model(model), album__cover__isnull=False
        )

    def covers(self, model: type[models.Model], object_ids) -> dict[int, "Photo"]:
        """The cover photo of the first published album attached to each of these objects of ``model``,
        by its id (only objects with one): one query, whatever the number of objects."""
        attachments = self.with_cover(model).filter(object_id__in=list(object_ids))
        covers: dict[int, Photo] = {}
        for attachment in attachments.select_related("album__cover").order_by("object_id", "order", "pk"):
            covers.setdefault(attachment.object_id, attachment.album.cover)
        return covers


class AlbumAttachment(models.Model):
    """An album shown on the page of another object: an organisation, a sight, a route, an event, a news item."""

    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("album"))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("type of page"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_object = GenericForeignKey("content_type", "object_id")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AlbumAttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("album attachment")
        verbose_name_plural = _("album attachments")
        indexes = [models.Index(fields=["content_type", "object_id"], name="album_attachment_target")]
        constraints = [
            models.UniqueConstraint(fields=["album", "content_type", "object_id"], name="album_attached_once"),
        ]

    def __str__(self):
        return f"{self.album} → {self.content_type.name} #{self.object_id}"


class CaptionTrack(models.Model):
    """One language's captions of an uploaded video: a WebVTT file, a ``<track srclang>`` in the player.

    The file goes through the one captions check (``validate_webvtt``) on every path: admin
    inline, service and demo loader alike.
    """

    class Language(models.TextChoices):
        # Each named in itself, as a player's captions menu lists them.
        BULGARIAN = "bg", "Български"
        SERBIAN_CYRILLIC = "sr", "Српски"
        SERBIAN_LATIN = "sr-latn", "Srpski"
        ENGLISH = "en", "English"

    # BCP 47 tags for srclang: the script is part of the Serbian ones.
    SRCLANG = {"bg": "bg", "sr": "sr-Cyrl", "sr-latn": "sr-Latn", "en": "en"}

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="caption_tracks", verbose_name=_("video"))
    language = models.CharField(_("language"), max_length=7, choices=Language)
    file = models.FileField(
        _("captions file"),
        upload_to="videos/captions/",
        validators=[validate_webvtt],
        help_text=_("WebVTT (.vtt) captions in this language."),
    )

    class Meta:
        ordering = ["video", "pk"]
        verbose_name = _("captions track")
        verbose_name_plural = _("captions tracks")
        constraints = [
            models.UniqueConstraint(fields=["video", "language"], name="caption_track_one_per_language"),
            models.CheckConstraint(
                condition=models.Q(language__in=["bg", "sr", "sr-latn", "en"]), name="caption_track_language_known"
            ),
        ]

    def __str__(self):
        return f"{self.video} ({self.get_language_display()})"

    @property
    def srclang(self) -> str:
        return self.SRCLANG[self.language]

    def clean(self):
        if self.video_id and not self.video.file:
            raise ValidationError(_("Captions can only be added to an uploaded video."))
