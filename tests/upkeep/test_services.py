"""Keeping entries true through the public pages, the services and the command (docs/DIRECTORY.md)."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from core.models import PublicationStatus
from directory.models import Organisation
from registrations.models import CompanyOwner
from tests.civic.factories import EventFactory, MunicipalServiceFactory
from tests.directory.factories import OrganisationFactory
from tests.registrations.factories import started
from tests.tourism.factories import SightFactory
from tests.upkeep.servers import Website
from upkeep import services
from upkeep.models import ConfirmationRequest, LinkCheck, MistakeReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(staff, django_user_model):
    organisation = OrganisationFactory(municipality=staff.home, email="", website="")
    user = django_user_model.objects.create_user("owner@example.org", "owner@example.org")
    CompanyOwner.objects.create(
        user=user, organisation=organisation, contact_name="Ана", contact_email="owner@example.org", language="sr-latn"
    )
    return organisation


def report_data(**overrides):
    return {"message": "Телефонът е сменен.", "email": "", "website": "", "started": started(), **overrides}


def report_url(entry):
    return reverse("upkeep:report") + f"?entry={entry._meta.label_lower}&id={entry.pk}"


def ago(days: int):
    return timezone.now() - timedelta(days=days)


# --- Report a mistake -----------------------------------------------------------------------------


def test_every_kind_of_public_entry_links_to_its_report_form_and_takes_a_report(client, staff):
    entries = [
        OrganisationFactory(municipality=staff.home),
        SightFactory(municipality=staff.home),
        EventFactory(municipality=staff.home),
        MunicipalServiceFactory(municipality=staff.home),
    ]
    for entry in entries:
        page = client.get(entry.get_absolute_url()).content.decode()
        assert f'href="{report_url(entry).replace("&", "&amp;")}"' in page, entry
        response = client.post(report_url(entry), report_data(message=f"Грешка в {entry.pk}"))
        assert response.status_code == 302
        assert response["Location"] == reverse("upkeep:report-sent")
    reports = MistakeReport.objects.order_by("pk")
    assert [report.entry for report in reports] == entries
    assert {report.municipality for report in reports} == {staff.home}


def test_a_report_on_an_entry_that_is_not_public_or_not_reportable_is_not_found(client, staff):
    draft = OrganisationFactory(municipality=staff.home, status=PublicationStatus.DRAFT)
    assert client.get(report_url(draft)).status_code == 404
    assert client.get(reverse("upkeep:report") + f"?entry=auth.user&id={staff.editor.pk}").status_code == 404
    assert client.get(reverse("upkeep:report") + "?entry=directory.organisation&id=x").status_code == 404


def test_reports_are_abuse_protected_like_the_other_public_forms(client, settings, staff):
    organisation = OrganisationFactory(municipality=staff.home)
    client.post(report_url(organisation), report_data(website="http://spam.example"))
    assert not MistakeReport.objects.exists()  # a script is thanked, nothing is kept
    too_fast = client.post(report_url(organisation), report_data(started=started(0)))
    assert too_fast.status_code == 200
    assert not MistakeReport.objects.exists()
    settings.UPKEEP_REPORT_RATE_LIMIT = 2
    statuses = [client.post(report_url(organisation), report_data()).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert MistakeReport.objects.count() == 2


def test_the_owner_hears_of_a_report_and_the_reporter_when_it_is_fixed_in_latin(client, staff, company, committed):
    mail.outbox.clear()
    with committed():
        client.post(
            "/sr-latn" + report_url(company)[3:],
            report_data(message="Радно време није тачно.", email="citalac@example.org"),
        )
    assert [message.to for message in mail.outbox] == [["owner@example.org"]]
    to_owner = mail.outbox[0]
    assert "Радно време није тачно." in to_owner.body  # what the reader typed, as typed
    assert not re.search("[А-Яа-я]", to_owner.subject)
    report = MistakeReport.objects.get()
    assert report.language == "sr-latn"

    mail.outbox.clear()
    with committed():
        services.report_decide(report=report, by=staff.moderator, fixed=True, site_root="https://most.example.org/")
    assert [message.to for message in mail.outbox] == [["citalac@example.org"]]
    fixed = mail.outbox[0]
    assert "ispravljena" in fixed.subject.lower()
    assert "https://most.example.org/sr-latn/directory/" in fixed.body
    version = Version.objects.get_for_object(company).select_related("revision__user").first()
    assert version.revision.user == staff.moderator
    assert f"{report.pk}" in version.revision.comment

    mail.outbox.clear()
    with committed():
        services.report_decide(report=report, by=staff.moderator, fixed=True, site_root="https://most.example.org/")
    assert mail.outbox == []  # decided once


def test_a_report_closed_with_nothing_to_fix_tells_nobody(staff, committed):
    sight = SightFactory(municipality=staff.home)
    report = services.report_submit(
        entry=sight, message="x", email="someone@example.org", language="en", site_root="https://most.example.org/"
    )
    mail.outbox.clear()
    with committed():
        services.report_decide(report=report, by=staff.moderator, fixed=False, site_root="https://most.example.org/")
    assert mail.outbox == []
    assert MistakeReport.objects.get().status == MistakeReport.Status.DISMISSED


# --- Yearly confirmation --------------------------------------------------------------------------


def test_an_owner_is_asked_once_a_year_and_the_command_run_twice_sends_once(company, committed):
    Organisation.objects.filter(pk=company.pk).update(created_at=ago(400))
    CompanyOwner.objects.filter(organisation=company).update(created_at=ago(380))
    mail.outbox.clear()
    for _run in range(2):
        with committed():
            call_command("directory_upkeep", "--skip-links", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["owner@example.org"]
    assert "https://most.example.org/sr-latn/companies/confirm-entry/" in mail.outbox[0].body
    assert ConfirmationRequest.objects.count() == 1


def test_an_owner_who_took_over_recently_is_not_asked_yet(company):
    Organisation.objects.filter(pk=company.pk).update(created_at=ago(900))
    assert services.confirmation_requests_send(site_root="https://most.example.org/") == 0


def test_the_link_confirms_the_entry_with_one_click_and_a_get_changes_nothing(client, company, committed):
    Organisation.objects.filter(pk=company.pk).update(created_at=ago(600), stale_since=ago(10))
    CompanyOwner.objects.filter(organisation=company).update(created_at=ago(600))
    with committed():
        services.confirmation_requests_send(site_root="https://most.example.org/")
    path = re.search(r"https://most\.example\.org(/\S+/)", mail.outbox[-1].body).group(1)

    assert client.get(path).status_code == 200
    assert Organisation.objects.get(pk=company.pk).confirmed_at is None
    response = client.post(path, {"answer": "confirmed"})
    assert response.status_code == 200
    company.refresh_from_db()
    assert company.confirmed_at is not None
    assert company.stale_since is None
    assert Version.objects.get_for_object(company).exists()
    page = client.get(company.get_absolute_url()).content.decode()  # in the owner's language, sr-latn
    assert "Poslednji put potvrđeno" in page
    assert "možda zastareo" not in page


def test_an_expired_or_forged_link_is_refused(client, company, settings):
    confirmation = ConfirmationRequest.objects.create(
        organisation=company, sent_to="owner@example.org", language="bg", sent_at=timezone.now()
    )
    token = services.confirmation_token(confirmation)
    assert client.get(reverse("upkeep:confirm", kwargs={"token": token + "x"})).status_code == 404
    settings.UPKEEP_CONFIRMATION_LINK_DAYS = -1
    assert client.get(reverse("upkeep:confirm", kwargs={"token": token})).status_code == 404


def test_a_company_that_says_it_closed_is_archived_only_when_staff_agree(client, company, staff):
    confirmation = ConfirmationRequest.objects.create(
        organisation=company, sent_to="owner@example.org", language="bg", sent_at=timezone.now()
    )
    client.post(
        reverse("upkeep:confirm", kwargs={"token": services.confirmation_token(confirmation)}), {"answer": "closed"}
    )
    confirmation.refresh_from_db()
    assert confirmation.closure == ConfirmationRequest.Closure.WAITING
    assert Organisation.objects.get(pk=company.pk).status == PublicationStatus.PUBLISHED

    services.closure_decide(confirmation=confirmation, by=staff.moderator, archive=True)
    assert Organisation.objects.get(pk=company.pk).status == PublicationStatus.ARCHIVED
    revision = Version.objects.get_for_object(company).select_related("revision").first().revision
    assert revision.user == staff.moderator
    assert client.get(company.get_absolute_url()).status_code == 404


# --- Stale entries --------------------------------------------------------------------------------


def test_entries_unconfirmed_for_18_months_are_marked_and_unmarked_once_confirmed(client, staff):
    old = OrganisationFactory(municipality=staff.home)
    recent = OrganisationFactory(municipality=staff.home)
    Organisation.objects.filter(pk=old.pk).update(created_at=ago(560))
    Organisation.objects.filter(pk=recent.pk).update(created_at=ago(500))
    assert services.entries_mark_stale() == (1, 0)
    assert services.entries_mark_stale() == (0, 0)  # idempotent
    page = client.get(old.get_absolute_url()).content.decode()
    assert "Този запис може да е остарял." in page
    assert "все още не е потвърдено от фирмата" in page
    assert "може да е остарял" not in client.get(recent.get_absolute_url()).content.decode()

    services.entries_confirm_by_staff(organisations=[Organisation.objects.get(pk=old.pk)], by=staff.editor)
    assert "може да е остарял" not in client.get(old.get_absolute_url()).content.decode()
    assert services.entries_mark_stale() == (0, 0)


# --- Links and mail domains ----------------------------------------------------------------------


def test_a_broken_website_is_listed_for_staff_and_the_owner_told_once_never_shown_to_the_public(
    client, company, committed
):
    with Website() as site:
        Organisation.objects.filter(pk=company.pk).update(website=f"{site.url}/gone")
        mail.outbox.clear()
        with committed():
            counts = services.links_check(site_root="https://most.example.org/")
        assert (counts.checked, counts.broken) == (1, 1)
        check = LinkCheck.objects.broken().get()
        assert check.entry == company
        assert check.detail == "HTTP 404"
        assert [message.to for message in mail.outbox] == [["owner@example.org"]]

        # Within a week nothing is checked again; an older result is, and the owner is not told twice.
        assert services.links_check(site_root="https://most.example.org/").checked == 0
        with committed():
            counts = services.links_check(site_root="https://most.example.org/", now=timezone.now() + timedelta(days=8))
        assert (counts.checked, counts.broken) == (1, 1)
        assert len(mail.outbox) == 1

        page = client.get(company.get_absolute_url()).content.decode()
        assert "HTTP 404" not in page
        assert "/gone" in page  # the address is shown as it is, with no error

        Organisation.objects.filter(pk=company.pk).update(website=f"{site.url}/moved")
        counts = services.links_check(site_root="https://most.example.org/")
        assert (counts.checked, counts.broken) == (1, 0)  # a changed address is checked at once
        assert not LinkCheck.objects.broken().exists()


def test_the_staff_dashboard_counts_each_queue_of_the_municipality(client, staff, company):
    """Open reports, confirmed and stale entries of the user's municipality only, in a few queries."""
    Organisation.objects.filter(pk=company.pk).update(stale_since=timezone.now())
    services.report_submit(entry=company, message="x", email="", language="bg", site_root="https://most.example.org/")
    other = OrganisationFactory(municipality=staff.other)
    services.report_submit(entry=other, message="y", email="", language="bg", site_root="https://most.example.org/")
    OrganisationFactory(municipality=staff.home, confirmed_at=ago(30))
    client.force_login(staff.moderator)
    page = client.get("/admin/").content.decode()
    section = page[page.index("Поддръжка на записите") :]
    assert re.search(r"Доклади за грешки\D*1\b", section)
    assert re.search(r"Записи, които може да са остарели\D*1\b", section)
    assert re.search(r"потвърдени през последните 18 месеца \(от 2\)\D*1\b", section)
    response = client.get(reverse("admin:upkeep_mistakereport_changelist"))
    assert response.context["cl"].result_count == 1  # the other municipality's report is not theirs
