import pytest

from core.models import Municipality
from search import registry
from search.services import index_rebuild
from tests.portal.factories import InformationCentreFactory, MunicipalityFactory


def municipality(slug, *, bg="", sr="", en="", description_bg="", description_sr="", seat=("", "", "")):
    return MunicipalityFactory(
        slug=slug,
        name_bg=bg,
        name_sr=sr,
        name_en=en,
        seat_bg=seat[0],
        seat_sr=seat[1],
        seat_en=seat[2],
        description_bg=description_bg,
        description_sr=description_sr,
    )


@pytest.fixture
def places(db):
    """Synthetic entries in both scripts and three languages, some in one language only."""
    created = {
        "koprivshtitsa": municipality(
            "koprivshtitsa",
            bg="Община Копривщица",
            sr="Општина Копривштица",
            en="Koprivshtitsa Municipality",
            seat=("Копривщица", "Копривштица", "Koprivshtitsa"),
            description_bg="Възрожденски град в Средна гора.",
        ),
        "medijana": municipality(
            "medijana",
            bg="Градска община Медиана",
            sr="Градска општина Медијана",
            en="City Municipality of Medijana",
            seat=("Ниш", "Ниш", "Niš"),
            description_sr="Римски локалитет Медијана и Ћеле кула.",
        ),
        # Only in Bulgarian, and in the body: the seat.
        "oslekova-kashta": municipality(
            "oslekova-kashta",
            bg="Ослекова къща",
            seat=("Копривщица", "", ""),
            description_bg="Къща-музей с резбован таван.",
        ),
        "sofia": municipality("sofia", bg="София", sr="Софија", en="Sofia"),
        "voyvodenets": municipality("voyvodenets", bg="Войводенец"),
        # Only in Serbian.
        "djordjevic": municipality("djordjevic", sr="Ђорђевићева кућа"),
        "bazaar": municipality(
            "bazaar", bg="Стара чаршия", sr="Стара чаршија", en="Old Bazaar", description_sr="Чесма на тргу."
        ),
        "skull-tower": municipality("skull-tower", bg="Челе кула", sr="Ћеле кула", en="Skull Tower"),
    }
    created["centre-medijana"] = InformationCentreFactory(
        municipality=created["medijana"],
        name_bg="Информационен център – Медиана",
        name_sr="Информациони центар – Медијана",
        name_en="Medijana Information Centre",
    )
    index_rebuild()
    return created


@pytest.fixture
def drafts_hidden():
    """Municipalities whose slug starts with "draft-" count as unpublished while this is active.

    The site core has no publishing workflow; this stands in for the
    ``published()`` querysets that the directory, tourism and civic apps pass.
    """
    original = registry.get(Municipality)
    registry.register(
        Municipality,
        kind=original.kind,
        label=original.label,
        title_field=original.title_field,
        body_fields=original.body_fields,
        summary_field=original.summary_field,
        queryset=lambda: Municipality.objects.exclude(slug__startswith="draft-"),
        municipality=original.municipality,
        directions=original.directions,
        order=original.order,
    )
    yield
    registry._registry[Municipality] = original


def key(entry) -> str:
    """The slug of a found municipality, "centre-<slug>" for an information centre (from its path)."""
    slug = entry.path.rstrip("/").rsplit("/", 1)[-1]
    return f"centre-{slug}" if entry.kind == "information-centre" else slug


@pytest.fixture
def content(db):
    """Real content of several kinds, as the apps register it: some in one language or script only."""
    from core.models import Country
    from tests.civic.factories import (
        DocumentFactory,
        EventFactory,
        MunicipalServiceFactory,
        NewsArticleFactory,
        ProjectFactory,
    )
    from tests.directory.factories import OrganisationFactory
    from tests.media_library.factories import AlbumFactory
    from tests.tourism.factories import RouteFactory, SightFactory
    from tourism.models import SightCategory

    koprivshtitsa = MunicipalityFactory(slug="koprivshtitsa", country=Country.BULGARIA)
    medijana = MunicipalityFactory(slug="medijana", country=Country.SERBIA)
    none = {"bg": "", "sr": "", "en": ""}

    def texts(field: str, bg: str = "", sr: str = "", en: str = "") -> dict:
        return {f"{field}_{language}": text for language, text in {**none, "bg": bg, "sr": sr, "en": en}.items()}

    return {
        # Only in Bulgarian; Koprivshtitsa in its summary.
        "oslekov": SightFactory(
            slug="oslekova-kashta",
            municipality=koprivshtitsa,
            **texts("name", bg="Ослекова къща"),
            **texts("summary", bg="Къща-музей в Копривщица, построена през 1856 г."),
            **texts("description"),
        ),
        "kableshkov": SightFactory(
            slug="kableshkov",
            municipality=koprivshtitsa,
            **texts(
                "name",
                bg="Къща-музей „Тодор Каблешков“",
                sr="Кућа-музеј „Тодор Каблешков“",
                en="Todor Kableshkov House-Museum",
            ),
            **texts("summary", en="Birthplace of the revolutionary."),
            **texts("description"),
        ),
        "mediana": SightFactory(
            slug="mediana",
            municipality=medijana,
            category=SightCategory.ARCHAEOLOGICAL_SITE,
            **texts(
                "name",
                bg="Археологически парк Медиана",
                sr="Археолошки парк Медијана",
                en="Mediana Archaeological Park",
            ),
            **texts("summary", sr="Римска царска палата код Ниша."),
            **texts("description"),
        ),
        "route": RouteFactory(
            slug="voyvodenets-path",
            municipality=koprivshtitsa,
            **texts("name", bg="Пътека към Войводенец"),
            **texts("summary", bg="Разходка над Копривщица."),
        ),
        "festival": EventFactory(
            slug="folklore-festival",
            municipality=koprivshtitsa,
            **texts(
                "title",
                bg="Национален събор на народното творчество Копривщица",
                sr="Национални сабор народног стваралаштва Копривштица",
                en="Koprivshtitsa National Folklore Festival",
            ),
            **texts("summary", en="Every five years on the Voyvodenets meadow."),
        ),
        "skull": NewsArticleFactory(
            slug="skull-tower",
            municipality=medijana,
            **texts("title", bg="Челе кула отново отворена", sr="Ћеле кула поново отворена", en="Skull Tower reopens"),
            **texts(
                "lead",
                bg="Кулата в Ниш отново е отворена.",
                sr="Кула у Нишу поново је отворена после рестаурације.",
                en="The tower in Niš opens after restoration.",
            ),
            **texts("body"),
        ),
        "bakery": OrganisationFactory(
            municipality=medijana,
            pib="101134702",
            **texts("name", sr="Пекара „Нишава“"),
            **texts("settlement", sr="Ниш", en="Niš"),
            **texts("description"),
        ),
        "mill": OrganisationFactory(
            municipality=koprivshtitsa,
            eik="201355508",
            **texts("name", bg="Мелница „Жар“ ООД"),
            **texts("settlement", bg="Копривщица"),
            **texts("description"),
        ),
        "certificate": MunicipalServiceFactory(
            slug="birth-certificate",
            municipality=koprivshtitsa,
            **texts(
                "title", bg="Удостоверение за раждане", sr="Извод из матичне књиге рођених", en="Birth certificate"
            ),
            **texts("summary", bg="Препис от акта за раждане.", en="A copy of the birth record."),
        ),
        "project": ProjectFactory(
            slug="cultour",
            acronym="CULTOUR",
            municipalities=[koprivshtitsa, medijana],
            **texts(
                "title",
                bg="Трансгранични културни маршрути",
                sr="Прекограничне културне руте",
                en="Cross-border cultural routes",
            ),
            **texts("summary", en="Koprivshtitsa and Medijana restore two house-museums."),
        ),
        "budget": DocumentFactory(
            slug="budget-2026",
            municipality=koprivshtitsa,
            **texts("title", bg="Общински бюджет 2026", sr="Општински буџет 2026", en="Municipal budget 2026"),
        ),
        # Only in Serbian.
        "album": AlbumFactory(
            slug="djordjevic-house",
            municipality=medijana,
            **texts("title", sr="Ђорђевићева кућа"),
            **texts("description", sr="Фотографије старе куће у Нишу."),
        ),
    }


def content_key(content: dict):
    """A function naming a found entry by its key in the ``content`` fixture."""
    keys = {(type(item)._meta.label, item.pk): key for key, item in content.items()}
    kinds = {searchable.kind: searchable.model._meta.label for searchable in registry.registered()}
    return lambda entry: keys[(kinds[entry.kind], entry.object_id)]


@pytest.fixture(autouse=True)
def default_synonyms(request):
    """The synonyms migration search.0005 ships, back if a transactional test elsewhere flushed them."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    from search.models import Synonym
    from search.synonyms import default_synonyms

    if not Synonym.objects.exists():
        Synonym.objects.bulk_create(default_synonyms(Synonym))
    # Rows copied back with their ids (serialized rollback, the demo snapshot) leave the id sequence
    # behind them; a synonym staff add in a test would take an id already used.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('search_synonym', 'id'), COALESCE(MAX(id), 0) + 1, false)"
            " FROM search_synonym"
        )
