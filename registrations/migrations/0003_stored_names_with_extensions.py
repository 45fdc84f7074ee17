"""Logos and photos that registrations stored without an extension ("registrations/logos/logo_Ab12cd") get one.

The media view serves only known extensions, so such files never displayed.
Each is renamed to a random stem and the extension of the format Pillow reads
in it (the portal encoded it itself: JPEG or PNG); a missing or unreadable file
is left as it is. Reversing keeps the new names.
"""

import uuid
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db import migrations

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
FIELDS = [
    ("registrations", "CompanyRegistration", "logo"),
    ("registrations", "CompanyPhoto", "image"),
    ("registrations", "ProposedChange", "logo"),
    ("directory", "Organisation", "logo"),
]


def _renamed(name: str) -> str | None:
    from PIL import Image

    try:
        with default_storage.open(name) as file, Image.open(file) as image:
            extension = EXTENSIONS.get(image.format)
            if extension is None:
                return None
            file.seek(0)
            folder = PurePosixPath(name).parent
            new_name = default_storage.save(f"{folder}/{uuid.uuid4().hex}.{extension}", file)
    except (OSError, ValueError):
        return None
    default_storage.delete(name)
    return new_name


def add_extensions(apps, schema_editor):
    renamed: dict[str, str | None] = {}
    for app, model_name, field in FIELDS:
        model = apps.get_model(app, model_name)
        rows = model.objects.filter(**{f"{field}__startswith": "registrations/"}).exclude(**{f"{field}__contains": "."})
        for row in rows:
            name = getattr(row, field).name
            if name not in renamed:
                renamed[name] = _renamed(name)
            if renamed[name]:
                model.objects.filter(pk=row.pk).update(**{field: renamed[name]})


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0007_constraint_messages"),
        ("registrations", "0002_identifiers_free_when_rejected"),
    ]

    operations = [migrations.RunPython(add_extensions, migrations.RunPython.noop)]
