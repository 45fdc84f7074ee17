"""Claims of existing directory entries and the applicant's own view of what they sent."""

import re
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from reversion.models import Version

from core.models import Country
from directory.models import Organisation
from registrations import services
from registrations.admin import claims_queue
from registrations.models import CompanyClaim, CompanyOwner, CompanyRegistration
from tests.directory.factories import OrganisationFactory
from tests.markup import flat
from tests.registrations.factories import application, started, valid_eik
from tests.registrations.test_moderation import admin_post, logged_in

pytestmark = pytest.mark.django_db

EIK = valid_eik(4455667)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def entry(staff):
    """An imported company of Koprivshtitsa with an address on record and nobody keeping it."""
    return OrganisationFactory(
        municipality=staff.home, eik=EIK, email="office@mill.example.bg", name_bg="Мелница Стара"
    )


def claim_data(**overrides) -> dict:
    data = {
        "identifier": EIK,
        "method": "email",
        "explanation": "",
        "contact_name": "Иван Иванов",
        "contact_email": "ivan@example.org",
        "contact_phone": "",
        "consent": "on",
        "fax": "",
        "started": started(),
    }
    data.update(overrides)
    return data


def start(entry, committed, **overrides) -> CompanyClaim:
    values = {
        "organisation": entry,
        "method": CompanyClaim.Method.EMAIL,
        "identifier": EIK,
        "contact_name": "Иван Иванов",
        "contact_email": "ivan@example.org",
        "language": "bg",
        "site_root": "http://testserver/",
    }
    values.update(overrides)
    with committed():
        return services.claim_start(**values)


def test_an_unowned_company_page_offers_the_claim_and_an_owned_one_does_not(client, entry, staff):
    page = flat(client.get(entry.get_absolute_url()).content.decode())
    assert f"/bg/companies/{entry.slug}/claim/" in page
    CompanyOwner.objects.create(
        user=staff.outsider, organisation=entry, contact_name="X", contact_email="x@example.org", language="bg"
    )
    page = flat(client.get(entry.get_absolute_url()).content.decode())
    assert "/claim/" not in page
    assert client.get(f"/bg/companies/{entry.slug}/claim/").status_code == 404


def test_the_claim_form_shows_the_address_on_record_masked_only(client, entry):
    page = flat(client.get(f"/en/companies/{entry.slug}/claim/").content.decode())
    assert entry.email not in page
    assert "o•••@m•••.bg" in page


def test_a_wrong_identifier_is_refused_on_its_field(client, entry):
    response = client.post(f"/en/companies/{entry.slug}/claim/", claim_data(identifier="123456789"))
    assert response.status_code == 200
    assert "check digit" in flat(response.content.decode())
    response = client.post(f"/en/companies/{entry.slug}/claim/", claim_data(identifier=valid_eik(1111111)))
    assert "This is not the identifier of this entry." in flat(response.content.decode())
    assert not CompanyClaim.objects.exists()


def test_a_claim_by_email_is_granted_by_the_link_sent_to_the_address_on_record(client, entry, committed):
    with committed():
        response = client.post(f"/sr-latn/companies/{entry.slug}/claim/", claim_data())
    assert response.status_code == 302
    claim = CompanyClaim.objects.get()
    assert claim.status == CompanyClaim.Status.UNVERIFIED
    to_record = next(message for message in mail.outbox if message.to == [entry.email])
    to_claimant = next(message for message in mail.outbox if message.to == ["ivan@example.org"])
    assert entry.email not in to_claimant.body  # the claimant never reads the address on record
    assert "o•••@m•••.bg" in to_claimant.body
    assert "Иван Иванов" in to_record.body  # typed by a person: quoted as typed
    assert not re.search(r"[А-Яа-я]", to_record.body.replace("Иван Иванов", ""))  # the rest in Latin
    link = re.search(r"https?://\S+/companies/claim/confirm/\S+/", to_record.body).group(0)
    assert client.get(link).status_code == 200  # a mail scanner following the link grants nothing
    assert CompanyClaim.objects.get().status == CompanyClaim.Status.UNVERIFIED
    mail.outbox.clear()
    with committed():
        client.post(link)
    claim.refresh_from_db()
    assert claim.status == CompanyClaim.Status.GRANTED
    assert claim.verified_at is not None
    owner = CompanyOwner.objects.get(organisation=entry)
    assert owner.contact_email == "ivan@example.org"
    assert "/account/set-password/" in mail.outbox[-1].body
    comments = [version.revision.comment for version in Version.objects.get_for_object(entry)]
    assert any("confirmed from the address on record" in comment for comment in comments)


def test_the_link_stops_working_when_the_address_on_record_changes(client, entry, committed):
    claim = start(entry, committed)
    token = services.claim_token(claim)
    Organisation.objects.filter(pk=entry.pk).update(email="new@mill.example.bg")
    assert client.get(f"/bg/companies/claim/confirm/{token}/").status_code == 404


def test_without_an_address_on_record_only_a_document_can_prove_it(client, staff, committed):
    entry = OrganisationFactory(municipality=staff.home, eik=EIK, email="")
    page = flat(client.get(f"/en/companies/{entry.slug}/claim/").content.decode())
    assert 'value="email"' not in page
    with pytest.raises(ValidationError):
        start(entry, committed)
    response = client.post(f"/en/companies/{entry.slug}/claim/", claim_data(method="document"))
    assert "Attach the supporting document." in flat(response.content.decode())


def test_a_document_that_is_not_a_pdf_or_an_image_is_refused(client, entry):
    script = SimpleUploadedFile("proof.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    response = client.post(f"/en/companies/{entry.slug}/claim/", {**claim_data(method="document"), "document": script})
    assert response.status_code == 200
    assert not CompanyClaim.objects.exists()
    # Told that a PDF is welcome too, not only "upload a JPEG, PNG or WebP photo".
    assert "neither a PDF nor a picture that can be read" in flat(response.content.decode())
    pdf_with_script = SimpleUploadedFile("proof.pdf", PDF + b"/JavaScript (x)", "application/pdf")
    response = client.post(
        f"/en/companies/{entry.slug}/claim/", {**claim_data(method="document"), "document": pdf_with_script}
    )
    assert "runs a script" in flat(response.content.decode())


def test_a_claim_by_document_waits_for_staff_of_the_entrys_municipality_only(client, entry, staff, committed, settings):
    document = SimpleUploadedFile("register-extract.pdf", PDF, "application/pdf")
    with committed():
        response = client.post(
            f"/en/companies/{entry.slug}/claim/", {**claim_data(method="document"), "document": document}
        )
    assert response.status_code == 302
    claim = CompanyClaim.objects.get()
    assert claim.status == CompanyClaim.Status.PENDING
    assert claim.document.name.endswith(".pdf") and "register-extract" not in claim.document.name
    assert str(settings.MEDIA_LIBRARY_ORIGINALS_ROOT) in claim.document.path  # never under MEDIA_ROOT
    url = f"/admin/registrations/companyclaim/{claim.pk}/"
    assert logged_in(staff.other_moderator).get(url + "change/").status_code in (302, 403, 404)
    assert logged_in(staff.other_moderator).get(url + "document/").status_code == 404
    document_response = logged_in(staff.moderator).get(url + "document/")
    assert document_response.status_code == 200
    assert b"".join(document_response.streaming_content) == PDF
    dashboard = flat(logged_in(staff.moderator).get("/admin/").content.decode())
    assert re.search(r'class="dashboard-claims">.*?status__exact=pending">[^<]+</a>:\s*<strong>1</strong>', dashboard)
    response = admin_post(logged_in(staff.moderator), url + "change/", committed, {"decision": "grant", "message": ""})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == CompanyClaim.Status.GRANTED
    assert claim.decided_by == staff.moderator
    assert CompanyOwner.objects.get(organisation=entry).user == claim.owner
    assert any("granted by staff" in v.revision.comment for v in Version.objects.get_for_object(entry))


def test_with_object_storage_a_supporting_document_is_kept_privately_in_the_bucket(
    client, entry, staff, bucket, settings
):
    """With S3_* set, documents go to the bucket's private originals/ prefix: any app server reads
    them through the admin, nobody reads them from the bucket without the portal's key, and
    nothing is written to local disk."""
    document = SimpleUploadedFile("register-extract.pdf", PDF, "application/pdf")
    response = client.post(
        f"/en/companies/{entry.slug}/claim/", {**claim_data(method="document"), "document": document}
    )
    assert response.status_code == 302
    claim = CompanyClaim.objects.get()
    key = f"originals/{claim.document.name}"
    assert key in bucket.keys("originals/claim-documents/")
    assert bucket.client().get_object(Bucket=bucket.bucket, Key=key)["Body"].read() == PDF
    assert bucket.anonymous_status(key) == 403
    with pytest.raises(ValueError, match="private"):
        claim.document.url  # noqa: B018
    assert not any(Path(settings.MEDIA_LIBRARY_ORIGINALS_ROOT).rglob("*.*"))
    document_response = logged_in(staff.moderator).get(f"/admin/registrations/companyclaim/{claim.pk}/document/")
    assert document_response.status_code == 200
    assert b"".join(document_response.streaming_content) == PDF


def test_only_one_of_two_claims_is_granted_and_the_other_is_told(entry, staff, committed):
    first = start(entry, committed, method=CompanyClaim.Method.DOCUMENT, document=pdf(), contact_email="a@example.org")
    second = start(entry, committed, method=CompanyClaim.Method.DOCUMENT, document=pdf(), contact_email="b@example.org")
    mail.outbox.clear()
    with committed():
        services.claim_grant(claim=second, by=staff.moderator, site_root="http://testserver/")
    first.refresh_from_db()
    assert first.status == CompanyClaim.Status.SUPERSEDED
    assert any(message.to == ["a@example.org"] for message in mail.outbox)
    with pytest.raises(ValidationError):
        services.claim_grant(claim=first, by=staff.moderator, site_root="http://testserver/")
    with pytest.raises(ValidationError):  # a claim after the grant
        start(entry, committed, method=CompanyClaim.Method.DOCUMENT, document=pdf())


def test_a_granted_claim_counts_as_a_confirmation_of_the_entry(client, entry, staff, committed):
    """The owner has just proved the entry is theirs: it is confirmed now and no longer out of date."""
    long_ago = timezone.now() - timedelta(days=700)
    Organisation.objects.filter(pk=entry.pk).update(confirmed_at=None, stale_since=long_ago, updated_at=long_ago)
    claim = start(entry, committed)
    before = timezone.now()
    with committed():
        client.post(f"/bg/companies/claim/confirm/{services.claim_token(claim)}/")
    entry.refresh_from_db()
    assert CompanyClaim.objects.get(pk=claim.pk).status == CompanyClaim.Status.GRANTED
    assert before <= entry.confirmed_at <= timezone.now()
    assert entry.stale_since is None
    assert entry.updated_at == long_ago  # confirming is not an edit of the entry

    # Granted by staff on a document, the same.
    other = OrganisationFactory(municipality=staff.home, eik=valid_eik(7788990), email="")
    Organisation.objects.filter(pk=other.pk).update(stale_since=long_ago)
    by_document = start(other, committed, method=CompanyClaim.Method.DOCUMENT, document=pdf(), identifier=other.eik)
    with committed():
        services.claim_grant(claim=by_document, by=staff.moderator, site_root="http://testserver/")
    other.refresh_from_db()
    assert other.confirmed_at >= before and other.stale_since is None


def pdf():
    return SimpleUploadedFile("proof.pdf", PDF, "application/pdf")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_grants_at_the_same_moment_make_one_owner(staff):
    """Two moderators decide two claims of one entry at once: the entry's row lock lets one through."""
    entry = OrganisationFactory(municipality=staff.home, eik=EIK, email="")
    claims = [
        services.claim_start(
            organisation=entry,
            method=CompanyClaim.Method.DOCUMENT,
            identifier=EIK,
            contact_name=name,
            contact_email=f"{name}@example.org",
            language="en",
            document=pdf(),
            site_root="http://testserver/",
        )
        for name in ("ana", "boris")
    ]
    barrier = threading.Barrier(2)
    outcomes = []

    def grant(claim):
        try:
            barrier.wait()
            services.claim_grant(claim=claim, by=staff.moderator, site_root="http://testserver/")
            outcomes.append("granted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=grant, args=(claim,)) for claim in claims]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["granted", "refused"]
    assert CompanyOwner.objects.filter(organisation=entry).count() == 1
    statuses = sorted(CompanyClaim.objects.values_list("status", flat=True))
    assert statuses == [CompanyClaim.Status.GRANTED, CompanyClaim.Status.SUPERSEDED]


def test_staff_ask_for_more_and_the_answer_puts_the_claim_back_in_their_queue(client, entry, staff, committed):
    claim = start(entry, committed, method=CompanyClaim.Method.DOCUMENT, document=pdf())
    with committed():
        services.claim_request_more(
            claim=claim, by=staff.moderator, message="Изпратете пълномощно.", site_root="http://testserver/"
        )
    link = re.search(r"https?://\S+/applications/\S+/", mail.outbox[-1].body).group(0)
    page = flat(client.get(link).content.decode())
    assert "Изпратете пълномощно." in page
    assert "ivan@example.org" in page  # what they sent, to them
    with committed():
        response = client.post(link, {"text": "Прилагам пълномощно.", "fax": "", "document": pdf()})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == CompanyClaim.Status.PENDING
    assert claim.replies.get().text == "Прилагам пълномощно."
    change = flat(
        logged_in(staff.moderator).get(f"/admin/registrations/companyclaim/{claim.pk}/change/").content.decode()
    )
    assert "Прилагам пълномощно." in change
    assert client.get(link)["Cache-Control"].startswith("private") or "no-store" in client.get(link)["Cache-Control"]


def test_a_forged_or_changed_application_link_shows_nothing(client, entry, committed):
    claim = start(entry, committed)
    token = services.application_token(claim)
    assert client.get(f"/en/applications/{token}x/").status_code == 404
    CompanyClaim.objects.filter(pk=claim.pk).update(contact_email="other@example.org")
    assert client.get(f"/en/applications/{token}/").status_code == 404


@pytest.mark.parametrize("count", [1, 50])
def test_the_applicants_own_view_reads_a_fixed_number_of_queries(
    client, entry, committed, count, django_assert_max_num_queries
):
    claim = start(entry, committed, method=CompanyClaim.Method.DOCUMENT, document=pdf())
    CompanyClaim.objects.filter(pk=claim.pk).update(status=CompanyClaim.Status.CHANGES_REQUESTED)
    for number in range(count):
        claim.replies.create(text=f"Answer {number}")
    url = f"/en/applications/{services.application_token(claim)}/"
    client.get(url)
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    assert f"Answer {count - 1}" in response.content.decode()


def test_registering_a_listed_identifier_offers_the_claim_instead(client, entry, staff):
    response = client.post("/en/companies/register/", application(staff.home, eik=EIK))
    page = flat(response.content.decode())
    assert "claim the entry instead of registering it again" in page
    assert f"/en/companies/{entry.slug}/claim/" in page
    assert not CompanyRegistration.objects.exists()


def test_a_registration_applicant_follows_and_answers_from_their_own_view(client, staff, committed):
    with committed():
        client.post("/en/companies/register/", application(staff.home))
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    with committed():
        client.post(link)
    status_link = re.search(r"https?://\S+/applications/\S+/", mail.outbox[-1].body).group(0)
    page = flat(client.get(status_link).content.decode())
    assert "Waiting for moderation" in page
    assert "Мелница Тест ООД" in page
    with committed():
        client.post(status_link, {"text": "We also have a shop in the village.", "fax": ""})
    registration = CompanyRegistration.objects.get()
    assert registration.replies.get().text == "We also have a shop in the village."
    assert Country.BULGARIA  # the company is Bulgarian: its EIK was checked


def test_an_owners_claims_are_in_their_data_and_go_with_their_account(entry, staff, committed):
    claim = start(entry, committed, method=CompanyClaim.Method.DOCUMENT, document=pdf())
    with committed():
        services.claim_grant(claim=claim, by=staff.moderator, site_root="http://testserver/")
    claim.refresh_from_db()
    path = claim.document.path
    exported = services.owner_data_export(user=claim.owner)
    assert exported["claims"][0]["identifier"] == EIK
    with committed():
        services.owner_erase(user=claim.owner)
    assert not CompanyClaim.objects.exists()
    assert not Version.objects.filter(object_id=str(claim.pk), content_type__model="companyclaim").exists()
    assert not Path(path).exists()


@pytest.mark.parametrize("count", [1, 50])
def test_the_claims_queue_and_its_dashboard_counts_read_a_fixed_number_of_queries(
    staff, count, django_assert_max_num_queries
):
    from django.utils import timezone

    entries = [OrganisationFactory(municipality=staff.home) for _ in range(count)]
    CompanyClaim.objects.bulk_create(
        CompanyClaim(
            organisation=organisation,
            method=CompanyClaim.Method.EMAIL,
            contact_name="Ana",
            contact_email="ana@example.org",
            language="en",
            consented_at=timezone.now(),
            status=CompanyClaim.Status.PENDING,
        )
        for organisation in entries
    )
    moderator = logged_in(staff.moderator)
    moderator.get("/admin/registrations/companyclaim/")
    # 13 for the queue itself, and 3 for the admin's question "has this person set up a second
    # factor?" (one query per kind of device: app, recovery codes, passkey), whatever the rows.
    with django_assert_max_num_queries(16):
        response = moderator.get("/admin/registrations/companyclaim/")
    assert response.status_code == 200
    request = RequestFactory().get("/admin/")
    request.user = staff.moderator
    claims_queue(request)  # the user's permissions and scope are read once per request
    with django_assert_max_num_queries(1):
        (pending,) = claims_queue(request)
    assert pending.count == count


def test_the_claim_pages_and_the_applicants_view_are_valid_html(client, entry, committed):
    from tests.quality.validators import html_errors

    pages = {}
    for language in ("bg", "sr-latn"):
        url = f"/{language}/companies/{entry.slug}/claim/"
        pages[url] = client.get(url).content.decode()
        pages[url + "?errors"] = client.post(url, claim_data(identifier="123")).content.decode()
    with committed():
        client.post(f"/en/companies/{entry.slug}/claim/", claim_data())
    claim = CompanyClaim.objects.get()
    pages["sent"] = client.get(f"/en/companies/{entry.slug}/claim/sent/").content.decode()
    pages["confirm"] = client.get(f"/en/companies/claim/confirm/{services.claim_token(claim)}/").content.decode()
    CompanyClaim.objects.filter(pk=claim.pk).update(
        status=CompanyClaim.Status.CHANGES_REQUESTED, moderator_message="Send a power of attorney."
    )
    claim.replies.create(text="Here it is.")
    pages["application"] = client.get(f"/en/applications/{services.application_token(claim)}/").content.decode()
    assert html_errors(pages) == {}


def test_the_claim_form_is_defended_like_the_other_public_forms(client, entry, settings):
    url = f"/en/companies/{entry.slug}/claim/"
    assert client.post(url, claim_data(fax="http://spam.example")).status_code == 302  # a script is thanked
    assert not CompanyClaim.objects.exists()
    too_quick = client.post(url, claim_data(started=started(seconds_ago=0)))
    assert too_quick.status_code == 200 and not CompanyClaim.objects.exists()
    settings.REGISTRATIONS_RATE_LIMIT = 1
    assert client.post(url, claim_data()).status_code == 302
    refused = client.post(url, claim_data(contact_email="again@example.org"))
    assert refused.status_code == 429
    assert CompanyClaim.objects.count() == 1


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")
def test_every_hostile_picture_is_refused_as_a_supporting_document(client, entry, settings):
    """The corpus of hostile pictures (tests/portal/hostile_uploads.py): none kept, no server error.

    The one plain PDF in it is hostile as a picture, but it is what a supporting document may be.
    """
    from tests.portal.hostile_uploads import corpus

    files = [
        hostile for hostile in corpus(settings.REGISTRATIONS_MAX_IMAGE_BYTES) if not hostile.data.startswith(PDF[:5])
    ]
    assert len(files) >= 100
    answers = set()
    for hostile in files:
        document = SimpleUploadedFile(hostile.name, hostile.data, content_type="image/jpeg")
        response = client.post(
            f"/en/companies/{entry.slug}/claim/", {**claim_data(method="document"), "document": document}
        )
        answers.add(response.status_code)
    assert answers == {200}
    assert not CompanyClaim.objects.exists()
    originals = Path(settings.MEDIA_LIBRARY_ORIGINALS_ROOT)
    assert not originals.exists() or not [path for path in originals.rglob("*") if path.is_file()]
