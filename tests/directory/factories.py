import factory

from core.models import Country, Direction, PublicationStatus
from core.pagecache import content_changed
from directory.models import Kind, Organisation
from search.services import index_objects
from tests.portal.factories import MunicipalityFactory
from tests.search.factories import SearchIndexedFactory


class OrganisationFactory(SearchIndexedFactory):
    """A published Bulgarian company in the business direction (override what a test needs)."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name_bg = factory.Sequence(lambda n: f"Мелница „Средна гора“ {n} ООД")
    name_sr = factory.Sequence(lambda n: f"Млин „Средња гора“ {n}")
    name_en = factory.Sequence(lambda n: f"Sredna Gora Mill {n} OOD")
    description_en = "A mill in the mountains."
    kind = Kind.COMPANY
    municipality = factory.SubFactory(MunicipalityFactory, country=Country.BULGARIA)
    status = PublicationStatus.PUBLISHED
    nace_section = "C"
    nace_division = "10"
    size_class = "micro"
    languages = factory.LazyFunction(lambda: ["bg", "en"])

    @factory.post_generation
    def directions(self, create, extracted, **kwargs):
        if create:
            slugs = extracted if extracted is not None else [Direction.Key.BUSINESS]
            self.directions.set(Direction.objects.filter(slug__in=slugs))


def create_many(count: int, directions=(Direction.Key.BUSINESS,), **fields) -> list[Organisation]:
    """``count`` organisations in a handful of queries, for tests that need volume."""
    organisations = Organisation.objects.bulk_create(OrganisationFactory.build_batch(count, **fields))
    membership = Organisation.directions.through
    direction_ids = list(Direction.objects.filter(slug__in=directions).values_list("pk", flat=True))
    membership.objects.bulk_create(
        membership(organisation_id=organisation.pk, direction_id=direction_id)
        for organisation in organisations
        for direction_id in direction_ids
    )
    index_objects(model=Organisation, pks=[organisation.pk for organisation in organisations])
    # Bulk writes send no signal: like the portal's own bulk loads, say that content changed.
    content_changed()
    return organisations
