"""An owner's data export and erasure cover the board; the demo content pairs up across the border."""

import json

import pytest
from django.test import Client
from reversion.models import Version

from cooperation import services
from cooperation.matching import suggestions_for
from cooperation.models import Interest, Opportunity, Status
from registrations.services import owner_erase
from staff.history import recorded_changes
from tests.cooperation.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def test_the_owners_data_export_holds_their_items_and_interest(board):
    offer = OpportunityFactory(organisation=board.mill, title_bg="Ръжено брашно")
    Interest.objects.create(opportunity=offer, organisation=board.bakery, message="Купујемо.")
    client = Client()
    client.force_login(board.mill_owner)
    data = json.loads(client.get("/en/account/my-data.json").content)
    (item,) = data["cooperation"]["items"]
    assert (item["title_bg"], item["status"]) == ("Ръжено брашно", Status.APPROVED)
    assert data["cooperation"]["interest_received"][0]["message"] == "Купујемо."


def test_erasing_an_owner_removes_their_items_interest_and_history(board):
    offer = OpportunityFactory(organisation=board.mill)
    with recorded_changes(user=board.mill_owner, comment="test"):
        offer.save()
    Interest.objects.create(opportunity=offer, organisation=board.bakery, message="Hello")
    answered = OpportunityFactory(organisation=board.bakery)
    Interest.objects.create(opportunity=answered, organisation=board.mill, message="Ours")
    assert Version.objects.get_for_object(offer).exists()
    owner_erase(user=board.mill_owner)
    assert not Opportunity.objects.filter(pk=offer.pk).exists()
    assert list(Interest.objects.all()) == []
    assert not Version.objects.filter(object_id=str(offer.pk), content_type__model="opportunity").exists()
    assert Opportunity.objects.filter(pk=answered.pk).exists()  # the other company's item stays


def test_the_demo_content_pairs_offers_and_requests_across_the_border(demo_content):
    public = list(Opportunity.objects.public().for_listing())
    assert len(public) >= 6
    assert Opportunity.objects.filter(status=Status.PENDING).exists()  # something for the moderators
    assert {item.country for item in public} == {"BG", "RS"}
    found = suggestions_for([item for item in public if item.country == "BG"])
    assert sum(len(suggestions.opportunities) for suggestions in found) >= 3
    for suggestions in found:
        for match in suggestions.opportunities:
            assert match.candidate.country == "RS"
    # Safe to load again.
    from django.core.management import call_command

    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Opportunity.objects.public().count() == len(public)


def test_a_demo_owner_has_no_usable_password(demo_content):
    owner = Opportunity.objects.first().organisation.owner
    assert not owner.user.has_usable_password()
    assert owner.contact_email.endswith("@example.org")
    assert services.interested_companies(owner.user)
