"""Moderation in the admin, by the moderators of the company's municipality only; what the public sees."""

import re

import pytest
from django.core import mail
from django.test import Client

from directory.models import Organisation
from registrations.models import CompanyOwner, CompanyRegistration, ProposedChange
from search.models import SearchEntry
from tests.markup import flat
from tests.registrations.factories import application

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pending(client, staff, committed):
    """A confirmed application of a Koprivshtitsa company, waiting for the moderators."""
    with committed():
        client.post("/sr-latn/companies/register/", application(staff.home, description="Stari tekst mlina."))
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    with committed():
        client.post(link)
    mail.outbox.clear()
    registration = CompanyRegistration.objects.get()
    assert registration.status == CompanyRegistration.Status.PENDING
    return registration


def admin_post(client, url, committed, data):
    """POST a change form as a browser would: with the conflict token of the form it was shown."""
    page = client.get(url)
    token = (
        re.search(r'name="_conflict_token" value="([^"]+)"', flat(page.content.decode()))
        if page.status_code == 200
        else None
    )
    with committed():
        return client.post(url, {**data, "_conflict_token": token.group(1) if token else ""})


def decide(user, registration, committed, **data):
    url = f"/admin/registrations/companyregistration/{registration.pk}/change/"
    return admin_post(logged_in(user), url, committed, data)


def decide_change(user, change, committed, **data):
    return admin_post(logged_in(user), f"/admin/registrations/proposedchange/{change.pk}/change/", committed, data)


PUBLIC_PAGES = [
    "/{language}/directory/",
    "/{language}/directory/?q=Mlin",
    "/{language}/search/?q=Mlin",
    "/{language}/search/?q=Мелница",
    "/{language}/directory/export.csv",
    "/{language}/directory/export.json",
    "/sitemap-organisations.xml",
    "/{language}/",
    "/{language}/directions/business/",
]


def assert_nowhere_public(client, text):
    for language in ("bg", "sr", "sr-latn", "en"):
        for page in PUBLIC_PAGES:
            response = client.get(page.format(language=language))
            assert response.status_code == 200, page
            assert text not in response.getvalue().decode(), page


def test_pending_and_rejected_applications_are_nowhere_public(client, staff, pending, committed, cyrillic_free):
    assert not Organisation.objects.exists()
    assert_nowhere_public(client, "Мелница Тест")
    assert_nowhere_public(client, "Melnica Test")
    response = decide(staff.moderator, pending, committed, decision="reject", message="Not a company of ours.")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == CompanyRegistration.Status.REJECTED
    assert_nowhere_public(client, "Melnica Test")
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"] and "Not a company of ours." in message.body
    # The applicant wrote from the Serbian Latin site: the whole message is in Latin letters.
    assert message.subject == "Registracija vaše firme nije prihvaćena"
    assert "Informacioni centar nije mogao da prihvati registraciju firme Melnica Test" in message.body
    cyrillic_free(message.subject + message.body, "in the rejection message")


def test_staff_of_the_other_municipality_can_neither_see_nor_decide(staff, pending, committed):
    # The other municipality's moderator sees the list without this application, and is sent
    # back to the admin index from its page as from a missing one; editors hold no permission
    # on applications; a user who is not staff is sent to the admin's log-in page.
    expected = [
        (staff.other_moderator, 200, 302),
        (staff.other_editor, 403, 403),
        (staff.editor, 403, 403),
        (staff.outsider, 302, 302),
    ]
    for user, listing_status, change_status in expected:
        client = logged_in(user)
        listing = client.get("/admin/registrations/companyregistration/")
        assert listing.status_code == listing_status, user
        if listing_status == 200:
            assert pending.name not in listing.content.decode()
        page = client.get(f"/admin/registrations/companyregistration/{pending.pk}/change/")
        assert page.status_code == change_status, user
        if user == staff.outsider:
            assert listing["Location"].startswith("/admin/login/") and page["Location"].startswith("/admin/login/")
        elif change_status == 302:
            assert page["Location"] == "/admin/"
        decide(user, pending, committed, decision="approve", message="")
    pending.refresh_from_db()
    assert pending.status == CompanyRegistration.Status.PENDING and not Organisation.objects.exists()
    assert not mail.outbox


def test_a_reason_is_required_to_reject_or_ask_for_changes(staff, pending, committed):
    response = decide(staff.moderator, pending, committed, decision="reject", message="")
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == CompanyRegistration.Status.PENDING


def test_asked_for_changes_the_applicant_corrects_and_it_comes_back(client, staff, pending, committed):
    decide(staff.moderator, pending, committed, decision="changes", message="Please add the street number.")
    pending.refresh_from_db()
    assert pending.status == CompanyRegistration.Status.CHANGES_REQUESTED
    (message,) = mail.outbox
    assert "Please add the street number." in message.body
    link = re.search(r"https?://\S+/change/\S+/", message.body).group(0)
    page = client.get(link)
    assert page.status_code == 200 and "Please add the street number." in page.content.decode()
    # The applicant's own words come back as typed, in Cyrillic, even on their sr-latn page.
    assert 'value="Ана Петрова"' in page.content.decode()
    data = application(staff.home, street_address="ul. Prva 12", description="Stari tekst mlina.")
    with committed():
        response = client.post(link, data)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == CompanyRegistration.Status.PENDING
    assert pending.company["street_address_sr"] == "ul. Prva 12"
    assert client.get(link).status_code == 404  # the link is spent once the application is back with staff


def test_approval_publishes_and_opens_an_owner_account(client, staff, pending, committed):
    response = decide(staff.moderator, pending, committed, decision="approve", message="")
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.is_public and organisation.eik == pending.eik
    assert organisation.description_sr == "Stari tekst mlina." and organisation.email == ""
    owner = CompanyOwner.objects.get()
    assert owner.organisation == organisation and owner.contact_email == "ana@example.org"
    assert not owner.user.has_usable_password() and not owner.user.is_staff
    (message,) = mail.outbox
    assert "/sr-latn/account/set-password/" in message.body
    assert "password" not in message.body.lower().split("set-password")[0][-5:]
    page = client.get(organisation.get_absolute_url())
    assert page.status_code == 200 and "ana@example.org" not in page.content.decode()
    # Search finds it from then on, in any script.
    for query in ("Мелница тест", "Melnica test", "mlina"):
        assert f'href="/en/directory/{organisation.slug}/"' in client.get("/en/search/", {"q": query}).content.decode()


def test_the_owner_sets_a_password_edits_and_the_change_waits_for_moderation(client, staff, pending, committed):
    decide(staff.moderator, pending, committed, decision="approve", message="")
    organisation = Organisation.objects.get()
    link = re.search(r"https?://\S+/set-password/\S+/", mail.outbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "kopriva-mill-2026", "new_password2": "kopriva-mill-2026"},
    )
    assert response.status_code == 302 and response["Location"].endswith("/account/")
    account = client.get("/sr-latn/account/")
    assert account.status_code == 200

    edit_url = f"/en/account/companies/{organisation.slug}/edit/"
    data = {
        "name": "Мелница Тест ООД",
        "legal_form": "bg-ood",
        "description": "New text of the mill.",
        "nace_division": "10",
        "size_class": "micro",
        "founded_year": "1999",
        "street_address": "",
        "settlement": "",
        "postal_code": "2077",
        "phones": "",
        "website": "",
        "cooperation_offers": "",
        "cooperation_seeks": "",
    }
    response = client.post(edit_url, data)
    assert response.status_code == 302
    change = ProposedChange.objects.get()
    assert change.data == {"description_en": "New text of the mill."}
    organisation.refresh_from_db()
    assert not organisation.description_en
    assert "New text of the mill." not in client.get(f"/en/directory/{organisation.slug}/").content.decode()
    assert_nowhere_public(client, "New text of the mill.")
    assert not SearchEntry.objects.matching("new text mill").exists()
    assert "Waiting for moderation" in client.get("/en/account/").content.decode()
    assert "New text of the mill." in client.get(edit_url).content.decode()  # the owner sees what they sent

    decide_change(staff.other_moderator, change, committed, decision="accept")
    change.refresh_from_db()
    assert change.status == ProposedChange.Status.PENDING

    response = decide_change(staff.moderator, change, committed, decision="accept", message="")
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description_en == "New text of the mill."
    assert "New text of the mill." in client.get(f"/en/directory/{organisation.slug}/").content.decode()
    assert SearchEntry.objects.matching("new text mill").get().object_id == organisation.pk
    assert "Accepted" in client.get("/en/account/").content.decode()


def test_a_rejected_change_never_goes_live(client, staff, pending, committed):
    decide(staff.moderator, pending, committed, decision="approve", message="")
    organisation = Organisation.objects.get()
    change = ProposedChange.objects.create(
        organisation=organisation, proposed_by=organisation.owner.user, data={"description_en": "Spam text."}
    )
    decide_change(staff.moderator, change, committed, decision="reject", message="No ads.")
    change.refresh_from_db()
    assert change.status == ProposedChange.Status.REJECTED
    assert_nowhere_public(client, "Spam text.")
    assert "No ads." in mail.outbox[-1].body


def test_the_dashboard_counts_what_waits_for_the_moderator(staff, pending):
    page = logged_in(staff.moderator).get("/admin/").content.decode()
    assert "registrations/companyregistration/?status__exact=pending" in page
    other = logged_in(staff.other_moderator).get("/admin/").content.decode()
    assert "companyregistration/?status__exact=pending" not in other or ">0<" in other
