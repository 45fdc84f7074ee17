"""Prices always carry the municipality's currency; hours, routes and names are validated."""

import re
from datetime import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.template import Context, Template
from django.utils import translation

from core.models import Country
from tests.portal.factories import MunicipalityFactory
from tests.tourism.factories import RouteFactory, SightFactory
from tourism.models import OpeningHours, Route, Sight, TicketPrice

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulgarian_sight():
    return SightFactory(municipality=MunicipalityFactory(country=Country.BULGARIA))


@pytest.fixture
def serbian_sight():
    return SightFactory(municipality=MunicipalityFactory(country=Country.SERBIA))


def test_a_price_without_currency_gets_the_municipality_currency(bulgarian_sight, serbian_sight):
    euro = TicketPrice(sight=bulgarian_sight, label_en="Adults", amount=Decimal("5"))
    euro.full_clean()
    assert euro.currency == "EUR"  # Bulgaria has paid in euro since 1 January 2026
    dinar = TicketPrice(sight=serbian_sight, label_en="Adults", amount=Decimal("300"))
    dinar.full_clean()
    assert dinar.currency == "RSD"


def test_a_price_in_the_other_country_currency_is_refused(bulgarian_sight, serbian_sight):
    with pytest.raises(ValidationError) as refused:
        TicketPrice(sight=bulgarian_sight, label_en="Adults", amount=Decimal("5"), currency="RSD").full_clean()
    assert "currency" in refused.value.message_dict
    with pytest.raises(ValidationError):
        TicketPrice(sight=serbian_sight, label_en="Adults", amount=Decimal("5"), currency="EUR").full_clean()


def test_the_database_refuses_a_bare_number_or_a_negative_price(bulgarian_sight):
    with pytest.raises(IntegrityError):
        TicketPrice.objects.create(sight=bulgarian_sight, label_en="Adults", amount=Decimal("5"), currency="")


def test_the_database_refuses_a_negative_price(bulgarian_sight):
    with pytest.raises(IntegrityError):
        TicketPrice.objects.create(sight=bulgarian_sight, label_en="Adults", amount=Decimal("-1"), currency="EUR")


@pytest.mark.parametrize(
    ("language", "amount", "currency", "expected"),
    [
        ("en", "5.00", "EUR", "€5"),
        ("en", "2.50", "EUR", "€2.50"),
        ("en", "1200", "RSD", "RSD 1,200"),
        ("bg", "2.50", "EUR", "2,50 €"),
        ("sr", "1200", "RSD", "1.200 RSD"),
    ],
)
def test_prices_are_rendered_with_their_currency(language, amount, currency, expected):
    """The sight page renders prices with the portal's ``money`` filter: never a bare number."""
    template = Template("{% load portal_tags %}{{ amount|money:currency }}")
    with translation.override(language):
        rendered = template.render(Context({"amount": Decimal(amount), "currency": currency}))
    assert rendered.replace("\xa0", " ") == expected


def test_every_price_on_a_sight_page_names_its_currency(client, serbian_sight):
    for amount in ("300", "150.50", "1200"):
        TicketPrice.objects.create(
            sight=serbian_sight, label_en=f"Ticket {amount}", amount=Decimal(amount), currency="RSD"
        )
    with translation.override("en"):
        html = client.get(serbian_sight.get_absolute_url()).content.decode()
    prices = re.findall(r"<li>Ticket [0-9.]+: ([^<]+)</li>", html)
    assert prices == ["RSD\xa0300", "RSD\xa0150.50", "RSD\xa01,200"]


def test_opening_hours_need_real_days_and_a_closing_time_after_opening(bulgarian_sight):
    period = OpeningHours(sight=bulgarian_sight, from_month=2, from_day=30, weekdays=[], opens=time(17), closes=time(9))
    with pytest.raises(ValidationError) as refused:
        period.full_clean()
    assert {"from_day", "weekdays", "closes"} <= refused.value.message_dict.keys()
    period = OpeningHours(sight=bulgarian_sight, weekdays=[7, 1, 1], opens=time(9), closes=time(17))
    period.full_clean()
    assert period.weekdays == [1, 7]
    assert period.is_all_year


def test_a_sight_needs_a_name_in_one_language_and_both_coordinates(bulgarian_sight):
    sight = Sight(slug="nameless", municipality=bulgarian_sight.municipality, category="church", latitude=42)
    with pytest.raises(ValidationError) as refused:
        sight.full_clean()
    assert {"name_bg", "longitude"} <= refused.value.message_dict.keys()


def test_a_route_crossing_into_the_other_municipality_needs_a_border_note():
    home = MunicipalityFactory(country=Country.BULGARIA)
    other = MunicipalityFactory(country=Country.SERBIA)
    route = RouteFactory(municipality=home)
    route.crosses_into = other
    with pytest.raises(ValidationError) as refused:
        route.full_clean()
    assert "border_crossing_note_bg" in refused.value.message_dict
    route.border_crossing_note_en = "Kalotina–Gradina checkpoint, open day and night."
    route.full_clean()
    route.crosses_into = home
    with pytest.raises(ValidationError):
        route.full_clean()


def test_the_database_refuses_a_route_crossing_into_its_own_municipality():
    route = RouteFactory()
    with pytest.raises(IntegrityError):
        Route.objects.filter(pk=route.pk).update(crosses_into=route.municipality)
