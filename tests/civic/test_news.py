import feedparser
import pytest
from django.forms import modelform_factory

from civic.forms import NewsArticleAdminForm, PageAdminForm
from civic.models import NewsArticle, Page
from civic.richtext import sanitise_html
from civic.services import news_article_save
from tests.civic.factories import NewsArticleFactory

pytestmark = pytest.mark.django_db

DIRTY = (
    '<h2 onclick="steal()">Heading</h2><p style="color:red">Some <strong>bold</strong> and <em>italic</em> '
    '<a href="https://example.org" onmouseover="x()">link</a> <a href="javascript:alert(1)">bad</a></p>'
    "<script>alert('x')</script><img src=x onerror=alert(1)><ul><li>one</li></ul><blockquote>quote</blockquote>"
    '<iframe src="https://evil.example"></iframe>'
)


def test_sanitising_removes_scripts_and_event_handlers_but_keeps_formatting():
    clean = sanitise_html(DIRTY)
    for gone in ("<script", "alert", "onclick", "onmouseover", "onerror", "javascript:", "style=", "<img", "<iframe"):
        assert gone not in clean
    for kept in (
        "<h2>Heading</h2>",
        "<strong>bold</strong>",
        "<em>italic</em>",
        'href="https://example.org"',
        "<li>one</li>",
        "<blockquote>quote</blockquote>",
    ):
        assert kept in clean


def test_the_admin_forms_sanitise_rich_text_in_every_language():
    from tests.portal.factories import MunicipalityFactory

    data = {
        "title_bg": "Заглавие", "slug": "article", "lead_bg": "Увод", "body_bg": DIRTY, "body_en": DIRTY,
        "status": "published", "published_at": "2020-01-01 00:00", "municipality": MunicipalityFactory().pk,
    }  # fmt: skip
    form = modelform_factory(NewsArticle, form=NewsArticleAdminForm, fields=list(data))(data)
    assert form.is_valid(), form.errors
    article = form.save()
    assert "<script" not in article.body_bg and "<strong>bold</strong>" in article.body_bg
    assert "onclick" not in article.body_en
    page_data = {
        "kind": "about",
        "slug": "about",
        "title_bg": "За нас",
        "body_bg": DIRTY,
        "status": "draft",
        "published_at": "2020-01-01 00:00",
    }
    page_form = modelform_factory(Page, form=PageAdminForm, fields=list(page_data))(page_data)
    assert page_form.is_valid(), page_form.errors
    assert "<script" not in page_form.save().body_bg


def test_the_service_sanitises_before_saving_and_pages_render_clean_html(client):
    article = NewsArticleFactory.build(municipality=NewsArticleFactory().municipality, direction=None, body_en=DIRTY)
    news_article_save(article=article)
    article.refresh_from_db()
    assert "<script" not in article.body_en
    html = client.get(f"/en/news/{article.slug}/").content.decode()
    assert "<strong>bold</strong>" in html and "alert(" not in html


def test_rss_and_atom_feeds_parse_and_link_back_in_the_language_of_the_url(client):
    articles = [NewsArticleFactory() for _ in range(3)]
    for path, version in (("/en/news/rss/", "rss20"), ("/en/news/atom/", "atom10")):
        response = client.get(path)
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == version
        assert feed.feed.language == "en"
        assert {entry.link for entry in feed.entries} == {f"http://testserver/en/news/{a.slug}/" for a in articles}
        assert {entry.title for entry in feed.entries} == {a.title_en for a in articles}
    bulgarian = feedparser.parse(client.get("/bg/news/rss/").content)
    assert bulgarian.feed.language == "bg"
    assert {entry.title for entry in bulgarian.entries} == {a.title_bg for a in articles}


def test_the_serbian_latin_feeds_are_in_latin_letters(client, cyrillic_free):
    NewsArticleFactory(title_sr="Вести из Ниша", lead_sr="Ћеле кула и Медијана.")
    for path in ("/sr-latn/news/rss/", "/sr-latn/news/atom/"):
        response = client.get(path)
        text = response.content.decode()
        cyrillic_free(text, path)
        feed = feedparser.parse(response.content)
        assert not feed.bozo
        assert feed.entries[0].title == "Vesti iz Niša"


def test_feeds_honour_municipality_and_direction_filters(client):
    kept = NewsArticleFactory()
    NewsArticleFactory()
    feed = feedparser.parse(client.get(f"/en/news/rss/?municipality={kept.municipality.slug}").content)
    assert [entry.title for entry in feed.entries] == [kept.title_en]
    assert feedparser.parse(client.get("/en/news/atom/?direction=business").content).entries == []
