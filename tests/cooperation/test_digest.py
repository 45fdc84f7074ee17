"""The periodic email of suggested partners: new matches only, at most once a period, easy to switch off."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cooperation import services
from cooperation.models import CooperationPreference, Kind
from tests.cooperation.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.PORTAL_SITE_URL = "https://most.example.org"


def send(capture, **options):
    with capture(execute=True):
        call_command("send_cooperation_digest", stdout=open("/dev/null", "w"), **options)  # noqa: SIM115


def to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_owners_receive_their_new_matches_once(board, site, django_capture_on_commit_callbacks):
    OpportunityFactory(organisation=board.mill, title_bg="Ръжено брашно")
    OpportunityFactory(
        organisation=board.bakery, kind=Kind.REQUEST, cooperation_type="buyer", title_bg="", title_sr="Купујемо брашно"
    )
    send(django_capture_on_commit_callbacks)
    (mill,) = to("mill@private.example.org")
    assert "Купујемо брашно" in mill.body  # Serbian text, for lack of a Bulgarian one
    assert "https://most.example.org/bg/cooperation/" in mill.body
    assert "https://most.example.org/bg/account/cooperation/matches/" in mill.body
    (bakery,) = to("bakery@private.example.org")
    assert "Ръжено брашно" in bakery.body
    # Again at once: nothing new, and not a second digest within the week.
    mail.outbox.clear()
    send(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_next_digest_holds_only_what_is_new(board, site, django_capture_on_commit_callbacks):
    long_ago = timezone.now() - timedelta(days=10)
    OpportunityFactory(organisation=board.mill, published_at=long_ago)
    OpportunityFactory(
        organisation=board.bakery,
        kind=Kind.REQUEST,
        cooperation_type="buyer",
        title_bg="Стара заявка",
        published_at=long_ago,
    )
    send(django_capture_on_commit_callbacks)
    CooperationPreference.objects.update(digest_sent_at=timezone.now() - timedelta(days=8))  # a week went by
    OpportunityFactory(organisation=board.bakery, kind=Kind.REQUEST, cooperation_type="buyer", title_bg="Нова заявка")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.digests_send(site_root="https://most.example.org")
    (mill,) = to("mill@private.example.org")
    assert "Нова заявка" in mill.body
    assert "Стара заявка" not in mill.body


def test_nothing_is_sent_without_matches(board, site, django_capture_on_commit_callbacks):
    OpportunityFactory(organisation=board.mill)
    send(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_owner_switches_the_digest_off_in_the_owner_area_or_by_the_link(
    board, site, django_capture_on_commit_callbacks
):
    OpportunityFactory(organisation=board.mill)
    OpportunityFactory(organisation=board.bakery, kind=Kind.REQUEST, cooperation_type="buyer")
    owner = Client()
    owner.force_login(board.mill_owner)
    assert owner.get("/en/account/cooperation/").context["digest_form"].initial == {"match_digest": True}
    owner.post("/en/account/cooperation/digest/", {})  # the box unticked
    assert not CooperationPreference.objects.get(user=board.mill_owner).match_digest
    send(django_capture_on_commit_callbacks)
    assert to("mill@private.example.org") == []
    (bakery,) = to("bakery@private.example.org")

    # The link in the mail asks for a click (mail scanners follow links) and switches it off.
    link = re.search(r"https://most\.example\.org(/\S+/unsubscribe/\S+/)", bakery.body).group(1)
    visitor = Client()
    assert visitor.get(link).status_code == 200
    assert CooperationPreference.objects.get(user=board.bakery_owner).match_digest
    assert visitor.post(link).status_code == 200
    assert not CooperationPreference.objects.get(user=board.bakery_owner).match_digest
    assert visitor.get(link[:-3] + "xx/").status_code == 404  # a forged token
