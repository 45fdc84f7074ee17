"""The base of every app's sitemap: each page once per language, paged without loading every item."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri

from core.pagecache import cached_fragment

# A slug no item has, replaced by each item's own in a reversed address.
SLUG_PLACEHOLDER = "slug-placeholder-0"


class LanguageItems:
    """A sitemap's (item, language) pairs, counted and sliced without loading every item.

    Django's ``Sitemap`` builds the list of every pair to cut one page from
    it: 400,000 pairs for 100,000 organisations, on every page and in the
    index. This sequence counts the items in SQL and loads only the items of
    the page asked for. Items in primary-key order are found by keyset (the
    first key of each page, kept until content changes), not by an OFFSET
    that reads every row before a deep page.
    """

    def __init__(self, items, languages: list[str], *, name: str, per_page: int):
        self.items = items
        self.languages = languages
        self.name = name
        self.per_page = per_page

    def __len__(self) -> int:
        if isinstance(self.items, QuerySet):
            # The index counts every section on every request: counts are kept until content changes.
            count = cached_fragment("sitemap-count", self.name, self.items.count)
        else:
            count = len(self.items)
        return count * len(self.languages)

    def __getitem__(self, index: slice) -> list[tuple]:
        width = len(self.languages)
        start, stop = index.start or 0, index.stop
        first, last = start // width, -(-stop // width)
        objects = self._objects(first, last)
        pairs = [(obj, language) for obj in objects for language in self.languages]
        return pairs[start - first * width : stop - first * width]

    def _objects(self, first: int, last: int):
        items_per_page = self.per_page // len(self.languages)
        keyed = isinstance(self.items, QuerySet) and self.items.query.order_by == ("pk",) and items_per_page
        if not keyed or first == 0 or first % items_per_page:
            return self.items[first:last]  # the first page needs no key to start from
        page_starts = cached_fragment("sitemap-page-starts", (self.name, items_per_page), self._page_starts)
        page = first // items_per_page
        if page >= len(page_starts):
            return []
        return self.items.filter(pk__gte=page_starts[page])[: last - first]

    def _page_starts(self) -> list:
        """The first primary key of each page, read once: one index-only scan of the keys."""
        keys = self.items.values_list("pk", flat=True)
        return list(keys)[:: self.per_page // len(self.languages)]


class PortalSitemap(Sitemap):
    """Base for every app's sitemap: each page once per language, with alternates.

    Paged (``limit`` entries a page, each with its alternates; the index at
    /sitemap.xml lists every page), loaded page by page (``LanguageItems``)
    and with the path reversed once per item: the other languages differ
    only in the prefix (no URL pattern is translated).
    """

    i18n = True
    alternates = True
    x_default = True
    limit = 1000
    # A date field of the items: their lastmod, and the section's latest in one query.
    lastmod_field: str | None = None

    # For items whose address is this URL with their slug: built from one reverse() a page,
    # not one for each item.
    slug_url_name: str | None = None

    def _items(self):
        return LanguageItems(self.items(), self._languages(), name=type(self).__qualname__, per_page=self.limit)

    def _location(self, item, force_lang_code=None):
        obj, language = item
        language = force_lang_code or language
        default = settings.LANGUAGE_CODE
        if not hasattr(self, "_paths"):
            self._paths = {}
        path = self._paths.get(id(obj))
        if path is None:
            with translation.override(default):
                path = self._paths[id(obj)] = self._path(obj)
        if not path.startswith(f"/{default}/"):
            return super()._location(item, force_lang_code)
        return f"/{language}/{path.removeprefix(f'/{default}/')}"

    def _path(self, obj) -> str:
        if not self.slug_url_name:
            return self.location(obj)
        if not hasattr(self, "_slug_path"):
            self._slug_path = reverse(self.slug_url_name, kwargs={"slug": SLUG_PLACEHOLDER})
        return self._slug_path.replace(SLUG_PLACEHOLDER, iri_to_uri(obj.slug))

    def lastmod(self, item):
        return getattr(item, self.lastmod_field) if self.lastmod_field else None

    def get_latest_lastmod(self):
        if not self.lastmod_field:
            return None
        return cached_fragment(
            "sitemap-lastmod",
            type(self).__qualname__,
            lambda: self.items().order_by().aggregate(latest=Max(self.lastmod_field))["latest"],
        )
