"""The data page and the DCAT-AP catalogue: every dataset, every field, harvestable RDF."""

import json
import re
from html import unescape

import icalendar
import pytest
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.compare import isomorphic

from api.datasets import FEED_FIELDS, GEOJSON_FIELDS, ICAL_FIELDS, datasets, schema_fields
from api.resources import RESOURCES, OccurrenceItem
from cooperation import exports as cooperation_exports
from directory import exports as directory_exports

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
LANGUAGES = ("bg", "sr", "sr-latn", "en")
# Addresses of the URLconf that give data to machines: downloads, feeds, calendars, GeoJSON.
DATA_URL_NAME = re.compile(r"(export-csv|export-json|-rss|-atom|-ical-feed|map-data)$")
# A file per event (``/events/<slug>.ics``) is one item of the calendar dataset, not a dataset.
PER_ITEM = {"civic:event-ical"}


def url_names(resolver=None, namespace=""):
    """Every named pattern of the URLconf, with its namespace."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


def page_text(response) -> str:
    return unescape(response.content.decode())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_data_page_documents_every_api_field_and_export_column(client, demo_content, language):
    """Every field of every API schema and every column of the downloads is on the page, with its dataset."""
    response = client.get(f"/{language}/data/")
    assert response.status_code == 200
    text = page_text(response)
    expected = set()
    for resource in RESOURCES:
        expected |= {each.name for each in schema_fields(resource.schema)}
    expected |= {each.name for each in schema_fields(OccurrenceItem)}
    expected |= {column.key for column in directory_exports.COLUMNS}
    expected |= {column.key for column in cooperation_exports.COLUMNS}
    expected |= {each.name for each in (*GEOJSON_FIELDS, *FEED_FIELDS, *ICAL_FIELDS)}
    assert "renditions[].webp" in expected
    missing = {name for name in expected if f'<code lang="en">{name}</code>' not in text}
    assert not missing
    for resource in RESOURCES:
        assert f"/api/v1/{resource.name}" in text
    assert "https://creativecommons.org/licenses/by/4.0/" in text


def test_every_field_has_a_type_a_meaning_and_an_example():
    for dataset in datasets():
        for table in dataset.tables:
            for each in table.fields:
                assert each.description and each.example and each.type, (dataset.key, each.name)


def test_the_data_page_is_in_the_readers_language(client, demo_content):
    """Headings, dataset titles and the meanings of the fields are translated."""
    bulgarian = page_text(client.get("/bg/data/"))
    assert "Отворени данни" in bulgarian and "Фирми и институции" in bulgarian
    assert "Географска ширина по WGS 84, в десетични градуси." in bulgarian
    serbian = page_text(client.get("/sr/data/"))
    assert "Отворени подаци" in serbian
    latin = page_text(client.get("/sr-latn/data/"))
    assert "Otvoreni podaci" in latin
    assert "Open data" in page_text(client.get("/en/data/"))


def test_only_literal_values_are_marked_as_english_code_in_serbian_latin(client, demo_content):
    """In Latin letters a Serbian word is not an API value: "ili" and "cifara" stay text, "company" is code."""
    latin = client.get("/sr-latn/data/").content.decode()
    assert "Bugarski EIK/BULSTAT (9 ili 13 cifara)." in latin
    assert '<code lang="en">ili</code>' not in latin and '<code lang="en">cifara</code>' not in latin
    assert 'Vrsta organizacije: <code lang="en">company</code>' in latin
    cyrillic = client.get("/sr/data/").content.decode()
    latin_codes = re.findall(r'<code lang="en">([^<]*)</code>', latin)
    assert latin_codes == re.findall(r'<code lang="en">([^<]*)</code>', cyrillic)


def test_the_credit_line_is_in_the_readers_language(client, demo_content):
    """The page's credit is translated; the API and the exports keep sending it in English."""
    assert "Община Копривщица (България) и Градска община Медиана, Ниш (Сърбия)" in page_text(client.get("/bg/data/"))
    assert "Opština Koprivštica (Bugarska) i Gradska opština Medijana, Niš (Srbija)" in page_text(
        client.get("/sr-latn/data/")
    )
    licence = client.get("/api/v1/organisations").json()["licence"]
    assert licence["attribution"].startswith("Municipality of Koprivshtitsa")


def test_every_data_address_of_the_urlconf_is_a_distribution_of_a_dataset():
    """A download, feed or calendar added to an app's urls.py must be described (api/datasets.py)."""
    described = {each.url_name for dataset in datasets() for each in dataset.distributions if not each.is_api}
    found = {name for name in url_names() if DATA_URL_NAME.search(name)} - PER_ITEM
    assert found, "the pattern finds the downloads"
    assert found <= described, found - described
    api_lists = {each.resource for dataset in datasets() for each in dataset.distributions if each.is_api}
    assert api_lists == {resource.name for resource in RESOURCES} | {"occurrences"}


def test_the_documented_geojson_ical_and_feed_fields_are_those_served(client, demo_content):
    """The real answers hold no property, calendar property or feed element the page leaves out."""
    geojson = json.loads(client.get("/en/tourism/map.geojson").content)
    served = {key for feature in geojson["features"] for key in feature["properties"]}
    assert served and served <= {each.name for each in GEOJSON_FIELDS}

    calendar = icalendar.Calendar.from_ical(client.get("/en/events/calendar.ics").content)
    documented = {each.name for each in ICAL_FIELDS}
    properties = {name for event in calendar.walk("VEVENT") for name in event}
    assert properties and properties <= documented
    assert calendar.walk("VTIMEZONE")

    names = {part for each in FEED_FIELDS for part in each.name.split(" / ")}
    for path in ("/en/news/rss/", "/en/cooperation/feed/rss/"):
        channel = ElementTree.fromstring(client.get(path).content).find("channel")
        elements = {
            child.tag.replace("{http://purl.org/dc/elements/1.1/}", "dc:")
            for item in channel.findall("item")
            for child in item
        }
        assert elements and elements <= names, elements - names
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring(client.get("/en/news/atom/").content)
    elements = {child.tag.removeprefix(atom) for entry in feed.findall(f"{atom}entry") for child in entry}
    assert elements and elements <= names, elements - names


def test_the_boards_json_download_has_exactly_the_documented_columns(client, demo_content):
    results = client.get("/en/cooperation/export.json").json()["results"]
    assert results
    assert list(results[0]) == [column.key for column in cooperation_exports.COLUMNS]


# --- The DCAT-AP catalogue -------------------------------------------------------------------------


@pytest.fixture
def catalogue_graphs(client, demo_content):
    jsonld = client.get("/data/catalog.jsonld")
    turtle = client.get("/data/catalog.ttl")
    assert jsonld.status_code == turtle.status_code == 200
    assert jsonld["Content-Type"].startswith("application/ld+json")
    assert turtle["Content-Type"].startswith("text/turtle")
    assert 'rel="license"' in jsonld["Link"]
    return (
        Graph().parse(data=jsonld.content, format="json-ld"),
        Graph().parse(data=turtle.content, format="turtle"),
    )


def test_json_ld_and_turtle_give_the_same_graph(catalogue_graphs):
    from_jsonld, from_turtle = catalogue_graphs
    assert len(from_jsonld) > 500
    assert isomorphic(from_jsonld, from_turtle)


def test_the_catalogue_has_what_dcat_ap_3_marks_mandatory(catalogue_graphs):
    graph = catalogue_graphs[0]
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    for prop in (DCT.title, DCT.description, DCT.publisher, DCAT.dataset):
        assert graph.value(catalogue, prop) is not None, prop
    publisher = graph.value(catalogue, DCT.publisher)
    assert "Koprivshtitsa" in str(graph.value(publisher, FOAF.name))
    assert "Medijana" in str(graph.value(publisher, FOAF.name))
    listed = set(graph.objects(catalogue, DCAT.dataset))
    described = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert listed == described
    assert len(described) == len(datasets())
    licence = URIRef("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
    for dataset in described:
        for prop in (DCT.title, DCT.description, DCT.publisher, DCT.accrualPeriodicity, DCAT.distribution):
            assert graph.value(dataset, prop) is not None, (dataset, prop)
        titles = {literal.language for literal in graph.objects(dataset, DCT.title)}
        assert {tag.lower() for tag in titles} == {"bg", "sr-cyrl", "sr-latn", "en"}
        languages = {str(each).rsplit("/", 1)[1] for each in graph.objects(dataset, DCT.language)}
        assert languages == {"BUL", "SRP", "ENG"}
        spatial = {str(each) for each in graph.objects(dataset, DCT.spatial)}
        assert {
            "http://publications.europa.eu/resource/authority/country/BGR",
            "http://publications.europa.eu/resource/authority/country/SRB",
        } <= spatial
        assert len(set(graph.objects(dataset, DCT.creator))) == 2, "both municipalities"
        for distribution in graph.objects(dataset, DCAT.distribution):
            assert (distribution, RDF.type, DCAT.Distribution) in graph
            assert graph.value(distribution, DCAT.accessURL) is not None
            assert graph.value(distribution, DCT.license) == licence


def test_every_address_in_the_catalogue_answers(client, catalogue_graphs):
    """Each distribution's address is served (the API's lists, downloads, feeds, the calendar)."""
    graph = catalogue_graphs[0]
    addresses = {str(each) for each in graph.objects(None, DCAT.accessURL)}
    with translation.override("en"):
        assert f"http://testserver{reverse('directory:organisation-export-csv')}" in addresses
    for address in sorted(addresses):
        path = address.removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("path", ["/en/data/", "/data/catalog.jsonld", "/data/catalog.ttl"])
def test_the_data_page_and_the_catalogue_read_the_database_once(client, demo_content, path, settings):
    """Their size follows the datasets, not the rows: one query (the municipalities, or the navigation)."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    assert len(queries) <= 2
