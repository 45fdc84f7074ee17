"""The licence every answer of the API carries: the portal's open-data licence (``core.opendata``)."""

from core.opendata import ATTRIBUTION, LICENCE, LICENCE_LINK, LICENCE_NAME, LICENCE_URL

__all__ = ["ATTRIBUTION", "LICENCE", "LICENCE_LINK", "LICENCE_NAME", "LICENCE_URL"]
