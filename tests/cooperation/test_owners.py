"""Owners post, edit, renew and withdraw their items from "My company"; an edit of a live item waits for moderation."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from cooperation import services
from cooperation.models import Opportunity, Status, default_expiry
from tests.cooperation.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(**overrides) -> dict:
    data = {
        "kind": "offer",
        "cooperation_type": "supplier",
        "title_bg": "Ръжено брашно за пекарни в Сърбия",
        "description_bg": "Мелим ръж от Средна гора; доставки всяка седмица.",
        "title_sr": "",
        "description_sr": "",
        "title_en": "",
        "description_en": "",
        "nace_section": "",
        "nace_division": "10",
        "seeks": "RS",
        "languages": ["bg", "en"],
        "expires_on": (timezone.localdate() + timedelta(days=60)).isoformat(),
    }
    data.update(overrides)
    return data


def test_the_form_starts_from_the_company_profile(board):
    response = logged_in(board.mill_owner).get("/bg/account/cooperation/new/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["nace_section"] == "C"
    assert form.initial["nace_division"] == "10"
    assert form.initial["languages"] == ["bg", "en"]
    assert form.initial["expires_on"] == default_expiry()
    assert form.fields["title_bg"].required and not form.fields["title_en"].required


def test_an_owner_posts_an_item_that_waits_for_moderation(board):
    client = logged_in(board.mill_owner)
    response = client.post("/bg/account/cooperation/new/", form_data())
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert opportunity.status == Status.PENDING
    assert opportunity.organisation == board.mill
    assert opportunity.nace_section == "C"  # from the division
    assert opportunity.language == "bg"
    assert opportunity.created_by == board.mill_owner
    assert Version.objects.get_for_object(opportunity).count() == 1
    # Not public yet.
    assert client.get(f"/bg/cooperation/{opportunity.pk}/").status_code == 404
    assert "Ръжено брашно" not in client.get("/bg/cooperation/").content.decode()
    # The owner sees it with its status.
    page = client.get("/en/account/cooperation/").content.decode()
    assert "Ръжено брашно" in page
    assert "Sent, waiting for moderation" in page


def test_a_draft_stays_private_until_the_owner_sends_it(board):
    client = logged_in(board.mill_owner)
    client.post("/bg/account/cooperation/new/", {**form_data(), "save_draft": "1"})
    opportunity = Opportunity.objects.get()
    assert opportunity.status == Status.DRAFT
    client.post(f"/bg/account/cooperation/{opportunity.pk}/submit/")
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PENDING


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title_bg": ""}, "title_bg"),
        ({"nace_division": "", "nace_section": ""}, "nace_section"),
        ({"nace_division": "04"}, "nace_division"),
        ({"nace_division": "62", "nace_section": "C"}, "nace_division"),
        ({"expires_on": (timezone.localdate() + timedelta(days=400)).isoformat()}, "expires_on"),
        ({"expires_on": (timezone.localdate() - timedelta(days=1)).isoformat()}, "expires_on"),
        ({"languages": []}, "languages"),
    ],
)
def test_the_form_refuses_what_does_not_hold(board, overrides, field):
    response = logged_in(board.mill_owner).post("/bg/account/cooperation/new/", form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Opportunity.objects.exists()


def test_a_serbian_latin_page_writes_the_serbian_text(board):
    data = form_data(title_bg="", description_bg="", title_sr="Raženo brašno", description_sr="Meljemo raž.")
    logged_in(board.bakery_owner).post("/sr-latn/account/cooperation/new/", data)
    opportunity = Opportunity.objects.get()
    assert (opportunity.title_sr, opportunity.language) == ("Raženo brašno", "sr")


def test_only_owners_of_a_published_company_post(board, staff):
    assert logged_in(staff.outsider).get("/en/account/cooperation/new/").context["no_company"]
    response = logged_in(staff.outsider).post("/en/account/cooperation/new/", form_data())
    assert response.status_code == 403
    assert Client().get("/en/account/cooperation/new/").status_code == 302  # to the log-in page
    assert not Opportunity.objects.exists()


def test_an_owner_cannot_reach_another_owners_item(board):
    opportunity = OpportunityFactory(organisation=board.mill)
    client = logged_in(board.bakery_owner)
    for action in ("edit", "renew", "withdraw", "submit"):
        assert client.get(f"/en/account/cooperation/{opportunity.pk}/{action}/").status_code == 404
        assert client.post(f"/en/account/cooperation/{opportunity.pk}/{action}/").status_code == 404
    opportunity.refresh_from_db()
    assert opportunity.status == Status.APPROVED


def test_an_edit_of_an_approved_item_waits_while_the_board_keeps_the_text(board, staff, committed):
    opportunity = OpportunityFactory(organisation=board.mill, title_bg="Старо заглавие", title_en="")
    client = logged_in(board.mill_owner)
    page = client.get(f"/bg/account/cooperation/{opportunity.pk}/edit/")
    assert page.context["form"]["title_bg"].value() == "Старо заглавие"
    data = form_data(
        title_bg="Ново заглавие",
        description_bg=opportunity.description_bg,
        description_en=opportunity.description_en,
        nace_division="10",
        seeks=opportunity.seeks,
        languages=opportunity.languages,
        expires_on=opportunity.expires_on.isoformat(),
    )
    assert client.post(f"/bg/account/cooperation/{opportunity.pk}/edit/", data).status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Status.APPROVED
    assert opportunity.title_bg == "Старо заглавие"
    assert opportunity.proposed == {"title_bg": "Ново заглавие"}
    assert "Старо заглавие" in Client().get(f"/bg/cooperation/{opportunity.pk}/").content.decode()
    # The form shows the proposal while it waits.
    assert client.get(f"/bg/account/cooperation/{opportunity.pk}/edit/").context["form"]["title_bg"].value() == (
        "Ново заглавие"
    )
    with committed():
        services.opportunity_approve(opportunity=opportunity, by=staff.moderator, site_root="http://testserver")
    opportunity.refresh_from_db()
    assert (opportunity.title_bg, opportunity.proposed, opportunity.proposed_at) == ("Ново заглавие", {}, None)
    assert "Ново заглавие" in Client().get(f"/bg/cooperation/{opportunity.pk}/").content.decode()
    assert mail.outbox[-1].to == ["mill@private.example.org"]


def test_an_edit_back_to_the_public_text_cancels_the_proposal(board):
    opportunity = OpportunityFactory(organisation=board.mill)
    edited = services.with_proposed(opportunity)
    edited.title_bg = "Друго"
    services.opportunity_update(opportunity=opportunity, edited=edited, by=board.mill_owner, submit=True)
    opportunity.refresh_from_db()
    assert opportunity.has_proposed_changes
    edited = services.with_proposed(opportunity)
    edited.title_bg = opportunity.title_bg
    services.opportunity_update(opportunity=opportunity, edited=edited, by=board.mill_owner, submit=True)
    opportunity.refresh_from_db()
    assert not opportunity.has_proposed_changes


def test_an_edit_of_a_rejected_item_goes_back_to_the_moderators(board, staff):
    opportunity = OpportunityFactory(organisation=board.mill, status=Status.PENDING, published_at=None)
    services.opportunity_reject(opportunity=opportunity, by=staff.moderator, reason="Too vague.", site_root="http://x")
    opportunity.refresh_from_db()
    assert opportunity.status == Status.REJECTED
    edited = services.with_proposed(opportunity)
    edited.description_bg = "По-подробно описание."
    services.opportunity_update(opportunity=opportunity, edited=edited, by=board.mill_owner, submit=True)
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PENDING
    assert opportunity.description_bg == "По-подробно описание."


def test_renewal_keeps_an_item_six_more_months_and_brings_an_expired_one_back(board, client):
    opportunity = OpportunityFactory(
        organisation=board.mill, expires_on=timezone.localdate() - timedelta(days=3), reminded_at=timezone.now()
    )
    assert client.get(f"/en/cooperation/{opportunity.pk}/").status_code == 404
    owner = logged_in(board.mill_owner)
    assert owner.get(f"/en/account/cooperation/{opportunity.pk}/renew/").status_code == 200  # asks to confirm
    assert owner.post(f"/en/account/cooperation/{opportunity.pk}/renew/").status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.expires_on == default_expiry()
    assert opportunity.reminded_at is None
    assert client.get(f"/en/cooperation/{opportunity.pk}/").status_code == 200


def test_a_withdrawn_item_leaves_the_board_for_good(board, client):
    opportunity = OpportunityFactory(organisation=board.mill)
    owner = logged_in(board.mill_owner)
    assert owner.post(f"/en/account/cooperation/{opportunity.pk}/withdraw/").status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Status.WITHDRAWN
    assert client.get(f"/en/cooperation/{opportunity.pk}/").status_code == 404
    assert owner.get(f"/en/account/cooperation/{opportunity.pk}/edit/").status_code == 404
    owner.post(f"/en/account/cooperation/{opportunity.pk}/renew/")
    opportunity.refresh_from_db()
    assert opportunity.status == Status.WITHDRAWN


def test_an_item_of_an_unpublished_company_is_not_public(board, client):
    opportunity = OpportunityFactory(organisation=board.mill)
    board.mill.status = "archived"
    board.mill.save()
    assert client.get(f"/en/cooperation/{opportunity.pk}/").status_code == 404
    assert not Opportunity.objects.public().exists()


def test_an_item_is_edited_in_the_language_it_was_written_in(board):
    opportunity = OpportunityFactory(organisation=board.mill, status=Status.DRAFT, published_at=None, title_en="")
    form = logged_in(board.mill_owner).get(f"/en/account/cooperation/{opportunity.pk}/edit/").context["form"]
    assert form.fields["title_bg"].required and not form.fields["title_en"].required
