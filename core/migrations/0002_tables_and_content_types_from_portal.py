"""The site core's tables take its name, and its content types follow the models from ``portal``.

Rows that point at a content type (permissions and the groups holding them,
django-reversion's history, admin log entries, search entries, albums
attached to a page) keep pointing at the same row, now labelled ``core``.
Each stored version names its model in its serialized data too: that label
is rewritten, so that an old version still reverts and recovers.
"""

import json

from django.db import migrations

MODELS = ("municipality", "informationcentre", "direction")


def move_content_types(apps, *, old_label, new_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=old_label, model=model).first()
        if old is None:
            continue  # a new database: post_migrate creates the new label's row
        # A row for the new label made by a partial migrate before this one refers to nothing of
        # the past; the old row, which history and permissions point at, takes its place.
        ContentType.objects.filter(app_label=new_label, model=model).delete()
        old.app_label = new_label
        old.save(update_fields=["app_label"])
        for version in Version.objects.filter(content_type=old, format="json").iterator():
            data = json.loads(version.serialized_data)
            for entry in data:
                if entry.get("model") == f"{old_label}.{model}":
                    entry["model"] = f"{new_label}.{model}"
            version.serialized_data = json.dumps(data)
            version.save(update_fields=["serialized_data"])
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    move_content_types(apps, old_label="portal", new_label="core")


def backwards(apps, schema_editor):
    move_content_types(apps, old_label="core", new_label="portal")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        # The tables are renamed once every key points at core: on a new database the apps'
        # earlier migrations, which name the portal tables, run before this one.
        ("civic", "0003_keys_to_core_models"),
        ("directory", "0008_keys_to_core_models"),
        ("media_library", "0003_keys_to_core_models"),
        ("registrations", "0004_keys_to_core_models"),
        ("search", "0004_keys_to_core_models"),
        ("tourism", "0003_keys_to_core_models"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.AlterModelTable(name="municipality", table=None),
        migrations.AlterModelTable(name="informationcentre", table=None),
        migrations.AlterModelTable(name="direction", table=None),
        migrations.RunPython(forwards, backwards),
    ]
