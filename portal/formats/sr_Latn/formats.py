"""Serbian Latin formats: Serbian Cyrillic's (``portal/formats/sr``); month names come from the catalogue."""

from portal.formats.sr.formats import *  # noqa: F403
