"""One upload path for every image of the portal, as strict as the gallery's.

``CheckedImageField`` is a model ``ImageField`` whose form field runs the
media library's checks (``validators.image_check``: real JPEG, PNG or WebP
only, size and pixel limits, bombs, animations, polyglots and hidden
content, misleading names, every pixel decoded once), and whose file is
re-encoded when it is saved (``renditions.renditions_make``): what is
stored is a fresh JPEG, or PNG when transparent, no wider than
``max_width``, with no EXIF, GPS or XMP metadata, under a name of ours.

Every ``ImageField`` and ``FileField`` of the portal is checked by
``tests/core/test_upload_fields.py``, which finds them through the models,
so a new one is covered the day it appears.

It migrates as a plain ``ImageField``: the checks are code, not schema.
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models

from media_library.renditions import UnreadableImage, renditions_make
from media_library.validators import MESSAGES, image_check, image_open


def image_reencoded(upload, *, max_width: int) -> ContentFile:
    """The upload's pixels as a new JPEG (PNG when transparent), metadata stripped, at most ``max_width`` wide."""
    image = image_open(upload)
    try:
        renditions = renditions_make(image, widths=(max_width,))
    except UnreadableImage as error:
        raise ValidationError(MESSAGES["broken"], code="broken") from error
    fallback = next(rendition for rendition in renditions if rendition.format != "webp")
    content = ContentFile(fallback.data, name=f"{uuid.uuid4().hex}.{fallback.extension}")
    content.width, content.height = fallback.width, fallback.height
    content.reencoded = True
    return content


class CheckedImageFormField(forms.ImageField):
    def to_python(self, data):
        upload = super().to_python(data)  # Django's own checks first (empty file, readable image)
        if upload is not None:
            data.seek(0)
            image_check(data)
            data.seek(0)
        return upload


class CheckedImageField(models.ImageField):
    def __init__(self, *args, max_width: int = 1600, **kwargs):
        self.max_width = max_width
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})

    def pre_save(self, model_instance, add):
        """A new file is re-encoded before it is written, whichever way it came (form, admin, service)."""
        file = getattr(model_instance, self.attname)
        if file and not file._committed and not getattr(file.file, "reencoded", False):
            content = image_reencoded(file.file, max_width=self.max_width)
            file.save(content.name, content, save=False)
            return file
        return super().pre_save(model_instance, add)
