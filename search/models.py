"""The search index: one row per object that may be found."""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import models
from django.db.models import ExpressionWrapper, F, Q, Value
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from search.normalise import query_keys, words

# Words that would match nearly every entry and say nothing about what is
# sought: dropped from a query that has other words (never from the index).
STOP_WORDS = frozenset(
    words(
        "a an and the of in on at to for with by from or "  # English
        "и или на в във с със за от до по при към "  # Bulgarian
        "и или на у са за од до по при ка"  # Serbian
    )
)
MAX_QUERY_WORDS = 8


def query_words(text: str) -> list[str]:
    """The canonical words of a query: the words searched for and highlighted."""
    found = list(dict.fromkeys(words(text or "")))
    meaningful = [word for word in found if word not in STOP_WORDS]
    return (meaningful or found)[:MAX_QUERY_WORDS]


def tsquery(query_words: list[str]) -> str:
    """A raw ``to_tsquery`` text that ranks: every word as a prefix, all required.

    Words are canonical (only ``[a-z0-9]``), so nothing in them can be read
    as tsquery syntax. A one-letter word is matched whole: as a prefix it
    would match most of the index.
    """
    return " & ".join(word if len(word) == 1 else f"{word}:*" for word in query_words)


# A search looks at no more than this many entries matching in the title, and
# as many matching elsewhere: what a search costs is bounded, however common
# its words (see docs/SEARCH.md, "Cost").
CANDIDATES = 500


def search_query(found: list[str]) -> SearchQuery:
    """The query of :func:`query_words` ``found`` that ranks (against ``document``)."""
    return SearchQuery(tsquery(found), config="simple", search_type="raw")


def key_query(found: list[str]) -> SearchQuery:
    """The query of :func:`query_words` ``found`` that matches (against ``keys`` or ``title_keys``).

    Every word is one key, all required (search.normalise.keys): "kopriv"
    finds every word that starts with it, as ``kopriv:*`` would, through one
    entry of the GIN index. Keys are ``[a-z0-9]`` only: never tsquery syntax.
    """
    return SearchQuery(" & ".join(query_keys(found)), config="simple", search_type="raw")


@dataclass
class Facets:
    """Counts of hits per type, municipality and direction.

    Each facet counts the hits that the *other* filters let through, so a
    reader sees how many results choosing that option would give. When more
    than ``CANDIDATES`` entries match, ``capped`` is set and the counts are
    those of the first ``CANDIDATES``: lower bounds, not shown as totals.
    """

    total: int = 0
    capped: bool = False
    kinds: Counter = field(default_factory=Counter)
    municipalities: Counter = field(default_factory=Counter)
    directions: Counter = field(default_factory=Counter)

    @classmethod
    def count(cls, hits: list[tuple], *, capped_at: int, kind="", municipality=None, direction="") -> "Facets":
        """Facets of ``hits``, (kind, municipality id, directions) triples of the matching entries."""
        facets = cls(capped=len(hits) > capped_at)
        for entry_kind, entry_municipality, entry_directions in hits[:capped_at]:
            kind_ok = not kind or entry_kind == kind
            municipality_ok = not municipality or entry_municipality == municipality
            direction_ok = not direction or direction in entry_directions
            if municipality_ok and direction_ok:
                facets.kinds[entry_kind] += 1
            if kind_ok and direction_ok and entry_municipality:
                facets.municipalities[entry_municipality] += 1
            if kind_ok and municipality_ok:
                for slug in entry_directions:
                    facets.directions[slug] += 1
            if kind_ok and municipality_ok and direction_ok:
                facets.total += 1
        return facets


class SearchEntryQuerySet(models.QuerySet):
    def visible(self):
        """Entries that may be found now: scheduled content waits in the index until its publication time.

        The application's clock, as civic's ``published()`` reads it: the same
        moment for the list of news and for search.
        """
        return self.filter(Q(published_at__isnull=True) | Q(published_at__lte=timezone.now()))

    def matching(self, text: str):
        """Entries holding every word of ``text`` (as a word or a word's beginning).

        Script, diacritics, case and language do not matter: the query is
        normalised as the index is (search.normalise), and every language of
        an entry is indexed.
        """
        found = query_words(text)
        return self.visible().filter(keys=key_query(found)) if found else self.none()

    def filtered(self, *, kind: str = "", municipality: int | None = None, direction: str = ""):
        queryset = self
        if kind:
            queryset = queryset.filter(kind=kind)
        if municipality:
            queryset = queryset.filter(municipality_id=municipality)
        if direction:
            queryset = queryset.filter(directions__contains=[direction])
        return queryset

    def search(self, text: str, *, offset: int = 0, limit: int = 20, **filters) -> "SearchResults":
        """The facet counts and one page of the entries matching ``text`` and ``filters``, best first.

        Entries whose title holds every word come first, then the others;
        within each, by rank (ts_rank over the weighted vector). A bounded
        number of index rows is read, however common the words: candidates
        are the first ``CANDIDATES`` + 1 matches (which also give the facet
        counts), at most ``CANDIDATES`` title matches and, with filters, at
        most ``CANDIDATES`` filtered matches; the page is ranked among them.
        Two statements: the candidates' narrow rows (one UNION ALL), then the
        page's entries.
        """
        found = query_words(text)
        if not found:
            return SearchResults(facets=Facets(), entries=[])
        keys = key_query(found)
        in_title = ExpressionWrapper(Q(title_keys=keys), output_field=models.BooleanField())
        rank = SearchRank(F("document"), search_query(found))
        candidates = self.visible().annotate(title_match=in_title, rank=rank)
        parts = [
            candidates.filter(keys=keys).annotate(part=Value(FIRST_MATCHES)),
            candidates.filtered(**filters).filter(title_keys=keys).annotate(part=Value(TITLE_MATCHES)),
        ]
        if any(filters.values()):
            parts.append(candidates.filtered(**filters).filter(keys=keys).annotate(part=Value(FILTERED_MATCHES)))
        columns = ("part", "id", "kind", "municipality_id", "directions", "title_match", "rank")
        first, *others = (part.values_list(*columns)[: CANDIDATES + 1] for part in parts)
        rows = list(first.union(*others, all=True))

        facets = Facets.count([row[2:5] for row in rows if row[0] == FIRST_MATCHES], capped_at=CANDIDATES, **filters)
        ranked = {}
        for _part, pk, kind, municipality, directions, title_match, rank in rows:
            if _passes(filters, kind, municipality, directions):
                ranked[pk] = (not title_match, -rank, pk)
        ids = sorted(ranked, key=ranked.get)[offset : offset + limit]
        found = self.in_bulk(ids)
        return SearchResults(facets=facets, entries=[found[pk] for pk in ids])

    def results(self, text: str, *, offset: int = 0, limit: int = 20, **filters) -> list["SearchEntry"]:
        """One page of :meth:`search`'s entries."""
        return self.search(text, offset=offset, limit=limit, **filters).entries

    def facets(self, text: str, **filters) -> Facets:
        """:meth:`search`'s facet counts."""
        return self.search(text, limit=0, **filters).facets


FIRST_MATCHES, TITLE_MATCHES, FILTERED_MATCHES = 1, 2, 3


def _passes(filters: dict, kind: str, municipality: int | None, directions: list[str]) -> bool:
    return (
        (not filters.get("kind") or kind == filters["kind"])
        and (not filters.get("municipality") or municipality == filters["municipality"])
        and (not filters.get("direction") or filters["direction"] in directions)
    )


@dataclass
class SearchResults:
    facets: Facets
    entries: list


class SearchEntry(models.Model):
    """One published object as search finds it.

    Only objects that may be found (or are scheduled to be) are indexed:
    unpublishing removes the row. ``document`` holds the canonical words of the title (weight A) and
    body (weight B) in every language; the titles, summaries and path are
    copies for the results page, so that it never reads the content tables.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    kind = models.CharField(_("type"), max_length=40)
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    directions = ArrayField(models.CharField(max_length=40), default=list, blank=True, verbose_name=_("directions"))
    title_bg = models.CharField(_("title (Bulgarian)"), max_length=300, blank=True)
    title_sr = models.CharField(_("title (Serbian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary_bg = models.CharField(_("summary (Bulgarian)"), max_length=300, blank=True)
    summary_sr = models.CharField(_("summary (Serbian)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    # The object's address in the default language; other languages are
    # derived with translate_url, which needs no query.
    path = models.CharField(_("path"), max_length=500)
    # Content scheduled for later is indexed when saved and found from this
    # time on; null for content that has no publication time.
    published_at = models.DateTimeField(_("found from"), null=True, blank=True)
    # Canonical words of the title (weight A) and body (weight B) with their
    # positions: what ranks the entries that match.
    document = SearchVectorField(_("document"))
    # What matches: every word and every beginning of a word as a key
    # (search.normalise.keys), without positions, in two GIN indexes; the
    # title's own answers "does the title hold every word?".
    keys = SearchVectorField(_("keys"))
    title_keys = SearchVectorField(_("title keys"))
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_one_per_object"),
        ]
        indexes = [
            GinIndex(fields=["keys"], name="search_entry_keys"),
            GinIndex(fields=["title_keys"], name="search_entry_title_keys"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The object's address in the reader's language (resolving a URL needs no query)."""
        language = get_language() or settings.LANGUAGE_CODE
        if language == settings.LANGUAGE_CODE:
            return self.path
        # The stored path is in the default language; it resolves only while that is active.
        with translation.override(settings.LANGUAGE_CODE):
            return translate_url(self.path, language)

    def _in_reading_order(self, field_name: str) -> str:
        """The field in the reader's language, else the nearest language that has it."""
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
        order = [language, *fallbacks.get(language, fallbacks["default"])]
        for code in order:
            value = getattr(self, f"{field_name}_{code}", "")
            if value:
                return value
        return ""

    @property
    def title(self) -> str:
        return self._in_reading_order("title")

    @property
    def summary(self) -> str:
        return self._in_reading_order("summary")
