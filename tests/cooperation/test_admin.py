"""Moderation in the admin by the moderators of the poster's municipality: decisions, bulk actions, history."""

import pytest
from django.core import mail
from django.test import Client
from reversion.models import Version

from cooperation.models import Opportunity, Status
from tests.cooperation.factories import OpportunityFactory
from tests.portal.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/cooperation/opportunity/"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def change_url(opportunity) -> str:
    return f"{CHANGELIST}{opportunity.pk}/change/"


@pytest.fixture
def pending(board):
    return OpportunityFactory(organisation=board.mill, status=Status.PENDING, published_at=None, title_en="Rye flour")


def decide(user, opportunity, committed, **changes):
    client = logged_in(user)
    page = client.get(change_url(opportunity))
    assert page.status_code == 200
    with committed():
        return client.post(change_url(opportunity), change_form_data(page, **changes))


def test_a_moderator_of_the_municipality_approves_and_the_owner_is_told(board, pending, committed, client):
    moderator = board.staff.moderator
    listed = logged_in(moderator).get(CHANGELIST, {"waiting": "yes"})
    assert [row.pk for row in listed.context["cl"].result_list] == [pending.pk]
    response = decide(moderator, pending, committed, decision="approve", title_sr="Ражено брашно")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.APPROVED
    assert pending.published_at and pending.decided_by == moderator
    assert pending.title_sr == "Ражено брашно"  # the moderator's translation is kept
    assert mail.outbox[-1].to == ["mill@private.example.org"]
    assert client.get(f"/en/cooperation/{pending.pk}/").status_code == 200
    assert Version.objects.get_for_object(pending).exists()
    history = logged_in(moderator).get(f"{change_url(pending)[:-7]}history/")
    assert history.status_code == 200


def test_rejecting_needs_a_reason_that_the_owner_receives(board, pending, committed):
    response = decide(board.staff.moderator, pending, committed, decision="reject", message="")
    assert response.status_code == 200  # the form asks for the reason
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    decide(board.staff.moderator, pending, committed, decision="reject", message="Please describe the quantities.")
    pending.refresh_from_db()
    assert pending.status == Status.REJECTED
    assert "Please describe the quantities." in mail.outbox[-1].body


def test_the_other_municipality_and_editors_cannot_moderate(board, pending):
    for user in (board.staff.other_moderator, board.staff.editor, board.staff.other_editor):
        client = logged_in(user)
        assert client.get(change_url(pending)).status_code in (302, 403, 404)
        client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [pending.pk]})
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_a_proposed_edit_is_shown_as_a_difference_and_decided(board, committed):
    from cooperation import services

    opportunity = OpportunityFactory(organisation=board.mill, title_bg="Старо")
    edited = services.with_proposed(opportunity)
    edited.title_bg = "Ново"
    services.opportunity_update(opportunity=opportunity, edited=edited, by=board.mill_owner, submit=True)
    page = logged_in(board.staff.moderator).get(change_url(opportunity)).content.decode()
    assert "Старо" in page and "Ново" in page and 'name="decision"' in page
    decide(board.staff.moderator, opportunity, committed, decision="reject", message="Keep the old title.")
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.title_bg, opportunity.proposed) == (Status.APPROVED, "Старо", {})
    assert "Keep the old title." in mail.outbox[-1].body


def test_bulk_approve_and_bulk_reject_with_a_reason(board, committed):
    first, second, third = (
        OpportunityFactory(organisation=board.mill, status=Status.PENDING, published_at=None) for _ in range(3)
    )
    client = logged_in(board.staff.moderator)
    with committed():
        client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [first.pk, second.pk]})
    assert set(Opportunity.objects.filter(status=Status.APPROVED).values_list("pk", flat=True)) == {first.pk, second.pk}
    asked = client.post(CHANGELIST, {"action": "reject_selected", "_selected_action": [third.pk]})
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    with committed():
        client.post(
            CHANGELIST,
            {"action": "reject_selected", "_selected_action": [third.pk], "confirm": "yes", "reason": "Duplicate."},
        )
    third.refresh_from_db()
    assert (third.status, third.moderator_message) == (Status.REJECTED, "Duplicate.")


def test_the_dashboard_counts_what_waits(board, pending):
    page = logged_in(board.staff.moderator).get("/admin/").content.decode()
    assert "/admin/cooperation/opportunity/?waiting=yes" in page
