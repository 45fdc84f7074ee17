from django.urls import reverse

from civic.models import Document, Event, MunicipalService, NewsArticle, Page, Project
from core.models import InformationCentre
from core.sitemaps import PortalSitemap


class CivicListsSitemap(PortalSitemap):
    def items(self):
        return [
            "civic:event-list", "civic:event-archive", "civic:event-calendar", "civic:news-list",
            "civic:service-list", "civic:document-list", "civic:project-list", "civic:page-list",
        ]  # fmt: skip

    def location(self, item):
        return reverse(item)


class PublishedSitemap(PortalSitemap):
    """Only what ``published()`` lets through: nothing scheduled for later."""

    model = None
    lastmod_field = "published_at"

    def items(self):
        return self.model.objects.published().order_by("pk")


class EventSitemap(PublishedSitemap):
    model = Event


class NewsSitemap(PublishedSitemap):
    model = NewsArticle


class ServiceSitemap(PublishedSitemap):
    model = MunicipalService


class DocumentSitemap(PublishedSitemap):
    model = Document


class ProjectSitemap(PublishedSitemap):
    model = Project


class PageSitemap(PublishedSitemap):
    model = Page


class EnquirySitemap(PortalSitemap):
    def items(self):
        return InformationCentre.objects.select_related("municipality").order_by("pk")

    def location(self, item):
        return reverse("civic:enquiry-create", kwargs={"slug": item.municipality.slug})


sitemaps = {
    "civic": CivicListsSitemap,
    "events": EventSitemap,
    "news": NewsSitemap,
    "services": ServiceSitemap,
    "documents": DocumentSitemap,
    "eu-projects": ProjectSitemap,
    "civic-pages": PageSitemap,
    "enquiries": EnquirySitemap,
}
