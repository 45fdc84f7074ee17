from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.models import PublicationStatus
from media_library import services
from media_library.forms import BulkUploadForm, VideoAdminForm
from media_library.models import Album, AlbumAttachment, CaptionTrack, Photo, Video
from search.admin import SearchIndexedAdminMixin
from staff.admin.options import MunicipalityContentAdmin, MunicipalityScopedInlineMixin
from staff.audit import audit_event_record
from staff.models import AuditAction, StaffRole


def thumbnail(photo: Photo):
    if not photo or not photo.renditions:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="120" height="{}" style="object-fit:cover">',
        photo.image.src,
        photo.alt_text,
        round(120 * photo.height / photo.width),
    )


class AttachedAlbumsInline(MunicipalityScopedInlineMixin, GenericTabularInline):
    """Add to the admin of any model whose pages show albums (organisations, sights, events, news)."""

    model = AlbumAttachment
    municipality_lookup = "album__municipality"
    extra = 0
    autocomplete_fields = ["album"]
    fields = ["album", "order"]
    verbose_name = _("attached album")
    verbose_name_plural = _("attached albums")


class PhotoInline(MunicipalityScopedInlineMixin, admin.TabularInline):
    model = Photo
    municipality_lookup = "album__municipality"
    extra = 0
    fields = ["preview", "order", "alt_text_bg", "alt_text_sr", "alt_text_en", "credit", "licence"]
    readonly_fields = ["preview"]
    ordering = ["order", "pk"]
    show_change_link = True
    # Photos are added by the upload page (which makes renditions) and deleted
    # from the photo list (which removes their files).
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("photo"))
    def preview(self, photo):
        return thumbnail(photo)


class CaptionTrackInline(MunicipalityScopedInlineMixin, admin.TabularInline):
    """One WebVTT file per language of an uploaded video, each checked like any captions upload."""

    model = CaptionTrack
    municipality_lookup = "video__album__municipality"
    extra = 0
    max_num = len(CaptionTrack.Language)
    fields = ["language", "file"]

    # Part of the video: whoever may change the video may change its captions.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("media_library.view_video") or self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("media_library.change_video")

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


def attachable_content_types(admin_site, request) -> list[ContentType]:
    """The types of page an album may be attached to by this user: public pages they may change."""
    models = [
        model
        for model, model_admin in admin_site._registry.items()
        if model._meta.app_label != "media_library"
        and hasattr(model, "get_absolute_url")
        and model_admin.has_change_permission(request)
    ]
    return list(ContentType.objects.get_for_models(*models).values()) if models else []


def attachment_target(admin_site, request, content_type: ContentType, object_id, *, change: bool = False):
    """The entry an attachment points at, if this user may see it (``change``: and change it) in its admin."""
    model = content_type.model_class()
    model_admin = admin_site._registry.get(model)
    if model_admin is None:
        return None
    # Through the target admin's scoped queryset: another municipality's entry "does not exist".
    target = model_admin.get_queryset(request).filter(pk=object_id).first()
    if target is None:
        return None
    allowed = model_admin.has_change_permission if change else model_admin.has_view_or_change_permission
    return target if allowed(request, target) else None


class AlbumAttachmentInline(MunicipalityScopedInlineMixin, admin.TabularInline):
    """The pages an album is shown on.

    Staff attach an album only to an entry they may change themselves (through that entry's
    scoped admin), so an album never appears on the other municipality's pages by their
    hand, and the page column names only entries they may see.
    """

    model = AlbumAttachment
    municipality_lookup = "album__municipality"
    extra = 0
    fields = ["content_type", "object_id", "page", "order"]
    readonly_fields = ["page"]

    # The rows are part of their album: whoever may change the album manages them (the role
    # groups hold the registered admins' permissions only, as for tourism's inlines).
    def _album_admin(self):
        return self.admin_site._registry[Album]

    def has_view_permission(self, request, obj=None):
        return self._album_admin().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._album_admin().has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._album_admin().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._album_admin().has_change_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        admin_site = self.admin_site
        self._request = request  # for the page column
        types = attachable_content_types(admin_site, request)
        if obj is not None:  # rows a portal administrator made stay as they are
            types += ContentType.objects.filter(albumattachment__album=obj).distinct()

        class TargetCheckedForm(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["content_type"].queryset = ContentType.objects.filter(pk__in=[t.pk for t in types])

            def clean(self):
                cleaned_data = super().clean()
                content_type, object_id = cleaned_data.get("content_type"), cleaned_data.get("object_id")
                moved = self.instance.pk is None or {"content_type", "object_id"} & set(self.changed_data)
                if content_type is None or object_id is None or not moved or cleaned_data.get("DELETE"):
                    return cleaned_data
                if attachment_target(admin_site, request, content_type, object_id, change=True) is None:
                    self.add_error(
                        "object_id", gettext("There is no entry of this type with this id that you may change.")
                    )
                return cleaned_data

        formset.form = TargetCheckedForm
        return formset

    @admin.display(description=_("page"))
    def page(self, attachment):
        request = getattr(self, "_request", None)
        if request is None or attachment.pk is None:
            return "—"
        target = attachment_target(self.admin_site, request, attachment.content_type, attachment.object_id)
        if target is None:
            return gettext("an entry you cannot open")
        opts = target._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk])
        return format_html('<a href="{}">{}</a>', url, target)


@admin.register(Album)
class AlbumAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    municipality_lookup = "municipality"
    draft_filter = {"status__exact": PublicationStatus.DRAFT}
    list_display = ["title", "municipality", "direction", "date", "order", "status", "upload_link"]
    list_editable = ["order", "status"]
    list_filter = ["municipality", "direction", "status"]
    list_select_related = ["municipality", "direction"]
    search_fields = ["title_bg", "title_sr", "title_en", "slug"]
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "date"
    inlines = [PhotoInline, AlbumAttachmentInline]
    fields = [
        *("title", "slug", "description", "municipality", "direction", "date", "cover", "order"),
        *("status", "published_at"),
    ]

    @admin.display(description=_("photos"))
    def upload_link(self, album):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:media_library_album_upload", args=[album.pk]), gettext("Add photos")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cover":
            album_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Photo.objects.ready().filter(album_id=album_id).order_by("order", "pk")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("<int:object_id>/upload/", upload, name="media_library_album_upload"), *super().get_urls()]

    def upload_view(self, request, object_id):
        """Bulk upload: many files or a ZIP; without JavaScript one post, with it one request per file."""
        # Through the scoped queryset: another municipality's album "does not exist".
        album = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, album):
            raise PermissionDenied
        posted = request.method == "POST"
        form = BulkUploadForm(request.POST if posted else None, request.FILES if posted else None)
        outcomes = None
        if posted:
            if form.is_valid():
                outcomes = services.photos_upload(
                    album=album,
                    files=form.cleaned_data["files"],
                    archive=form.cleaned_data["archive"],
                    alt_text=form.alt_text,
                    credit=form.cleaned_data["credit"],
                    licence=form.cleaned_data["licence"],
                )
                for outcome in outcomes:
                    if outcome.ok:
                        audit_event_record(
                            action=AuditAction.UPLOADED,
                            actor=request.user,
                            obj=outcome.photo,
                            municipality=album.municipality,
                            message=outcome.name,
                            request=request,
                        )
                added = sum(outcome.ok for outcome in outcomes)
                if added:
                    self.message_user(request, gettext("Photos added: %(count)d.") % {"count": added}, messages.SUCCESS)
            if request.headers.get("Accept") == "application/json":
                return JsonResponse(
                    {
                        "errors": form.errors.get_json_data() if form.errors else {},
                        "outcomes": [
                            {"name": outcome.name, "ok": outcome.ok, "errors": outcome.errors}
                            for outcome in outcomes or []
                        ],
                    },
                    status=200 if form.is_valid() else 400,
                )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Add photos to “%(album)s”") % {"album": album},
            "opts": self.model._meta,
            "original": album,
            "form": form,
            "outcomes": outcomes,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/media_library/album/upload.html", context)

    def delete_model(self, request, obj):
        services.album_delete(album=obj)

    def delete_queryset(self, request, queryset):
        for album in queryset:
            services.album_delete(album=album)


@admin.register(Photo)
class PhotoAdmin(MunicipalityContentAdmin, TabbedTranslationAdmin):
    municipality_lookup = "album__municipality"
    # Photos are added through their album's upload page (which needs the album's change permission).
    role_permissions = dict.fromkeys(StaffRole, ("view", "change", "delete"))
    list_display = ["preview", "alt_text", "album", "order", "credit", "licence", "taken_on"]
    list_display_links = ["preview", "alt_text"]
    list_editable = ["order"]
    list_filter = ["album__municipality", "licence", "album"]
    list_select_related = ["album"]
    search_fields = ["alt_text_bg", "alt_text_sr", "alt_text_en", "caption_bg", "caption_sr", "caption_en", "credit"]
    readonly_fields = ["preview_large", "width", "height"]
    fields = [
        "preview_large",
        "album",
        "alt_text",
        "caption",
        "credit",
        "licence",
        "taken_on",
        "order",
        "width",
        "height",
    ]
    ordering = ["album", "order", "pk"]

    def has_add_permission(self, request):
        return False  # photos arrive through an album's upload page, which makes their renditions

    @admin.display(description=_("photo"))
    def preview(self, photo):
        return thumbnail(photo)

    @admin.display(description=_("photo"))
    def preview_large(self, photo):
        return format_html(
            '<img src="{}" alt="{}" style="max-width:480px;height:auto">', photo.image.src, photo.alt_text
        )

    def delete_model(self, request, obj):
        services.photo_delete(photo=obj)

    def delete_queryset(self, request, queryset):
        for photo in queryset.select_related("album"):
            services.photo_delete(photo=photo)


@admin.register(Video)
class VideoAdmin(MunicipalityContentAdmin, TabbedTranslationAdmin):
    municipality_lookup = "album__municipality"
    form = VideoAdminForm
    inlines = [CaptionTrackInline]
    list_display = ["title", "album", "provider", "order"]
    list_editable = ["order"]
    list_filter = ["provider", "album__municipality"]
    list_select_related = ["album"]
    search_fields = ["title_bg", "title_sr", "title_en"]
    autocomplete_fields = ["album"]

    def save_model(self, request, obj, form, change):
        services.video_save(video=obj, poster=form.cleaned_data.get("poster_upload"))

    def delete_model(self, request, obj):
        services.video_delete(video=obj)

    def delete_queryset(self, request, queryset):
        for video in queryset:
            services.video_delete(video=video)
