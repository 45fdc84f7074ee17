"""The review step: editors submit, moderators publish or send back; the history says who did what."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from reversion.models import Version

from core.models import PublicationStatus, ReviewState
from staff import dashboard
from staff.history import revision_action
from staff.services import review_publish, review_send_back, review_submit
from tests.civic.factories import EnquiryFactory, NewsArticleFactory
from tests.tourism.factories import SightFactory

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def reviewed(staff):
    """Koprivshtitsa publishes after review."""
    staff.home.review_required = True
    staff.home.save()
    return staff


@pytest.fixture
def draft(reviewed):
    return NewsArticleFactory(municipality=reviewed.home, status=PublicationStatus.DRAFT)


def history(obj) -> list[tuple[str, str]]:
    """(who, what) of each recorded version of ``obj``, oldest first."""
    versions = Version.objects.get_for_object(obj).select_related("revision__user").order_by("pk")
    with translation.override("en"):
        return [(version.revision.user.username, revision_action(version.revision)) for version in versions]


def test_the_review_round_trip_is_kept_in_the_history(reviewed, draft):
    review_submit(obj=draft, by=reviewed.editor)
    assert draft.review_state == ReviewState.SUBMITTED
    review_send_back(obj=draft, by=reviewed.moderator, comment="Add the opening hours.")
    draft.refresh_from_db()
    assert (draft.review_state, draft.review_comment) == (ReviewState.SENT_BACK, "Add the opening hours.")
    review_submit(obj=draft, by=reviewed.editor)
    review_publish(obj=draft, by=reviewed.moderator)
    draft.refresh_from_db()
    assert draft.is_public and draft.review_state == ReviewState.NONE and draft.review_comment == ""
    assert history(draft) == [
        ("editor-home", "Submitted for review."),
        ("moderator-home", "Sent back for changes: Add the opening hours."),
        ("editor-home", "Submitted for review."),
        ("moderator-home", "Published after review."),
    ]


def test_moves_out_of_order_are_refused(reviewed, draft):
    with pytest.raises(ValidationError):
        review_publish(obj=draft, by=reviewed.moderator)
    with pytest.raises(ValidationError):
        review_send_back(obj=draft, by=reviewed.moderator, comment="No.")
    review_submit(obj=draft, by=reviewed.editor)
    with pytest.raises(ValidationError):
        review_submit(obj=draft, by=reviewed.editor)
    with pytest.raises(ValidationError):
        review_send_back(obj=draft, by=reviewed.moderator, comment="   ")


def change_form_data(client, url) -> dict:
    from tests.portal.admin_forms import change_form_data

    return change_form_data(client.get(url))


def test_an_editor_of_a_reviewed_municipality_cannot_publish_by_any_route(reviewed, draft):
    editor = logged_in(reviewed.editor)
    url = f"/admin/civic/newsarticle/{draft.pk}/change/"
    data = change_form_data(editor, url)
    data["status"] = PublicationStatus.PUBLISHED
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Your municipality publishes after a review" in response.content.decode()
    # The bulk action is not offered; a forged one does nothing.
    sight = SightFactory(municipality=reviewed.home, status=PublicationStatus.DRAFT)
    changelist = editor.get("/admin/tourism/sight/").content.decode()
    assert 'value="publish"' not in changelist
    editor.post("/admin/tourism/sight/", {"action": "publish", "_selected_action": [sight.pk]})
    # Nor may the editor publish from the review page, or turn the review step off.
    editor.post(f"/admin/civic/newsarticle/{draft.pk}/review/", {"action": "publish"})
    municipality = change_form_data(editor, f"/admin/core/municipality/{reviewed.home.pk}/change/")
    assert "review_required" not in municipality
    draft.refresh_from_db()
    sight.refresh_from_db()
    assert draft.status == sight.status == PublicationStatus.DRAFT
    # Without the review step the same form publishes.
    reviewed.home.review_required = False
    reviewed.home.save()
    assert editor.post(url, change_form_data(editor, url) | {"status": "published"}).status_code == 302


def test_the_review_round_trip_in_the_admin(reviewed, draft):
    editor, moderator = logged_in(reviewed.editor), logged_in(reviewed.moderator)
    review = f"/admin/civic/newsarticle/{draft.pk}/review/"
    assert "Submit for review" in editor.get(review).content.decode()
    assert editor.post(review, {"action": "submit"}).status_code == 302

    # Waiting for the moderator, on the dashboard; an editor may not decide.
    assert editor.post(review, {"action": "publish"}).status_code == 403
    sections = {s["key"]: s for s in moderator.get("/admin/").context["dashboard_sections"]}
    assert [(item.count, item.url) for item in sections[dashboard.WAITING_FOR_ME]["items"]] == [
        (1, "/admin/civic/newsarticle/?review_state__exact=submitted")
    ]
    # A send-back without a comment is refused.
    page = moderator.post(review, {"action": "send_back", "comment": ""})
    assert page.status_code == 200 and "Say what should change" in page.content.decode()
    assert moderator.post(review, {"action": "send_back", "comment": "Check the date."}).status_code == 302

    # Back on the editor's dashboard and change form, with the comment.
    sections = {s["key"]: s for s in editor.get("/admin/").context["dashboard_sections"]}
    assert [item.count for item in sections[dashboard.WAITING_FOR_ME]["items"]] == [1]
    assert "Check the date." in editor.get(f"/admin/civic/newsarticle/{draft.pk}/change/").content.decode()

    editor.post(review, {"action": "submit"})
    assert moderator.post(review, {"action": "publish"}).status_code == 302
    draft.refresh_from_db()
    assert draft.is_public
    assert Client().get(draft.get_absolute_url()).status_code == 200
    history_page = editor.get(f"/admin/civic/newsarticle/{draft.pk}/history/").content.decode()
    for text in ("Submitted for review.", "Sent back for changes: Check the date.", "Published after review."):
        assert text in history_page


def test_the_history_speaks_the_readers_language(reviewed, draft):
    review_submit(obj=draft, by=reviewed.editor)
    review_send_back(obj=draft, by=reviewed.moderator, comment="Провери датума.")
    page = logged_in(reviewed.editor).get(
        f"/admin/civic/newsarticle/{draft.pk}/history/", headers={"accept-language": "bg"}
    )
    html = page.content.decode()
    assert "Изпратено за преглед." in html and "Върнато за промени: Провери датума." in html


def test_the_moderators_of_the_other_municipality_cannot_decide(reviewed, draft):
    review_submit(obj=draft, by=reviewed.editor)
    review = f"/admin/civic/newsarticle/{draft.pk}/review/"
    for user in (reviewed.other_moderator, reviewed.other_editor, reviewed.outsider):
        response = logged_in(user).post(review, {"action": "publish"})
        assert response.status_code in (302, 403, 404)
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.SUBMITTED and not draft.is_public


def test_the_dashboard_shows_scheduled_entries_and_new_enquiries(reviewed):
    from datetime import timedelta

    from django.utils import timezone

    NewsArticleFactory(municipality=reviewed.home, status="published", published_at=timezone.now() + timedelta(days=1))
    EnquiryFactory(centre=reviewed.home.information_centre)
    EnquiryFactory(centre=reviewed.other.information_centre)
    response = logged_in(reviewed.editor).get("/admin/")
    sections = {s["key"]: s for s in response.context["dashboard_sections"]}
    assert [(item.count, item.url) for item in sections[dashboard.SCHEDULED]["items"]] == [
        (1, "/admin/civic/newsarticle/?status__exact=scheduled")
    ]
    assert [(item.count, item.url) for item in sections[dashboard.ENQUIRIES]["items"]] == [
        (1, "/admin/civic/enquiry/?status__exact=new")
    ]
    html = response.content.decode()
    assert re.search(r"Citizen enquiries", html) and "Waiting for me" in html


def test_an_editor_cannot_publish_through_list_editing(reviewed):
    """The albums' change list edits the status in place: the editors' list form refuses publishing too."""
    from django.contrib import admin

    from media_library.models import Album
    from tests.media_library.factories import AlbumFactory
    from tests.portal.test_permission_matrix import _list_edit_post

    album = AlbumFactory(municipality=reviewed.home, status=PublicationStatus.DRAFT)
    model_admin = admin.site._registry[Album]
    assert "status" in model_admin.list_editable
    data, _attname, _value = _list_edit_post(model_admin, album)
    data[f"form-0-{model_admin.list_editable[0]}"] = album.order
    data["form-0-status"] = PublicationStatus.PUBLISHED
    logged_in(reviewed.editor).post("/admin/media_library/album/", data)
    album.refresh_from_db()
    assert album.status == PublicationStatus.DRAFT
    logged_in(reviewed.moderator).post("/admin/media_library/album/", data)
    album.refresh_from_db()
    assert album.status == PublicationStatus.PUBLISHED


def test_a_moderator_publishing_from_the_form_ends_the_review(reviewed, draft):
    review_submit(obj=draft, by=reviewed.editor)
    moderator = logged_in(reviewed.moderator)
    url = f"/admin/civic/newsarticle/{draft.pk}/change/"
    assert moderator.post(url, change_form_data(moderator, url) | {"status": "published"}).status_code == 302
    draft.refresh_from_db()
    assert draft.is_public and draft.review_state == ReviewState.NONE


def test_moderators_are_mailed_on_submit_and_the_editor_on_send_back(
    reviewed, draft, django_capture_on_commit_callbacks
):
    from django.core import mail

    editor, moderator = logged_in(reviewed.editor), logged_in(reviewed.moderator)
    review = f"/admin/civic/newsarticle/{draft.pk}/review/"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(review, {"action": "submit"}).status_code == 302
    # The moderators of Koprivshtitsa only, in Bulgarian, linking the review page.
    assert [message.to for message in mail.outbox] == [["moderator-home@example.org"]]
    message = mail.outbox[0]
    assert message.subject == f"Изпратено за преглед: {draft}"
    assert f"http://testserver/admin/civic/newsarticle/{draft.pk}/review/" in message.body
    assert "editor-home" in message.body and "новина" in message.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderator.post(review, {"action": "send_back", "comment": "Добави часовете на панаира."})
    assert [message.to for message in mail.outbox] == [["editor-home@example.org"]]
    message = mail.outbox[0]
    assert message.subject == f"Върнато за промени: {draft}"
    assert "Добави часовете на панаира." in message.body
    assert f"http://testserver/admin/civic/newsarticle/{draft.pk}/change/" in message.body

    # Publishing mails nobody (the dashboard and the public page say it).
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(review, {"action": "submit"})
        moderator.post(review, {"action": "publish"})
    assert [message.to for message in mail.outbox] == [["moderator-home@example.org"]]


def test_medijanas_moderators_read_the_mail_in_serbian(reviewed, django_capture_on_commit_callbacks):
    from django.core import mail

    reviewed.other.review_required = True
    reviewed.other.save()
    draft = NewsArticleFactory(municipality=reviewed.other, status=PublicationStatus.DRAFT)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(obj=draft, by=reviewed.other_editor, site_root="https://most.example.org/")
    assert [message.to for message in mail.outbox] == [["moderator-other@example.org"]]
    assert mail.outbox[0].subject == f"Послато на преглед: {draft}"
    assert f"https://most.example.org/admin/civic/newsarticle/{draft.pk}/review/" in mail.outbox[0].body
