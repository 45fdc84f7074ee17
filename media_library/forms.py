import zipfile

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from media_library.models import Licence, Video
from media_library.validators import image_check

# A ZIP may hold at most this many files; each is checked like a single upload.
MAX_ZIP_MEMBERS = 1000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class BulkUploadForm(forms.Form):
    """Many photos at once into one album: files, or a ZIP of them, sharing alt text, credit and licence.

    The shared alternative text is a starting point; editors refine each
    photo's text afterwards in the album's photo list.
    """

    files = MultipleFileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP; choose as many as you like."),
    )
    archive = forms.FileField(
        label=_("or a ZIP of photos"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    alt_text_bg = forms.CharField(label=_("Alternative text (Bulgarian)"), max_length=300)
    alt_text_sr = forms.CharField(label=_("Alternative text (Serbian, Cyrillic)"), max_length=300)
    alt_text_en = forms.CharField(label=_("Alternative text (English)"), max_length=300)
    credit = forms.CharField(label=_("Credit"), max_length=200, required=False)
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices, initial=Licence.ALL_RIGHTS_RESERVED)

    def clean_archive(self):
        archive = self.cleaned_data.get("archive")
        if archive:
            try:
                with zipfile.ZipFile(archive) as bundle:
                    members = [info for info in bundle.infolist() if not info.is_dir()]
            except zipfile.BadZipFile as error:
                raise ValidationError(_("This is not a ZIP file that can be read."), code="zip") from error
            if len(members) > MAX_ZIP_MEMBERS:
                raise ValidationError(
                    _("A ZIP may hold at most %(limit)d files."), code="zip_members", params={"limit": MAX_ZIP_MEMBERS}
                )
            archive.seek(0)
        return archive

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not cleaned.get("archive") and not self.errors:
            raise ValidationError(_("Choose some photos or a ZIP of photos."), code="nothing")
        return cleaned

    @property
    def alt_text(self) -> dict[str, str]:
        return {language: self.cleaned_data[f"alt_text_{language}"] for language in ("bg", "sr", "en")}


class VideoAdminForm(forms.ModelForm):
    external_url = forms.URLField(
        label=_("YouTube or Vimeo address"),
        required=False,
        assume_scheme="https",
        help_text=_("Instead of a file: the address of the video's page."),
    )
    poster_upload = forms.FileField(
        label=_("Poster image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("Shown before the video plays (JPEG, PNG or WebP); for YouTube and Vimeo too."),
    )

    class Meta:
        model = Video
        fields = [
            *["album", "title", "description", "file", "external_url"],
            *["credit", "licence", "order"],
        ]

    def clean_poster_upload(self):
        poster = self.cleaned_data.get("poster_upload")
        if poster:
            image_check(poster)  # refused here with the field's error, not later in the service
            poster.seek(0)
        return poster
