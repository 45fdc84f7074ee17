"""Staff memberships, taken over from the portal app with their table and rows (no SQL runs here).

They were created by portal 0003; staff 0002 renames their table.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0001_initial'),
        ('portal', '0004_web_address_fields'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StaffMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('editor', 'editor'), ('moderator', 'moderator')], default='editor', max_length=20, verbose_name='role')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='staff_memberships', to='core.municipality', verbose_name='municipality')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='staff_membership', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'db_table': 'portal_staffmembership',
                        'verbose_name': 'staff membership',
                        'verbose_name_plural': 'staff memberships',
                        'constraints': [models.CheckConstraint(condition=models.Q(('role__in', ['editor', 'moderator'])), name='staff_membership_role_known')],
                    },
                ),
            ],
        ),
    ]
