"""core's shared model bases: one publication gate, one decision record, field groups with their constraints."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from core.models import PublicationStatus
from directory.models import Organisation
from media_library.models import Album
from registrations.models import CompanyPhoto
from tests.civic.factories import NewsArticleFactory
from tests.directory.factories import OrganisationFactory
from tests.media_library.factories import AlbumFactory
from tests.portal.factories import MunicipalityFactory
from tests.tourism.factories import RouteFactory, SightFactory
from tourism.models import Route, Sight

pytestmark = pytest.mark.django_db

LATER = timedelta(days=1)


@pytest.mark.parametrize(
    ("factory", "model"),
    [(SightFactory, Sight), (RouteFactory, Route), (AlbumFactory, Album), (OrganisationFactory, Organisation)],
    ids=["sight", "route", "album", "organisation"],
)
def test_every_content_type_shows_published_and_due_scheduled_items_only(factory, model):
    now = timezone.now()
    shown = factory(status=PublicationStatus.PUBLISHED, published_at=now - LATER)
    due = factory(status=PublicationStatus.SCHEDULED, published_at=now - LATER)
    later = factory(status=PublicationStatus.PUBLISHED, published_at=now + LATER)
    factory(status=PublicationStatus.DRAFT)
    factory(status=PublicationStatus.ARCHIVED)

    assert sorted(model.objects.published().values_list("pk", flat=True)) == sorted([shown.pk, due.pk])
    assert later.status == PublicationStatus.SCHEDULED  # saved with a time to come: it says so
    assert due.status == PublicationStatus.PUBLISHED  # and one whose time has passed is published
    assert later.pk in model.objects.published_or_scheduled().values_list("pk", flat=True)
    assert (later.is_public, later.is_scheduled, shown.is_public) == (False, True, True)


def test_a_scheduled_item_written_without_save_stays_hidden_until_its_time():
    article = NewsArticleFactory()
    type(article).objects.filter(pk=article.pk).update(
        status=PublicationStatus.PUBLISHED, published_at=timezone.now() + LATER
    )
    assert not type(article).objects.published().filter(pk=article.pk).exists()


def test_an_unknown_publication_state_is_refused_with_its_own_message():
    sight = SightFactory.build(municipality=MunicipalityFactory(), status="hidden")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        sight.validate_constraints()
    assert "Choose one of the publication states." in str(error.value)


@pytest.mark.parametrize(
    "make",
    [
        lambda **coordinates: MunicipalityFactory(**coordinates),
        lambda **coordinates: SightFactory(**coordinates),
        lambda **coordinates: OrganisationFactory(**coordinates),
    ],
    ids=["municipality", "sight", "organisation"],
)
@translation.override("en")
def test_coordinates_are_both_or_neither_in_the_form_and_in_the_database(make):
    item = make(latitude=42.7, longitude=24.1)
    item.longitude = None
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict["longitude"] == ["Give both coordinates or neither."]
    with pytest.raises(ValidationError) as error:
        item.validate_constraints()
    assert "Give both coordinates or neither." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(item).objects.filter(pk=item.pk).update(longitude=None)
    item.latitude = None
    item.full_clean()
    item.save()


def test_a_company_photo_belongs_to_a_registration_or_an_organisation():
    organisation = OrganisationFactory()
    photo = CompanyPhoto(organisation=organisation, image="registrations/photos/a.jpg")
    photo.full_clean()
    photo.save()
    photo.organisation = None
    with translation.override("en"), pytest.raises(ValidationError) as error:
        photo.validate_constraints()
    assert "A company photo belongs to a registration or, once approved, to its organisation" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyPhoto.objects.filter(pk=photo.pk).update(organisation=None)
    assert Organisation.objects.get(pk=organisation.pk).company_photos.get() == photo
