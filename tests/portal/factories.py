import factory

from core.models import Country, InformationCentre, Municipality


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    slug = factory.Sequence(lambda n: f"municipality-{n}")
    country = Country.BULGARIA
    name_bg = factory.Sequence(lambda n: f"Община {n}")
    name_sr = factory.Sequence(lambda n: f"Општина {n}")
    name_en = factory.Sequence(lambda n: f"Municipality {n}")
    seat_bg = "Град"
    seat_sr = "Град"
    seat_en = "Town"
    population = 1000
    population_year = 2021
    order = factory.Sequence(int)


class InformationCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationCentre

    municipality = factory.SubFactory(MunicipalityFactory)
    name_bg = factory.Sequence(lambda n: f"Информационен център {n}")
    name_sr = factory.Sequence(lambda n: f"Информациони центар {n}")
    name_en = factory.Sequence(lambda n: f"Information centre {n}")
