import itertools
import json

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, View

from directory import exports
from directory.filters import OrganisationFilterSet
from directory.models import Organisation

# Characters that could end a <script> element or open a comment inside it.
SCRIPT_ESCAPES = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


class FilteredOrganisationsMixin:
    """The published organisations filtered by the query string, shared by the list and its downloads."""

    def get_filterset(self, queryset=None) -> OrganisationFilterSet:
        if queryset is None:
            queryset = Organisation.objects.published().for_listing()
        return OrganisationFilterSet(self.request.GET, queryset=queryset, request=self.request)


class CappedPaginator(Paginator):
    """Pages of a list whose length is known already, up to ``max_pages``.

    A page far into a list of 100,000 rows costs the database an OFFSET scan
    of every row before it; readers narrow the list with the filters long
    before that, so pages stop at ``max_pages`` (the count still says how
    many match).
    """

    def __init__(self, object_list, per_page, *, count: int, max_pages: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.total = count
        self.max_pages = max_pages

    @cached_property
    def count(self) -> int:
        return min(self.total, self.per_page * self.max_pages)

    @property
    def capped(self) -> bool:
        return self.total > self.count

    def page(self, number):
        """The page's rows, found by their ids first: the skipped rows are read from an index only."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list.filter(pk__in=self.object_list.values("pk")[bottom:top])
        return self._get_page(rows, number, self)


class OrganisationListView(FilteredOrganisationsMixin, ListView):
    context_object_name = "organisations"
    paginate_by = 24
    max_pages = 100

    def get_queryset(self):
        self.filterset = self.get_filterset()
        return self.filterset.qs

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return CappedPaginator(
            queryset,
            per_page,
            count=self.filterset.count,
            max_pages=self.max_pages,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filter=self.filterset,
            facets=self.filterset.facets(),
            result_count=self.filterset.count,
            export_query=self._export_query(),
        )
        return context

    def _export_query(self) -> str:
        """The filters of this list without its page: a download holds every matching row."""
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        return query.urlencode()


class OrganisationDetailView(DetailView):
    queryset = Organisation.objects.published().for_detail()
    context_object_name = "organisation"

    def get_context_data(self, **kwargs):
        organisation = self.object
        url = self.request.build_absolute_uri(organisation.get_absolute_url())
        logo_url = self.request.build_absolute_uri(organisation.logo.url) if organisation.logo else ""
        return super().get_context_data(
            json_ld=json.dumps(schema_org(organisation, url=url, logo_url=logo_url), ensure_ascii=False).translate(
                SCRIPT_ESCAPES
            ),
            page_url=url,
            logo_url=logo_url,
            og_locale=get_language().replace("-", "_"),
            # The page links to the contact form instead of holding it: a form posts with a CSRF
            # token, and a page with a token could not be served from the anonymous page cache.
            contactable=bool(organisation.contact_address),
            **kwargs,
        )


def schema_org(organisation: Organisation, *, url: str, logo_url: str = "") -> dict:
    """The organisation as schema.org JSON-LD: only what is public and known."""
    data = {"@context": "https://schema.org", "@type": organisation.schema_org_type, "@id": url, "url": url}
    data["name"] = organisation.name
    optional = {
        "description": organisation.description,
        "email": organisation.email,
        "logo": logo_url,
        "foundingDate": str(organisation.founded_year) if organisation.founded_year else "",
        "vatID": organisation.vat_number or organisation.pib,
        "taxID": organisation.pib or organisation.eik,
        "isicV4": organisation.nace_division if organisation.nace_revision == "2" else "",
    }
    data.update({key: value for key, value in optional.items() if value})
    if organisation.phones:
        data["telephone"] = organisation.phones[0]
    same_as = [link for link in [organisation.website, *organisation.social_links] if link]
    if same_as:
        data["sameAs"] = same_as
    if organisation.languages:
        data["knowsLanguage"] = organisation.languages
    address = {
        "streetAddress": organisation.street_address,
        "addressLocality": organisation.settlement,
        "postalCode": organisation.postal_code,
    }
    address = {key: value for key, value in address.items() if value}
    data["address"] = {"@type": "PostalAddress", **address, "addressCountry": organisation.municipality.country}
    if organisation.has_location:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(organisation.latitude),
            "longitude": float(organisation.longitude),
        }
    return data


class OrganisationExportMixin(FilteredOrganisationsMixin):
    """The filtered list as a download, streamed: rows are read from a server-side cursor and sent
    as they are written, so the first byte leaves at once and memory stays flat at any size."""

    def organisations(self):
        return self.filterset().qs.iterator(chunk_size=2000)

    def filterset(self):
        return self.get_filterset(Organisation.objects.published().for_export())

    def filename(self, extension: str) -> str:
        return f"most-directory-{get_language()}.{extension}"

    def streamed(self, pieces, *, content_type: str, disposition: str) -> StreamingHttpResponse:
        response = StreamingHttpResponse(in_language(get_language(), pieces), content_type=content_type)
        response["Content-Disposition"] = disposition
        return response


class OrganisationCsvView(OrganisationExportMixin, View):
    """The filtered list as CSV (UTF-8 with a byte-order mark, so that spreadsheets read the letters right)."""

    def get(self, request, *args, **kwargs):
        pieces = itertools.chain(["\ufeff"], exports.csv_pieces(self.organisations()))
        return self.streamed(
            pieces,
            content_type="text/csv; charset=utf-8",
            disposition=f'attachment; filename="{self.filename("csv")}"',
        )


class OrganisationJsonView(OrganisationExportMixin, View):
    """The filtered list as JSON: ``{"results": [...], "count": n}``."""

    def get(self, request, *args, **kwargs):
        return self.streamed(
            exports.json_pieces(self.organisations()),
            content_type="application/json",
            disposition=f'inline; filename="{self.filename("json")}"',
        )


def in_language(language: str, pieces):
    """The pieces, rendered in the request's language even though the server reads them after the view returned."""
    with translation.override(language):
        yield from pieces
