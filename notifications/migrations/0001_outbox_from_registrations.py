"""The outbox moves from ``registrations`` to ``notifications`` with its rows.

The table already exists (``registrations_outgoingemail``): this app takes it
over in Django's state only, then renames it to its own name; its content type
row changes app, so permissions given on it and the admin log keep pointing at it.
"""

from django.db import migrations, models

MODEL = "outgoingemail"


def move_content_type(source: str, target: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        manager = ContentType.objects.db_manager(schema_editor.connection.alias)
        # A row already made for the target (by a partial run) wins; the stale one is left
        # for remove_stale_contenttypes rather than deleting permissions given on it.
        if not manager.filter(app_label=target, model=MODEL).exists():
            manager.filter(app_label=source, model=MODEL).update(app_label=target)

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("registrations", "0003_stored_names_with_extensions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutgoingEmail",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("to", models.JSONField(default=list)),
                        ("reply_to", models.JSONField(blank=True, default=list)),
                        ("subject", models.CharField(max_length=300)),
                        ("body", models.TextField()),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("last_error", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("last_attempt_at", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        "verbose_name": "undelivered email",
                        "verbose_name_plural": "undelivered emails",
                        "ordering": ["created_at"],
                        "db_table": "registrations_outgoingemail",
                    },
                ),
            ],
            database_operations=[],
        ),
        # The table takes this app's name (notifications_outgoingemail), rows and all.
        migrations.AlterModelTable(name="outgoingemail", table=None),
        migrations.RunPython(
            move_content_type("registrations", "notifications"), move_content_type("notifications", "registrations")
        ),
    ]
