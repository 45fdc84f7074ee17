import pytest

from portal.models import Municipality
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
