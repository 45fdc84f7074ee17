"""Crawl the portal through Django's test client and read each page's skeleton.

Every quality gate (links, page structure, translations, valid HTML,
accessibility) works on what :func:`crawl` returns, so a page type that
lands later is checked from its first day without being listed anywhere:
it only has to be linked from a page that is already crawled, or be in
the sitemap.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Paths the crawl never follows: staff pages behind a login, files, and the API (answers in JSON,
# checked by Schemathesis; its documentation page is Swagger UI's own, in English by design).
NOT_CRAWLED = ("/admin/", "/static/", "/media/", "/i18n/", "/api/")
# A filter or pager link is followed, but only this many query strings per
# path: enough to prove that filtered views work, without walking every
# combination of every facet.
QUERY_VARIANTS_PER_PATH = 3
# A crawl that grows past this is a crawler trap (an endless calendar, a
# pager without end) or demo content that has outgrown the gate: both need a
# decision, so the crawl fails instead of running on.
MAX_PAGES = 1500

# Elements whose text a reader never sees.
INVISIBLE = {"script", "style", "template", "noscript"}
# Attributes whose text a reader sees or hears.
VISIBLE_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}


class PageParser(HTMLParser):
    """The parts of a page that the gates look at, read in one pass."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.title = None
        self.h1_count = 0
        self.canonicals = []
        self.alternates = []  # (hreflang, href)
        self.links = []
        self.resources = []
        self.text_parts = []
        self._in_title = False
        self._invisible_depth = 0
        # An element in another language than the page's (the language
        # switcher's "English" on a Bulgarian page) and its text: [tag, depth].
        self._foreign = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._foreign and tag == self._foreign[-1][0]:
            self._foreign[-1][1] += 1
        elif tag != "html" and attributes.get("lang") and attributes["lang"] != self.html_lang:
            self._foreign.append([tag, 1])
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag == "title":
            self._in_title = True
            self.title = ""
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "link":
            rel = (attributes.get("rel") or "").split()
            if "canonical" in rel:
                self.canonicals.append(attributes.get("href"))
            elif "alternate" in rel and attributes.get("hreflang"):
                self.alternates.append((attributes["hreflang"], attributes.get("href")))
            elif attributes.get("href"):
                self.resources.append(attributes["href"])
        elif tag in {"img", "script", "source"} and attributes.get("src"):
            self.resources.append(attributes["src"])
        elif tag == "meta" and attributes.get("name") == "description":
            self.text_parts.append(attributes.get("content") or "")
        if tag in INVISIBLE:
            self._invisible_depth += 1
        if not self._foreign:
            self.text_parts.extend(value for name, value in attrs if name in VISIBLE_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in INVISIBLE and self._invisible_depth:
            self._invisible_depth -= 1
        if self._foreign and tag == self._foreign[-1][0]:
            self._foreign[-1][1] -= 1
            if not self._foreign[-1][1]:
                self._foreign.pop()

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if not self._invisible_depth and not self._foreign:
            self.text_parts.append(data)


@dataclass
class Page:
    """One fetched URL: its answer and, for an HTML page, what the gates read from it."""

    url: str  # path and query, as linked
    status: int
    content_type: str = ""
    html: str = ""
    linked_from: list[str] = field(default_factory=list)
    error: str = ""  # the exception behind a 500, when there was one
    html_lang: str | None = None
    title: str | None = None
    h1_count: int = 0
    canonicals: list = field(default_factory=list)
    alternates: list = field(default_factory=list)
    links: list = field(default_factory=list)
    resources: list = field(default_factory=list)
    text: str = ""

    @classmethod
    def from_html(cls, url: str, html: str, status: int = 200) -> "Page":
        parser = PageParser()
        parser.feed(html)
        parser.close()
        return cls(
            url=url,
            status=status,
            content_type="text/html",
            html=html,
            html_lang=parser.html_lang,
            title=parser.title,
            h1_count=parser.h1_count,
            canonicals=parser.canonicals,
            alternates=parser.alternates,
            links=parser.links,
            resources=parser.resources,
            text=re.sub(r"\s+", " ", " ".join(parser.text_parts)).strip(),
        )

    @property
    def is_html(self) -> bool:
        return self.status == 200 and self.content_type.startswith("text/html")

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    @property
    def language(self) -> str | None:
        """The language code of the URL's prefix (``/sr-latn/...`` → ``sr-latn``)."""
        prefix = self.path.split("/")[1]
        return prefix if prefix in LANGUAGES else None

    @property
    def page_type(self) -> str:
        """The URL name of the view that answered (``portal:municipality-detail``)."""
        # i18n_patterns resolve only the prefix of the active language.
        with translation.override(self.language):
            try:
                return resolve(self.path).view_name
            except Resolver404:
                return "unresolved"


def internal_path(href: str, base: str) -> str | None:
    """The path and query an ``href`` on page ``base`` points to, or None if it leaves the portal."""
    href, _fragment = urldefrag(urljoin(base, href.strip()))
    parts = urlsplit(href)
    if parts.scheme not in {"", "http"} or parts.netloc not in {"", "testserver"}:
        return None  # another site, mailto:, tel:
    if not parts.path or parts.path.startswith(NOT_CRAWLED):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


# The sitemap index and its sections' pages (/sitemap-organisations.xml?p=2).
SITEMAP = re.compile(r"^/sitemap(-[\w-]+)?\.xml(\?p=\d+)?$")


def sitemap_paths(xml: str) -> list[str]:
    """The addresses a sitemap lists: pages, or (in the index) the sitemap's sections."""
    return [internal_path(unescape(loc), "/") for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def crawl(client: Client | None = None, start: list[str] | None = None) -> dict[str, Page]:
    """Fetch every internal page reachable from ``start``, breadth first.

    By default the crawl starts at each language's home page and at every
    URL of the sitemap. Returns the pages by URL, in the order they were
    found; a page that answered 4xx or 5xx is in the result too, with the
    pages that link to it.
    """
    client = client or Client(raise_request_exception=False)
    queue = start if start is not None else [f"/{language}/" for language in LANGUAGES] + ["/sitemap.xml"]
    pages: dict[str, Page] = {}
    referrers: dict[str, list[str]] = {url: [] for url in queue}
    queries_per_path: Counter = Counter()
    queue = list(dict.fromkeys(queue))
    while queue:
        url = queue.pop(0)
        assert len(pages) < MAX_PAGES, f"The crawl passed {MAX_PAGES} pages; is {url} part of a crawler trap?"
        page = fetch(client, url)
        page.linked_from = referrers[url]
        pages[url] = page
        found = []
        if page.is_html:
            found = [internal_path(href, url) for href in page.links]
        elif page.status == 200 and SITEMAP.match(url):
            found = sitemap_paths(page.html)
        for target in found:
            if target is None:
                continue
            if target not in referrers:
                path, has_query, _query = target.partition("?")
                if has_query:
                    if queries_per_path[path] >= QUERY_VARIANTS_PER_PATH:
                        continue
                    queries_per_path[path] += 1
                referrers[target] = []
                queue.append(target)
            if url not in referrers[target]:
                referrers[target].append(url)
    return pages


def fetch(client: Client, url: str) -> Page:
    """GET ``url``, following redirects inside the portal."""
    response = client.get(url, follow=True)
    content_type = response.get("Content-Type", "")
    error = ""
    if getattr(response, "exc_info", None):
        error = f"{response.exc_info[0].__name__}: {response.exc_info[1]}"
    if response.status_code != 200 or not content_type.startswith("text/html"):
        body = (
            response.getvalue().decode(errors="replace")
            if content_type.startswith(("text/", "application/xml"))
            else ""
        )
        return Page(url=url, status=response.status_code, content_type=content_type, html=body, error=error)
    # A redirect (a login page for a page behind one) is judged as the page it lands on.
    landed = response.redirect_chain[-1][0] if response.redirect_chain else url
    page = Page.from_html(landed, response.content.decode(response.charset or "utf-8"))
    page.content_type = content_type
    return page


def samples(pages: dict[str, Page], language: str | None = None) -> list[Page]:
    """One HTML page per page type and language: what the slower browser and validator gates check."""
    chosen: dict[tuple, Page] = {}
    for page in pages.values():
        if page.is_html and language in {None, page.language}:
            chosen.setdefault((page.language, page.page_type), page)
    return list(chosen.values())
