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
from django.contrib.postgres.search import SearchVector
from django.db import models, transaction
from django.db.models import Value
from django.utils import translation
from django.utils.html import strip_tags

from search import registry
from search.models import SearchEntry
from search.normalise import normalise

BATCH_SIZE = 1000
SUMMARY_LENGTH = 240
_SPACES = re.compile(r"\s+")
_UPDATED_FIELDS = [
    "kind", "municipality", "directions", "title_bg", "title_sr", "title_en",
    "summary_bg", "summary_sr", "summary_en", "path", "published_at", "document", "title_document", "indexed_at",
]  # fmt: skip


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


def _save(entries: list[SearchEntry]) -> None:
    if entries:
        SearchEntry.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=_UPDATED_FIELDS,
        )


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
        _save([build_entry(searchable, obj, content_type) for obj in public])
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
            batch.append(build_entry(searchable, obj, content_type))
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
