"""The home page: what is on in both municipalities, featured sights with photos, news, what is new,
in a number of queries that holds as content grows, its sections cached per language."""

import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import Country
from media_library.models import AlbumAttachment
from portal.home import SIGHTS_PER_MUNICIPALITY
from portal.models import FeaturedSight
from tests.civic.factories import EventFactory, NewsArticleFactory
from tests.cooperation.factories import OpportunityFactory
from tests.directory.factories import create_many
from tests.markup import flat
from tests.media_library.factories import AlbumFactory, photo_make
from tests.portal.factories import InformationCentreFactory, MunicipalityFactory
from tests.tourism.factories import SightFactory
from tourism.models import Sight

pytestmark = pytest.mark.django_db

# Municipalities with their centres, the directions, events (a second read of the year only when
# one side is quiet in its first weeks), news, featured sights, default sights (photo first),
# covers of those shown, organisations and their count, opportunities, the navigation: 11
# measured, 12 at most, at 1 row of each kind as at 50.
HOME_QUERIES = 12


def attach_album(sights: list[Sight], album) -> None:
    content_type = ContentType.objects.get_for_model(Sight)
    AlbumAttachment.objects.bulk_create(
        AlbumAttachment(album=album, content_type=content_type, object_id=sight.pk) for sight in sights
    )


@pytest.fixture(scope="module", params=[1, 50], ids=["1-row", "50-rows"])
def content(request, kept_for_the_module, django_db_blocker):
    """``rows`` of every kind the home page shows, in both municipalities, written once per size."""
    yield from kept_for_the_module(request, lambda: build_content(request.param))


def build_content(rows: int) -> dict:
    bulgarian = MunicipalityFactory(slug="koprivshtitsa", country=Country.BULGARIA, name_en="Koprivshtitsa")
    serbian = MunicipalityFactory(slug="medijana", country=Country.SERBIA, name_en="Medijana")
    for municipality in (bulgarian, serbian):
        InformationCentreFactory(municipality=municipality)
    now = timezone.now()
    for n in range(rows):
        # The Bulgarian side is busy: its events come first, but the Serbian one still shows.
        EventFactory(municipality=bulgarian, starts_at=now + timedelta(days=1 + n), title_en=f"Bulgarian event {n}")
        EventFactory(municipality=serbian, starts_at=now + timedelta(days=100 + n), title_en=f"Serbian event {n}")
        NewsArticleFactory(municipality=bulgarian if n % 2 else serbian)
        OpportunityFactory(organisation__municipality=bulgarian if n % 2 else serbian)
    sights = [SightFactory(municipality=bulgarian if n % 2 else serbian) for n in range(rows * 2)]
    album = AlbumFactory(municipality=bulgarian)
    photo = photo_make(album, alt_text={"bg": "Фасада", "sr": "Фасада", "en": "The front of the house"})
    album.cover = photo
    album.save()
    attach_album(sights, album)
    create_many(rows, municipality=bulgarian)
    return {"bulgarian": bulgarian, "serbian": serbian, "sights": sights, "rows": rows}


def test_the_home_page_uses_a_fixed_number_of_queries(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/en/")
    assert response.status_code == 200


def test_what_is_on_shows_the_next_events_of_both_municipalities(client, content):
    html = client.get("/en/").content.decode()
    section = re.search(r'<section aria-labelledby="home-events".*?</section>', html, re.S).group(0)
    assert "Bulgarian event 0" in section
    assert "Serbian event 0" in section  # a hundred days later than every Bulgarian one
    assert section.index("Bulgarian event 0") < section.index("Serbian event 0")  # in time order


def test_a_weekly_event_is_one_card_saying_how_it_repeats_and_leaves_room_for_the_others(client, db):
    koprivshtitsa = MunicipalityFactory(slug="koprivshtitsa", country=Country.BULGARIA)
    InformationCentreFactory(municipality=koprivshtitsa)
    now = timezone.now()
    EventFactory(
        municipality=koprivshtitsa,
        starts_at=now + timedelta(days=1),
        recurrence_rule="FREQ=WEEKLY",
        title_en="Saturday market",
    )
    EventFactory(municipality=koprivshtitsa, starts_at=now + timedelta(days=30), title_en="Folk festival")

    html = client.get("/en/").content.decode()
    section = re.search(r'<section aria-labelledby="home-events".*?</section>', html, re.S).group(0)

    assert section.count("Saturday market") == 1
    assert "Folk festival" in section  # not pushed out by the market's next three Saturdays
    assert '<p class="event-card__repeats">Every week' in flat(section)


def test_featured_sights_show_the_photo_of_their_album_and_alternate_the_municipalities(client, content):
    html = client.get("/en/").content.decode()
    section = re.search(r'<section aria-labelledby="home-sights".*?</section>', html, re.S).group(0)
    # Each municipality's few at most.
    assert section.count('alt="The front of the house"') == min(len(content["sights"]), 2 * SIGHTS_PER_MUNICIPALITY)
    municipalities = re.findall(r'<p class="card__meta">[^<]*· (Koprivshtitsa|Medijana)</p>', section)
    assert municipalities[:2] in (["Koprivshtitsa", "Medijana"], ["Medijana", "Koprivshtitsa"])


def test_the_sections_are_cached_per_language_until_content_changes(client, content, django_assert_max_num_queries):
    # Room for the fragments: a full local-memory cache culls its newest entries (Django's LocMemCache).
    caches["pages"].clear()
    client.get("/en/")
    with django_assert_max_num_queries(2):  # the directions and the navigation
        english = client.get("/en/").content.decode()
    bulgarian = client.get("/bg/").content.decode()
    assert "What is on" in english and "Bulgarian event 0" in english
    assert "Bulgarian event 0" not in bulgarian and "Събитие" in bulgarian
    EventFactory(municipality=content["serbian"], starts_at=timezone.now() + timedelta(hours=2), title_en="Tonight")
    assert "Tonight" in client.get("/en/").content.decode()


def test_the_home_page_leads_to_search_services_documents_stays_and_the_map(client, content):
    html = client.get("/en/").content.decode()
    ways_in = re.search(r'<section aria-labelledby="ways-in-heading".*?</section>', html, re.S).group(0)
    assert 'action="/en/directory/"' in ways_in
    for url in ("/en/services/", "/en/documents/", "/en/tourism/stay-and-eat/", "/en/tourism/map/"):
        assert f'href="{url}"' in ways_in


def test_what_staff_feature_comes_first_and_the_rest_is_chosen_for_them(client, db):
    bulgarian = MunicipalityFactory(country=Country.BULGARIA)
    serbian = MunicipalityFactory(country=Country.SERBIA)
    plain = SightFactory(municipality=bulgarian, name_en="Plain sight")
    chosen = SightFactory(municipality=bulgarian, name_en="Chosen sight")
    SightFactory(municipality=bulgarian, name_en="Draft sight", status="draft")
    pictured = SightFactory(municipality=serbian, name_en="Pictured sight")
    newer = [SightFactory(municipality=serbian, name_en=f"Newer sight {n}") for n in range(3)]
    album = AlbumFactory(municipality=serbian)
    album.cover = photo_make(album)
    album.save()
    attach_album([pictured], album)
    FeaturedSight.objects.create(municipality=bulgarian, sight=chosen, order=1)

    html = client.get("/en/").content.decode()
    section = re.search(r'<section aria-labelledby="home-sights".*?</section>', html, re.S).group(0)
    assert "Chosen sight" in section
    assert "Plain sight" not in section and "Draft sight" not in section  # staff chose for Koprivshtitsa
    # Medijana's staff chose none: its sight with a photo first, then the latest.
    assert section.index("Pictured sight") < section.index(newer[2].name_en)
    assert newer[0].name_en not in section
    assert plain.pk


def test_a_municipality_features_only_its_own_sights(db):
    bulgarian = MunicipalityFactory(country=Country.BULGARIA)
    serbian_sight = SightFactory(municipality=MunicipalityFactory(country=Country.SERBIA))
    with pytest.raises(ValidationError) as error:
        FeaturedSight(municipality=bulgarian, sight=serbian_sight).full_clean()
    assert "sight" in error.value.message_dict


@pytest.fixture
def statements(db):
    from core.models import AccessibilityStatement

    made = {}
    for slug, country, enforcement in (
        ("koprivshtitsa", Country.BULGARIA, "Ministry of Electronic Governance"),
        ("medijana", Country.SERBIA, "Commissioner for the Protection of Equality"),
    ):
        centre = InformationCentreFactory(municipality=MunicipalityFactory(slug=slug, country=country))
        made[slug] = AccessibilityStatement.objects.create(
            municipality=centre.municipality,
            prepared_on=timezone.localdate(),
            non_accessible_content_en="The map's street names.",
            enforcement_bg=enforcement,
            enforcement_sr=enforcement,
            enforcement_en=enforcement,
        )
    return made


def test_every_page_footer_leads_to_the_accessibility_statement_contact_and_site_map(client, statements):
    for url in ("/en/", "/en/directory/", "/en/no-such-page/"):
        footer = re.search(r'<footer class="site-footer">.*?</footer>', client.get(url).content.decode(), re.S).group(0)
        for link in ("/en/accessibility/", "/en/contact/", "/en/site-map/"):
            assert f'href="{link}"' in footer, (url, link)


def test_the_accessibility_statement_follows_the_eu_model(client, statements):
    html = client.get("/en/accessibility/medijana/").content.decode()
    for heading in (
        "Compliance status",
        "Content that is not accessible",
        "Preparation of this statement",
        "Feedback and contact information",
        "Enforcement procedure",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "This portal is partially compliant with EN 301 549" in html
    assert "Commissioner for the Protection of Equality" in html  # Serbia's, not Bulgaria's
    assert "Ministry of Electronic Governance" not in html
    assert 'href="/en/ask/medijana/"' in html  # feedback goes to the enquiry form
    listing = client.get("/en/accessibility/").content.decode()
    assert 'href="/en/accessibility/koprivshtitsa/"' in listing and 'href="/en/accessibility/medijana/"' in listing


def test_the_contact_page_gives_each_centre_and_its_enquiry_form(client, statements):
    centre = statements["koprivshtitsa"].municipality.information_centre
    centre.address_en, centre.phone, centre.email, centre.opening_hours_en = (
        "1 Main Square",
        "+35971842191",
        "ic@example.org",
        "Mon–Fri 9–17",
    )
    centre.save()
    html = client.get("/en/contact/").content.decode()
    for text in ("1 Main Square", 'href="tel:+35971842191"', 'href="mailto:ic@example.org"', "Mon–Fri 9–17"):
        assert text in html
    assert 'href="/en/ask/koprivshtitsa/"' in html and 'href="/en/ask/medijana/"' in html


def test_the_footer_sitemap_is_a_page_for_people_and_the_xml_stays_for_robots(client, statements):
    html = client.get("/en/site-map/").content.decode()
    for url in ("/en/directory/", "/en/tourism/map/", "/en/events/", "/en/accessibility/", "/en/directions/tourism/"):
        assert f'href="{url}"' in html
    assert 'href="/sitemap.xml"' in html
    assert client.get("/sitemap.xml")["Content-Type"].startswith("application/xml")


def test_the_404_page_offers_search_and_the_four_directions(client, db):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    assert 'role="search"' in main and 'action="/en/search/"' in main
    for slug in ("business", "culture", "tourism", "administration-and-social-life"):
        assert f'href="/en/directions/{slug}/"' in main


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_paper_the_header_and_navigation_go_and_links_show_their_full_address(browser, live_server):
    InformationCentreFactory(municipality=MunicipalityFactory(slug="medijana", country=Country.SERBIA))
    page = browser.new_page(viewport={"width": 800, "height": 600})
    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/en/contact/")
    assert page.locator(".site-header").is_hidden() and page.locator(".site-nav").is_hidden()
    link = page.locator('main a[href="/en/information-centres/medijana/"]')
    after = link.evaluate("(element) => getComputedStyle(element, '::after').content")
    assert live_server.url in after and "/en/information-centres/medijana/" in link.evaluate(
        "(element) => element.getAttribute('href')"
    ), after
    page.emulate_media(media="screen")
    assert page.locator(".site-header").is_visible()
    page.close()
