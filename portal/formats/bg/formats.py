"""Bulgarian formats as CLDR writes them (Django's own leave several unset).

Django's ``bg`` locale has no ``DATETIME_FORMAT`` or ``SHORT_DATETIME_FORMAT``, so dates with a
time fell back to the American "12/07/2026 5:27 a.m.". These follow CLDR's Bulgarian patterns
(medium date ``d.MM.y 'г'.``, long date ``d MMMM y 'г'.``, time ``H:mm``, joined by ", "), with
CLDR's narrow no-break space before "г."; month names are lower case (the project catalogue).
``tests/core/test_formats.py`` holds them to Babel.
"""

DATE_FORMAT = "j F Y\u202fг."
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "j F Y\u202fг., G:i"
YEAR_MONTH_FORMAT = "F Y\u202fг."
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j.m.Y\u202fг."
SHORT_DATETIME_FORMAT = "j.m.Y\u202fг., G:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
CURRENCY_PATTERN = "{amount}\xa0{symbol}"
CURRENCY_SYMBOLS = {"EUR": "€", "RSD": "RSD"}
MONTH_RANGE_SEPARATOR = " – "  # CLDR's yMMMM interval
