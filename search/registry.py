"""What each app makes searchable: ``search.registry.register(Model, ...)``.

An app declares its searchable models in its ``search_indexes.py`` (found at
start-up, as ``admin.py`` is), and keeps the index current by calling the
services in :mod:`search.services` where it publishes, changes or removes
content. docs/SEARCH.md explains how an app plugs in.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

# A field name, or a function of the object returning text.
TextSource = str | Callable[[models.Model], str]


@dataclass(frozen=True)
class SearchableModel:
    model: type[models.Model]
    kind: str
    label: str | Promise
    title_field: str
    body_fields: Sequence[TextSource] = ()
    summary_field: str | None = None
    queryset: Callable[[], models.QuerySet] | None = None
    municipality: Callable[[models.Model], int | None] | None = None
    directions: Sequence[str] | Callable[[models.Model], Iterable[str]] = ()
    order: int = 100
    published_at: str | None = None
    translated_fields: frozenset[str] = field(default_factory=frozenset)

    def public_objects(self) -> models.QuerySet:
        """Every object that may be found: published, approved, not archived."""
        if self.queryset is not None:
            return self.queryset()
        return self.model._default_manager.all()

    def texts(self, obj, name: TextSource) -> list[str]:
        """The text of one field in every content language (one item if not translated)."""
        if callable(name):
            return [name(obj) or ""]
        if name in self.translated_fields:
            return [getattr(obj, f"{name}_{language}") or "" for language in settings.MODELTRANSLATION_LANGUAGES]
        return [str(getattr(obj, name) or "")]

    def translations(self, obj, name: str | None) -> dict[str, str]:
        """``{language: text}`` of a translated field, for display; the same text in each if not translated."""
        if name is None:
            return dict.fromkeys(settings.MODELTRANSLATION_LANGUAGES, "")
        if name in self.translated_fields:
            return {
                language: getattr(obj, f"{name}_{language}") or "" for language in settings.MODELTRANSLATION_LANGUAGES
            }
        return dict.fromkeys(settings.MODELTRANSLATION_LANGUAGES, str(getattr(obj, name) or ""))

    def directions_of(self, obj) -> list[str]:
        directions = self.directions(obj) if callable(self.directions) else self.directions
        return sorted(set(directions))

    def municipality_of(self, obj) -> int | None:
        return self.municipality(obj) if self.municipality else None

    def published_at_of(self, obj):
        return getattr(obj, self.published_at) if self.published_at else None


_registry: dict[type[models.Model], SearchableModel] = {}


def register(
    model: type[models.Model],
    *,
    kind: str,
    label: str | Promise,
    title_field: str,
    body_fields: Sequence[TextSource] = (),
    summary_field: str | None = None,
    queryset: Callable[[], models.QuerySet] | None = None,
    municipality: Callable[[models.Model], int | None] | None = None,
    directions: Sequence[str] | Callable[[models.Model], Iterable[str]] = (),
    order: int = 100,
    published_at: str | None = None,
) -> SearchableModel:
    """Make ``model`` searchable.

    - ``kind``: the type of content in URLs and filters (``"organisation"``);
      ``label``: its plural name in the results' type filter.
    - ``title_field``: the name shown as the result's title and weighted
      above everything else; ``body_fields``: further field names (or
      functions of the object) that are searched. Fields registered with
      modeltranslation are read and indexed in every language.
    - ``summary_field``: a short text shown under the title.
    - ``queryset``: a function returning the objects that may be found
      (``lambda: Organisation.objects.published()``), with the joins the
      functions below need; only these are ever indexed. Text is indexed
      and shown without HTML tags.
    - ``municipality``: a function returning the object's municipality id;
      ``directions``: direction slugs, or a function returning them.
    - ``order``: position of the kind in the results' type filter.
    - ``published_at``: the field holding the publication time, for content
      that can be scheduled. ``queryset`` then returns what is published now
      *or later*: a scheduled object is indexed when it is saved and found
      from its publication time on, with no job to run at that moment.
    """
    from modeltranslation.translator import NotRegistered, translator

    if any(entry.kind == kind and entry.model is not model for entry in _registry.values()):
        raise ValueError(f"The search kind {kind!r} is already registered for another model.")
    try:
        translated = frozenset(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = frozenset()
    searchable = SearchableModel(
        model=model,
        kind=kind,
        label=label,
        title_field=title_field,
        body_fields=tuple(body_fields),
        summary_field=summary_field,
        queryset=queryset,
        municipality=municipality,
        directions=directions,
        order=order,
        published_at=published_at,
        translated_fields=translated,
    )
    _registry[model] = searchable
    return searchable


def get(model: type[models.Model]) -> SearchableModel | None:
    """The registration of ``model`` (or of the concrete model behind a proxy), if any."""
    return _registry.get(model) or _registry.get(model._meta.concrete_model)


def registered() -> list[SearchableModel]:
    return sorted(_registry.values(), key=lambda entry: (entry.order, entry.kind))


def kind_labels() -> dict[str, str | Promise]:
    return {entry.kind: entry.label for entry in registered()}


@cache
def _choice_labels(choices: type[models.Choices]) -> dict[str, str]:
    labels: dict[str, list[str]] = {}
    for language in settings.MODELTRANSLATION_LANGUAGES:
        with translation.override(language):
            for value, label in choices.choices:
                labels.setdefault(value, []).append(str(label))
    return {value: " ".join(dict.fromkeys(texts)) for value, texts in labels.items()}


def choice_label(choices: type[models.Choices], value: str) -> str:
    """The label of a choice in every content language, for a body field: "museum" finds a "Музей"."""
    return _choice_labels(choices).get(value, "")
