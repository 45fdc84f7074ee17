"""The site core's models, taken over from the portal app with their tables and rows (no SQL runs here).

They were created by portal 0001-0004; core 0002 renames their tables.
"""

import core.models
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('portal', '0004_web_address_fields'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Direction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(choices=[('business', 'Business'), ('culture', 'Culture'), ('tourism', 'Tourism'), ('administration-and-social-life', 'Administration and social life')], max_length=40, unique=True, verbose_name='slug')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('name_bg', models.CharField(max_length=100, null=True, verbose_name='name')),
                        ('name_sr', models.CharField(max_length=100, null=True, verbose_name='name')),
                        ('name_en', models.CharField(max_length=100, null=True, verbose_name='name')),
                        ('summary', models.CharField(blank=True, max_length=300, verbose_name='summary')),
                        ('summary_bg', models.CharField(blank=True, max_length=300, null=True, verbose_name='summary')),
                        ('summary_sr', models.CharField(blank=True, max_length=300, null=True, verbose_name='summary')),
                        ('summary_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='summary')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('description_bg', models.TextField(blank=True, null=True, verbose_name='description')),
                        ('description_sr', models.TextField(blank=True, null=True, verbose_name='description')),
                        ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                    ],
                    options={
                        'db_table': 'portal_direction',
                        'verbose_name': 'direction',
                        'verbose_name_plural': 'directions',
                        'ordering': ['order', 'slug'],
                    },
                ),
                migrations.CreateModel(
                    name='Municipality',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(help_text='Used in addresses; Latin letters only.', unique=True, verbose_name='slug')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('name_bg', models.CharField(max_length=200, null=True, verbose_name='name')),
                        ('name_sr', models.CharField(max_length=200, null=True, verbose_name='name')),
                        ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
                        ('seat', models.CharField(help_text='The town or city the municipality belongs to.', max_length=200, verbose_name='seat')),
                        ('seat_bg', models.CharField(help_text='The town or city the municipality belongs to.', max_length=200, null=True, verbose_name='seat')),
                        ('seat_sr', models.CharField(help_text='The town or city the municipality belongs to.', max_length=200, null=True, verbose_name='seat')),
                        ('seat_en', models.CharField(help_text='The town or city the municipality belongs to.', max_length=200, null=True, verbose_name='seat')),
                        ('region', models.CharField(blank=True, max_length=200, verbose_name='region')),
                        ('region_bg', models.CharField(blank=True, max_length=200, null=True, verbose_name='region')),
                        ('region_sr', models.CharField(blank=True, max_length=200, null=True, verbose_name='region')),
                        ('region_en', models.CharField(blank=True, max_length=200, null=True, verbose_name='region')),
                        ('country', models.CharField(choices=[('BG', 'Bulgaria'), ('RS', 'Serbia')], max_length=2, verbose_name='country')),
                        ('emblem', models.ImageField(blank=True, upload_to='municipalities/', verbose_name='emblem')),
                        ('summary', models.CharField(blank=True, max_length=300, verbose_name='summary')),
                        ('summary_bg', models.CharField(blank=True, max_length=300, null=True, verbose_name='summary')),
                        ('summary_sr', models.CharField(blank=True, max_length=300, null=True, verbose_name='summary')),
                        ('summary_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='summary')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('description_bg', models.TextField(blank=True, null=True, verbose_name='description')),
                        ('description_sr', models.TextField(blank=True, null=True, verbose_name='description')),
                        ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                        ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='population')),
                        ('population_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='population year')),
                        ('area_km2', models.DecimalField(blank=True, decimal_places=3, max_digits=9, null=True, verbose_name='area (km²)')),
                        ('elevation_m', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='elevation (m)')),
                        ('latitude', models.DecimalField(blank=True, decimal_places=5, max_digits=8, null=True, verbose_name='latitude')),
                        ('longitude', models.DecimalField(blank=True, decimal_places=5, max_digits=8, null=True, verbose_name='longitude')),
                        ('postal_code', models.CharField(blank=True, max_length=5, verbose_name='postal code')),
                        ('website', core.models.WebAddressField(blank=True, verbose_name='website')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                    ],
                    options={
                        'db_table': 'portal_municipality',
                        'verbose_name': 'municipality',
                        'verbose_name_plural': 'municipalities',
                        'ordering': ['order', 'slug'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('country__in', ['BG', 'RS'])), name='municipality_country_known'), models.CheckConstraint(condition=models.Q(('latitude__isnull', True), models.Q(('latitude__gte', -90), ('latitude__lte', 90)), _connector='OR'), name='municipality_latitude_range'), models.CheckConstraint(condition=models.Q(('longitude__isnull', True), models.Q(('longitude__gte', -180), ('longitude__lte', 180)), _connector='OR'), name='municipality_longitude_range'), models.CheckConstraint(condition=models.Q(('population_year__isnull', True), ('population_year__gte', 1800), _connector='OR'), name='municipality_population_year_plausible')],
                    },
                    bases=(models.Model,),
                ),
                migrations.CreateModel(
                    name='InformationCentre',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('name_bg', models.CharField(max_length=200, null=True, verbose_name='name')),
                        ('name_sr', models.CharField(max_length=200, null=True, verbose_name='name')),
                        ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
                        ('description', models.TextField(blank=True, verbose_name='what the centre does')),
                        ('description_bg', models.TextField(blank=True, null=True, verbose_name='what the centre does')),
                        ('description_sr', models.TextField(blank=True, null=True, verbose_name='what the centre does')),
                        ('description_en', models.TextField(blank=True, null=True, verbose_name='what the centre does')),
                        ('address', models.CharField(blank=True, max_length=300, verbose_name='address')),
                        ('address_bg', models.CharField(blank=True, max_length=300, null=True, verbose_name='address')),
                        ('address_sr', models.CharField(blank=True, max_length=300, null=True, verbose_name='address')),
                        ('address_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='address')),
                        ('opening_hours', models.TextField(blank=True, verbose_name='opening hours')),
                        ('opening_hours_bg', models.TextField(blank=True, null=True, verbose_name='opening hours')),
                        ('opening_hours_sr', models.TextField(blank=True, null=True, verbose_name='opening hours')),
                        ('opening_hours_en', models.TextField(blank=True, null=True, verbose_name='opening hours')),
                        ('phone', models.CharField(blank=True, help_text='Stored in international form.', max_length=20, verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                        ('municipality', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='information_centre', to='core.municipality', verbose_name='municipality')),
                    ],
                    options={
                        'db_table': 'portal_informationcentre',
                        'verbose_name': 'information centre',
                        'verbose_name_plural': 'information centres',
                        'ordering': ['municipality__order'],
                    },
                ),
            ],
        ),
    ]
