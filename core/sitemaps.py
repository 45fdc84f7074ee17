"""The base of every app's sitemap: each page once per language, paged without loading every item."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.utils import translation

from core.pagecache import cached_fragment


class LanguageItems:
    """A sitemap's (item, language) pairs, counted and sliced without loading every item.

    Django's ``Sitemap`` builds the list of every pair to cut one page from
    it: 400,000 pairs for 100,000 organisations, on every page and in the
    index. This sequence counts the items in SQL and loads only the items of
    the page asked for.
    """

    def __init__(self, items, languages: list[str], *, name: str):
        self.items = items
        self.languages = languages
        self.name = name

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
        first = start // width
        objects = self.items[first : -(-stop // width)]
        pairs = [(obj, language) for obj in objects for language in self.languages]
        return pairs[start - first * width : stop - first * width]


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

    def _items(self):
        return LanguageItems(self.items(), self._languages(), name=type(self).__qualname__)

    def _location(self, item, force_lang_code=None):
        obj, language = item
        language = force_lang_code or language
        default = settings.LANGUAGE_CODE
        if not hasattr(self, "_paths"):
            self._paths = {}
        path = self._paths.get(id(obj))
        if path is None:
            with translation.override(default):
                path = self._paths[id(obj)] = self.location(obj)
        if not path.startswith(f"/{default}/"):
            return super()._location(item, force_lang_code)
        return f"/{language}/{path.removeprefix(f'/{default}/')}"

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
