"""Every kind of content is found once published, and never before or after.

Drafts, archived entries, hidden albums and civic items scheduled for later
are never found; content unpublished after it was found (admin form, bulk
action, service) disappears at once; deleted content too.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation
from reversion.models import Version

from civic.services import news_article_save
from core.models import PublicationStatus
from directory.services import organisation_update
from search import registry
from search.models import SearchEntry
from tests.civic.factories import (
    DocumentFactory,
    EventFactory,
    MunicipalServiceFactory,
    NewsArticleFactory,
    PageFactory,
    ProjectFactory,
)
from tests.directory.factories import OrganisationFactory
from tests.media_library.factories import AlbumFactory
from tests.portal.admin_forms import change_form_data, changelist_form_data
from tests.tourism.factories import RouteFactory, SightFactory

pytestmark = pytest.mark.django_db

WORD = "Zlatoustov"
DRAFT = {"status": "draft"}
LATER = {"published_at": timezone.now() + timedelta(days=2)}

# kind: (factory, title field, hidden states, change that unpublishes it in the admin form)
CONTENT = {
    "organisation": (OrganisationFactory, "name", {"draft": DRAFT, "archived": {"status": "archived"}}, DRAFT),
    "sight": (SightFactory, "name", {"draft": DRAFT, "scheduled": LATER}, DRAFT),
    "route": (RouteFactory, "name", {"draft": DRAFT, "scheduled": LATER}, DRAFT),
    "event": (EventFactory, "title", {"draft": DRAFT, "scheduled": LATER}, DRAFT),
    "news": (NewsArticleFactory, "title", {"draft": DRAFT, "scheduled": LATER}, DRAFT),
    "service": (MunicipalServiceFactory, "title", {"draft": DRAFT, "scheduled": LATER}, DRAFT),
    "document": (DocumentFactory, "title", {"draft": DRAFT, "scheduled": LATER}, DRAFT),
    "project": (ProjectFactory, "title", {"draft": DRAFT, "scheduled": LATER}, DRAFT),
    "page": (PageFactory, "title", {"draft": DRAFT, "scheduled": LATER}, DRAFT),
    "album": (AlbumFactory, "title", {"draft": DRAFT, "scheduled": LATER}, DRAFT),
}
HIDDEN = [(kind, state) for kind, (_, _, states, _) in CONTENT.items() for state in states]


def make(kind: str, title: str = WORD, **fields):
    factory, title_field, _, _ = CONTENT[kind]
    return factory(**{f"{title_field}_en": f"{title} {kind}", f"{title_field}_bg": f"Златоустов {kind}", **fields})


def found(query: str = WORD) -> list[tuple[str, int]]:
    return [(entry.kind, entry.object_id) for entry in SearchEntry.objects.results(query, limit=100)]


def test_every_kind_of_content_is_registered():
    assert set(registry.kind_labels()) == {*CONTENT, "municipality", "information-centre", "cooperation"}


@pytest.mark.parametrize("kind", CONTENT)
def test_published_content_is_found_in_both_scripts(client, kind):
    item = make(kind)
    assert found() == [(kind, item.pk)]
    assert found("Златоуст") == [(kind, item.pk)]
    html = client.get("/en/search/", {"q": WORD}).content.decode()
    with translation.override("en"):
        assert f'href="{item.get_absolute_url()}"' in html


@pytest.mark.parametrize(("kind", "state"), HIDDEN, ids=[f"{kind}-{state}" for kind, state in HIDDEN])
def test_unpublished_content_is_never_found(client, kind, state):
    make(kind, **CONTENT[kind][2][state])
    assert found() == []
    assert found("Златоуст") == []
    assert "0 results" in client.get("/en/search/", {"q": WORD}).content.decode()


@pytest.fixture
def superuser_client(staff):
    client = Client()
    client.force_login(staff.superuser)
    return client


def admin_url(item, action: str = "change") -> str:
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/{action}/"


@pytest.mark.parametrize("kind", CONTENT)
def test_content_unpublished_in_the_admin_disappears_and_comes_back_when_published_again(superuser_client, kind):
    item = make(kind)
    assert found() == [(kind, item.pk)]
    unpublish = CONTENT[kind][3]
    data = change_form_data(superuser_client.get(admin_url(item)), **unpublish)
    for name in [name for name, value in unpublish.items() if value is None]:
        del data[name]  # an unticked checkbox is not sent
    response = superuser_client.post(admin_url(item), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert found() == []
    published = {"status": "published"}
    data = change_form_data(superuser_client.get(admin_url(item)), **published)
    assert superuser_client.post(admin_url(item), data).status_code == 302
    assert found() == [(kind, item.pk)]


@pytest.mark.parametrize("kind", CONTENT)
def test_content_deleted_in_the_admin_is_no_longer_found(superuser_client, kind):
    item = make(kind)
    response = superuser_client.post(admin_url(item, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert found() == []
    assert not SearchEntry.objects.filter(kind=kind).exists()


@pytest.mark.parametrize(
    ("kind", "action", "status"),
    [
        ("organisation", "archive", PublicationStatus.ARCHIVED),
        ("sight", "unpublish", PublicationStatus.DRAFT),
        ("route", "unpublish", PublicationStatus.DRAFT),
    ],
)
def test_bulk_actions_keep_the_index_current(superuser_client, kind, action, status):
    items = [make(kind, title=f"{WORD} {number}") for number in range(3)]
    model = type(items[0])
    changelist = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    # From the list filtered to published entries, which no longer holds them once the action has run.
    response = superuser_client.post(
        f"{changelist}?status__exact=published", {"action": action, "_selected_action": [items[0].pk, items[1].pk]}
    )
    assert response.status_code == 302
    assert found() == [(kind, items[2].pk)]
    assert model.objects.get(pk=items[0].pk).status == status
    superuser_client.post(changelist, {"action": "publish", "_selected_action": [items[0].pk]})
    assert sorted(found()) == sorted([(kind, items[0].pk), (kind, items[2].pk)])


def test_an_album_hidden_from_the_list_is_no_longer_found(superuser_client):
    album = make("album")
    page = superuser_client.get("/admin/media_library/album/")
    data = changelist_form_data(page, {album.pk: {"status": "draft"}})
    assert superuser_client.post("/admin/media_library/album/", data).status_code == 302
    assert found() == []


def test_scheduled_content_is_found_from_its_publication_time(monkeypatch):
    publication = timezone.now() + timedelta(hours=3)
    article = make("news", published_at=publication)
    event = make("event", published_at=publication)
    assert found() == []
    later = publication + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert sorted(found()) == sorted([("news", article.pk), ("event", event.pk)])


def test_services_keep_the_index_current():
    organisation = make("organisation")
    organisation_update(organisation=organisation, name_en="Renamed", name_bg="Преименувана")
    assert found() == []
    assert found("Преименувана") == [("organisation", organisation.pk)]
    organisation_update(organisation=organisation, status=PublicationStatus.ARCHIVED)
    assert found("Renamed") == []
    article = make("news")
    article.status = PublicationStatus.DRAFT
    news_article_save(article=article)
    assert found() == []


def test_rich_text_is_indexed_and_shown_without_its_markup(client):
    article = make("news", body_en="<p>The <strong>Kableshkov</strong>&nbsp;bridge</p>", lead_en="<b>Lead</b> text")
    assert found("Kableshkov bridge") == [("news", article.pk)]
    assert not SearchEntry.objects.matching("strong").exists()
    entry = SearchEntry.objects.get(kind="news")
    assert entry.summary_en == "Lead text"


def test_reverting_to_a_published_version_in_the_history_makes_it_found_again(superuser_client):
    sight = make("sight")
    for status in ("published", "draft"):  # two revisions through the admin
        data = change_form_data(superuser_client.get(admin_url(sight)), status=status)
        assert superuser_client.post(admin_url(sight), data).status_code == 302
    assert found() == []
    published = Version.objects.get_for_object(sight).order_by("pk").first()
    url = admin_url(sight, f"history/{published.pk}")
    data = change_form_data(superuser_client.get(url))
    assert data["status"] == "published"
    assert superuser_client.post(url, data).status_code == 302
    assert found() == [("sight", sight.pk)]
