"""The licence of the portal's open data: the API, the directory's and the board's downloads, feeds, calendars.

CC BY 4.0, with attribution to both municipalities. A JSON export carries it as a
``licence`` object; every export says it in an HTTP ``Link: <…>; rel="license"``
header (RFC 8288), which fits formats with no place of their own for it (CSV, iCalendar);
RSS and Atom feeds name it in ``<copyright>`` and ``<rights>``.
"""

from django.utils.translation import gettext_noop

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# Sent in English by the API and the exports; the data page gives it in the reader's language.
ATTRIBUTION = gettext_noop("Municipality of Koprivshtitsa (Bulgaria) and City Municipality of Medijana, Niš (Serbia)")

LICENCE = {"name": LICENCE_NAME, "url": LICENCE_URL, "attribution": ATTRIBUTION}
LICENCE_LINK = f'<{LICENCE_URL}>; rel="license"'
# The text of a feed's <copyright> (RSS) and <rights> (Atom).
FEED_RIGHTS = f"{ATTRIBUTION}. {LICENCE_NAME}: {LICENCE_URL}"


def licensed(response):
    """``response`` with the licence in its ``Link`` header."""
    response["Link"] = LICENCE_LINK
    return response
