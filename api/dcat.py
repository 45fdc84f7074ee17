"""The DCAT-AP 3.0 catalogue of the portal's open data, written as JSON-LD and as Turtle.

National portals (data.egov.bg, data.gov.rs) and data.europa.eu harvest a DCAT-AP
catalogue: each dataset of ``api.datasets`` with its distributions, publisher,
licence, update frequency, languages and spatial coverage, in the controlled
vocabularies DCAT-AP asks for (the EU's authority tables, IANA media types).

The graph is built once, as plain triples, and each format is a small writer of
those triples: no RDF library is needed to serve it, and the two formats cannot say
different things (a test parses both with rdflib and compares the graphs).
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from api.datasets import Dataset, Distribution, datasets
from core.models import Municipality
from core.opendata import ATTRIBUTION
from core.transliteration import to_latin

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "gsp": "http://www.opengis.net/ont/geosparql#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
AUTHORITY = "http://publications.europa.eu/resource/authority/"
LICENCE = AUTHORITY + "licence/CC_BY_4_0"
LANGUAGES = [AUTHORITY + "language/" + code for code in ("BUL", "SRP", "ENG")]
COUNTRIES = {"BG": AUTHORITY + "country/BGR", "RS": AUTHORITY + "country/SRB"}
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
OPENAPI_3_1 = "https://spec.openapis.org/oas/v3.1.0"
# The language tags of the texts: Django's "sr" is Serbian in Cyrillic.
TEXT_LANGUAGES = {"bg": "bg", "sr": "sr-Cyrl", "sr-latn": "sr-Latn", "en": "en"}
LANGUAGE_NAMES = {"bg": "български", "sr": "српски", "sr-latn": "srpski", "en": "English"}


class IRI(str):
    """An IRI, as an object of a triple."""


@dataclass(frozen=True)
class Literal:
    value: str
    language: str | None = None
    datatype: str | None = None


def expand(curie: str) -> str:
    prefix, _colon, name = curie.partition(":")
    return PREFIXES[prefix] + name


class Graph:
    """Triples grouped by subject, in the order they were added; predicates are CURIEs of ``PREFIXES``."""

    def __init__(self):
        self.subjects: dict[str, list[tuple[str, object]]] = {}

    def add(self, subject: str, predicate: str, obj) -> None:
        self.subjects.setdefault(subject, []).append((predicate, obj))

    def texts(self, subject: str, predicate: str, texts: dict[str, str]) -> None:
        for language, text in texts.items():
            self.add(subject, predicate, Literal(text, language=TEXT_LANGUAGES[language]))


def in_languages(make) -> dict[str, str]:
    """``make()`` in each of the portal's languages; Serbian Latin is the Serbian text transliterated."""
    texts = {}
    for language in ("bg", "sr", "en"):
        with translation.override(language):
            texts[language] = str(make())
    texts["sr-latn"] = to_latin(texts["sr"])
    return {language: texts[language] for language in TEXT_LANGUAGES}


def catalogue(root: str) -> Graph:
    """The catalogue of the site at ``root`` (scheme and host, no trailing slash)."""
    graph = Graph()
    base = f"{root}/data/#"
    catalogue_iri, publisher, service = base + "catalog", base + "publisher", base + "api"
    municipalities = list(Municipality.objects.order_by("order", "pk"))

    graph.add(catalogue_iri, "rdf:type", IRI(expand("dcat:Catalog")))
    graph.texts(catalogue_iri, "dct:title", in_languages(lambda: translation.gettext("Most: open data")))
    graph.texts(
        catalogue_iri,
        "dct:description",
        in_languages(
            lambda: translation.gettext(
                "Open data of the cross-border portal of the Municipality of Koprivshtitsa (Bulgaria) and the "
                "City Municipality of Medijana, Niš (Serbia): organisations, tourism, events, news, services, "
                "documents and cooperation."
            )
        ),
    )
    graph.add(catalogue_iri, "dct:publisher", IRI(publisher))
    graph.add(catalogue_iri, "dct:license", IRI(LICENCE))
    graph.add(catalogue_iri, "foaf:homepage", IRI(f"{root}/"))
    for language in LANGUAGES:
        graph.add(catalogue_iri, "dct:language", IRI(language))
    for country in sorted({m.country for m in municipalities}):
        graph.add(catalogue_iri, "dct:spatial", IRI(COUNTRIES[country]))
    graph.add(catalogue_iri, "dcat:service", IRI(service))

    graph.add(publisher, "rdf:type", IRI(expand("foaf:Organization")))
    graph.add(publisher, "foaf:name", Literal(ATTRIBUTION, language="en"))
    graph.add(publisher, "dct:type", IRI(LOCAL_AUTHORITY))
    agents = {}
    for municipality in municipalities:
        agent = agents[municipality.slug] = base + municipality.slug
        graph.add(agent, "rdf:type", IRI(expand("foaf:Organization")))
        graph.texts(agent, "foaf:name", in_languages(lambda m=municipality: m.name))
        graph.add(agent, "dct:type", IRI(LOCAL_AUTHORITY))
        if municipality.website:
            graph.add(agent, "foaf:homepage", IRI(municipality.website))
        area = base + f"area-{municipality.slug}"
        graph.add(area, "rdf:type", IRI(expand("dct:Location")))
        graph.texts(area, "locn:geographicName", in_languages(lambda m=municipality: m.name))
        if municipality.latitude is not None:
            point = f"POINT({municipality.longitude} {municipality.latitude})"
            graph.add(area, "dcat:centroid", Literal(point, datatype=expand("gsp:wktLiteral")))

    graph.add(service, "rdf:type", IRI(expand("dcat:DataService")))
    graph.texts(service, "dct:title", in_languages(lambda: translation.gettext("Most open data API")))
    graph.add(service, "dcat:endpointURL", IRI(f"{root}/api/v1/"))
    graph.add(service, "dcat:endpointDescription", IRI(f"{root}/api/v1/openapi.json"))
    graph.add(service, "dct:conformsTo", IRI(OPENAPI_3_1))
    graph.add(service, "dct:license", IRI(LICENCE))
    graph.add(service, "dct:publisher", IRI(publisher))

    for dataset in datasets():
        iri = base + dataset.key
        graph.add(catalogue_iri, "dcat:dataset", IRI(iri))
        if any(each.is_api for each in dataset.distributions):
            graph.add(service, "dcat:servesDataset", IRI(iri))
        add_dataset(graph, dataset, iri, root=root, publisher=publisher, agents=agents, municipalities=municipalities)
    return graph


def add_dataset(graph: Graph, dataset: Dataset, iri: str, *, root, publisher, agents, municipalities) -> None:
    graph.add(iri, "rdf:type", IRI(expand("dcat:Dataset")))
    graph.texts(iri, "dct:title", in_languages(lambda: dataset.title))
    graph.texts(iri, "dct:description", in_languages(lambda: dataset.description))
    graph.add(iri, "dct:identifier", Literal(dataset.key))
    graph.add(iri, "dct:publisher", IRI(publisher))
    for agent in agents.values():
        graph.add(iri, "dct:creator", IRI(agent))
    graph.add(iri, "dct:accrualPeriodicity", IRI(AUTHORITY + "frequency/" + dataset.frequency))
    graph.add(iri, "dcat:theme", IRI(AUTHORITY + "data-theme/" + dataset.theme))
    for language in LANGUAGES:
        graph.add(iri, "dct:language", IRI(language))
    for country in sorted({m.country for m in municipalities}):
        graph.add(iri, "dct:spatial", IRI(COUNTRIES[country]))
    for municipality in municipalities:
        graph.add(iri, "dct:spatial", IRI(f"{root}/data/#area-{municipality.slug}"))
    graph.add(iri, "dcat:landingPage", IRI(f"{root}/{settings.LANGUAGE_CODE}/data/#{dataset.key}"))
    for distribution in dataset.distributions:
        for language, address in distribution_addresses(distribution, root):
            slug = distribution.format.lower().replace(" ", "-").replace(".", "")
            node = f"{root}/data/#{dataset.key}-{slug}" + (f"-{language}" if language else "")
            graph.add(iri, "dcat:distribution", IRI(node))
            add_distribution(graph, distribution, node, address, language, root=root)


def distribution_addresses(distribution: Distribution, root: str) -> list[tuple[str | None, str]]:
    """(language, address) of each file of a distribution: one per language when its texts are."""
    if not distribution.per_language:
        return [(None, root + distribution.path())]
    addresses = []
    for language in TEXT_LANGUAGES:
        with translation.override(language):
            addresses.append((language, root + distribution.path()))
    return addresses


def add_distribution(graph: Graph, distribution: Distribution, node: str, address: str, language, *, root) -> None:
    graph.add(node, "rdf:type", IRI(expand("dcat:Distribution")))
    if language:
        title = dict.fromkeys(TEXT_LANGUAGES, f"{distribution.format} ({LANGUAGE_NAMES[language]})")
        graph.texts(node, "dct:title", title)
    else:
        graph.texts(node, "dct:title", dict.fromkeys(TEXT_LANGUAGES, f"{distribution.format}: {address}"))
    graph.add(node, "dcat:accessURL", IRI(address))
    if distribution.is_api:
        graph.add(node, "dcat:accessService", IRI(f"{root}/data/#api"))
        for each in LANGUAGES:
            graph.add(node, "dct:language", IRI(each))
    else:
        graph.add(node, "dcat:downloadURL", IRI(address))
        graph.add(node, "dct:language", IRI(LANGUAGES[{"bg": 0, "sr": 1, "sr-latn": 1, "en": 2}[language]]))
    graph.add(node, "dcat:mediaType", IRI(MEDIA_TYPES + distribution.media_type))
    graph.add(node, "dct:license", IRI(LICENCE))


# --- Writers ---------------------------------------------------------------------------------------


def _jsonld_object(obj):
    if isinstance(obj, IRI):
        return {"@id": str(obj)}
    if obj.language:
        return {"@value": obj.value, "@language": obj.language}
    if obj.datatype:
        return {"@value": obj.value, "@type": obj.datatype}
    return obj.value


def to_jsonld(graph: Graph) -> str:
    nodes = []
    for subject, pairs in graph.subjects.items():
        node = {"@id": subject}
        for predicate, obj in pairs:
            if predicate == "rdf:type":
                node.setdefault("@type", []).append(str(obj))
            else:
                node.setdefault(predicate, []).append(_jsonld_object(obj))
        nodes.append(node)
    return json.dumps({"@context": PREFIXES, "@graph": nodes}, ensure_ascii=False, indent=1)


TURTLE_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _turtle_object(obj) -> str:
    if isinstance(obj, IRI):
        return f"<{obj}>"
    text = '"' + obj.value.translate(TURTLE_ESCAPES) + '"'
    if obj.language:
        return f"{text}@{obj.language}"
    if obj.datatype:
        return f"{text}^^<{obj.datatype}>"
    return text


def to_turtle(graph: Graph) -> str:
    lines = [f"@prefix {prefix}: <{iri}> ." for prefix, iri in PREFIXES.items()]
    for subject, pairs in graph.subjects.items():
        statements = [
            f"    {'a' if predicate == 'rdf:type' else predicate} {_turtle_object(obj)}" for predicate, obj in pairs
        ]
        lines.append(f"\n<{subject}>\n" + " ;\n".join(statements) + " .")
    return "\n".join(lines) + "\n"
