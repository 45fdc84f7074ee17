"""News, municipal services, documents, EU projects and staff-edited pages: filtered lists and detail pages."""

import mimetypes

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from civic.filters import DocumentFilter, NewsFilter, ProjectFilter, ServiceFilter
from civic.models import Document, MunicipalService, NewsArticle, Page, Project
from core.opendata import ATTRIBUTION
from core.structured_data import (
    CollectionStructuredDataMixin,
    StructuredDataMixin,
    area,
    authority,
    known,
    postal_address,
    thing,
)
from core.views import FilteredListView, PreviewableDetailMixin


def publisher(municipality) -> dict:
    """Who published it: its municipality, or both (the portal's own)."""
    return authority(municipality) if municipality else {"@type": "Organization", "name": ATTRIBUTION}


class NewsListView(FilteredListView):
    filterset_class = NewsFilter
    template_name = "civic/newsarticle_list.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_base_queryset(self):
        return NewsArticle.objects.published().for_listing().latest()


class NewsDetailView(StructuredDataMixin, PreviewableDetailMixin, DetailView):
    context_object_name = "article"
    template_name = "civic/newsarticle_detail.html"

    def get_detail_queryset(self):
        return NewsArticle.objects.for_listing()

    def structured_data(self, article, *, url):
        image = self.request.build_absolute_uri(article.image.url) if article.image else None
        return thing(
            "NewsArticle",
            url=url,
            headline=article.title[:110],
            description=article.lead,
            datePublished=article.published_at.isoformat() if article.published_at else None,
            image=[image] if image else None,
            author=publisher(article.municipality),
            publisher=publisher(article.municipality),
            mainEntityOfPage=url,
        )


class ServiceListView(FilteredListView):
    filterset_class = ServiceFilter
    template_name = "civic/municipalservice_list.html"
    context_object_name = "services"
    paginate_by = 30

    def get_base_queryset(self):
        return MunicipalService.objects.published().for_listing()


class ServiceDetailView(StructuredDataMixin, PreviewableDetailMixin, DetailView):
    context_object_name = "service"
    template_name = "civic/municipalservice_detail.html"

    def get_detail_queryset(self):
        return MunicipalService.objects.for_detail()

    def structured_data(self, service, *, url):
        municipality = service.municipality
        data = thing(
            "GovernmentService",
            url=url,
            name=service.title,
            description=service.summary,
            provider=authority(municipality),
            areaServed=area(municipality),
            audience={"@type": "Audience", "audienceType": service.eligibility} if service.eligibility else None,
        )
        if service.is_free or service.fee is not None:
            data["offers"] = {
                "@type": "Offer",
                "price": 0 if service.is_free else service.fee,
                "priceCurrency": service.fee_currency or municipality.currency,
            }
        if service.online_url:
            data["availableChannel"] = {"@type": "ServiceChannel", "serviceUrl": service.online_url}
        elif service.office:
            data["availableChannel"] = {
                "@type": "ServiceChannel",
                "serviceLocation": {
                    "@type": "Place",
                    "name": service.office,
                    "address": postal_address(municipality),
                },
            }
        return data


class DocumentListView(FilteredListView):
    filterset_class = DocumentFilter
    template_name = "civic/document_list.html"
    context_object_name = "documents"

    def get_base_queryset(self):
        return Document.objects.published().for_listing()


class DocumentDetailView(StructuredDataMixin, PreviewableDetailMixin, DetailView):
    context_object_name = "document"

    def get_detail_queryset(self):
        return Document.objects.for_listing()

    def structured_data(self, document, *, url):
        media_type, _encoding = mimetypes.guess_type(document.file.name)
        return thing(
            "DigitalDocument",
            url=url,
            name=document.title,
            description=document.description,
            inLanguage=document.language,
            dateCreated=document.document_date.isoformat() if document.document_date else None,
            datePublished=document.published_at.isoformat() if document.published_at else None,
            encodingFormat=media_type,
            publisher=publisher(document.municipality),
            associatedMedia=known(
                **{"@type": "MediaObject"},
                contentUrl=self.request.build_absolute_uri(document.file.url),
                encodingFormat=media_type,
                contentSize=f"{document.file_size} B" if document.file_size else None,
            ),
        )


class ProjectListView(FilteredListView):
    filterset_class = ProjectFilter
    template_name = "civic/project_list.html"
    context_object_name = "projects"

    def get_base_queryset(self):
        return Project.objects.published().for_listing()


class ProjectDetailView(StructuredDataMixin, PreviewableDetailMixin, DetailView):
    context_object_name = "project"

    def structured_data(self, project, *, url):
        return thing(
            "Project",
            url=url,
            name=project.title,
            alternateName=project.acronym,
            identifier=project.code,
            description=project.summary,
            sameAs=project.website,
            funder={"@type": "Organization", "name": project.programme.name} if project.programme_id else None,
            member=[authority(municipality) for municipality in project.municipalities.all()],
            foundingDate=project.starts_on.isoformat() if project.starts_on else None,
            dissolutionDate=project.ends_on.isoformat() if project.ends_on else None,
        )

    def get_detail_queryset(self):
        documents = Document.objects.published().select_related("municipality")
        return Project.objects.for_detail().prefetch_related(Prefetch("documents", queryset=documents))


class PageListView(CollectionStructuredDataMixin, ListView):
    context_object_name = "pages"

    def get_queryset(self):
        return Page.objects.published().for_listing()


class PageDetailView(PreviewableDetailMixin, DetailView):
    context_object_name = "page"

    def get_detail_queryset(self):
        return Page.objects.select_related("municipality")
