"""Express interest: a registered company writes to the poster through the portal, rate-limited, addresses unseen."""

import pytest
from django.core import mail
from django.test import Client

from cooperation.models import Interest
from tests.cooperation.factories import OpportunityFactory, owner_make
from tests.directory.factories import OrganisationFactory
from tests.registrations.factories import started

pytestmark = pytest.mark.django_db


def logged_in(user, address="10.0.0.1") -> Client:
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    return client


def interest(**overrides) -> dict:
    return {
        "message": "We bake 2,000 loaves a day and would buy rye flour.",
        "fax": "",
        "started": started(),
        **overrides,
    }


@pytest.fixture
def offer(board):
    return OpportunityFactory(organisation=board.mill, title_en="Rye flour for bakeries")


def test_a_company_expresses_interest_and_the_poster_is_told_by_email(board, offer, committed):
    client = logged_in(board.bakery_owner)
    page = client.get(f"/en/cooperation/{offer.pk}/").content.decode()
    assert 'name="message"' in page
    with committed():
        response = client.post(f"/en/cooperation/{offer.pk}/interest/", interest(organisation=str(board.bakery.pk)))
    assert response.status_code == 302
    assert response["Location"] == f"/en/cooperation/{offer.pk}/interest/sent/"
    sent = Interest.objects.get()
    assert (sent.opportunity, sent.organisation, sent.sent_by) == (offer, board.bakery, board.bakery_owner)
    (message,) = mail.outbox
    assert message.to == ["mill@private.example.org"]  # the poster's private address
    assert message.reply_to == ["bakery@private.example.org"]  # an answer goes to the interested company
    assert "2,000 loaves" in message.body
    assert "/bg/directory/nisava-bakery/" in message.body  # in the poster's language
    # The poster sees it in the owner area; the interested company sees it is sent.
    poster_page = logged_in(board.mill_owner).get("/en/account/cooperation/").content.decode()
    assert "2,000 loaves" in poster_page and "Nišava Bakery" in poster_page
    assert "Rye flour for bakeries" in client.get("/en/account/cooperation/").content.decode()
    detail = client.get(f"/en/cooperation/{offer.pk}/").content.decode()
    assert 'name="message"' not in detail  # answered once
    # No address of either side on any page.
    for page in (poster_page, detail, Client().get(f"/en/cooperation/{offer.pk}/").content.decode()):
        assert "private.example.org" not in page


def test_a_company_answers_an_item_once(board, offer):
    client = logged_in(board.bakery_owner)
    client.post(f"/en/cooperation/{offer.pk}/interest/", interest())
    response = client.post(f"/en/cooperation/{offer.pk}/interest/", interest())
    assert response.status_code == 403
    assert Interest.objects.count() == 1


def test_visitors_are_asked_to_log_in_and_owners_cannot_answer_their_own_item(board, offer, client):
    page = client.get(f"/en/cooperation/{offer.pk}/").content.decode()
    assert "Log in to express interest" in page and 'name="message"' not in page
    response = client.post(f"/en/cooperation/{offer.pk}/interest/", interest())
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    own = logged_in(board.mill_owner)
    assert 'name="message"' not in own.get(f"/en/cooperation/{offer.pk}/").content.decode()
    assert own.post(f"/en/cooperation/{offer.pk}/interest/", interest()).status_code == 403
    assert not Interest.objects.exists()


def test_an_owner_of_several_companies_chooses_which_one_writes(board, offer):
    second = OrganisationFactory(municipality=board.staff.other, slug="second-bakery")
    from registrations.models import CompanyOwner

    CompanyOwner.objects.create(
        user=board.bakery_owner, organisation=second, contact_name="B", contact_email="b2@example.org", language="sr"
    )
    client = logged_in(board.bakery_owner)
    form = client.get(f"/en/cooperation/{offer.pk}/").context["interest_form"]
    assert {choice[0] for choice in form.fields["organisation"].choices} == {board.bakery.pk, second.pk}
    # A company the user does not own is refused.
    other = OrganisationFactory(municipality=board.staff.other)
    response = client.post(f"/en/cooperation/{offer.pk}/interest/", interest(organisation=str(other.pk)))
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    client.post(f"/en/cooperation/{offer.pk}/interest/", interest(organisation=str(second.pk)))
    assert Interest.objects.get().organisation == second


def test_the_honeypot_and_the_fill_time_keep_scripts_out(board, offer):
    client = logged_in(board.bakery_owner)
    response = client.post(f"/en/cooperation/{offer.pk}/interest/", interest(fax="http://spam.example"))
    assert response.status_code == 302  # thanked, nothing kept or sent
    response = client.post(f"/en/cooperation/{offer.pk}/interest/", interest(started=started(seconds_ago=0)))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Interest.objects.exists()
    assert not mail.outbox


def test_the_rate_limit_holds_per_account(board, settings):
    settings.COOPERATION_INTEREST_RATE_LIMIT = 3
    offers = [OpportunityFactory(organisation=board.mill) for _ in range(5)]
    statuses = []
    for number, offer in enumerate(offers):
        # A new address for each message: the account's own limit still holds.
        client = logged_in(board.bakery_owner, address=f"10.0.1.{number}")
        statuses.append(client.post(f"/en/cooperation/{offer.pk}/interest/", interest()).status_code)
    assert statuses == [302, 302, 302, 429, 429]
    assert Interest.objects.count() == 3


def test_the_rate_limit_holds_per_address_across_accounts(board, settings):
    settings.COOPERATION_INTEREST_RATE_LIMIT = 2
    offer = OpportunityFactory(organisation=board.mill)
    statuses = []
    for number in range(4):
        company = OrganisationFactory(municipality=board.staff.other, slug=f"bakery-{number}")
        user = owner_make(company, username=f"baker-{number}")
        statuses.append(
            logged_in(user, address="10.9.9.9").post(f"/en/cooperation/{offer.pk}/interest/", interest()).status_code
        )
    assert statuses == [302, 302, 429, 429]
    assert Interest.objects.count() == 2
    refused = logged_in(board.bakery_owner, address="10.9.9.9").post(
        f"/en/cooperation/{offer.pk}/interest/", interest()
    )
    assert refused.status_code == 429
    assert "several messages in a short time" in refused.content.decode()


def test_posting_is_rate_limited_per_account(board, settings):
    from tests.cooperation.test_owners import form_data

    settings.COOPERATION_POST_RATE_LIMIT = 2
    client = logged_in(board.mill_owner)
    statuses = [client.post("/bg/account/cooperation/new/", form_data()).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def test_a_retried_new_item_is_stored_once(board):
    import re

    from cooperation.models import Opportunity
    from tests.cooperation.test_owners import form_data

    client = logged_in(board.mill_owner)
    page = client.get("/bg/account/cooperation/new/").content.decode()
    key = re.search(r'name="submission" value="([^"]+)"', page).group(1)
    before = Opportunity.objects.count()
    first = client.post("/bg/account/cooperation/new/", {**form_data(), "submission": key})
    again = client.post("/bg/account/cooperation/new/", {**form_data(), "submission": key})
    assert first.status_code == again.status_code == 302 and again["Location"] == first["Location"]
    assert Opportunity.objects.count() == before + 1


def test_a_retried_interest_is_stored_once(board, offer):
    client = logged_in(board.bakery_owner, address="10.7.7.7")
    stamp = started()
    first = client.post(f"/en/cooperation/{offer.pk}/interest/", interest(started=stamp))
    again = client.post(f"/en/cooperation/{offer.pk}/interest/", interest(started=stamp))
    assert first.status_code == again.status_code == 302 and again["Location"] == first["Location"]
    assert Interest.objects.count() == 1
