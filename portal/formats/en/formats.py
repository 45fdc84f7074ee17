"""English formats as CLDR writes them: one style, months spelled out, 12-hour clock.

Django's English writes "Dec. 6, 2027" and "9:05 a.m." (Associated Press style) beside
"12/06/2027"; CLDR's English is "December 6, 2027" (long), "Dec 6, 2027" (medium) and
"9:05 AM" with a narrow no-break space, date and time joined by ", ".
``tests/core/test_formats.py`` holds them to Babel.
"""

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "g:i\u202fA"
DATETIME_FORMAT = "F j, Y, g:i\u202fA"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
SHORT_DATE_FORMAT = "M j, Y"
SHORT_DATETIME_FORMAT = "M j, Y, g:i\u202fA"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
CURRENCY_PATTERN = "{symbol}{amount}"
CURRENCY_SYMBOLS = {"EUR": "€", "RSD": "RSD"}
MONTH_RANGE_SEPARATOR = "\u2009–\u2009"  # CLDR's yMMMM interval
