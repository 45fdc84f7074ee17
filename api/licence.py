"""The licence every export and the API carry: CC BY 4.0, attribution to both municipalities."""

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "Municipality of Koprivshtitsa (Bulgaria) and City Municipality of Medijana, Niš (Serbia)"

LICENCE = {"name": LICENCE_NAME, "url": LICENCE_URL, "attribution": ATTRIBUTION}
# An HTTP Link header (RFC 8288) naming the licence, for downloads whose format has no place for it.
LICENCE_LINK = f'<{LICENCE_URL}>; rel="license"'
