import csv
import html
import io
import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Country, PublicationStatus
from directory.models import Kind, Organisation
from tests.directory.factories import OrganisationFactory, create_many
from tests.markup import flat
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

LIST = "/en/directory/"
FILTER_COMBINATIONS = [
    "",
    "?q=mill",
    "?q=mill&country=BG&kind=company",
    "?q=мелница&municipality=municipality-0&direction=business&nace=C",
    "?size=micro&language=en&cooperation=on&sort=newest",
    "?q=sredna+gora&direction=tourism&language=de&size=small&country=RS&kind=museum&nace=R&cooperation=on&sort=founded",
    "?sort=founded&page=1",
]


@pytest.fixture
def koprivshtitsa():
    return MunicipalityFactory(slug="municipality-0", country=Country.BULGARIA, name_en="Koprivshtitsa")


@pytest.fixture
def medijana():
    return MunicipalityFactory(slug="municipality-1", country=Country.SERBIA, name_en="Medijana")


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("query", FILTER_COMBINATIONS)
def test_list_queries_do_not_grow_with_the_number_of_organisations(client, koprivshtitsa, medijana, query):
    OrganisationFactory(municipality=koprivshtitsa, open_to_cooperation=True)
    few = count_queries(client, LIST + query)
    create_many(100, municipality=koprivshtitsa, directions=["business", "tourism"], open_to_cooperation=True)
    create_many(99, municipality=medijana, languages=["sr", "de"], size_class="small")
    assert count_queries(client, LIST + query) == few
    assert few <= 14


def test_detail_and_direction_queries_do_not_grow_with_the_number_of_organisations(client, koprivshtitsa):
    organisation = OrganisationFactory(municipality=koprivshtitsa, directions=["business", "culture"])
    detail_few = count_queries(client, f"/en/directory/{organisation.slug}/")
    direction_few = count_queries(client, "/en/directions/business/")
    create_many(199, municipality=koprivshtitsa, directions=["business", "culture"])
    assert count_queries(client, f"/en/directory/{organisation.slug}/") == detail_few <= 4
    assert count_queries(client, "/en/directions/business/") == direction_few <= 8  # + the civic highlights


def test_filters_narrow_the_list_and_stay_in_the_url(client, koprivshtitsa, medijana):
    OrganisationFactory(name_en="Sredna Gora Mill", municipality=koprivshtitsa, kind=Kind.COMPANY)
    OrganisationFactory(name_en="Nišava Bakery", name_bg="", name_sr="Пекара Нишава", municipality=medijana)
    OrganisationFactory(name_en="Niš Museum", municipality=medijana, kind=Kind.MUSEUM, directions=["culture"])
    response = client.get(LIST, {"q": "Нишава", "country": "RS"})
    assert [o.name for o in response.context["organisations"]] == ["Nišava Bakery"]
    html = response.content.decode()
    assert 'value="Нишава"' in html
    assert '<option value="RS" selected>' in html
    assert "1 organisation" in html
    assert 'href="/en/directory/export.csv?q=%D0%9D%D0%B8%D1%88%D0%B0%D0%B2%D0%B0&amp;country=RS"' in html


def test_each_filter_option_counts_the_results_it_would_give(client, koprivshtitsa, medijana):
    OrganisationFactory(municipality=koprivshtitsa, kind=Kind.COMPANY, languages=["bg", "en"])
    OrganisationFactory(municipality=medijana, kind=Kind.COMPANY, languages=["sr", "en"], open_to_cooperation=True)
    OrganisationFactory(municipality=medijana, kind=Kind.MUSEUM, languages=["sr"], directions=["culture", "tourism"])
    response = client.get(LIST, {"country": "RS"})
    facets = {facet.name: {o.value: o.count for o in facet.options} for facet in response.context["facets"]}
    # A facet ignores its own filter: both countries keep their counts.
    assert (facets["country"]["BG"], facets["country"]["RS"]) == (1, 2)
    # Other facets count within Serbia only.
    assert (facets["kind"]["company"], facets["kind"]["museum"], facets["kind"]["ngo"]) == (1, 1, 0)
    assert (facets["language"]["sr"], facets["language"]["en"], facets["language"]["bg"]) == (2, 1, 0)
    assert (facets["direction"]["business"], facets["direction"]["culture"]) == (1, 1)
    assert facets["cooperation"]["on"] == 1
    assert '<option value="museum">Museum (1)</option>' in response.content.decode()


def test_list_is_paginated_and_sorted(client, koprivshtitsa):
    for name in ["Charlie", "Alpha", "Bravo"] * 10:
        OrganisationFactory(name_en=name, municipality=koprivshtitsa)
    page = client.get(LIST)
    assert page.context["result_count"] == 30
    assert page.context["organisations"][0].name == "Alpha"
    assert 'href="?page=2"' in page.content.decode()
    assert len(client.get(LIST, {"page": 2}).context["organisations"]) == 6


@pytest.mark.parametrize("sort", ["name", "newest", "founded"])
def test_every_entry_is_reached_past_the_numbered_pages(client, koprivshtitsa, monkeypatch, sort):
    """Numbered pages stop at max_pages; "Next page" goes on in keyset pages (?after=) to the very last entry."""
    from directory.views import OrganisationListView

    monkeypatch.setattr(OrganisationListView, "max_pages", 2)
    # Names repeat and founding years are sometimes unknown: ties and NULLs the order must get through.
    for index in range(70):
        OrganisationFactory(
            name_en=f"Mill {index % 7}", municipality=koprivshtitsa, founded_year=None if index % 5 else 1900 + index
        )
    expected = [
        organisation.pk for organisation in client.get(LIST, {"sort": sort, "page": 1}).context["paginator"].object_list
    ]
    seen, response = [], client.get(LIST, {"sort": sort})
    for _page in range(10):
        seen += [organisation.pk for organisation in response.context["organisations"]]
        next_page = re.search(r'href="(\?[^"]*)"\s+rel="next"', response.content.decode())
        if next_page is None:
            break
        response = client.get(LIST + html.unescape(next_page.group(1)))
        assert response.status_code == 200
    assert seen == expected and len(seen) == 70
    assert "after=" in response.request["QUERY_STRING"]


def test_a_page_past_the_end_shows_the_last_page(client, koprivshtitsa, monkeypatch):
    """A page number no longer there (an old link, a shorter list) answers with the last page, never a 404."""
    from directory.views import OrganisationListView

    monkeypatch.setattr(OrganisationListView, "max_pages", 2)
    create_many(50, municipality=koprivshtitsa)
    for page in ("3", "101", "x"):
        response = client.get(LIST, {"page": page})
        assert response.status_code == 200
        assert response.context["page_obj"].number == (1 if page == "x" else 2)
    assert client.get(LIST, {"after": "999999999"}).status_code == 200


def test_a_deep_page_shows_the_same_rows_as_a_plain_offset(client, koprivshtitsa):
    """The page's rows are found by id first (a deferred join): the order is the list's own."""
    create_many(60, municipality=koprivshtitsa)
    expected = list(Organisation.objects.published().order_by("name_en", "pk").values_list("pk", flat=True)[48:60])
    shown = [organisation.pk for organisation in client.get(LIST, {"page": 3}).context["organisations"]]
    assert shown == expected


def test_invalid_filter_values_are_ignored(client, koprivshtitsa):
    OrganisationFactory(municipality=koprivshtitsa)
    response = client.get(LIST, {"kind": "<script>", "size": "huge", "page": "1"})
    assert response.status_code == 200
    assert response.context["result_count"] == 1


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.ARCHIVED, PublicationStatus.SCHEDULED])
def test_unpublished_entries_appear_nowhere_public(client, sitemap, koprivshtitsa, status):
    """Drafts, archived entries and those scheduled for tomorrow (``core.models.Publishable``)."""
    later = timezone.now() + timedelta(days=1)
    hidden = OrganisationFactory(name_en="Hidden Mill", status=status, published_at=later, municipality=koprivshtitsa)
    OrganisationFactory(name_en="Visible Mill", municipality=koprivshtitsa)
    assert "Hidden Mill" not in client.get(LIST).content.decode()
    assert client.get(LIST, {"q": "hidden"}).context["result_count"] == 0
    assert client.get(f"/en/directory/{hidden.slug}/").status_code == 404
    assert "Hidden Mill" not in client.get("/en/directory/export.csv").getvalue().decode()
    assert "Hidden Mill" not in client.get("/en/directory/export.json").getvalue().decode()
    assert "Hidden Mill" not in client.get("/en/directions/business/").getvalue().decode()
    xml = sitemap()
    assert hidden.slug not in xml
    assert "/en/directory/organisation-" in xml


def test_csv_export_is_utf8_with_documented_columns_and_neutralised_formulas(client, koprivshtitsa):
    OrganisationFactory(
        name_en="=HYPERLINK(\"http://evil.example\")", name_bg="Мелница", municipality=koprivshtitsa,
        phones=["+35971842345"], description_en="-2+3", cooperation_offers_en="@SUM(A1)", languages=["bg", "de"],
    )  # fmt: skip
    response = client.get("/en/directory/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="most-directory-en.csv"'
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == '\'=HYPERLINK("http://evil.example")'
    assert row["cooperation_offers"] == "'@SUM(A1)"
    assert row["phones"] == "'+35971842345"
    assert row["languages"] == "bg|de"
    assert row["country"] == "BG"
    assert row["directions"] == "business"
    from directory.exports import COLUMNS

    assert list(row) == [column.key for column in COLUMNS]
    bulgarian = client.get("/bg/directory/export.csv").getvalue().decode()
    assert "Мелница" in bulgarian


def test_json_export_follows_the_filters(client, koprivshtitsa, medijana):
    OrganisationFactory(
        name_en="Sredna Gora Mill", municipality=koprivshtitsa, latitude="42.63300", longitude="24.35000"
    )
    OrganisationFactory(name_en="Nišava Bakery", municipality=medijana)
    data = json.loads(client.get("/en/directory/export.json", {"country": "BG"}).getvalue())
    assert data["count"] == 1
    record = data["results"][0]
    assert record["name"] == "Sredna Gora Mill"
    assert record["latitude"] == 42.633
    assert record["directions"] == ["business"]
    assert record["is_demo"] is False


def test_serbian_latin_export_is_in_latin_letters(client, medijana, cyrillic_free):
    OrganisationFactory(name_sr="Пекара „Нишава“", name_bg="", name_en="", municipality=medijana)
    text = client.get("/sr-latn/directory/export.csv").getvalue().decode()
    assert "Pekara „Nišava“" in text
    cyrillic_free(text)


def test_detail_page_has_json_ld_open_graph_canonical_and_hreflang(client, medijana):
    organisation = OrganisationFactory(
        name_en="Nišava Bakery </script><script>alert(1)</script>", municipality=medijana, pib="101134702",
        mb="66143627", eik="", phones=["+38118523456"], website="https://bakery.example", postal_code="18000",
        latitude="43.32050", longitude="21.90000", kind=Kind.FOOD_SERVICE, founded_year=1999,
    )  # fmt: skip
    response = client.get(f"/en/directory/{organisation.slug}/")
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@context"] == "https://schema.org"
    assert ld["@type"] == "FoodEstablishment"
    assert ld["name"].startswith("Nišava Bakery </script>")
    assert ld["address"]["addressCountry"] == "RS"
    assert ld["address"]["postalCode"] == "18000"
    assert ld["geo"]["latitude"] == 43.3205
    assert ld["telephone"] == "+38118523456"
    assert ld["foundingDate"] == "1999"
    assert ld["url"] == f"http://testserver/en/directory/{organisation.slug}/"
    html = flat(html)
    assert f'<link rel="canonical" href="http://testserver/en/directory/{organisation.slug}/">' in html
    assert f'hreflang="sr-Latn" href="http://testserver/sr-latn/directory/{organisation.slug}/"' in html
    assert '<meta property="og:title"' in html
    assert 'content="business.business"' in html
    assert "openstreetmap.org/?mlat=43.32050&amp;mlon=21.90000" in html
    assert html.count("<h1>") == 1


SCHEMA_TYPES = [
    (Kind.PUBLIC_AUTHORITY, "GovernmentOrganization"),
    (Kind.NGO, "NGO"),
    (Kind.COMPANY, "LocalBusiness"),
    (Kind.MUSEUM, "Organization"),
]


@pytest.mark.parametrize(("kind", "schema_type"), SCHEMA_TYPES)
def test_json_ld_type_fits_the_kind(client, koprivshtitsa, kind, schema_type):
    organisation = OrganisationFactory(kind=kind, municipality=koprivshtitsa)
    html = client.get(f"/en/directory/{organisation.slug}/").content.decode()
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@type"] == schema_type


def test_direction_landing_shows_its_latest_organisations_and_links_to_the_filtered_list(client, koprivshtitsa):
    OrganisationFactory(name_en="Culture House", directions=["culture"], municipality=koprivshtitsa)
    OrganisationFactory(name_en="Mill", directions=["business"], municipality=koprivshtitsa)
    html = client.get("/en/directions/culture/").content.decode()
    assert "Culture House" in html
    assert "Mill" not in html
    assert 'href="/en/directory/?direction=culture"' in html


def test_every_language_renders_the_list_and_serbian_latin_has_no_cyrillic(client, medijana, cyrillic_free):
    organisation = OrganisationFactory(name_sr="Пекара „Нишава“", name_bg="", name_en="", municipality=medijana)
    for language in ["bg", "sr", "en"]:
        assert client.get(f"/{language}/directory/").status_code == 200
    for url in ["/sr-latn/directory/", f"/sr-latn/directory/{organisation.slug}/"]:
        html = client.get(url).content.decode()
        assert "Pekara „Nišava“" in html
        cyrillic_free(html, url)


def test_demo_entries_say_they_are_demo_data(client, koprivshtitsa):
    organisation = OrganisationFactory(is_demo=True, municipality=koprivshtitsa)
    assert "Demo data" in client.get(LIST).content.decode()
    assert "It is not a real organisation." in client.get(f"/en/directory/{organisation.slug}/").content.decode()


def test_form_fields_all_have_labels(client, koprivshtitsa):
    OrganisationFactory(municipality=koprivshtitsa)
    html = client.get(LIST).content.decode()
    ids = re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', html)
    assert ids
    for field_id in ids:
        assert re.search(rf'<label[^>]* for="{field_id}"', html), field_id
    all_ids = re.findall(r' id="([^"]+)"', html)
    assert len(all_ids) == len(set(all_ids))


def test_organisation_count_sanity(koprivshtitsa):
    OrganisationFactory(municipality=koprivshtitsa)
    assert Organisation.objects.published().count() == 1


@pytest.mark.parametrize("path", ["/en/directory/export.csv", "/sr-latn/directory/export.json"])
def test_downloads_are_streamed_in_pieces_of_whole_rows(client, koprivshtitsa, monkeypatch, path):
    from directory import exports

    monkeypatch.setattr(exports, "ROWS_PER_PIECE", 10)
    create_many(25, municipality=koprivshtitsa)
    response = client.get(path)
    assert response.streaming
    assert "Content-Length" not in response
    pieces = [piece.decode() for piece in response.streaming_content]
    whole = "".join(pieces)
    if path.endswith(".csv"):
        assert len(pieces) == 1 + 3  # the byte-order mark, then 10 + 10 + 5 rows after the header
        assert all(piece.endswith("\r\n") for piece in pieces[1:])
        assert len(list(csv.DictReader(io.StringIO(whole.lstrip("\ufeff"))))) == 25
    else:
        assert len(pieces) == 1 + 3
        data = json.loads(whole)
        assert data["count"] == len(data["results"]) == 25


@pytest.mark.parametrize(
    ("language", "message"),
    [("bg", "Направете валиден избор. xx не е един от възможните избори."), ("sr-latn", "xx nije među ponuđenim")],
)
def test_a_filter_value_no_option_has_is_named_on_its_field(client, db, language, message):
    """A mistyped value in a shared link: the rest of the search still applies, and the field says why."""
    html = flat(client.get(f"/{language}/directory/", {"kind": "xx"}).content.decode())
    assert 'name="kind" id="id_kind" aria-invalid="true" aria-describedby="id_kind_error"' in html
    error = re.search(r'<p class="field-error" id="id_kind_error">([^<]*)</p>', html)[1]
    assert message in error
