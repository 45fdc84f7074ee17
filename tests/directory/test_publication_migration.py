"""Organisations entered before they became ``core.models.Publishable`` stay exactly as public as they were.

The database is taken back to the directory's previous migration, filled through
the model as it was (draft / published / archived, no publication time), and
migrated forward; ``published()``, the directory's one public queryset, then
shows what was public before, published since the organisation was entered.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.migrating import migrate

PREVIOUS_RELEASE = [("directory", "0010_organisation_price_range")]


def fill_previous_release(old) -> dict:
    municipality = old.get_model("core", "Municipality").objects.create(
        slug="medijana", name="Медијана", name_sr="Медијана", seat="Ниш", country="RS"
    )
    Organisation = old.get_model("directory", "Organisation")
    return {
        status: Organisation.objects.create(
            slug=status, name=status, kind="company", municipality=municipality, status=status
        ).created_at
        for status in ("published", "draft", "archived")
    }


# Serialized rollback: the flush after a transactional test empties the data migrations' rows too.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_organisations_of_the_previous_release_stay_as_public_as_they_were(latest_migrations):
    created = fill_previous_release(migrate(PREVIOUS_RELEASE))

    migrate(latest_migrations)

    from core.models import PublicationStatus
    from directory.models import Organisation

    assert dict(Organisation.objects.values_list("slug", "status")) == {
        "published": PublicationStatus.PUBLISHED,
        "draft": PublicationStatus.DRAFT,
        "archived": PublicationStatus.ARCHIVED,
    }
    assert [organisation.slug for organisation in Organisation.objects.published()] == ["published"]
    assert dict(Organisation.objects.values_list("slug", "published_at")) == created
    assert Organisation.objects.get(slug="published").is_public


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_going_back_to_the_previous_release_keeps_archived_and_publishes_the_scheduled(latest_migrations):
    """The old schema has no scheduled state: a scheduled organisation goes back as published, like sights."""
    from core.models import PublicationStatus
    from directory.models import Organisation
    from tests.directory.factories import OrganisationFactory

    OrganisationFactory(slug="later", published_at=timezone.now() + timedelta(days=1))
    OrganisationFactory(slug="gone", status=PublicationStatus.ARCHIVED)
    OrganisationFactory(slug="out")
    assert Organisation.objects.get(slug="later").status == PublicationStatus.SCHEDULED
    assert [organisation.slug for organisation in Organisation.objects.published()] == ["out"]

    old = migrate(PREVIOUS_RELEASE)

    statuses = dict(old.get_model("directory", "Organisation").objects.values_list("slug", "status"))
    assert statuses == {"later": "published", "gone": "archived", "out": "published"}
