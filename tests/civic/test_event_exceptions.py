"""A series with exception dates (EXDATE): kept by the model, skipped in the occurrences and
"what is on", written to iCal and read back by two independent parsers, edited in the admin."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.core.exceptions import ValidationError
from django.utils import timezone

from civic.models import Event
from core.models import Country
from tests.civic.factories import EventFactory, local
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.now().year + 1
BELGRADE = ZoneInfo("Europe/Belgrade")
# Tuesdays of March and April next year; the series skips the second of them.
FIRST_TUESDAY = date(NEXT_YEAR, 3, 1) + timedelta(days=(1 - date(NEXT_YEAR, 3, 1).weekday()) % 7)
SKIPPED = FIRST_TUESDAY + timedelta(weeks=1)


@pytest.fixture
def yoga():
    nis = MunicipalityFactory(slug="medijana", country=Country.SERBIA)
    event = EventFactory(
        slug="yoga",
        municipality=nis,
        starts_at=local("Europe/Belgrade", NEXT_YEAR, 3, FIRST_TUESDAY.day, 19, 0),
        ends_at=local("Europe/Belgrade", NEXT_YEAR, 3, FIRST_TUESDAY.day, 20, 0),
        recurrence_rule=f"FREQ=WEEKLY;BYDAY=TU;UNTIL={NEXT_YEAR}0430",
        exception_dates=[SKIPPED],
    )
    event.full_clean()
    return event


def _days(occurrences) -> list[date]:
    return [occurrence.local_starts_at.date() for occurrence in occurrences]


def test_the_exception_date_is_skipped_in_the_occurrences_and_what_is_on(client, yoga):
    start = datetime.combine(FIRST_TUESDAY, time.min, tzinfo=BELGRADE)
    days = _days(yoga.occurrences_between(start, start + timedelta(weeks=4)))
    assert days == [FIRST_TUESDAY, FIRST_TUESDAY + timedelta(weeks=2), FIRST_TUESDAY + timedelta(weeks=3)]
    assert SKIPPED not in _days(yoga.next_occurrences(limit=3, after=start))
    assert SKIPPED not in _days(Event.objects.published().occurrences(start, start + timedelta(weeks=4)))
    # The week after is there: only the one day is skipped.
    assert SKIPPED + timedelta(weeks=1) in _days(yoga.next_occurrences(limit=3, after=start))
    page = client.get("/en/events/yoga/").content.decode()
    assert f'<time datetime="{SKIPPED:%Y-%m-%d}">' in page


def test_ical_carries_the_exception_date_for_both_parsers(client, yoga):
    content = client.get("/en/events/yoga.ics").content
    skipped_at = datetime.combine(SKIPPED, time(19, 0), tzinfo=BELGRADE)
    assert f"EXDATE;TZID=Europe/Belgrade:{SKIPPED:%Y%m%d}T190000".encode() in content

    entry = next(iter(icalendar.Calendar.from_ical(content).walk("VEVENT")))
    exdates = entry.get("exdate")
    exdates = exdates if isinstance(exdates, list) else [exdates]
    assert [moment.dt for value in exdates for moment in value.dts] == [skipped_at]

    dates = list(vobject.readOne(content.decode()).vevent.getrruleset())
    assert skipped_at not in dates
    assert skipped_at - timedelta(weeks=1) in dates and skipped_at + timedelta(weeks=1) in dates
    assert all(moment.astimezone(BELGRADE).hour == 19 for moment in dates)  # across the change to summer time


def test_an_exception_date_must_be_a_date_of_the_series(yoga):
    yoga.exception_dates = [SKIPPED + timedelta(days=1)]  # a Wednesday
    with pytest.raises(ValidationError) as error:
        yoga.full_clean()
    assert "exception_dates" in error.value.message_dict
    single = EventFactory(slug="single", municipality=yoga.municipality, exception_dates=[SKIPPED])
    with pytest.raises(ValidationError) as error:
        single.full_clean()
    assert "exception_dates" in error.value.message_dict


def test_the_admin_edits_the_exception_dates(admin_client, yoga):
    page = admin_client.get(f"/admin/civic/event/{yoga.pk}/change/").content.decode()
    assert 'name="exception_dates"' in page and SKIPPED.isoformat() in page
