"""Dates on Bulgarian pages are written as CLDR writes them, checked against Babel (CLDR's data)."""

from datetime import datetime

import pytest
from babel.dates import format_date, format_time
from django.utils import formats, translation

MOMENTS = [datetime(2026, 12, 7, 5, 27), datetime(2027, 3, 1, 17, 5), datetime(2026, 1, 31, 0, 0)]


@pytest.mark.parametrize("moment", MOMENTS)
def test_bulgarian_dates_follow_cldr(moment):
    with translation.override("bg"):
        # Month names come from Django's catalogue, which capitalises them ("Януари"); CLDR does not.
        # Their case is left to the catalogue work: the pattern around them is held here.
        assert formats.date_format(moment, "DATE_FORMAT").lower() == format_date(moment, "long", locale="bg")
        assert formats.date_format(moment, "SHORT_DATE_FORMAT") == format_date(moment, "medium", locale="bg")
        assert formats.time_format(moment, "TIME_FORMAT") == format_time(moment, "short", locale="bg")
        # CLDR joins a Bulgarian date and time with ", " ({1}, {0}).
        date, time = format_date(moment, "medium", locale="bg"), format_time(moment, "short", locale="bg")
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == f"{date}, {time}"
        long_date = format_date(moment, "long", locale="bg")
        assert formats.date_format(moment, "DATETIME_FORMAT").lower() == f"{long_date}, {time}"


def test_a_bulgarian_date_with_a_time_is_never_written_the_american_way():
    with translation.override("bg"):
        written = formats.date_format(datetime(2026, 12, 7, 5, 27), "SHORT_DATETIME_FORMAT")
    assert "12/07" not in written and "преди обяд" not in written
    assert written.startswith("7.12.2026")
