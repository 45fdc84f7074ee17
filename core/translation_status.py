"""Which languages an entry still lacks, for every model registered with modeltranslation.

A field is missing in a language when it is empty there but filled in at least one other
language: an entry written only in Bulgarian lacks sr and en; a field left empty in every
language (an optional summary nobody wrote) is not a missing translation. Serbian Latin is
generated from Serbian Cyrillic and never counts.
"""

from django.conf import settings
from django.db.models import Count, Q
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)


def translated_fields(model, fields: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The translated fields checked for ``model``: ``fields`` or all registered ones."""
    try:
        registered = tuple(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return ()
    return tuple(fields) if fields is not None else registered


def _filled(field: str, language: str) -> Q:
    name = build_localized_fieldname(field, language)
    return Q(**{f"{name}__isnull": False}) & ~Q(**{name: ""})


def missing_translation_q(model, language: str, fields: tuple[str, ...] | None = None) -> Q:
    """Rows of ``model`` that lack ``language`` in at least one field filled in another language."""
    condition = Q(pk__in=[])
    for field in translated_fields(model, fields):
        others = Q(pk__in=[])
        for other in LANGUAGES:
            if other != language:
                others |= _filled(field, other)
        condition |= ~_filled(field, language) & others
    return condition


def missing_fields(obj, language: str, fields: tuple[str, ...] | None = None) -> list[str]:
    """The translated fields ``obj`` lacks in ``language``, from its loaded values (no query)."""
    missing = []
    for field in translated_fields(type(obj), fields):
        values = {other: getattr(obj, build_localized_fieldname(field, other)) for other in LANGUAGES}
        if not values[language] and any(value for other, value in values.items() if other != language):
            missing.append(field)
    return missing


def missing_languages(obj, fields: tuple[str, ...] | None = None) -> list[str]:
    """The languages ``obj`` lacks, from its loaded values (no query)."""
    return [language for language in LANGUAGES if missing_fields(obj, language, fields)]


def missing_translation_counts(queryset, fields: tuple[str, ...] | None = None) -> dict[str, int]:
    """For each language, how many rows of ``queryset`` lack it: one aggregate query."""
    if not translated_fields(queryset.model, fields):
        return dict.fromkeys(LANGUAGES, 0)
    return queryset.aggregate(
        **{
            language: Count("pk", filter=missing_translation_q(queryset.model, language, fields))
            for language in LANGUAGES
        }
    )
