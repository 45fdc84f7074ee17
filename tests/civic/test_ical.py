"""Events as people plan them: iCalendar read back by two independent parsers (icalendar and vobject).

A timed event carries its place's TZID with a VTIMEZONE; a festival of whole days is its days
(``VALUE=DATE``, DTEND the day after the last); an event known only by its month is not exported
as a month-long block, and a season reads as a season ("June – September 2027").
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.utils import timezone

from civic.models import Event
from core.models import Country
from tests.civic.factories import EventFactory, local
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.now().year + 1


@pytest.fixture
def events():
    nis = MunicipalityFactory(slug="medijana", country=Country.SERBIA)
    koprivshtitsa = MunicipalityFactory(slug="koprivshtitsa", country=Country.BULGARIA)
    return {
        "concert": EventFactory(
            slug="concert",
            municipality=nis,
            starts_at=local("Europe/Belgrade", NEXT_YEAR, 8, 15, 19, 0),
            ends_at=local("Europe/Belgrade", NEXT_YEAR, 8, 15, 22, 30),
        ),
        "festival": EventFactory(
            slug="festival",
            municipality=koprivshtitsa,
            timing=Event.Timing.ALL_DAY,
            starts_at=local("Europe/Sofia", NEXT_YEAR, 8, 13),
            ends_at=local("Europe/Sofia", NEXT_YEAR, 8, 16, 23, 59, 59),
        ),
        "month": EventFactory(
            slug="dates-to-come",
            municipality=nis,
            timing=Event.Timing.MONTH,
            starts_at=local("Europe/Belgrade", NEXT_YEAR, 8, 1),
            ends_at=local("Europe/Belgrade", NEXT_YEAR, 8, 31, 23, 59, 59),
        ),
        "season": EventFactory(
            slug="summer-season",
            municipality=nis,
            timing=Event.Timing.MONTH,
            starts_at=local("Europe/Belgrade", NEXT_YEAR, 6, 1),
            ends_at=local("Europe/Belgrade", NEXT_YEAR, 9, 30, 23, 59, 59),
        ),
    }


def by_uid_vobject(content: bytes) -> dict:
    calendar = vobject.readOne(content.decode())
    return {entry.uid.value.split("@")[0]: entry for entry in calendar.vevent_list}


def by_uid_icalendar(content: bytes) -> dict:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(entry["uid"]).split("@")[0]: entry for entry in calendar.walk("VEVENT")}


def test_the_feed_reads_the_same_in_two_independent_parsers(client, events):
    content = client.get("/en/events/calendar.ics").content
    read_by_vobject, read_by_icalendar = by_uid_vobject(content), by_uid_icalendar(content)
    concert, festival = (f"event-{events[name].pk}" for name in ("concert", "festival"))
    assert set(read_by_vobject) == set(read_by_icalendar) == {concert, festival}

    # The concert: 19:00 to 22:30 on the clock in Niš, named by its zone, which the file defines.
    belgrade = ZoneInfo("Europe/Belgrade")
    for start, end in (
        (read_by_vobject[concert].dtstart.value, read_by_vobject[concert].dtend.value),
        (read_by_icalendar[concert].decoded("dtstart"), read_by_icalendar[concert].decoded("dtend")),
    ):
        assert start == datetime(NEXT_YEAR, 8, 15, 19, 0, tzinfo=belgrade)
        assert (start.hour, end.hour, end.minute) == (19, 22, 30)
        assert start.utcoffset() == timedelta(hours=2)
    assert "Europe/Belgrade" in repr(read_by_vobject[concert].dtstart.value.tzinfo)  # the file's VTIMEZONE
    assert b"DTSTART;TZID=Europe/Belgrade:" in content
    zones = [component.tzid.value for component in vobject.readOne(content.decode()).vtimezone_list]
    assert "Europe/Belgrade" in zones

    # The festival: four whole days, dates without a time; DTEND is the day after the last.
    for start, end in (
        (read_by_vobject[festival].dtstart.value, read_by_vobject[festival].dtend.value),
        (read_by_icalendar[festival].decoded("dtstart"), read_by_icalendar[festival].decoded("dtend")),
    ):
        assert not isinstance(start, datetime) and not isinstance(end, datetime)
        assert (start, end) == (date(NEXT_YEAR, 8, 13), date(NEXT_YEAR, 8, 17))
        assert (end - start).days == 4
    assert f"DTSTART;VALUE=DATE:{NEXT_YEAR}0813".encode() in content


def test_an_event_known_only_by_its_month_is_not_a_month_long_block(client, events):
    month = events["month"]
    assert client.get(f"/en/events/{month.slug}.ics").status_code == 404
    html = client.get(f"/en/events/{month.slug}/").content.decode()
    assert f"August {NEXT_YEAR}" in html
    assert ".ics" not in html.split("<main", 1)[1].split("</main>")[0]
    festival = events["festival"]
    assert client.get(f"/en/events/{festival.slug}.ics").status_code == 200


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "June\u2009–\u2009September {year}"),
        ("bg", "юни – септември {year}\u202fг."),
        ("sr", "јун – септембар {year}."),
        ("sr-latn", "jun\u2009–\u2009septembar {year}."),
    ],
)
def test_a_season_is_shown_as_a_season_with_its_months(client, events, language, expected):
    html = client.get(f"/{language}/events/{events['season'].slug}/").content.decode()
    assert expected.format(year=NEXT_YEAR) in html


@pytest.mark.parametrize("zone_name", ["Europe/Belgrade", "Europe/Sofia"])
def test_the_time_zone_in_the_file_keeps_the_clock_of_the_place_all_year(client, zone_name):
    """vobject reads the VTIMEZONE itself (not the zone's name): every day's offset is the place's."""
    from civic.feeds import summer_time_zone

    calendar = icalendar.Calendar()
    calendar.add_component(summer_time_zone(zone_name))
    [component] = vobject.readOne(calendar.to_ical().decode()).vtimezone_list
    read, zone = component.gettzinfo(), ZoneInfo(zone_name)
    moment = datetime(2026, 1, 1, 12, tzinfo=UTC)
    while moment.year < 2031:
        assert moment.astimezone(read).utcoffset() == moment.astimezone(zone).utcoffset(), moment
        moment += timedelta(hours=23)  # every hour of the day, over the years
