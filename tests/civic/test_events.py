from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.utils import timezone, translation

from civic.forms import EventAdminForm
from civic.models import Event
from core.models import Country
from tests.civic.factories import EventFactory, direction, local
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

BELGRADE = "Europe/Belgrade"
SOFIA = "Europe/Sofia"


@pytest.fixture
def nis():
    return MunicipalityFactory(slug="medijana", country=Country.SERBIA)


@pytest.fixture
def koprivshtitsa():
    return MunicipalityFactory(slug="koprivshtitsa", country=Country.BULGARIA)


def next_august(day: int, hour: int, zone: str) -> datetime:
    year = timezone.now().year + 1
    return local(zone, year, 8, day, hour, 0)


def calendar_events(content: bytes) -> list:
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


def test_an_evening_event_in_nis_shows_at_19_00_belgrade_time_with_its_zone(client, nis):
    event = EventFactory(
        municipality=nis, starts_at=next_august(15, 19, BELGRADE), ends_at=next_august(15, 22, BELGRADE)
    )
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "7:00\u2009–\u200910:00\u202fPM" in html  # CLDR's interval of hours
    assert "Belgrade time, UTC+02:00" in html and "Europe/Belgrade" not in html.split("<main")[1]
    # A reader in Bulgaria also sees the time on their own clock.
    assert "8:00\u202fPM, Sofia time" in html
    list_html = client.get("/bg/events/").content.decode()
    assert "19:00 ч. – 22:00 ч." in list_html and "белградско време" in list_html


def test_the_ical_entry_of_a_nis_event_carries_the_belgrade_zone(client, nis):
    event = EventFactory(
        municipality=nis, starts_at=next_august(15, 19, BELGRADE), ends_at=next_august(15, 22, BELGRADE)
    )
    response = client.get(f"/en/events/{event.slug}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert b"DTSTART;TZID=Europe/Belgrade:" in response.content
    assert b"BEGIN:VTIMEZONE" in response.content and b"TZID:Europe/Belgrade" in response.content
    [entry] = calendar_events(response.content)
    start = entry.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (19, 0, BELGRADE)
    assert str(entry["url"]) == f"http://testserver/en/events/{event.slug}/"


def test_staff_type_the_local_time_of_the_place_in_the_admin(nis):
    """19:00 typed for a Niš event is 19:00 in Belgrade, not in the server's Sofia zone."""
    year = timezone.now().year + 1
    data = {
        "title_bg": "Концерт", "slug": "concert", "municipality": nis.pk, "direction": direction().pk,
        "category": "concert", "timing": "timed", "schedule": "confirmed",
        "starts_at": f"{year}-08-15 19:00", "ends_at": f"{year}-08-15 21:00",
        "status": "published", "published_at": "2020-01-01 00:00", "currency": "",
    }  # fmt: skip
    form_class = modelform_factory(Event, form=EventAdminForm, fields=list(data))
    form = form_class(data)
    assert form.is_valid(), form.errors
    event = form.save()
    assert event.starts_at == datetime(year, 8, 15, 17, 0, tzinfo=ZoneInfo("UTC"))
    # Shown back as typed.
    assert form_class(instance=event).initial["starts_at"].hour == 19


def test_a_yearly_event_appears_on_its_date_every_year_at_the_same_local_time(koprivshtitsa):
    event = EventFactory(
        municipality=koprivshtitsa,
        starts_at=local(SOFIA, 2025, 4, 30, 19, 0),
        ends_at=local(SOFIA, 2025, 4, 30, 21, 0),
        recurrence_rule="FREQ=YEARLY",
    )
    occurrences = Event.objects.filter(pk=event.pk).occurrences(local(SOFIA, 2026, 1, 1), local(SOFIA, 2029, 1, 1))
    assert [o.local_starts_at.date() for o in occurrences] == [date(2026, 4, 30), date(2027, 4, 30), date(2028, 4, 30)]
    assert {(o.local_starts_at.hour, o.local_ends_at.hour) for o in occurrences} == {(19, 21)}


def test_a_five_yearly_festival_and_a_weekly_market_repeat_correctly(koprivshtitsa):
    festival = EventFactory(
        municipality=koprivshtitsa,
        starts_at=local(SOFIA, 2025, 8, 8), ends_at=local(SOFIA, 2025, 8, 10, 23, 59, 59),
        timing=Event.Timing.ALL_DAY, recurrence_rule="FREQ=YEARLY;INTERVAL=5",
    )  # fmt: skip
    found = festival.occurrences_between(local(SOFIA, 2026, 1, 1), local(SOFIA, 2036, 1, 1))
    assert [o.local_starts_at.date() for o in found] == [date(2030, 8, 8), date(2035, 8, 8)]
    with translation.override("en"):
        assert festival.recurrence_description() == "every 5 years"
    with translation.override("bg"):
        assert festival.recurrence_description() == "на всеки 5 години"
    # Saturdays, 8:00 to 13:00, across the end of summer time (25 October 2026).
    market = EventFactory(
        municipality=koprivshtitsa,
        starts_at=local(SOFIA, 2026, 10, 17, 8), ends_at=local(SOFIA, 2026, 10, 17, 13),
        recurrence_rule="FREQ=WEEKLY;UNTIL=20261107",
    )  # fmt: skip
    found = market.occurrences_between(local(SOFIA, 2026, 10, 1), local(SOFIA, 2026, 12, 31))
    assert [o.local_starts_at.day for o in found] == [17, 24, 31, 7]
    assert {o.local_starts_at.hour for o in found} == {8}


def test_a_monthly_event_shows_on_the_calendar_each_month(client, koprivshtitsa):
    EventFactory(
        title_en="Monthly council meeting",
        municipality=koprivshtitsa,
        starts_at=local(SOFIA, 2026, 1, 12, 10), ends_at=local(SOFIA, 2026, 1, 12, 12),
        recurrence_rule="FREQ=MONTHLY",
    )  # fmt: skip
    html = client.get("/en/events/calendar/?month=2027-03").content.decode()
    assert "Monthly council meeting" in html
    assert '<th scope="col">' in html and "<caption>" in html and "<script" not in html


@pytest.mark.parametrize(
    ("rule", "valid"),
    [
        ("FREQ=YEARLY", True),
        ("RRULE:FREQ=WEEKLY;BYDAY=SA", True),
        ("FREQ=MONTHLY;UNTIL=20271231", True),
        ("FREQ=HOURLY", False),
        ("FREQ=YEARLY;COUNT=3;UNTIL=20271231", False),
        ("FREQ=YEARLY;UNTIL=31.12.2027", False),
        ("FREQ=WEEKLY;BYDAY=XX", False),
        ("nonsense", False),
    ],
)
def test_recurrence_rules_are_validated(koprivshtitsa, rule, valid):
    event = EventFactory.build(municipality=koprivshtitsa, direction=direction(), recurrence_rule=rule)
    if valid:
        event.full_clean()
        assert not event.recurrence_rule.startswith("RRULE:")
    else:
        with pytest.raises(ValidationError) as error:
            event.full_clean()
        assert "recurrence_rule" in error.value.message_dict


def test_past_events_leave_the_upcoming_list_and_stay_in_the_archive(client, koprivshtitsa):
    past = EventFactory(
        title_en="Old fair", municipality=koprivshtitsa,
        starts_at=timezone.now() - timedelta(days=40), ends_at=timezone.now() - timedelta(days=39),
    )  # fmt: skip
    running = EventFactory(
        title_en="Exhibition now on", municipality=koprivshtitsa,
        starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    upcoming = client.get("/en/events/").content.decode()
    assert running.title_en in upcoming and past.title_en not in upcoming
    archive = client.get("/en/events/archive/").content.decode()
    assert past.title_en in archive and running.title_en not in archive
    assert client.get(f"/en/events/{past.slug}/").status_code == 200


def test_the_list_filters_by_date_range_municipality_direction_and_category(client, koprivshtitsa, nis):
    EventFactory(
        title_en="Jazz in Nis",
        municipality=nis,
        category="concert",
        starts_at=next_august(20, 20, BELGRADE),
        ends_at=next_august(20, 23, BELGRADE),
    )
    EventFactory(
        title_en="Fair in Koprivshtitsa",
        municipality=koprivshtitsa,
        category="fair",
        starts_at=next_august(8, 10, SOFIA),
        ends_at=next_august(8, 18, SOFIA),
    )
    year = timezone.now().year + 1
    assert "Jazz in Nis" not in client.get("/en/events/?municipality=koprivshtitsa").content.decode()
    assert "Jazz in Nis" in client.get("/en/events/?category=concert").content.decode()
    html = client.get(f"/en/events/?date_from={year}-08-01&date_to={year}-08-10").content.decode()
    assert "Fair in Koprivshtitsa" in html and "Jazz in Nis" not in html
    assert "Fair in Koprivshtitsa" not in client.get("/en/events/?direction=business").content.decode()


def test_the_ical_feed_honours_the_filters_and_links_every_entry_back(client, koprivshtitsa, nis):
    jazz = EventFactory(
        title_en="Jazz in Nis",
        municipality=nis,
        starts_at=next_august(20, 20, BELGRADE),
        ends_at=next_august(20, 23, BELGRADE),
    )
    EventFactory(
        title_en="Fair in Koprivshtitsa",
        municipality=koprivshtitsa,
        starts_at=next_august(8, 10, SOFIA),
        ends_at=next_august(8, 18, SOFIA),
    )
    series = EventFactory(title_en="Weekly market", municipality=nis, recurrence_rule="FREQ=WEEKLY;UNTIL=20991231")
    response = client.get("/en/events/calendar.ics?municipality=medijana")
    entries = calendar_events(response.content)
    assert sorted(str(entry["summary"]) for entry in entries) == ["Jazz in Nis", "Weekly market"]
    urls = {str(entry["summary"]): str(entry["url"]) for entry in entries}
    assert urls["Jazz in Nis"] == f"http://testserver/en/events/{jazz.slug}/"
    assert all(str(entry["url"]) in str(entry["description"]) for entry in entries)
    [rule] = [entry["rrule"] for entry in entries if str(entry["summary"]) == "Weekly market"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["UNTIL"][0].tzinfo is not None  # UTC, as RFC 5545 asks
    assert series.slug in urls["Weekly market"]
    # The list page offers the feed with the same filters.
    assert (
        "/en/events/calendar.ics?municipality=medijana"
        in client.get("/en/events/?municipality=medijana").content.decode()
    )


def test_the_serbian_latin_ical_feed_is_in_latin_letters(client, nis, cyrillic_free):
    EventFactory(title_sr="Џез у Нишу", municipality=nis)
    response = client.get("/sr-latn/events/calendar.ics")
    text = response.content.decode()
    assert "Džez u Nišu" in text
    cyrillic_free(text, "sr-latn iCal")


def test_add_to_calendar_links_carry_the_place_time_zone(client, nis):
    event = EventFactory(
        municipality=nis, starts_at=next_august(15, 19, BELGRADE), ends_at=next_august(15, 22, BELGRADE)
    )
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "calendar.google.com" in html and "ctz=Europe%2FBelgrade" in html
    assert f"{event.starts_at.year}0815T170000Z" in html  # 19:00 in Belgrade is 17:00 UTC in summer
    assert f'href="/en/events/{event.slug}.ics"' in html


def test_prices_are_in_the_municipalitys_currency_and_shown_with_it(client, koprivshtitsa, nis):
    event = EventFactory.build(municipality=nis, direction=direction(), price=Decimal("500"), currency="EUR")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "currency" in error.value.message_dict
    event = EventFactory.build(municipality=nis, direction=direction(), price=Decimal("1200"))
    event.full_clean()
    assert event.currency == "RSD"
    event.save()
    assert "RSD\xa01,200" in client.get(f"/en/events/{event.slug}/").content.decode()
    assert "1.200\xa0RSD" in client.get(f"/sr/events/{event.slug}/").content.decode()
    assert "1.200\xa0RSD" in client.get(f"/sr-latn/events/{event.slug}/").content.decode()
    euro = EventFactory(municipality=koprivshtitsa, price=Decimal("12.50"), currency="EUR")
    assert "€12.50" in client.get(f"/en/events/{euro.slug}/").content.decode()
    assert "12,50\xa0€" in client.get(f"/bg/events/{euro.slug}/").content.decode()
    free = EventFactory(municipality=koprivshtitsa, is_free=True)
    assert "Free admission" in client.get(f"/en/events/{free.slug}/").content.decode()


def test_the_database_refuses_a_price_without_currency_and_a_free_event_with_a_price(koprivshtitsa):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(municipality=koprivshtitsa, price=Decimal("5"), currency="")
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(municipality=koprivshtitsa, price=Decimal("5"), currency="EUR", is_free=True)


def test_an_expected_month_only_event_shows_its_month_not_invented_dates(client, koprivshtitsa):
    event = EventFactory(
        municipality=koprivshtitsa, timing=Event.Timing.MONTH, schedule=Event.Schedule.EXPECTED,
        starts_at=local(SOFIA, 2030, 8, 1), ends_at=local(SOFIA, 2030, 8, 31, 23, 59, 59),
    )  # fmt: skip
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "August 2030" in html and "Expected, not yet confirmed" in html
    assert "00:00" not in html


def test_a_festival_of_several_days_is_written_as_one_cldr_interval_in_every_language(client, koprivshtitsa):
    year = timezone.now().year + 1
    event = EventFactory(
        municipality=koprivshtitsa,
        starts_at=local(SOFIA, year, 5, 12), ends_at=local(SOFIA, year, 5, 14, 23, 59, 59),
        timing=Event.Timing.ALL_DAY,
    )  # fmt: skip
    expected = {
        "bg": f"12 – 14 май {year}\u202fг.",
        "sr": f"12.–14. маја {year}.",
        "sr-latn": f"12.–14. maja {year}.",
        "en": f"May 12\u2009–\u200914, {year}",
    }
    for language, text in expected.items():
        html = client.get(f"/{language}/events/{event.slug}/").content.decode()
        assert f'<time datetime="{year}-05-12">{text}</time>' in html, language
