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

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction
from django.db.models import Value
from django.utils import timezone, translation

from search import registry
from search.models import SearchEntry
from search.normalise import normalise

BATCH_SIZE = 1000
SUMMARY_LENGTH = 240
_SPACES = re.compile(r"\s+")


def shorten(text: str, length: int = SUMMARY_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary to about ``length`` characters."""
    text = _SPACES.sub(" ", text or "").strip()
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


def document_vectors(title: str, body: str) -> dict[str, SearchVector]:
    """The index's two tsvectors: title (weight A) and body (weight B) words, and title words alone.

    The 'simple' configuration only splits on spaces and keeps every word:
    the words are already canonical (search.normalise).
    """
    title_words = Value(normalise(title))
    return {
        "document": SearchVector(title_words, config="simple", weight="A")
        + SearchVector(Value(normalise(body)), config="simple", weight="B"),
        "title_document": SearchVector(title_words, config="simple"),
    }


# The columns of an index row a write gives, before its two tsvectors.
_ROW_COLUMNS = [
    "content_type_id", "object_id", "kind", "municipality_id", "directions",
    *(f"title_{language}" for language in settings.MODELTRANSLATION_LANGUAGES),
    *(f"summary_{language}" for language in settings.MODELTRANSLATION_LANGUAGES),
    "path",
]  # fmt: skip
_VECTORS = ["document", "title_document", "indexed_at"]


def entry_row(searchable: registry.SearchableModel, obj: models.Model, content_type_id: int) -> tuple:
    """A public object's index row: ``_ROW_COLUMNS`` values, then its title and body words (normalised)."""
    titles = searchable.translations(obj, searchable.title_field)
    summaries = searchable.translations(obj, searchable.summary_field)
    body = [text for name in searchable.body_fields for text in searchable.texts(obj, name)]
    languages = settings.MODELTRANSLATION_LANGUAGES
    with translation.override(settings.LANGUAGE_CODE):
        path = obj.get_absolute_url()
    return (
        content_type_id,
        obj.pk,
        searchable.kind,
        searchable.municipality_of(obj),
        searchable.directions_of(obj),
        *(shorten(titles[language], 300) for language in languages),
        *(shorten(summaries[language]) for language in languages),
        path,
        normalise("\n".join(titles.values())),
        normalise("\n".join(body)),
    )


def _save(rows: list[tuple]) -> None:
    """Insert or replace index rows (``entry_row``): ``COPY`` into a scratch table, one ``INSERT``.

    The tsvectors are those of ``document_vectors``, computed by PostgreSQL in the same
    statement rather than as one SQL expression per row.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(SearchEntry._meta.db_table)
    columns = ", ".join(quote(name) for name in _ROW_COLUMNS)
    updates = ", ".join(f"{quote(name)} = EXCLUDED.{quote(name)}" for name in [*_ROW_COLUMNS[2:], *_VECTORS])
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE search_rows ON COMMIT DROP AS SELECT {columns}, "  # noqa: S608 (model names)
            f"''::text AS title_words, ''::text AS body_words FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY search_rows ({columns}, title_words, body_words) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({columns}, document, title_document, indexed_at) "  # noqa: S608 (model names)
            f"SELECT {columns}, "
            "setweight(to_tsvector('simple'::regconfig, title_words), 'A') "
            "|| setweight(to_tsvector('simple'::regconfig, body_words), 'B'), "
            "to_tsvector('simple'::regconfig, title_words), %s "
            f"FROM search_rows ON CONFLICT (content_type_id, object_id) DO UPDATE SET {updates}",
            [timezone.now()],
        )
        cursor.execute("DROP TABLE search_rows")


def _searchable(model: type[models.Model]) -> registry.SearchableModel:
    searchable = registry.get(model)
    if searchable is None:
        raise ValueError(f"{model._meta.label} is not registered for search (search.registry.register).")
    return searchable


@transaction.atomic
def index_objects(*, model: type[models.Model], pks: Iterable) -> int:
    """Re-index the objects of ``model`` with these primary keys; returns how many are indexed.

    Those that may be found are (re-)indexed, the others (unpublished,
    pending, archived, deleted) are removed from the index.
    """
    searchable = _searchable(model)
    content_type = ContentType.objects.get_for_model(model)
    pks = list(pks)
    indexed = 0
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        public = list(searchable.public_objects().filter(pk__in=batch))
        _save([entry_row(searchable, obj, content_type.pk) for obj in public])
        public_pks = {obj.pk for obj in public}
        gone = [pk for pk in batch if pk not in public_pks]
        if gone:
            SearchEntry.objects.filter(content_type=content_type, object_id__in=gone).delete()
        indexed += len(public)
    return indexed


def index_update(obj: models.Model) -> bool:
    """Index ``obj`` if it may be found, remove it otherwise; returns whether it is indexed."""
    return bool(index_objects(model=type(obj), pks=[obj.pk]))


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
    indexed = 0
    for searchable in searchables:
        content_type = ContentType.objects.get_for_model(searchable.model)
        public = searchable.public_objects()
        SearchEntry.objects.filter(content_type=content_type).exclude(object_id__in=public.values("pk")).delete()
        batch = []
        for obj in public.order_by("pk").iterator(chunk_size=BATCH_SIZE):
            batch.append(entry_row(searchable, obj, content_type.pk))
            if len(batch) == BATCH_SIZE:
                _save(batch)
                indexed += len(batch)
                batch = []
        _save(batch)
        indexed += len(batch)
    if not model:
        kinds = [searchable.kind for searchable in searchables]
        SearchEntry.objects.exclude(kind__in=kinds).delete()
    return indexed
