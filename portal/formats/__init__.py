"""Date, time, number and money formats as CLDR writes them, one module per language.

Django's own locales leave several formats unset or write them otherwise than CLDR (Bulgarian
"6 Декември", English "Dec. 6", Serbian "6.12.2027."). Each ``<lang>/formats.py`` follows CLDR's
patterns for its language; ``tests/core/test_formats.py`` holds every one of them to Babel (CLDR's
data). Besides Django's format names, each module carries the CLDR facts Django has no setting
for, read through ``core.formats.language_format``: ``CURRENCY_PATTERN`` (where the symbol goes),
``CURRENCY_SYMBOLS`` and ``MONTH_RANGE_SEPARATOR``.

Serbian long dates write the month in the genitive ("6. децембра 2027."), as Serbian
orthography does; CLDR's Serbian data has the nominative only. The genitive comes from the
catalogue (Django's "alt. month" context, format character ``E``); the month names themselves
are marked below so that ``makemessages`` keeps them.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MONTHS = (
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
)

# Django's catalogues capitalise Bulgarian month names; CLDR writes them in lower case. Serbian
# takes the genitive for a day of a month. Both come from locale/<lang>/LC_MESSAGES/django.po.
MONTHS_IN_DATES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
