"""Keeping the search index current: the only writes to it.

Apps call these where their content changes (their services, admin,
imports); nothing re-indexes behind their back from ``save()`` or signals.

- :func:`index_update` after an object is created, changed, published or
  unpublished: it is indexed if it may be found, removed otherwise.
- :func:`index_objects` for many objects of one model at once (bulk
  actions, imports): a fixed number of queries per batch.
- :func:`index_remove` before or after an object is deleted.
- :func:`index_rebuild` to rebuild everything or one model
  (``manage.py rebuild_search_index``).
"""

import re
from collections.abc import Iterable
from html import unescape

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.html import strip_tags
from django_tasks import TaskResultStatus

from core.pagecache import content_changed
from search import registry
from search.models import SearchEntry, SearchWord
from search.normalise import MAX_KEY_LENGTH, deletions, keys, lexemes, words

BATCH_SIZE = 1000
SUMMARY_LENGTH = 240
_SPACES = re.compile(r"\s+")


def plain(text: str) -> str:
    """``text`` without HTML tags and entities (rich-text bodies): what a reader sees of it."""
    if "<" in text or "&" in text:
        return unescape(strip_tags(text))
    return text


def shorten(text: str, length: int = SUMMARY_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary to about ``length`` characters."""
    text = _SPACES.sub(" ", text or "").strip()
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


# PostgreSQL keeps word positions up to this one, and this many positions per word.
MAX_POSITION = 16383
MAX_POSITIONS = 256


def tsvector(*parts: tuple[list[str], str]) -> str:
    """The text of the tsvector PostgreSQL builds from canonical words with their weights.

    ``tsvector((title_words, "A"), (body_words, "B"))`` equals
    ``setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')``
    (tests/search/test_services.py compares them): the words are canonical
    (``[a-z0-9]+``, search.normalise), which the 'simple' configuration keeps
    as they are, so the vector is written here rather than computed by the
    database, which makes indexing many rows several times faster. ``"D"``,
    the default weight, is written without a letter.
    """
    positions: dict[str, list[str]] = {}
    position = 0
    for part_words, weight in parts:
        suffix = "" if weight == "D" else weight
        for lexeme in lexemes(part_words):
            position += 1
            entry = f"{position if position < MAX_POSITION else MAX_POSITION}{suffix}"
            kept = positions.get(lexeme)
            if kept is None:
                positions[lexeme] = [entry]
            elif len(kept) < MAX_POSITIONS:
                kept.append(entry)
    return " ".join(f"'{lexeme}':{','.join(kept)}" for lexeme, kept in positions.items())


def word_keys(canonical_words: list[str]) -> str:
    """The text of the tsvector (without positions) of the words' keys (search.normalise.keys).

    The migration that introduced keys computes the same from stored vectors
    in SQL (tests/search/test_services.py compares them).
    """
    return " ".join(f"'{key}'" for key in sorted(keys(canonical_words)))


def document_vectors(title: str, body: str) -> dict[str, str]:
    """The index's three tsvectors.

    ``document``: title (weight A) and body (weight B) words with their
    positions, for ranking; ``keys`` and ``title_keys``: the keys of every
    word and of the title's words, for matching.
    """
    title_words = words(title)
    body_words = words(body)
    return {
        "document": tsvector((title_words, "A"), (body_words, "B")),
        "keys": word_keys(title_words + body_words),
        "title_keys": word_keys(title_words),
    }


def build_entry(searchable: registry.SearchableModel, obj: models.Model, content_type: ContentType) -> SearchEntry:
    """The (unsaved) index row of a public object."""
    titles = {language: plain(text) for language, text in searchable.translations(obj, searchable.title_field).items()}
    summaries = searchable.translations(obj, searchable.summary_field)
    body = [plain(text) for name in searchable.body_fields for text in searchable.texts(obj, name)]
    with translation.override(settings.LANGUAGE_CODE):
        path = obj.get_absolute_url()
    return SearchEntry(
        content_type=content_type,
        object_id=obj.pk,
        kind=searchable.kind,
        municipality_id=searchable.municipality_of(obj),
        directions=searchable.directions_of(obj),
        **{f"title_{language}": shorten(text, 300) for language, text in titles.items()},
        **{f"summary_{language}": shorten(plain(text)) for language, text in summaries.items()},
        path=path,
        published_at=searchable.published_at_of(obj),
        **document_vectors("\n".join(titles.values()), "\n".join(body)),
    )


# One array per column (in this order), unnested into rows: see _save.
_COLUMNS = (
    "content_type_id", "object_id", "kind", "municipality_id", "directions", "title_bg", "title_sr", "title_en",
    "summary_bg", "summary_sr", "summary_en", "path", "published_at", "document", "keys", "title_keys",
)  # fmt: skip
_UPSERT = """
    INSERT INTO search_searchentry (
        content_type_id, object_id, kind, municipality_id, directions, title_bg, title_sr, title_en,
        summary_bg, summary_sr, summary_en, path, published_at, document, keys, title_keys, indexed_at
    )
    SELECT
        content_type_id, object_id, kind, municipality_id, string_to_array(directions, ' '), title_bg, title_sr,
        title_en, summary_bg, summary_sr, summary_en, path, published_at, document::tsvector, keys::tsvector,
        title_keys::tsvector, now()
    FROM unnest(
        %s::integer[], %s::bigint[], %s::text[], %s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[],
        %s::text[], %s::text[], %s::text[], %s::text[], %s::timestamptz[], %s::text[], %s::text[], %s::text[]
    ) AS entry (
        content_type_id, object_id, kind, municipality_id, directions, title_bg, title_sr, title_en,
        summary_bg, summary_sr, summary_en, path, published_at, document, keys, title_keys
    )
    ON CONFLICT (content_type_id, object_id) DO UPDATE SET
        kind = EXCLUDED.kind, municipality_id = EXCLUDED.municipality_id, directions = EXCLUDED.directions,
        title_bg = EXCLUDED.title_bg, title_sr = EXCLUDED.title_sr, title_en = EXCLUDED.title_en,
        summary_bg = EXCLUDED.summary_bg, summary_sr = EXCLUDED.summary_sr, summary_en = EXCLUDED.summary_en,
        path = EXCLUDED.path, published_at = EXCLUDED.published_at, document = EXCLUDED.document,
        keys = EXCLUDED.keys, title_keys = EXCLUDED.title_keys, indexed_at = EXCLUDED.indexed_at
"""


def _save(entries: list[SearchEntry]) -> None:
    """Insert or update the entries' rows in one statement.

    One array per column, unnested by PostgreSQL: ``bulk_create`` would write
    a placeholder per value (it cannot unnest array and tsvector columns),
    which costs the application more than the database's own work.
    """
    if not entries:
        return
    values = {column: [getattr(entry, column) for entry in entries] for column in _COLUMNS}
    values["directions"] = [" ".join(entry.directions) for entry in entries]  # slugs have no spaces
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, list(values.values()))
    remember_words(entries)


# Shortest title word kept as a correction for misspelt query words.
MIN_KNOWN_WORD = 3


def remember_words(entries: list[SearchEntry]) -> None:
    """Add the entries' new title words, under each of their variants, to the known words (SearchWord)."""
    found = set()
    for entry in entries:
        found.update(words(" ".join((entry.title_bg, entry.title_sr, entry.title_en))))
    found = sorted(word for word in found if MIN_KNOWN_WORD <= len(word) <= MAX_KEY_LENGTH and not word.isdigit())
    if not found:
        return
    known = set(SearchWord.objects.filter(word__in=found).values_list("word", flat=True).distinct())
    pairs = [(variant, word) for word in found if word not in known for variant in sorted(deletions(word))]
    if not pairs:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_searchword (variant, word) SELECT * FROM unnest(%s::text[], %s::text[]) "
            "ON CONFLICT (variant, word) DO NOTHING",
            [[variant for variant, _word in pairs], [word for _variant, word in pairs]],
        )


def _searchable(model: type[models.Model]) -> registry.SearchableModel:
    searchable = registry.get(model)
    if searchable is None:
        raise ValueError(f"{model._meta.label} is not registered for search (search.registry.register).")
    return searchable


@transaction.atomic
def index_objects(*, model: type[models.Model], pks: Iterable = (), objects: Iterable[models.Model] = ()) -> int:
    """Re-index the objects of ``model`` with these primary keys; returns how many are indexed.

    Those that may be found are (re-)indexed, the others (unpublished,
    pending, archived, deleted) are removed from the index. A caller that
    holds the objects already, as saved (an import), passes them as
    ``objects``: only their primary keys and the public queryset's
    annotations are then read back, and its prefetched relations fetched
    for them; reading thousands of wide rows again cost more than indexing
    them.
    """
    searchable = _searchable(model)
    content_type = ContentType.objects.get_for_model(model)
    held = {obj.pk: obj for obj in objects}
    pks = list(held) or list(pks)
    public_objects = searchable.public_objects()
    indexed = 0
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        if held:
            # Which of them may be found, with what the public queryset annotates (set on the objects held).
            annotations = list(public_objects.query.annotations)
            public = []
            for pk, *values in public_objects.filter(pk__in=batch).values_list("pk", *annotations):
                public.append(held[pk])
                for name, value in zip(annotations, values, strict=True):
                    setattr(held[pk], name, value)
            public_pks = {obj.pk for obj in public}
            prefetch_related_objects(public, *public_objects._prefetch_related_lookups)
        else:
            public = list(public_objects.filter(pk__in=batch))
            public_pks = {obj.pk for obj in public}
        _save([build_entry(searchable, obj, content_type) for obj in public])
        gone = [pk for pk in batch if pk not in public_pks]
        if gone:
            SearchEntry.objects.filter(content_type=content_type, object_id__in=gone).delete()
        indexed += len(public)
    if len(pks) >= MERGE_AFTER_ROWS:
        _merge_pending_keys()
    return indexed


# Writes of at least this many entries merge the keys' pending lists at once (see _merge_pending_keys).
MERGE_AFTER_ROWS = 100


def _merge_pending_keys() -> None:
    """Move the keys that a bulk write left in the GIN indexes' pending lists into the indexes proper.

    PostgreSQL appends new GIN entries to an unsorted pending list (up to
    4 MB) and merges it at the next vacuum; until then every search reads
    the whole list. An import of 7,158 organisations left a search at
    100,000 organisations three times slower (p95 3.7 → 11.5 ms), and its
    inserts alone would not make autovacuum come. Merging costs what the
    vacuum would, once, where the write happens.
    """
    names = [index.name for index in SearchEntry._meta.indexes]  # the GIN indexes of keys and title keys
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join("gin_clean_pending_list(%s::regclass)" for _ in names), names)


def index_update(obj: models.Model) -> bool | None:
    """Index ``obj`` if it may be found, remove it otherwise, through the ``search.tasks.reindex`` task.

    In development and tests the task runs at once, in this transaction (returns whether ``obj``
    is indexed; an error is raised here, as it would have been without a task). With the
    database backend the task is a row of this transaction, run by the worker once it commits
    (returns None): an edit never waits for the index, and a rolled-back one re-indexes nothing.
    """
    from search.tasks import reindex

    result = reindex.enqueue(obj._meta.label, [obj.pk])
    if result.status == TaskResultStatus.FAILED:
        raise IndexingFailed(result.errors[0].traceback)
    if result.status == TaskResultStatus.SUCCESSFUL:
        return bool(result.return_value)
    return None


class IndexingFailed(Exception):
    """The re-indexing task, run at once, failed (its traceback is the message)."""


def index_remove(obj: models.Model | None = None, *, model: type[models.Model] | None = None, pks=()) -> None:
    """Remove an object (or ``model``'s objects with ``pks``) from the index."""
    if obj is not None:
        model, pks = type(obj), [obj.pk]
    content_type = ContentType.objects.get_for_model(model)
    SearchEntry.objects.filter(content_type=content_type, object_id__in=list(pks)).delete()


@transaction.atomic
def index_rebuild(model: type[models.Model] | None = None) -> int:
    """Rebuild the index of ``model``, or of every registered model; returns the rows indexed.

    Objects are read and written in batches; rows of objects that can no
    longer be found are deleted. Use it after imports and bulk changes made
    outside the services, or when a model's registration changes.
    """
    searchables = [_searchable(model)] if model else registry.registered()
    if not model:  # the known words are those of the titles indexed now
        SearchWord.objects.all().delete()
    indexed = 0
    for searchable in searchables:
        content_type = ContentType.objects.get_for_model(searchable.model)
        public = searchable.public_objects()
        SearchEntry.objects.filter(content_type=content_type).exclude(object_id__in=public.values("pk")).delete()
        batch = []
        for obj in public.order_by("pk").iterator(chunk_size=BATCH_SIZE):
            batch.append(build_entry(searchable, obj, content_type))
            if len(batch) == BATCH_SIZE:
                _save(batch)
                indexed += len(batch)
                batch = []
        _save(batch)
        indexed += len(batch)
    _merge_pending_keys()
    if not model:
        kinds = [searchable.kind for searchable in searchables]
        SearchEntry.objects.exclude(kind__in=kinds).delete()
    content_changed()  # search result pages in the page cache
    return indexed


def log_key(text: str) -> str:
    """A query as the log aggregates it: its words, lower case, single spaces, at most 200 characters."""
    return " ".join((text or "").lower().split())[:200]


def log_search(text: str, results: int) -> None:
    """Count one search for ``text`` with its number of results: no reader, address or session is stored."""
    query = log_key(text)
    if not query:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_querystatistic (query, searches, results, clicks, last_searched) "
            "VALUES (%s, 1, %s, 0, current_date) ON CONFLICT (query) DO UPDATE SET "
            "searches = search_querystatistic.searches + 1, results = EXCLUDED.results, last_searched = current_date",
            [query, results],
        )
