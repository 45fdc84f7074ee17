import pytest

from tests.civic.factories import (
    DocumentFactory,
    EventFactory,
    MunicipalServiceFactory,
    NewsArticleFactory,
    PageFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


def test_every_page_renders(client):
    event = EventFactory()
    news = NewsArticleFactory()
    service = MunicipalServiceFactory()
    document = DocumentFactory()
    partner = PartnerFactory()
    page = PageFactory()
    from tests.portal.factories import InformationCentreFactory

    centre = InformationCentreFactory()
    for url in [
        "/en/events/",
        "/en/events/archive/",
        "/en/events/calendar/",
        "/en/events/calendar.ics",
        event.get_absolute_url(),
        event.get_ical_url(),
        "/en/news/",
        news.get_absolute_url(),
        "/en/news/rss/",
        "/en/news/atom/",
        "/en/services/",
        service.get_absolute_url(),
        "/en/documents/",
        document.get_absolute_url(),
        "/en/eu-projects/",
        partner.project.get_absolute_url(),
        "/en/pages/",
        page.get_absolute_url(),
        f"/en/ask/{centre.municipality.slug}/",
        "/en/directions/administration-and-social-life/",
        "/en/directions/culture/",
        "/sitemap.xml",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
