"""News, municipal services, documents, EU projects and staff-edited pages: filtered lists and detail pages."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from civic.filters import DocumentFilter, NewsFilter, ProjectFilter, ServiceFilter
from civic.models import Document, MunicipalService, NewsArticle, Page, Project
from core.views import FilteredListView, PreviewableDetailMixin


class NewsListView(FilteredListView):
    filterset_class = NewsFilter
    template_name = "civic/newsarticle_list.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_base_queryset(self):
        return NewsArticle.objects.published().for_listing().latest()


class NewsDetailView(PreviewableDetailMixin, DetailView):
    context_object_name = "article"
    template_name = "civic/newsarticle_detail.html"

    def get_detail_queryset(self):
        return NewsArticle.objects.for_listing()


class ServiceListView(FilteredListView):
    filterset_class = ServiceFilter
    template_name = "civic/municipalservice_list.html"
    context_object_name = "services"
    paginate_by = 30

    def get_base_queryset(self):
        return MunicipalService.objects.published().for_listing()


class ServiceDetailView(PreviewableDetailMixin, DetailView):
    context_object_name = "service"
    template_name = "civic/municipalservice_detail.html"

    def get_detail_queryset(self):
        return MunicipalService.objects.for_detail()


class DocumentListView(FilteredListView):
    filterset_class = DocumentFilter
    template_name = "civic/document_list.html"
    context_object_name = "documents"

    def get_base_queryset(self):
        return Document.objects.published().for_listing()


class DocumentDetailView(PreviewableDetailMixin, DetailView):
    context_object_name = "document"

    def get_detail_queryset(self):
        return Document.objects.for_listing()


class ProjectListView(FilteredListView):
    filterset_class = ProjectFilter
    template_name = "civic/project_list.html"
    context_object_name = "projects"

    def get_base_queryset(self):
        return Project.objects.published().for_listing()


class ProjectDetailView(PreviewableDetailMixin, DetailView):
    context_object_name = "project"

    def get_detail_queryset(self):
        documents = Document.objects.published().select_related("municipality")
        return Project.objects.for_detail().prefetch_related(Prefetch("documents", queryset=documents))


class PageListView(ListView):
    context_object_name = "pages"

    def get_queryset(self):
        return Page.objects.published().for_listing()


class PageDetailView(PreviewableDetailMixin, DetailView):
    context_object_name = "page"

    def get_detail_queryset(self):
        return Page.objects.select_related("municipality")
