"""Serbian Latin formats: Serbian Cyrillic's (``portal/formats/sr``); month names come from the catalogue."""

from portal.formats.sr.formats import *  # noqa: F403

# CLDR writes the Latin interval with thin spaces, the Cyrillic one with spaces.
MONTH_RANGE_SEPARATOR = "\u2009–\u2009"
