"""Serbian (Cyrillic) formats as CLDR writes them, with the month of a date in the genitive.

CLDR: long date ``d. MMMM y.``, medium ``d. M. y.`` (spaces after the dots), time ``HH:mm``,
date and time joined by a space; grouping with dots. The day of a month takes the genitive
("6. децембра 2027.", format character ``E``, from the catalogue), as Serbian orthography
writes it; the month alone stays nominative ("децембар 2027."). ``tests/core/test_formats.py``
holds them to Babel.
"""

DATE_FORMAT = "j. E Y."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j. E Y. H:i"
YEAR_MONTH_FORMAT = "F Y."
MONTH_DAY_FORMAT = "j. E"
SHORT_DATE_FORMAT = "j. n. Y."
SHORT_DATETIME_FORMAT = "j. n. Y. H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
CURRENCY_PATTERN = "{amount}\xa0{symbol}"
CURRENCY_SYMBOLS = {"EUR": "€", "RSD": "RSD"}
MONTH_RANGE_SEPARATOR = " – "  # CLDR's yMMMM interval
