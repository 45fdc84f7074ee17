"""The search index: one row per object that may be found."""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import models
from django.db.models import Count, F, Func
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from search.normalise import words

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
    """A raw ``to_tsquery`` text: every word as a prefix, all required.

    Words are canonical (only ``[a-z0-9]``), so nothing in them can be read
    as tsquery syntax. A one-letter word is matched whole: as a prefix it
    would match most of the index.
    """
    return " & ".join(word if len(word) == 1 else f"{word}:*" for word in query_words)


class TitleMatches(Func):
    """True when the title alone (the weight-A part of the vector) holds every query word."""

    template = "(ts_filter(%(expressions)s, '{a}') @@ %(query)s)"
    output_field = models.BooleanField()

    def __init__(self, vector, query):
        super().__init__(vector)
        self.query = query

    def as_sql(self, compiler, connection, **extra_context):
        query_sql, query_params = compiler.compile(self.query)
        sql, params = super().as_sql(compiler, connection, query=query_sql, **extra_context)
        return sql, (*params, *query_params)


@dataclass
class Facets:
    """Counts of hits per type, municipality and direction.

    Each facet counts the hits that the *other* filters let through, so a
    reader sees how many results choosing that option would give.
    """

    total: int = 0
    kinds: Counter = field(default_factory=Counter)
    municipalities: Counter = field(default_factory=Counter)
    directions: Counter = field(default_factory=Counter)


class SearchEntryQuerySet(models.QuerySet):
    def matching(self, text: str):
        """Entries holding every word of ``text`` (as a word or a word's beginning).

        Script, diacritics, case and language do not matter: the query is
        normalised as the index is (search.normalise), and every language of
        an entry is indexed.
        """
        found = query_words(text)
        if not found:
            return self.none()
        return self.filter(document=SearchQuery(tsquery(found), config="simple", search_type="raw"))

    def ranked(self, text: str):
        """:meth:`matching`, best first: title matches above body matches, then by rank."""
        found = query_words(text)
        if not found:
            return self.none()
        query = SearchQuery(tsquery(found), config="simple", search_type="raw")
        return (
            self.filter(document=query)
            .annotate(title_match=TitleMatches(F("document"), query), rank=SearchRank(F("document"), query))
            .order_by("-title_match", "-rank", "pk")
        )

    def filtered(self, *, kind: str = "", municipality: int | None = None, direction: str = ""):
        queryset = self
        if kind:
            queryset = queryset.filter(kind=kind)
        if municipality:
            queryset = queryset.filter(municipality_id=municipality)
        if direction:
            queryset = queryset.filter(directions__contains=[direction])
        return queryset

    def facets(self, *, kind: str = "", municipality: int | None = None, direction: str = "") -> Facets:
        """The facet counts of these entries, in one grouped query.

        Hits are grouped by (kind, municipality, directions): a few dozen
        combinations at most, from which every count is derived here.
        """
        combinations = self.order_by().values_list("kind", "municipality_id", "directions").annotate(hits=Count("*"))
        facets = Facets()
        for entry_kind, entry_municipality, entry_directions, hits in combinations:
            kind_ok = not kind or entry_kind == kind
            municipality_ok = not municipality or entry_municipality == municipality
            direction_ok = not direction or direction in entry_directions
            if municipality_ok and direction_ok:
                facets.kinds[entry_kind] += hits
            if kind_ok and direction_ok and entry_municipality:
                facets.municipalities[entry_municipality] += hits
            if kind_ok and municipality_ok:
                for slug in entry_directions:
                    facets.directions[slug] += hits
            if kind_ok and municipality_ok and direction_ok:
                facets.total += hits
        return facets


class SearchEntry(models.Model):
    """One published object as search finds it.

    Only objects that may be found are indexed: unpublishing removes the
    row. ``document`` holds the canonical words of the title (weight A) and
    body (weight B) in every language; the titles, summaries and path are
    copies for the results page, so that it never reads the content tables.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    kind = models.CharField(_("type"), max_length=40)
    municipality = models.ForeignKey(
        "portal.Municipality",
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
    document = SearchVectorField(_("document"))
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_one_per_object"),
        ]
        indexes = [
            GinIndex(fields=["document"], name="search_entry_document"),
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
