"""Suggested partners: compatible sectors and types across the border only, ranked."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cooperation.matching import COMPLEMENTARY, suggestions_for, types_complement
from cooperation.models import CooperationType, Kind, Side, Status
from tests.cooperation.factories import OpportunityFactory, expired
from tests.directory.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
T = CooperationType


def matched(item) -> list:
    (found,) = suggestions_for([item])
    return [match.candidate for match in found.opportunities]


def request_from(organisation, **fields):
    return OpportunityFactory(
        organisation=organisation, **{"kind": Kind.REQUEST, "cooperation_type": T.BUYER, **fields}
    )


@pytest.mark.parametrize(
    ("first", "second", "fits"),
    [
        (T.SUPPLIER, T.BUYER, True),
        (T.BUYER, T.SUPPLIER, True),
        (T.SUPPLIER, T.DISTRIBUTOR, True),
        (T.DISTRIBUTOR, T.SUPPLIER, True),
        (T.JOINT_PROJECT, T.JOINT_PROJECT, True),
        (T.SUBCONTRACTING, T.SUBCONTRACTING, True),
        (T.TOURISM_PACKAGE, T.TOURISM_PACKAGE, True),
        (T.KNOW_HOW, T.KNOW_HOW, True),
        (T.OTHER, T.OTHER, True),
        (T.SUPPLIER, T.SUPPLIER, False),
        (T.BUYER, T.BUYER, False),
        (T.BUYER, T.DISTRIBUTOR, False),
        (T.JOINT_PROJECT, T.SUPPLIER, False),
    ],
)
def test_types_complement_each_other_symmetrically(first, second, fits):
    assert types_complement(first, second) is fits
    assert types_complement(second, first) is fits


def test_every_type_has_a_partner_type():
    for value in T.values:
        assert any(value in pair for pair in COMPLEMENTARY), value


def test_an_offer_meets_the_compatible_requests_across_the_border_only(board):
    offer = OpportunityFactory(organisation=board.mill, seeks=Side.SERBIA)
    fits = request_from(board.bakery)
    serbian_elsewhere = OrganisationFactory(municipality=board.staff.other, nace_division="10")
    bulgarian = OrganisationFactory(municipality=board.staff.home, nace_division="10")
    # None of these may be suggested:
    request_from(bulgarian)  # same country
    OpportunityFactory(organisation=serbian_elsewhere, kind=Kind.OFFER, cooperation_type=T.BUYER)  # offer ↔ offer
    request_from(serbian_elsewhere, cooperation_type=T.JOINT_PROJECT)  # type does not complement
    request_from(serbian_elsewhere, nace_section="J", nace_division="62")  # another sector
    request_from(serbian_elsewhere, seeks=Side.SERBIA)  # seeks partners at home only
    request_from(serbian_elsewhere, status=Status.PENDING, published_at=None)  # not approved
    request_from(serbian_elsewhere, status=Status.WITHDRAWN)
    expired(organisation=serbian_elsewhere, kind=Kind.REQUEST, cooperation_type=T.BUYER)
    assert matched(offer) == [fits]
    # And the other way round.
    assert matched(fits) == [offer]


def test_an_offer_that_seeks_only_at_home_meets_nobody(board):
    offer = OpportunityFactory(organisation=board.mill, seeks=Side.BULGARIA)
    request_from(board.bakery)
    assert matched(offer) == []


def test_an_expired_or_unapproved_item_gets_no_suggestions_on_the_owners_page(board):
    request_from(board.bakery)
    expired(organisation=board.mill)
    OpportunityFactory(organisation=board.mill, status=Status.PENDING, published_at=None)
    client = Client()
    client.force_login(board.mill_owner)
    response = client.get("/en/account/cooperation/matches/")
    assert response.context["suggestions"] == []


def test_same_division_ranks_above_same_section_then_shared_languages_then_newest(board):
    offer = OpportunityFactory(organisation=board.mill, nace_division="10", languages=["bg", "en"])
    other = OrganisationFactory(municipality=board.staff.other)
    now = timezone.now()
    section_only = request_from(other, nace_division="11", languages=["bg", "en"], published_at=now)
    division_old = request_from(other, nace_division="10", languages=[], published_at=now - timedelta(days=9))
    division_new = request_from(other, nace_division="10", languages=[], published_at=now - timedelta(days=1))
    division_language = request_from(other, nace_division="10", languages=["en"], published_at=now - timedelta(days=30))
    assert matched(offer) == [division_language, division_new, division_old, section_only]


def test_companies_open_to_cooperation_across_the_border_are_suggested(board):
    offer = OpportunityFactory(organisation=board.mill)
    open_company = OrganisationFactory(municipality=board.staff.other, open_to_cooperation=True, nace_division="10")
    OrganisationFactory(municipality=board.staff.other, open_to_cooperation=False)  # not open
    OrganisationFactory(municipality=board.staff.home, open_to_cooperation=True)  # same country
    OrganisationFactory(
        municipality=board.staff.other, open_to_cooperation=True, nace_section="J", nace_division="62"
    )  # other sector
    OrganisationFactory(municipality=board.staff.other, open_to_cooperation=True, status="draft")  # not published
    (found,) = suggestions_for([offer])
    assert [match.candidate for match in found.companies] == [open_company]


def test_the_owner_sees_the_suggested_partners(board):
    offer = OpportunityFactory(organisation=board.mill, title_en="Rye flour for bakeries")
    request_from(board.bakery, title_en="We buy rye flour")
    client = Client()
    client.force_login(board.mill_owner)
    page = client.get("/en/account/cooperation/matches/").content.decode()
    assert "Rye flour for bakeries" in page
    assert "We buy rye flour" in page
    assert "Same activity (NACE division)" in page
    assert offer.get_absolute_url() in page
