"""Content made by the release before ``core.models.Publishable`` keeps what the public sees through the upgrade.

The database is taken back to that release's civic, tourism and media library
migrations, filled through the models as they were (civic's draft / published
with a publication time, tourism's draft / published, albums' ``is_published``),
and migrated forward; ``published()`` then shows exactly what was public before.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.migrating import migrate

PREVIOUS_RELEASE = [
    ("civic", "0003_keys_to_core_models"),
    ("media_library", "0003_keys_to_core_models"),
    ("tourism", "0003_keys_to_core_models"),
    ("registrations", "0005_merge_outbox_and_core_keys"),
    ("core", "0002_tables_and_content_types_from_portal"),
    ("directory", "0008_keys_to_core_models"),
]


def fill_previous_release(old) -> dict:
    municipality = old.get_model("core", "Municipality").objects.create(
        slug="medijana", name="Медијана", name_sr="Медијана", seat="Ниш", country="RS"
    )
    now = timezone.now()
    News = old.get_model("civic", "NewsArticle")
    made = {}
    for slug, status, published_at in (
        ("out", "published", now - timedelta(days=3)),
        ("tomorrow", "published", now + timedelta(days=1)),
        ("unfinished", "draft", now - timedelta(days=1)),
    ):
        made[slug] = News.objects.create(
            slug=slug, title=slug, lead=slug, municipality=municipality, status=status, published_at=published_at
        ).pk
    Sight = old.get_model("tourism", "Sight")
    for slug, status in (("fortress", "published"), ("ruin", "draft")):
        made[slug] = Sight.objects.create(
            slug=slug, name=slug, name_sr=slug, category="fortress", municipality=municipality, status=status
        ).pk
    Album = old.get_model("media_library", "Album")
    for slug, is_published in (("festival", True), ("private", False)):
        made[slug] = Album.objects.create(
            slug=slug, title=slug, municipality=municipality, is_published=is_published
        ).pk
    made["sight_created"] = Sight.objects.get(slug="fortress").created_at

    # An approved registration kept its photos on both itself and the organisation; one had neither.
    organisation = old.get_model("directory", "Organisation").objects.create(
        slug="mill", name="Воденица", kind="company", municipality=municipality, status="published"
    )
    registration = old.get_model("registrations", "CompanyRegistration").objects.create(
        municipality=municipality,
        name="Воденица",
        contact_name="Ана",
        contact_email="ana@example.com",
        language="sr",
        consented_at=now,
        status="approved",
        organisation=organisation,
    )
    Photo = old.get_model("registrations", "CompanyPhoto")
    made["approved_photo"] = Photo.objects.create(
        registration=registration, organisation=organisation, image="a.jpg"
    ).pk
    Photo.objects.create(image="nobody.jpg")
    # A municipality and an organisation with half a position.
    municipality.latitude = 43.3
    municipality.save()
    made["municipality"] = municipality.pk
    return made


# Serialized rollback: the flush after a transactional test empties the data migrations' rows too.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_content_of_the_previous_release_gets_statuses_and_stays_as_public_as_it_was(latest_migrations):
    before = fill_previous_release(migrate(PREVIOUS_RELEASE))

    migrate(latest_migrations)

    from civic.models import NewsArticle
    from core.models import PublicationStatus
    from media_library.models import Album
    from tourism.models import Sight

    statuses = {article.slug: article.status for article in NewsArticle.objects.all()}
    assert statuses == {
        "out": PublicationStatus.PUBLISHED,
        "tomorrow": PublicationStatus.SCHEDULED,
        "unfinished": PublicationStatus.DRAFT,
    }
    assert [article.slug for article in NewsArticle.objects.published()] == ["out"]
    assert list(NewsArticle.objects.published_or_scheduled().order_by("slug").values_list("slug", flat=True)) == [
        "out",
        "tomorrow",
    ]

    assert {sight.slug: sight.status for sight in Sight.objects.all()} == {"fortress": "published", "ruin": "draft"}
    assert [sight.pk for sight in Sight.objects.published()] == [before["fortress"]]
    assert Sight.objects.get(slug="fortress").published_at == before["sight_created"]

    assert {album.slug: album.status for album in Album.objects.all()} == {
        "festival": PublicationStatus.PUBLISHED,
        "private": PublicationStatus.DRAFT,
    }
    assert [album.pk for album in Album.objects.published()] == [before["festival"]]

    from core.models import Municipality
    from registrations.models import CompanyPhoto

    photo = CompanyPhoto.objects.get()
    assert (photo.pk, photo.registration_id, photo.organisation.slug) == (before["approved_photo"], None, "mill")
    assert (Municipality.objects.get(pk=before["municipality"]).latitude, Municipality.objects.get().longitude) == (
        None,
        None,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_going_back_to_the_previous_release_keeps_what_was_public(latest_migrations):
    """Scheduled and archived have no place in the old schema: scheduled goes back as published, archived as draft."""
    from civic.models import NewsArticle
    from core.models import PublicationStatus
    from media_library.models import Album
    from tests.civic.factories import NewsArticleFactory
    from tests.media_library.factories import AlbumFactory

    NewsArticleFactory(slug="later", published_at=timezone.now() + timedelta(days=1))
    NewsArticleFactory(slug="gone", status=PublicationStatus.ARCHIVED)
    AlbumFactory(slug="hidden", status=PublicationStatus.ARCHIVED)
    assert NewsArticle.objects.get(slug="later").status == PublicationStatus.SCHEDULED
    assert Album.objects.get(slug="hidden").status == PublicationStatus.ARCHIVED

    old = migrate(PREVIOUS_RELEASE)

    statuses = dict(old.get_model("civic", "NewsArticle").objects.values_list("slug", "status"))
    assert statuses == {"later": "published", "gone": "draft"}
    assert old.get_model("media_library", "Album").objects.get(slug="hidden").is_published is False
