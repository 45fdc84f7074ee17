"""The open data outside the Ninja API: the data page and the DCAT-AP catalogue.

The data page (``/<lang>/data/``) lists every dataset, its downloads, feeds and API
operations, and every field of each, from ``api.datasets``; the catalogue
(``/data/catalog.jsonld``, ``/data/catalog.ttl``) says the same to a harvester.
"""

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext
from django.views.generic import TemplateView

from api.datasets import TYPES, datasets
from api.dcat import catalogue, to_jsonld, to_turtle
from core.opendata import ATTRIBUTION, LICENCE_NAME, LICENCE_URL, licensed


class DataPageView(TemplateView):
    template_name = "api/dataset_list.html"

    def get_context_data(self, **kwargs):
        shown = []
        for dataset in datasets():
            tables = [
                {
                    "title": table.title,
                    "fields": [
                        {
                            "name": each.name,
                            "type": TYPES[each.type],
                            "nullable": each.nullable,
                            "description": each.description,
                            "example": each.example,
                        }
                        for each in table.fields
                    ],
                }
                for table in dataset.tables
            ]
            links = [{"format": each.format, "url": each.path(), "api": each.is_api} for each in dataset.distributions]
            shown.append({"dataset": dataset, "links": links, "tables": tables})
        return super().get_context_data(
            datasets=shown,
            licence_name=LICENCE_NAME,
            licence_url=LICENCE_URL,
            attribution=gettext(ATTRIBUTION),
            **kwargs,
        )


def _catalogue_response(request, body: str, content_type: str) -> HttpResponse:
    # The catalogue holds its texts in all four languages; answered as English, never as
    # sr-latn, whose middleware would write the Cyrillic titles in Latin letters.
    translation.activate("en")
    response = HttpResponse(body, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    return licensed(response)


def _graph(request):
    return catalogue(request.build_absolute_uri("/").rstrip("/"))


def catalogue_jsonld(request):
    """The DCAT-AP 3.0 catalogue as JSON-LD."""
    return _catalogue_response(request, to_jsonld(_graph(request)), "application/ld+json; charset=utf-8")


def catalogue_turtle(request):
    """The DCAT-AP 3.0 catalogue as Turtle."""
    return _catalogue_response(request, to_turtle(_graph(request)), "text/turtle; charset=utf-8")
