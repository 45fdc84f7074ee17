"""Every mail of every flow waits in the outbox for the commit; a rolled-back flow sends nothing."""

from datetime import timedelta
from smtplib import SMTPException
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from civic import services as civic
from civic.models import Enquiry
from cooperation import services as cooperation
from cooperation.models import Kind
from core.models import Direction
from core.transliteration import CYRILLIC_WORD
from notifications.models import OutgoingEmail
from registrations import services as registrations
from tests.civic.factories import EnquiryFactory
from tests.cooperation.factories import OpportunityFactory, owner_make
from tests.directory.factories import OrganisationFactory
from tests.registrations.factories import application

pytestmark = pytest.mark.django_db

SITE = "https://most.example.org"
QUESTION = {
    "name": "Ana Petrović",
    "email": "ana@example.org",
    "subject": "Folklore festival",
    "message": "When is the next festival?",
    "consent": "on",
    "website": "",
}


@pytest.fixture
def world(staff, settings):
    """The staff fixture's municipalities with centres that have addresses, and a company owner on each side."""
    settings.PORTAL_SITE_URL = SITE
    Direction.objects.get_or_create(slug=Direction.Key.BUSINESS, defaults={"name": "Business"})
    for municipality, address in ((staff.home, "kop@example.org"), (staff.other, "med@example.org")):
        municipality.information_centre.email = address
        municipality.information_centre.save()
    staff.editor.set_password("old-password-123")
    staff.editor.save()
    mill = OrganisationFactory(municipality=staff.home, nace_division="10", languages=["bg", "en"])
    bakery = OrganisationFactory(municipality=staff.other, nace_division="10", languages=["sr", "en"])
    return SimpleNamespace(
        staff=staff,
        mill=mill,
        bakery=bakery,
        mill_owner=owner_make(mill, username="mill", language="bg"),
        bakery_owner=owner_make(bakery, username="bakery", language="sr"),
    )


def register(client, world):
    client.post("/en/companies/register/", application(world.staff.home))


def contact_company(client, world):
    registrations.company_contact(
        organisation=world.mill, name="Marko", email="marko@example.org", subject="Hi", message="Hello", language="en"
    )


def reset_owner_password(client, world):
    registrations.owner_password_reset(email="mill@example.org", language="bg", site_root=SITE)


def reset_staff_password(client, world):
    client.post("/admin/password-reset/", {"email": world.staff.editor.email})


def ask_a_centre(client, world):
    client.post("/en/ask/koprivshtitsa/", QUESTION)


def answer_an_enquiry(client, world):
    enquiry = EnquiryFactory(centre=world.staff.home.information_centre)
    civic.enquiry_reply(enquiry=enquiry, body="At ten.", by=world.staff.moderator)


def express_interest(client, world):
    offer = OpportunityFactory(organisation=world.mill)
    cooperation.interest_express(
        opportunity=offer, organisation=world.bakery, by=world.bakery_owner, message="We buy flour.", site_root=SITE
    )


def remind_of_expiry(client, world):
    OpportunityFactory(organisation=world.mill, expires_on=timezone.localdate() + timedelta(days=5))
    cooperation.reminders_send(site_root=SITE)


def send_digests(client, world):
    OpportunityFactory(organisation=world.mill)
    OpportunityFactory(organisation=world.bakery, kind=Kind.REQUEST, cooperation_type="buyer")
    cooperation.digests_send(site_root=SITE)


# Each flow and how many messages it sends.
FLOWS = {
    "registration": (register, 1),
    "company contact": (contact_company, 2),
    "owner password reset": (reset_owner_password, 1),
    "staff password reset": (reset_staff_password, 1),
    "enquiry": (ask_a_centre, 2),
    "enquiry answer": (answer_an_enquiry, 1),
    "cooperation interest": (express_interest, 1),
    "expiry reminder": (remind_of_expiry, 1),
    "partner digest": (send_digests, 2),
}


@pytest.mark.parametrize("flow", FLOWS)
def test_each_flows_mail_is_kept_in_the_outbox_and_sent_only_after_commit(
    client, world, django_capture_on_commit_callbacks, flow
):
    action, count = FLOWS[flow]
    with django_capture_on_commit_callbacks() as callbacks:
        action(client, world)
    assert mail.outbox == []
    assert OutgoingEmail.objects.count() == count
    for callback in callbacks:  # the commit
        callback()
    assert len(mail.outbox) == count
    assert not OutgoingEmail.objects.exists()


class RolledBack(Exception):
    pass


@pytest.mark.parametrize("flow", FLOWS)
def test_a_rolled_back_flow_sends_nothing(client, world, django_capture_on_commit_callbacks, flow):
    action, _count = FLOWS[flow]
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RolledBack),
        transaction.atomic(),
    ):
        action(client, world)
        assert OutgoingEmail.objects.exists()
        raise RolledBack
    assert callbacks == []
    assert mail.outbox == [] and not OutgoingEmail.objects.exists()


def test_a_serbian_latin_reader_gets_latin_portal_text_and_their_own_cyrillic_as_typed(world, committed):
    subject, message = "Фестивал фолклора", "Када је следећи фестивал у Копривштици?"
    with committed():
        civic.enquiry_submit(
            centre=world.staff.home.information_centre,
            name="Ана Петровић",
            email="ana@example.org",
            subject=subject,
            message=message,
            language="sr-latn",
        )
    copy = next(message for message in mail.outbox if message.to == ["ana@example.org"])
    assert subject in copy.subject and message in copy.body and "Ана Петровић" in copy.body
    portal_text = copy.subject + copy.body
    for typed in (subject, message, "Ана Петровић"):
        portal_text = portal_text.replace(typed, "")
    assert CYRILLIC_WORD.findall(portal_text) == []
    assert copy.subject.startswith("Vaše pitanje ")
    # The centre in Bulgaria reads its notification in Bulgarian: nothing is transliterated.
    notification = next(message for message in mail.outbox if message.to == ["kop@example.org"])
    assert subject in notification.subject and message in notification.body


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise SMTPException("Connection refused")


def test_an_enquiry_is_kept_when_the_mail_server_is_down_and_its_mail_goes_out_later(
    client, world, settings, committed
):
    """The enquiry mails used to go out inside the transaction: a mail server down lost the enquiry."""
    settings.EMAIL_BACKEND = "tests.notifications.test_flows.BrokenBackend"
    with committed():
        response = client.post("/en/ask/koprivshtitsa/", QUESTION)
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    kept = OutgoingEmail.objects.order_by("pk")
    assert [email.to for email in kept] == [["ana@example.org"], ["kop@example.org"]]
    assert all(email.attempts == 1 and "Connection refused" in email.last_error for email in kept)

    call_command("send_pending_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert OutgoingEmail.objects.get(to=["ana@example.org"]).attempts == 2  # still down: kept, counted

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not OutgoingEmail.objects.exists()
    assert sorted(message.to[0] for message in mail.outbox) == ["ana@example.org", "kop@example.org"]
    assert all(enquiry.reference in message.subject for message in mail.outbox)


def test_an_enquiry_with_the_longest_subject_and_markup_characters_is_mailed_as_typed(client, world, committed):
    """A subject of the full 200 characters, with <, & and quotes, reaches both mails unescaped; never a 500."""
    subject = ('Пазар & <фестивал> "2027" ' * 10)[:200]
    with committed():
        response = client.post("/en/ask/koprivshtitsa/", {**QUESTION, "subject": subject})
    assert response.status_code == 302
    copy, notice = sorted(mail.outbox, key=lambda message: message.to[0])
    assert "&amp;" not in copy.subject and "&lt;" not in copy.subject
    assert subject.strip() in notice.subject and "Пазар & <фестивал>" in copy.subject
    limit = OutgoingEmail._meta.get_field("subject").max_length
    assert all(len(message.subject) <= limit for message in mail.outbox)


def test_a_subject_longer_than_the_outbox_holds_is_shortened_not_refused(world, committed):
    from notifications.services import email_send

    long_name = "Мелница " * 60
    with committed():
        email_send(
            to=["ana@example.org"],
            template="registrations/email/contact_message",
            context={"organisation": world.mill, "subject": long_name, "message": "Здравейте", "name": "Ана"},
            language="bg",
        )
    (message,) = mail.outbox
    limit = OutgoingEmail._meta.get_field("subject").max_length
    assert len(message.subject) == limit and message.subject.endswith("…")


def test_every_mail_template_is_plain_text_without_html_escaping():
    """Mail is plain text: a template that escaped would send &amp; and &lt; for what was typed."""
    from pathlib import Path

    from django.conf import settings

    templates = sorted(Path(settings.BASE_DIR, "templates").glob("*/email/*.txt"))
    assert templates
    escaping = [str(path) for path in templates if "{% autoescape off %}" not in path.read_text()]
    assert not escaping


@pytest.fixture
def connection_kept_across_requests():
    """As Django's test client does: the test's transaction holds the connection, so the
    request signals must not close it."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _served(path: str, data: dict):
    """``path`` POSTed through Django's WSGI handler as a server calls it: its status and the
    response object, not yet closed (a server closes it once the last byte has gone out)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import RequestFactory

    token = _get_new_csrf_string()
    form = {**data, "csrfmiddlewaretoken": token}
    environ = RequestFactory().post(path, form, HTTP_COOKIE=f"csrftoken={token}").environ
    started = []
    response = WSGIHandler()(environ, lambda status, headers: started.append(status))
    return started[0], response


@pytest.mark.parametrize("known", [True, False], ids=["known address", "unknown address"])
def test_a_password_reset_mails_only_after_its_response_has_gone_out(
    world, connection_kept_across_requests, django_capture_on_commit_callbacks, known
):
    """The reader never waits for the mail server: the answer's timing cannot tell whether an account exists."""
    address = world.staff.editor.email if known else "nobody@example.org"
    with django_capture_on_commit_callbacks() as callbacks:
        status, response = _served("/admin/password-reset/", {"email": address})
    assert status.startswith("302")
    for callback in callbacks:  # the commit, inside the request
        callback()
    assert mail.outbox == []  # committed and answered, not yet sent
    assert OutgoingEmail.objects.count() == (1 if known else 0)
    response.close()  # the server has sent the last byte
    assert len(mail.outbox) == (1 if known else 0)
    assert not OutgoingEmail.objects.exists()
