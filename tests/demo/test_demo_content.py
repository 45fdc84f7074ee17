"""The demo content `make run` loads looks like a municipality's own (issue 21, "Done when").

Loaded once for the module, with the synthetic SMEs of `make run`, and read through the
real pages: the directory's first pages, the sights, the documents' downloads, prices and
event times as a visitor sees them.
"""

import ast
import io
import os
import re
import zipfile
from collections import Counter
from datetime import date, datetime, time, timedelta
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
import phonenumbers
import pytest
import vobject
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation
from openpyxl import load_workbook

from civic.models import Document, Event
from directory.filters import OrganisationFilterSet, Sort
from directory.models import Kind, Organisation, PriceRange
from media_library.models import Album, Photo, Video
from portal.views import MEDIA_CONTENT_TYPES
from tests.markup import flat
from tourism.models import Sight

pytestmark = pytest.mark.django_db

# Enough SMEs to fill every first page; the names of all 7,158 that `make run` loads are
# checked without the database below.
SMES = 1500
# A name in another language than the page's (a fallback) comes in a <span lang>.
NAME = re.compile(
    r'<h3 class="organisation-card__name"><a href="[^"]+">(?:<span lang="[^"]+">)?([^<]+)(?:</span>)?</a></h3>'
)
DEMO = Path(__file__).resolve().parents[2] / "demo"


@pytest.fixture(scope="module")
def loaded(request, kept_for_the_module, tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-content-issue-21")
    media = SimpleNamespace(media_root=folder / "media", originals_root=folder / "originals")

    def load():
        with override_settings(MEDIA_ROOT=media.media_root, MEDIA_LIBRARY_ORIGINALS_ROOT=media.originals_root):
            call_command("load_demo_content", smes=SMES, stdout=open(os.devnull, "w"))  # noqa: SIM115
        return media

    yield from kept_for_the_module(request, load)


@pytest.fixture
def media(loaded, settings):
    settings.MEDIA_ROOT = loaded.media_root
    settings.MEDIA_LIBRARY_ORIGINALS_ROOT = loaded.originals_root
    return loaded


def _translated(field: str, values: dict) -> dict:
    return {f"{field}_{language}": text for language, text in values.items()}


def _english(obj) -> str:
    with translation.override("en"):
        return obj.get_absolute_url()


def _first_page_names(client, language: str, query: dict) -> list[str]:
    response = client.get(f"/{language}/directory/", query)
    assert response.status_code == 200
    return [unescape(name).strip() for name in NAME.findall(response.content.decode())]


def _facet_values() -> list[tuple[str, str]]:
    filterset = OrganisationFilterSet({})
    values = []
    for name in filterset.facet_names:
        choices = filterset.options(name)
        values += [(name, str(value)) for value, _label in choices if value != ""]
    return values


def test_no_name_is_repeated_on_the_first_page_of_any_sort_or_facet(client, loaded):
    checked = 0
    for language in ("bg", "sr", "en"):
        for sort in Sort.values:
            names = _first_page_names(client, language, {"sort": sort})
            assert len(names) == 24, (language, sort)
            assert len(set(names)) == len(names), (language, sort, names)
            checked += 1
    for name, value in _facet_values():
        names = _first_page_names(client, "en", {name: value})
        assert len(set(names)) == len(names), (name, value, names)
        checked += 1
    assert checked > 50


def test_the_a_to_z_first_page_does_not_open_with_one_trade_word_over_and_over(client, loaded):
    for language in ("bg", "sr", "sr-latn", "en"):
        names = _first_page_names(client, language, {"sort": "name"})
        assert len(names) == 24, language
        first_words = Counter(name.split()[0] for name in names)
        assert max(first_words.values()) <= 3, (language, first_words.most_common(3))


def test_the_smes_of_make_run_have_names_of_their_own_even_with_another_legal_form():
    """All 7,158: no name twice in any language, none that differs only by its legal form, and none
    taken by a real institution or a company of the cooperation board's demo."""
    from core.models import Country
    from demo.content.directory import synthetic_smes

    organisations = [
        organisation for organisation, _ in synthetic_smes(7158, {Country.BULGARIA: None, Country.SERBIA: None})
    ]
    for field in ("name_bg", "name_sr", "name_en"):
        names = [getattr(organisation, field, "") for organisation in organisations]
        names = [name for name in names if name]
        cores = [name.rsplit(" ", 1)[0] for name in names]
        assert len(set(cores)) == len(cores) > 1000, field


def test_the_demo_loader_paints_no_text_into_pictures():
    """No module of the demo draws text (ImageFont, ``draw.text``), and no picture calls itself a placeholder."""
    for module in DEMO.rglob("*.py"):
        tree = ast.parse(module.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "PIL":
                assert "ImageFont" not in {alias.name for alias in node.names}, module
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert (
                    node.func.attr not in {"text", "multiline_text", "textbbox"} or "PIL" not in module.read_text()
                ), (
                    module,
                    node.lineno,
                )


def test_every_picture_is_credited_as_an_illustration_in_every_language(loaded):
    photos = list(Photo.objects.all())
    assert len(photos) > 90
    for photo in photos:
        assert photo.alt_text_en.startswith("Illustration: ")
        assert photo.alt_text_bg.startswith("Илюстрация: ")
        assert photo.alt_text_sr.startswith("Илустрација: ")
        assert "illustration" in photo.caption_en and "illustration" in photo.credit.lower()
        assert "placeholder" not in f"{photo.alt_text_en} {photo.caption_en} {photo.credit}".lower()


def test_every_sight_has_coordinates_and_a_photo_on_its_page(client, media):
    sights = list(Sight.objects.published())
    assert len(sights) == 21
    for sight in sights:
        assert sight.latitude is not None and sight.longitude is not None
        albums = Album.objects.attached_to(sight)
        assert Photo.objects.filter(album__in=albums).count() >= 3, sight.slug
        page = flat(client.get(_english(sight)).content.decode())
        with translation.override("en"):
            album_url = albums[0].get_absolute_url()
        assert re.search(rf'<a class="album-card__cover" href="{album_url}"[^>]*>\s*<picture>', page), sight.slug


def test_an_album_pages_through_its_photos(client, media):
    album = Album.objects.get(slug="a-year-in-koprivshtitsa")
    photos = list(Photo.objects.for_album(album))
    assert len(photos) == 12
    page = client.get(f"/en/gallery/{album.slug}/photos/{photos[1].pk}/")
    assert page.status_code == 200
    assert f"/photos/{photos[0].pk}/" in page.content.decode() and f"/photos/{photos[2].pk}/" in page.content.decode()


def test_at_least_twelve_documents_download_with_the_right_content_type(client, media):
    documents = list(Document.objects.published())
    assert len(documents) >= 12
    assert {document.file_format for document in documents} >= {"pdf", "docx", "odt", "xlsx"}
    for document in documents:
        response = client.get(document.file.url)
        assert response.status_code == 200, document.slug
        assert response["Content-Type"] == MEDIA_CONTENT_TYPES[f".{document.file_format}"]
        content = b"".join(response.streaming_content)
        assert len(content) == document.file_size > 0
        if document.file_format == "pdf":
            # Real text, not a picture of it: an embedded font with a map back to Unicode.
            assert content.startswith(b"%PDF-") and b"/ToUnicode" in content and b"/FontFile2" in content
        elif document.file_format == "xlsx":
            sheet = load_workbook(io.BytesIO(content)).active
            assert sheet["A1"].value and sheet.max_row > 5
        else:
            part = "word/document.xml" if document.file_format == "docx" else "content.xml"
            text = zipfile.ZipFile(io.BytesIO(content)).read(part).decode()
            assert document.title_sr[:20] in text or document.title_bg[:20] in text or document.title_en[:20] in text


def test_prices_appear_in_both_euro_and_dinars(client, media):
    koprivshtitsa = client.get("/en/tourism/sights/oslekov-house/").content.decode()
    nis = client.get("/en/tourism/sights/skull-tower/").content.decode()
    assert "€3" in koprivshtitsa
    assert "RSD\xa0250" in nis  # CLDR's spacing: a symbol of letters is kept apart from the digits
    fee = client.get("/en/services/current-address-certificate-koprivshtitsa/").content.decode()
    assert "€2.50" in fee
    fee = client.get("/en/services/civil-register-extracts-medijana/").content.decode()
    assert "RSD\xa0440" in fee
    concert = client.get(_english(Event.objects.get(slug="symphony-evening-nis"))).content.decode()
    assert "RSD\xa01,200" in concert


def test_events_carry_clock_times_in_both_zones(client, loaded):
    re_enactment = Event.objects.get(slug="first-shot-re-enactment")
    concert = Event.objects.get(slug="symphony-evening-nis")
    assert re_enactment.local_starts_at.time() == time(11, 0)
    assert str(re_enactment.local_starts_at.tzinfo) == "Europe/Sofia"
    assert concert.local_starts_at.time() == time(20, 0)
    assert str(concert.local_starts_at.tzinfo) == "Europe/Belgrade"
    # Both at their own clock: 11:00 in Sofia is 10:00 in Belgrade.
    assert timezone.localtime(re_enactment.starts_at, concert.zone).time() == time(10, 0)
    for event in (re_enactment, concert):
        page = client.get(_english(event)).content.decode()
        assert event.local_starts_at.strftime("%H:%M") in page
    timed = Event.objects.published().filter(timing=Event.Timing.TIMED)
    assert {event.municipality.slug for event in timed} == {"koprivshtitsa", "medijana"}
    schedules = set(Event.objects.published().values_list("schedule", flat=True))
    assert {Event.Schedule.CANCELLED, Event.Schedule.POSTPONED} <= schedules
    assert Event.objects.filter(recurrence_rule__startswith="FREQ=WEEKLY").exists()
    assert Event.objects.filter(recurrence_rule__startswith="FREQ=MONTHLY").exists()


def test_two_click_to_load_embeds_and_a_self_hosted_clip_with_poster_and_captions(client, media):
    videos = list(Video.objects.all())
    assert sorted(video.provider for video in videos) == ["file", "vimeo", "youtube"]
    clip = next(video for video in videos if video.provider == "file")
    assert clip.poster
    # One WebVTT track per language, each in that language only.
    tracks = {track.language: track.file.read().decode() for track in clip.caption_tracks.all()}
    assert sorted(tracks) == ["bg", "en", "sr", "sr-latn"]
    words = {"bg": "илюстрация", "sr": "илустрација", "sr-latn": "ilustracija", "en": "illustration"}
    for language, text in tracks.items():
        assert text.startswith("WEBVTT") and words[language] in text
        assert not [word for other, word in words.items() if other != language and word in text], language
    with translation.override("en"):
        page = flat(client.get(clip.get_absolute_url()).content.decode())
    for srclang, label in (("bg", "Български"), ("sr-Cyrl", "Српски"), ("sr-Latn", "Srpski")):
        assert f'srclang="{srclang}" label="{label}">' in page
    assert 'srclang="en" label="English" default>' in page
    response = client.get(clip.file.url)
    assert response.status_code == 200 and response["Content-Type"] == "video/mp4"
    assert b"ftyp" in b"".join(response.streaming_content)[:16]


# --- Issue 21, second round: dates from the day of loading, exception dates, positions,
# numbers that ring no one, price ranges.


@pytest.mark.parametrize("today", [date(2026, 12, 7), date(2027, 3, 27), date(2028, 2, 29), date(2031, 8, 14)])
def test_timed_events_are_dated_from_the_day_of_loading(today):
    """Whatever the day: most in the coming weeks and months, some in the archive, clock times kept."""
    from demo.content.civic import timed_events

    events = {event["slug"]: event for event in timed_events(today)}
    coming = [event for event in events.values() if event["first"] >= today]
    past = [event for event in events.values() if event["last"] < today and not event.get("recurrence_rule")]
    assert len(coming) >= 5 and len(past) >= 2
    assert all(event["first"] <= today + timedelta(days=62) for event in coming)
    assert events["first-shot-re-enactment"]["starts"] == time(11, 0)
    assert events["symphony-evening-nis"]["starts"] == time(20, 0)
    series = [event for event in events.values() if event.get("recurrence_rule")]
    assert {event["recurrence_rule"].split(";")[0] for event in series} == {"FREQ=WEEKLY", "FREQ=MONTHLY"}
    for event in series:
        assert f"UNTIL={today:%Y}" in event["recurrence_rule"] or f"UNTIL={today.year + 1}" in event["recurrence_rule"]
        for day in event.get("exception_dates", []):
            assert day > today


def test_the_loaded_events_are_around_the_day_of_loading(loaded):
    today = timezone.localdate()
    re_enactment = Event.objects.get(slug="first-shot-re-enactment")
    assert today <= re_enactment.local_starts_at.date() <= today + timedelta(days=26)
    assert Event.objects.published().past().filter(timing=Event.Timing.TIMED).count() >= 2
    upcoming = Event.objects.published().occurrences(timezone.now(), timezone.now() + timedelta(days=62))
    assert {occurrence.event.municipality.slug for occurrence in upcoming} == {"koprivshtitsa", "medijana"}


def test_series_skip_their_exception_dates_in_what_is_on_and_in_ical(client, loaded):
    series = list(Event.objects.published().exclude(exception_dates=[]))
    assert {event.recurrence_rule.split(";")[0] for event in series} >= {"FREQ=WEEKLY", "FREQ=MONTHLY"}
    for event in series:
        skipped = event.exception_dates[0]
        zone = ZoneInfo(event.time_zone)
        start = datetime.combine(skipped - timedelta(days=40), time.min, tzinfo=zone)
        window = event.occurrences_between(start, start + timedelta(days=80))
        days = [occurrence.local_starts_at.date() for occurrence in window]
        assert skipped not in days and len(days) >= 2, event.slug
        content = client.get(f"/en/events/{event.slug}.ics").content
        skipped_at = datetime.combine(skipped, event.local_starts_at.time(), tzinfo=zone)
        entry = next(iter(icalendar.Calendar.from_ical(content).walk("VEVENT")))
        exdates = entry.get("exdate")
        exdates = exdates if isinstance(exdates, list) else [exdates]
        assert [moment.dt for value in exdates for moment in value.dts] == [skipped_at]
        rruleset = vobject.readOne(content.decode()).vevent.getrruleset()
        assert skipped_at not in list(rruleset.between(start, start + timedelta(days=80), inc=True))
        assert rruleset.between(start, start + timedelta(days=80), inc=True), event.slug


def test_sights_flagged_approximate_only_where_no_survey_gives_the_position(loaded):
    checked = {"skull-tower", "national-theatre-nis", "crveni-krst-camp-memorial", "nis-orthodox-cathedral",
               "bubanj-memorial-park"}  # fmt: skip
    sights = {sight.slug: sight for sight in Sight.objects.published()}
    assert {slug for slug, sight in sights.items() if not sight.coordinates_approximate} == checked
    # The cathedral at 43°18′54″ N, 21°53′46″ E, to within about 50 m (0.0005° is some 55 m here).
    cathedral = sights["nis-orthodox-cathedral"]
    assert abs(float(cathedral.latitude) - 43.3150) < 0.0005 and abs(float(cathedral.longitude) - 21.8961) < 0.0005


def test_demo_phone_numbers_pass_the_check_and_ring_no_one(loaded):
    from core.models import Country, normalise_phone

    phones = Organisation.objects.filter(is_demo=True).values_list("phones", "municipality__country")
    numbers = [(phone, country) for numbers, country in phones for phone in numbers]
    assert len(numbers) > 1000
    for phone, country in numbers:
        assert normalise_phone(phone, country) == phone
        parsed = phonenumbers.parse(phone)
        assert phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.FIXED_LINE, phone
        if country == Country.BULGARIA:
            assert re.fullmatch(r"\+35971840\d{3}", phone), phone  # a local number beginning with 0
        else:
            assert re.fullmatch(r"\+3811899999\d{3}", phone), phone  # eight digits where Niš has six or seven


def test_places_to_stay_and_eat_have_price_ranges_the_facet_counts(client, loaded):
    places = Organisation.objects.published().filter(is_demo=True, kind__in=[Kind.ACCOMMODATION, Kind.FOOD_SERVICE])
    assert places.exists() and not places.filter(price_range="").exists()
    for value in PriceRange.values:
        assert places.filter(price_range=value).exists(), value
        page = client.get("/en/tourism/stay-and-eat/", {"price_range": value})
        assert page.status_code == 200
        assert "organisation-card" in page.content.decode() or "hospitality" in page.content.decode()
    assert (
        not Organisation.objects.exclude(kind__in=[Kind.ACCOMMODATION, Kind.FOOD_SERVICE])
        .exclude(price_range="")
        .filter(is_demo=True)
        .exists()
    )
