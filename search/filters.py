"""The index's matching for other apps' list filters (the directory's text box)."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.models import SearchEntry, query_words


def filter_matching(queryset: models.QuerySet, text: str) -> models.QuerySet:
    """``queryset`` narrowed to the objects whose search entry matches ``text``.

    The same matching as the search page (any script, diacritics, case,
    language; word beginnings), answered by the index's GIN index in one
    subquery. Only indexed, therefore public, objects can match. Text with
    no word in it (blank, punctuation) leaves ``queryset`` as it is.
    """
    if not query_words(text):
        return queryset
    content_type = ContentType.objects.get_for_model(queryset.model)
    entries = SearchEntry.objects.matching(text).filter(content_type=content_type)
    return queryset.filter(pk__in=entries.values("object_id"))


class SearchTextFilter(django_filters.CharFilter):
    """A django-filter text box that matches as search does: ``q = SearchTextFilter()``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Search"))
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        return filter_matching(queryset, value or "")
