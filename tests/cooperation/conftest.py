from types import SimpleNamespace

import pytest
from django.core.cache import cache

from core.models import Direction
from tests.cooperation.factories import owner_make
from tests.directory.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def fresh_limits():
    """Every test starts with empty rate-limit counters."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def board(staff):
    """Two published companies with owners: a Bulgarian mill in Koprivshtitsa and a Serbian bakery in Medijana.

    ``staff`` gives the municipalities (home: Koprivshtitsa, BG; other: Medijana, RS) and their staff.
    """
    Direction.objects.get_or_create(slug=Direction.Key.BUSINESS, defaults={"name": "Business"})
    mill = OrganisationFactory(
        slug="sredna-gora-mill", municipality=staff.home, name_en="Sredna Gora Mill", nace_division="10",
        languages=["bg", "en"],
    )  # fmt: skip
    bakery = OrganisationFactory(
        slug="nisava-bakery", municipality=staff.other, name_en="Nišava Bakery", name_sr="Пекара Нишава",
        nace_division="10", languages=["sr", "en"],
    )  # fmt: skip
    return SimpleNamespace(
        staff=staff,
        mill=mill,
        bakery=bakery,
        mill_owner=owner_make(mill, username="mill", language="bg"),
        bakery_owner=owner_make(bakery, username="bakery", language="sr"),
    )
