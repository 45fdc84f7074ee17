"""The outbox now belongs to ``notifications`` (its migration 0001 took the table and its rows)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_outbox_from_registrations"),
        ("registrations", "0003_stored_names_with_extensions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutgoingEmail")],
            database_operations=[],
        ),
    ]
