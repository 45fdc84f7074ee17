import itertools
import json

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.views.generic import DetailView, View

from core.opendata import licensed
from core.views import FilteredListView, PreviewableDetailMixin
from directory import exports
from directory.filters import OrganisationFilterSet
from directory.models import Organisation

# Characters that could end a <script> element or open a comment inside it.
SCRIPT_ESCAPES = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


class FilteredOrganisationsMixin:
    """The published organisations filtered by the query string, shared by the list and its downloads."""

    filterset_class = OrganisationFilterSet

    def get_base_queryset(self):
        return Organisation.objects.published().for_listing()

    def get_filterset(self, queryset=None) -> OrganisationFilterSet:
        if queryset is None:
            queryset = self.get_base_queryset()
        return OrganisationFilterSet(self.request.GET, queryset=queryset, request=self.request)


class OrganisationListView(FilteredOrganisationsMixin, FilteredListView):
    """Every published organisation: 100 numbered pages, then keyset pages (``?after=``) to the end."""

    context_object_name = "organisations"
    paginate_by = 24
    max_pages = 100
    strict = False  # a mistyped value in a shared link still shows the rest of the search

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The filters of this list without its page: a download holds every matching row.
        query = f"?{context['filter_query']}" if context["filter_query"] else ""
        context["result_links"] = [
            ("CSV", reverse("directory:organisation-export-csv") + query, True),
            ("JSON", reverse("directory:organisation-export-json") + query, False),
        ]
        return context


class OrganisationDetailView(PreviewableDetailMixin, DetailView):
    context_object_name = "organisation"

    def get_detail_queryset(self):
        return Organisation.objects.for_detail()

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
        return licensed(response)


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
    """The filtered list as JSON: ``{"licence": {...}, "results": [...], "count": n}``."""

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
