import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from civic.models import Enquiry, EnquiryReply
from civic.services import ENQUIRY_LIMIT
from tests.civic.factories import EnquiryFactory
from tests.portal.factories import InformationCentreFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

QUESTION = {
    "name": "Ana Petrović",
    "email": "ana@example.org",
    "subject": "Folklore festival",
    "message": "When is the next festival?",
    "consent": "on",
    "website": "",
}


@pytest.fixture(autouse=True)
def clear_rate_limit():
    cache.clear()


@pytest.fixture
def centre():
    return InformationCentreFactory(municipality=MunicipalityFactory(slug="koprivshtitsa"), email="centre@example.org")


def test_an_enquiry_gets_a_reference_and_the_enquirer_a_copy(client, centre, committed):
    with committed():
        response = client.post("/sr-latn/ask/koprivshtitsa/", QUESTION)
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert re.fullmatch(r"KOP-\d{4}-000001", enquiry.reference)
    assert enquiry.language == "sr-latn" and enquiry.centre == centre
    copy, notification = mail.outbox
    assert copy.to == ["ana@example.org"] and enquiry.reference in copy.subject and enquiry.reference in copy.body
    assert copy.reply_to == ["centre@example.org"]
    assert notification.to == ["centre@example.org"]
    page = client.get(response["Location"]).content.decode()
    assert enquiry.reference in page
    client.post("/en/ask/koprivshtitsa/", QUESTION)
    assert Enquiry.objects.latest("pk").reference.endswith("-000002")


def test_the_form_labels_every_field_and_requires_consent(client, centre):
    html = client.get("/en/ask/koprivshtitsa/").content.decode()
    for field in ("name", "email", "subject", "message", "consent", "website"):
        assert f'for="id_{field}"' in html
    assert "csrfmiddlewaretoken" in html
    response = client.post("/en/ask/koprivshtitsa/", {**QUESTION, "consent": ""})
    assert response.status_code == 200 and not Enquiry.objects.exists()


def test_a_robot_filling_the_trap_field_is_thanked_and_ignored(client, centre):
    response = client.post("/en/ask/koprivshtitsa/", {**QUESTION, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Enquiry.objects.exists() and not mail.outbox


def test_too_many_enquiries_from_one_address_are_refused(client, centre):
    for _ in range(ENQUIRY_LIMIT):
        assert client.post("/en/ask/koprivshtitsa/", QUESTION).status_code == 302
    response = client.post("/en/ask/koprivshtitsa/", QUESTION)
    assert response.status_code == 429
    assert Enquiry.objects.count() == ENQUIRY_LIMIT
    # Another address is not affected.
    assert client.post("/en/ask/koprivshtitsa/", QUESTION, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_staff_answer_from_the_admin_by_email_and_the_answer_is_kept(client, centre, committed):
    client.post("/bg/ask/koprivshtitsa/", QUESTION)
    enquiry = Enquiry.objects.get()
    mail.outbox.clear()
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-password-1")
    client.force_login(admin)
    url = f"/admin/civic/enquiry/{enquiry.pk}/reply/"
    assert 'for="id_body"' in client.get(url).content.decode()
    with committed():
        response = client.post(url, {"body": "The next festival is expected in 2030."})
    assert response.status_code == 302
    [answer] = mail.outbox
    assert answer.to == ["ana@example.org"] and enquiry.reference in answer.subject
    assert "expected in 2030" in answer.body
    reply = EnquiryReply.objects.get()
    assert reply.sent_by == admin
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ANSWERED
    assert client.get(f"/admin/civic/enquiry/{enquiry.pk}/change/").status_code == 200


def test_staff_without_the_enquiry_permission_see_no_enquiries(client, centre):
    client.post("/en/ask/koprivshtitsa/", QUESTION)
    enquiry = Enquiry.objects.get()
    editor = get_user_model().objects.create_user("editor", "e@example.org", "a-long-password-1", is_staff=True)
    client.force_login(editor)
    assert client.get("/admin/civic/enquiry/").status_code == 403
    assert client.get(f"/admin/civic/enquiry/{enquiry.pk}/reply/").status_code in (403, 404)


def test_each_centre_reads_only_its_own_inbox_and_its_moderators_answer(client, staff, committed):
    """Editors of the centre read its enquiries; its moderators answer them; the other centre sees none."""
    ours = EnquiryFactory(centre=staff.home.information_centre)
    theirs = EnquiryFactory(centre=staff.other.information_centre)
    answer = {"body": "The museums open at ten."}
    reply_url = f"/admin/civic/enquiry/{ours.pk}/reply/"

    client.force_login(staff.editor)
    changelist = client.get("/admin/civic/enquiry/")
    assert [enquiry.pk for enquiry in changelist.context["cl"].result_list] == [ours.pk]
    assert reply_url not in changelist.content.decode()
    assert client.get(f"/admin/civic/enquiry/{ours.pk}/change/").status_code == 200
    assert client.get(reply_url).status_code == 403
    assert client.post(reply_url, answer).status_code == 403

    client.force_login(staff.other_moderator)
    assert client.get(reply_url).status_code == 404
    assert client.post(reply_url, answer).status_code == 404
    assert client.get(f"/admin/civic/enquiry/{ours.pk}/change/").status_code == 302
    assert not EnquiryReply.objects.exists() and not mail.outbox

    client.force_login(staff.moderator)
    assert reply_url in client.get("/admin/civic/enquiry/").content.decode()
    with committed():
        assert client.post(reply_url, answer).status_code == 302
    assert client.get(f"/admin/civic/enquiry/{theirs.pk}/reply/").status_code == 404
    reply = EnquiryReply.objects.get()
    assert (reply.enquiry, reply.sent_by) == (ours, staff.moderator)
    assert mail.outbox[0].to == [ours.email]


def test_a_retried_enquiry_gets_the_same_page_and_is_kept_once(client, centre, committed):
    """The answer to the first was lost; the form, sent again as it was, must not make a second enquiry."""
    page = client.get("/en/ask/koprivshtitsa/").content.decode()
    key = re.search(r'name="submission" value="([^"]+)"', page).group(1)
    with committed():
        first = client.post("/en/ask/koprivshtitsa/", {**QUESTION, "submission": key})
    mails = len(mail.outbox)
    with committed():
        again = client.post("/en/ask/koprivshtitsa/", {**QUESTION, "submission": key})
    assert first.status_code == again.status_code == 302 and again["Location"] == first["Location"]
    assert Enquiry.objects.count() == 1 and len(mail.outbox) == mails
    client.post("/en/ask/koprivshtitsa/", {**QUESTION, "submission": "forged"})  # no key: works as ever
    assert Enquiry.objects.count() == 2
