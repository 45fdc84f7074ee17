"""The site core's models moved to ``core`` and staff memberships to ``staff``: gone from portal's state only.

Their tables and rows stay (core 0001-0002, staff 0001-0002 took them over);
every key to them was pointed at the new apps first (the dependencies below).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_web_address_fields"),
        ("core", "0002_tables_and_content_types_from_portal"),
        ("staff", "0002_table_and_content_type_from_portal"),
        ("civic", "0003_keys_to_core_models"),
        ("directory", "0008_keys_to_core_models"),
        ("media_library", "0003_keys_to_core_models"),
        ("registrations", "0004_keys_to_core_models"),
        ("search", "0004_keys_to_core_models"),
        ("tourism", "0003_keys_to_core_models"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="StaffMembership"),
                migrations.DeleteModel(name="InformationCentre"),
                migrations.DeleteModel(name="Municipality"),
                migrations.DeleteModel(name="Direction"),
            ],
        ),
    ]
