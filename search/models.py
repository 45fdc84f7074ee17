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

from search.normalise import MAX_KEY_LENGTH, deletions, edit_distance, query_keys, typo_distance, words

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
    those of the first ``CANDIDATES``: lower bounds, shown as such ("480 or more").
    An exact count of every match visits every matching row: 55-115 ms for
    8,569 hits at 10,000 organisations (docs/SEARCH.md, "Cost").
    ``total_exact`` says whether ``total`` is the number of results with the
    filters chosen: it is below the bound, and past it when the filters
    leave no more than ``CANDIDATES``.
    """

    total: int = 0
    capped: bool = False
    total_exact: bool = True
    kinds: Counter = field(default_factory=Counter)
    municipalities: Counter = field(default_factory=Counter)
    directions: Counter = field(default_factory=Counter)

    @classmethod
    def count(cls, hits: list[tuple], *, capped_at: int, kind="", municipality=None, direction="") -> "Facets":
        """Facets of ``hits``, (kind, municipality id, directions) triples of the matching entries."""
        facets = cls(capped=len(hits) > capped_at, total_exact=len(hits) <= capped_at)
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

        Pinned results (:class:`Promotion`) come first, then entries whose
        title holds every word, then the others; within each, by rank
        (ts_rank over the weighted vector); entries of the kind a synonym
        names (:class:`Synonym`) come before the others. When fewer than
        ``TOP_UP_BELOW`` entries match, entries matching a close spelling of
        the words (search.normalise.deletions) follow, never before an exact
        or prefix match, and ``suggestion`` holds that spelling.

        A bounded number of index rows is read, however common the words:
        candidates are the first ``CANDIDATES`` + 1 matches (which also give
        the facet counts), at most ``CANDIDATES`` title matches and, with
        filters, at most ``CANDIDATES`` filtered matches; the page is ranked
        among them.
        """
        found = query_words(text)
        if not found:
            return SearchResults(facets=Facets(), entries=[])
        plan = QueryPlan.of(found)
        rows = self._candidate_rows(plan, filters, tier=0)
        strict = {row[1] for row in rows if row[0] == FIRST_MATCHES}
        suggestion = ""
        if len(strict) < TOP_UP_BELOW:
            close = plan.corrected()
            if close is not None:
                fuzzy = [row for row in self._candidate_rows(close, filters, tier=1) if row[1] not in strict]
                if fuzzy:
                    rows += fuzzy
                    suggestion = close.spelling

        first = {}
        for row in rows:
            if row[0] == FIRST_MATCHES:
                first.setdefault(row[1], row[2:5])
        facets = Facets.count(list(first.values()), capped_at=CANDIDATES, **filters)
        if facets.capped and any(filters.values()):
            # The filtered candidates are every filtered match, up to the bound: their number is the total.
            filtered = {row[1] for row in rows if row[0] == FILTERED_MATCHES}
            if len(filtered) <= CANDIDATES:
                facets.total, facets.total_exact = len(filtered), True
        ranked = {}
        for _part, pk, kind, municipality, directions, title_match, rank, tier in rows:
            if pk not in ranked and _passes(filters, kind, municipality, directions):
                ranked[pk] = (tier, kind not in plan.kinds, not title_match, -rank, pk)
        close_ids = {pk for pk, order in ranked.items() if order[0] == 1}
        pinned = [pk for pk in plan.pinned(self.model) if pk in ranked or self._pinned_passes(pk, filters)]
        ids = [*pinned, *(pk for pk in sorted(ranked, key=ranked.get) if pk not in pinned)]
        if pinned:
            facets.total = max(facets.total, len(set(ranked) | set(pinned)))
        ids = ids[offset : offset + limit]
        entries = self.in_bulk(ids)
        page = [entries[pk] for pk in ids if pk in entries]
        for entry in page:
            entry.close_match = entry.pk in close_ids
            entry.pinned = entry.pk in pinned
        return SearchResults(facets=facets, entries=page, suggestion=suggestion, strict_total=len(strict))

    def _pinned_passes(self, pk: int, filters: dict) -> bool:
        return self.visible().filtered(**filters).filter(pk=pk).exists()

    def _candidate_rows(self, plan: "QueryPlan", filters: dict, *, tier: int) -> list[tuple]:
        """The narrow rows of the candidates of ``plan`` (one UNION ALL statement), with ``tier`` appended."""
        rank = SearchRank(F("document"), SearchQuery(plan.rank_tsquery(), config="simple", search_type="raw"))
        if plan.groups:
            keys = SearchQuery(plan.key_tsquery(), config="simple", search_type="raw")
            in_title = ExpressionWrapper(Q(title_keys=keys), output_field=models.BooleanField())
            candidates = self.visible().annotate(title_match=in_title, rank=rank)
            parts = [
                candidates.filter(keys=keys).annotate(part=Value(FIRST_MATCHES)),
                candidates.filtered(**filters).filter(title_keys=keys).annotate(part=Value(TITLE_MATCHES)),
            ]
            if any(filters.values()):
                parts.append(candidates.filtered(**filters).filter(keys=keys).annotate(part=Value(FILTERED_MATCHES)))
            for kind in plan.kinds:  # a synonym's kind: its matches are candidates even among many others
                parts.append(
                    candidates.filtered(**filters).filter(kind=kind, keys=keys).annotate(part=Value(KIND_MATCHES))
                )
        else:  # only a word for a kind ("certificate"): the entries of that kind
            in_title = Value(True, output_field=models.BooleanField())
            candidates = self.visible().annotate(
                title_match=in_title, rank=Value(0.0, output_field=models.FloatField())
            )
            parts = [candidates.filter(kind__in=plan.kinds).annotate(part=Value(FIRST_MATCHES))]
        columns = ("part", "id", "kind", "municipality_id", "directions", "title_match", "rank")
        first, *others = (part.values_list(*columns)[: CANDIDATES + 1] for part in parts)
        query = first.union(*others, all=True) if others else first
        return [(*row, tier) for row in query]

    def results(self, text: str, *, offset: int = 0, limit: int = 20, **filters) -> list["SearchEntry"]:
        """One page of :meth:`search`'s entries."""
        return self.search(text, offset=offset, limit=limit, **filters).entries

    def facets(self, text: str, **filters) -> Facets:
        """:meth:`search`'s facet counts."""
        return self.search(text, limit=0, **filters).facets


FIRST_MATCHES, TITLE_MATCHES, FILTERED_MATCHES, KIND_MATCHES = 1, 2, 3, 4
# A search with fewer exact or prefix matches than this also lists matches of a close spelling, after them.
TOP_UP_BELOW = 3
# At most this many known words are tried for each misspelt query word, the closest first.
CORRECTIONS_PER_WORD = 6


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
    # A close spelling of the query that finds entries (its canonical words), when the query found few.
    suggestion: str = ""
    strict_total: int = 0


@dataclass
class QueryPlan:
    """What a query looks for: groups of alternatives, each alternative a tuple of words, all groups required.

    A plain query word is a group of one alternative, itself; a phrase a
    :class:`Synonym` names becomes the phrase or any of the synonym's words.
    """

    groups: list[list[tuple[str, ...]]]
    kinds: tuple[str, ...] = ()
    spelling: str = ""
    query: str = ""
    rank_groups: list = field(default_factory=list)  # what ranks: the groups, or the words naming a kind
    plain: list[bool] = field(default_factory=list)  # which groups are a query word as typed (may be corrected)

    @classmethod
    def of(cls, found: list[str]) -> "QueryPlan":
        spans = {
            " ".join(found[start:end])
            for start in range(len(found))
            for end in range(start + 1, min(len(found), start + 3) + 1)
        }
        synonyms = {}
        for canonical, extra, kind in Synonym.objects.filter(canonical__in=spans).values_list(
            "canonical", "words", "kind"
        ):
            entry = synonyms.setdefault(canonical, ([], []))
            entry[0].extend(words(extra))
            if kind:
                entry[1].append(kind)
        groups, plain, kinds = [], [], []
        kind_only = True  # every word names a kind and nothing else ("certificate"): list that kind
        position = 0
        while position < len(found):
            for length in (3, 2, 1):
                span = found[position : position + length]
                meaning = synonyms.get(" ".join(span)) if len(span) == length else None
                if meaning:
                    extra, span_kinds = meaning
                    kinds.extend(span_kinds)
                    groups.append([tuple(span), *((word,) for word in dict.fromkeys(extra))])
                    plain.append(False)
                    kind_only = kind_only and not extra and bool(span_kinds)
                    position += length
                    break
            else:
                groups.append([(found[position],)])
                plain.append(True)
                kind_only = False
                position += 1
        rank_groups = groups
        if kind_only:
            groups, plain = [], []
        return cls(
            rank_groups=rank_groups,
            groups=groups,
            kinds=tuple(dict.fromkeys(kinds)),
            plain=plain,
            query=" ".join(found),
        )

    def key_tsquery(self) -> str:
        return " & ".join(
            "(" + " | ".join("(" + " & ".join(query_keys(list(alternative))) + ")" for alternative in group) + ")"
            for group in self.groups
        )

    def rank_tsquery(self) -> str:
        return " & ".join(
            "(" + " | ".join("(" + tsquery(list(alternative)) + ")" for alternative in group) + ")"
            for group in (self.rank_groups or self.groups)
        )

    def corrected(self) -> "QueryPlan | None":
        """This plan with each plain word long enough to forgive a typo also matching the known words close to it."""
        misspelt = [group[0][0] for group, is_plain in zip(self.groups, self.plain, strict=True) if is_plain]
        misspelt = [word for word in misspelt if typo_distance(len(word)) and len(word) <= MAX_KEY_LENGTH]
        if not misspelt:
            return None
        variants = set().union(*(deletions(word) for word in misspelt))
        known = SearchWord.objects.filter(variant__in=sorted(variants)).values_list("word", flat=True).distinct()
        known = list(known[:2000])
        groups, spelling, changed = [], [], False
        for group, is_plain in zip(self.groups, self.plain, strict=True):
            word = group[0][0]
            if not is_plain or word not in misspelt or word in known:  # a known word is not misspelt
                groups.append(group)
                spelling.append(" ".join(group[0]))
                continue
            # Edits forgiven by the shorter of the two words: a known word stores the variants its own length forgives.
            close = sorted(
                (distance, candidate)
                for candidate in known
                if candidate != word
                and (distance := edit_distance(word, candidate)) <= typo_distance(min(len(word), len(candidate)))
            )[:CORRECTIONS_PER_WORD]
            if close:
                changed = True
                groups.append([(word,), *((candidate,) for _distance, candidate in close)])
                spelling.append(close[0][1])
            else:
                groups.append(group)
                spelling.append(word)
        if not changed:
            return None
        return QueryPlan(
            groups=groups, kinds=self.kinds, spelling=" ".join(spelling), plain=[False] * len(groups), query=self.query
        )

    def pinned(self, model) -> list[int]:
        """The entries staff pinned to this query, in their order."""
        return list(
            Promotion.objects.filter(canonical=self.query).order_by("order", "pk").values_list("entry_id", flat=True)
        )


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


class SearchWord(models.Model):
    """A word of the titles in the index under one of its variants: what a misspelt query word is corrected to.

    One row per variant of each known word: the word itself and every word
    made from it by deleting as many letters as its length forgives
    (search.normalise.deletions). A query word's own variants, looked up
    in the B-tree index, find the known words close to it. Words are added
    as entries are indexed and a full rebuild starts afresh. (Arrays of
    variants under a GIN index were smaller, but the planner read such a
    small table whole, decompressing every array: 87 ms against 0.2 ms.)
    """

    variant = models.CharField(_("variant"), max_length=20)
    word = models.CharField(_("word"), max_length=20, db_index=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [models.UniqueConstraint(fields=["variant", "word"], name="search_word_variant_once")]

    def __str__(self):
        return self.word


class Synonym(models.Model):
    """An everyday word for a kind of thing, in any language or script, and what it means in the index.

    A query holding ``term`` also finds entries holding any of ``words``,
    and entries of ``kind`` come first.
    """

    term = models.CharField(
        _("word or phrase"), max_length=100, help_text=_("As people type it, in any language and either script.")
    )
    words = models.CharField(
        _("also search for"),
        max_length=200,
        blank=True,
        help_text=_("Words the index holds for this meaning, separated by spaces: any of them is enough."),
    )
    kind = models.CharField(_("type listed first"), max_length=40, blank=True)
    # The term's canonical words (search.normalise.normalise), what a query is compared with.
    canonical = models.CharField(_("canonical form"), max_length=200, editable=False, db_index=True)

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.canonical = " ".join(query_words(self.term))
        super().save(*args, **kwargs)


class QueryStatistic(models.Model):
    """How often a query was searched and clicked, aggregated: no reader, address or session is stored."""

    query = models.CharField(_("query"), max_length=200, unique=True)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    results = models.PositiveIntegerField(_("results last time"), default=0)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)
    last_searched = models.DateField(_("last searched"), auto_now=True)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        ordering = ["-searches"]

    def __str__(self):
        return self.query


class Promotion(models.Model):
    """An entry a staff member pins to the top of the results of a query."""

    query = models.CharField(
        _("query"), max_length=200, help_text=_("Pinned when a search has the same words, in any script.")
    )
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="+", verbose_name=_("result"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    canonical = models.CharField(_("canonical form"), max_length=200, editable=False, db_index=True)

    class Meta:
        verbose_name = _("promoted result")
        verbose_name_plural = _("promoted results")
        ordering = ["canonical", "order"]

    def __str__(self):
        return f"{self.query}: {self.entry}"

    def save(self, *args, **kwargs):
        self.canonical = " ".join(query_words(self.query))
        super().save(*args, **kwargs)
