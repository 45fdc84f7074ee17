"""Preview of drafts and scheduled entries: by staff of the municipality, and through share links."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from core.models import PublicationStatus
from staff.preview import share_link_create, share_link_read, share_links_revoke
from tests.civic.factories import EventFactory, NewsArticleFactory
from tests.directory.factories import OrganisationFactory
from tests.media_library.factories import AlbumFactory
from tests.tourism.factories import SightFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("bg", "sr", "sr-latn", "en")
BANNERS = {"bg": "Предварителен преглед", "sr": "Претпреглед", "sr-latn": "Pretpregled", "en": "Preview"}


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def preview_path(obj, language="en") -> str:
    content_type = ContentType.objects.get_for_model(obj)
    return f"/{language}/preview/{content_type.pk}/{obj.pk}/"


@pytest.fixture
def draft(staff):
    return NewsArticleFactory(municipality=staff.home, status=PublicationStatus.DRAFT, title_en="Fair of crafts")


def test_a_draft_is_hidden_from_readers_and_shown_to_its_staff_in_every_language(staff, draft):
    assert Client().get(draft.get_absolute_url()).status_code == 404
    editor = logged_in(staff.editor)
    for language in LANGUAGES:
        response = editor.get(preview_path(draft, language))
        assert response.status_code == 200, language
        html = response.content.decode()
        assert 'class="preview-banner"' in html and BANNERS[language] in html
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert 'rel="canonical"' not in html
        assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert "Fair of crafts" in editor.get(preview_path(draft, "en")).content.decode()
    # The language switcher keeps the reader on the preview.
    assert f'href="{preview_path(draft, "bg")}"' in editor.get(preview_path(draft, "en")).content.decode()


@pytest.mark.parametrize(
    "make",
    [
        lambda municipality: OrganisationFactory(municipality=municipality, status=PublicationStatus.DRAFT),
        lambda municipality: SightFactory(municipality=municipality, status=PublicationStatus.DRAFT),
        lambda municipality: AlbumFactory(municipality=municipality, status=PublicationStatus.DRAFT),
        lambda municipality: EventFactory(
            municipality=municipality,
            status=PublicationStatus.PUBLISHED,
            published_at=timezone.now() + datetime.timedelta(days=3),
        ),
    ],
    ids=["organisation", "sight", "album", "scheduled-event"],
)
def test_every_publishable_content_type_has_a_preview(staff, make):
    obj = make(staff.home)
    assert not obj.is_public
    assert Client().get(obj.get_absolute_url()).status_code == 404
    response = logged_in(staff.moderator).get(preview_path(obj))
    assert response.status_code == 200
    assert "preview-banner" in response.content.decode()


def test_a_scheduled_entry_says_when_it_goes_public(staff):
    scheduled = NewsArticleFactory(
        municipality=staff.home,
        status=PublicationStatus.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    assert scheduled.status == PublicationStatus.SCHEDULED
    html = logged_in(staff.editor).get(preview_path(scheduled)).content.decode()
    assert "Not public yet: scheduled for" in html


def test_only_staff_who_may_open_the_entry_see_its_preview(staff, draft):
    path = preview_path(draft)
    response = Client().get(path)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    for user in (staff.other_editor, staff.other_moderator, staff.outsider):
        assert logged_in(user).get(path).status_code == 404
    for user in (staff.moderator, staff.administrator, staff.superuser):
        assert logged_in(user).get(path).status_code == 200
    assert logged_in(staff.editor).post(path).status_code in (403, 405)


def test_view_on_site_in_the_admin_opens_the_preview_of_a_draft(staff, draft):
    html = logged_in(staff.editor).get(f"/admin/civic/newsarticle/{draft.pk}/change/").content.decode()
    assert re.search(rf'href="/en/preview/\d+/{draft.pk}/"', html)
    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    html = logged_in(staff.editor).get(f"/admin/civic/newsarticle/{draft.pk}/change/").content.decode()
    assert f'href="/admin/r/{ContentType.objects.get_for_model(draft).pk}/{draft.pk}/"' in html


def _share(staff, draft) -> str:
    response = logged_in(staff.editor).post(f"/admin/civic/newsarticle/{draft.pk}/share/", {"action": "create"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    links = re.findall(r'class="share-link">([^<]+)<', response.content.decode())
    assert len(links) == 4
    return links[0].removeprefix("http://testserver")


def test_a_share_link_opens_the_preview_without_an_account_and_is_never_cached(staff, draft, settings):
    settings.PAGE_CACHE_SECONDS = 300
    link = _share(staff, draft)
    assert link.startswith("/bg/preview/shared/")
    reviewer = Client()
    for _ in range(2):
        response = reviewer.get(link)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "Връзката е споделена с вас" in response.content.decode()
    # The link opens this entry only: its public address stays closed.
    assert reviewer.get(draft.get_absolute_url()).status_code == 404


def test_revoking_closes_every_link_made_before_and_not_those_made_after(staff, draft):
    old = _share(staff, draft)
    response = logged_in(staff.editor).post(f"/admin/civic/newsarticle/{draft.pk}/share/", {"action": "revoke"})
    assert response.status_code == 302
    assert Client().get(old).status_code == 404
    new = _share(staff, draft)
    assert Client().get(new).status_code == 200


def test_a_share_link_expires(staff, draft, settings, monkeypatch):
    settings.PREVIEW_LINK_SECONDS = 3600
    link = share_link_create(obj=draft, by=staff.editor)
    assert share_link_read(link.token).obj == draft
    # An hour and a minute later (the signature's clock and the portal's move together).
    later = timezone.now() + datetime.timedelta(minutes=61)
    monkeypatch.setattr("django.core.signing.time.time", lambda: later.timestamp())
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    assert share_link_read(link.token) is None
    assert Client().get(f"/en/preview/shared/{link.token}/").status_code == 404


def test_forged_and_foreign_tokens_open_nothing(staff, draft):
    link = share_link_create(obj=draft, by=staff.editor)
    forged = link.token[:-2] + ("AA" if not link.token.endswith("AA") else "BB")
    assert share_link_read(forged) is None
    assert share_link_read("not-a-token") is None
    share_links_revoke(obj=draft, by=staff.editor)
    assert share_link_read(link.token) is None


def test_staff_of_another_municipality_cannot_make_or_revoke_share_links(staff, draft):
    for user in (staff.other_editor, staff.other_moderator, staff.outsider):
        client = logged_in(user)
        assert client.get(f"/admin/civic/newsarticle/{draft.pk}/share/").status_code in (302, 403, 404)
        assert client.post(f"/admin/civic/newsarticle/{draft.pk}/share/", {"action": "create"}).status_code in (
            302,
            403,
            404,
        )


def test_the_page_cache_never_serves_a_preview_address(staff, draft, settings):
    """Even an anonymous GET of a preview address is neither looked up in nor stored in the page cache."""
    settings.PAGE_CACHE_SECONDS = 300
    link = _share(staff, draft)
    Client().get(link)
    draft.delete()
    assert Client().get(link).status_code == 404


def test_a_preview_costs_a_few_queries_more_than_the_public_page(staff, draft):
    """The preview is the public page plus the checks of who asks: their groups and membership (scope),
    their permissions (two queries, Django's), and the entry looked up through the admin's scoped rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    editor = logged_in(staff.editor)
    editor.get(preview_path(draft))  # per-process caches (content types) first
    with CaptureQueriesContext(connection) as preview:
        assert editor.get(preview_path(draft)).status_code == 200
    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    with CaptureQueriesContext(connection) as public:
        assert editor.get(draft.get_absolute_url()).status_code == 200
    assert len(preview) <= len(public) + 5


def test_making_and_revoking_share_links_is_in_the_entrys_history(staff, draft):
    editor = logged_in(staff.editor)
    editor.post(f"/admin/civic/newsarticle/{draft.pk}/share/", {"action": "create"})
    logged_in(staff.moderator).post(f"/admin/civic/newsarticle/{draft.pk}/share/", {"action": "revoke"})
    history = editor.get(f"/admin/civic/newsarticle/{draft.pk}/history/", headers={"accept-language": "en"})
    entries = [(entry["revision"].user.username, entry["action"]) for entry in history.context["history_entries"]]
    assert entries[0] == ("moderator-home", "Every share link revoked.")
    assert entries[1][0] == "editor-home"
    # The expiry in the reader's local time and format, never as stored (ISO, UTC).
    assert entries[1][1].startswith("Share link created, valid until ") and "+00:00" not in entries[1][1]
    bulgarian = editor.get(f"/admin/civic/newsarticle/{draft.pk}/history/", headers={"accept-language": "bg"})
    assert "Share link" not in bulgarian.content.decode()
