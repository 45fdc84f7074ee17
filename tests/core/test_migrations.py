"""An installation of the release before core and staff existed keeps every row through the upgrade.

The database is taken back to that release's migrations, filled as that
release would fill it (through the models as they were then), and migrated
forward; everything is then read through the models as they are now.
"""

import json

import pytest
from django.core import serializers
from django.db import connection
from django.utils import timezone

from tests.migrating import migrate

# The latest migration of every app at the release before the move (core and staff did not exist).
PREVIOUS_RELEASE = [
    ("portal", "0004_web_address_fields"),
    ("civic", "0002_web_address_fields"),
    ("cooperation", "0001_initial"),
    ("directory", "0007_constraint_messages"),
    ("media_library", "0002_web_address_fields"),
    ("registrations", "0003_stored_names_with_extensions"),
    ("search", "0003_keys"),
    ("tourism", "0002_web_address_fields"),
    ("core", None),
    ("staff", None),
]


def fill_previous_release(old):
    """What a running portal of the previous release holds: content, staff, history, attachments."""
    ContentType = old.get_model("contenttypes", "ContentType")
    Municipality = old.get_model("portal", "Municipality")
    municipality = Municipality.objects.create(
        slug="koprivshtitsa", name="Копривщица", name_bg="Копривщица", seat="Копривщица", country="BG"
    )
    centre = old.get_model("portal", "InformationCentre").objects.create(
        municipality=municipality, name="Информационен център", name_bg="Информационен център"
    )
    direction, _created = old.get_model("portal", "Direction").objects.get_or_create(
        slug="business", defaults={"name": "Бизнес", "name_bg": "Бизнес", "order": 1}
    )
    organisation = old.get_model("directory", "Organisation").objects.create(
        slug="tepavitsa", name="Тепавица", kind="company", municipality=municipality, status="published"
    )
    organisation.directions.add(direction)
    user = old.get_model("auth", "User").objects.create(username="editor", is_staff=True)
    old.get_model("portal", "StaffMembership").objects.create(user=user, municipality=municipality, role="editor")

    municipality_type, _created = ContentType.objects.get_or_create(app_label="portal", model="municipality")
    centre_type, _created = ContentType.objects.get_or_create(app_label="portal", model="informationcentre")
    permission, _created = old.get_model("auth", "Permission").objects.get_or_create(
        content_type=municipality_type, codename="change_municipality", defaults={"name": "Can change municipality"}
    )
    group = old.get_model("auth", "Group").objects.create(name="Editors of the past")
    group.permissions.add(permission)

    revision = old.get_model("reversion", "Revision").objects.create(user=user, comment="", date_created=timezone.now())
    old.get_model("reversion", "Version").objects.create(
        revision=revision,
        object_id=str(municipality.pk),
        content_type=municipality_type,
        db="default",
        format="json",
        serialized_data=serializers.serialize("json", [municipality]),
        object_repr=municipality.name,
    )
    album = old.get_model("media_library", "Album").objects.create(
        slug="festival", title="Фестивал", municipality=municipality, direction=direction
    )
    old.get_model("media_library", "AlbumAttachment").objects.create(
        album=album, content_type=centre_type, object_id=centre.pk
    )
    return {
        "municipality_type": municipality_type.pk,
        "centre_type": centre_type.pk,
        "municipality": municipality.pk,
        "centre": centre.pk,
    }


# Serialized rollback: the flush after a transactional test empties the data migrations' rows
# (the four directions) too, and later tests rely on them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_installation_of_the_previous_release_keeps_every_row_key_and_content_type(latest_migrations):
    """Organisations, staff, history, permissions and attached albums reach the moved models."""
    old = migrate(PREVIOUS_RELEASE)
    assert "portal_municipality" in connection.introspection.table_names()
    before = fill_previous_release(old)
    serialized = old.get_model("reversion", "Version").objects.get().serialized_data
    assert json.loads(serialized)[0]["model"] == "portal.municipality"

    migrate(latest_migrations)

    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from reversion.models import Version

    from core.models import Direction, InformationCentre, Municipality
    from directory.models import Organisation
    from media_library.models import AlbumAttachment
    from staff.models import StaffMembership

    ContentType.objects.clear_cache()
    tables = connection.introspection.table_names()
    assert {"core_municipality", "core_informationcentre", "core_direction", "staff_staffmembership"} <= set(tables)
    assert "portal_municipality" not in tables

    organisation = Organisation.objects.get()
    assert organisation.municipality.name == "Копривщица"
    assert [direction.slug for direction in organisation.directions.all()] == ["business"]
    assert Direction.objects.get(slug="business").organisations.get() == organisation
    centre = InformationCentre.objects.get()
    assert centre.municipality_id == before["municipality"]
    membership = StaffMembership.objects.get()
    assert (membership.user.username, membership.municipality.slug) == ("editor", "koprivshtitsa")

    municipality_type = ContentType.objects.get_for_model(Municipality)
    assert municipality_type.pk == before["municipality_type"]
    assert ContentType.objects.get_for_model(InformationCentre).pk == before["centre_type"]
    assert ContentType.objects.get_for_model(StaffMembership).app_label == "staff"
    assert not ContentType.objects.filter(
        app_label="portal", model__in=["municipality", "informationcentre", "direction", "staffmembership"]
    ).exists()
    assert Group.objects.get(name="Editors of the past").permissions.get().content_type == municipality_type

    municipality = Municipality.objects.get()
    version = Version.objects.get_for_object(municipality).get()
    assert version.object == municipality
    assert version.field_dict["name_bg"] == "Копривщица"
    assert version._object_version.object.slug == "koprivshtitsa"

    assert AlbumAttachment.objects.get().content_object == centre
