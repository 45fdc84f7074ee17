import django_filters
from django.utils.translation import gettext_lazy as _

from core.models import Direction, Municipality
from media_library.models import Album


class AlbumFilter(django_filters.FilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        empty_label=_("Both municipalities"),
    )
    direction = django_filters.ModelChoiceFilter(
        label=_("Direction"),
        queryset=Direction.objects.all(),
        to_field_name="slug",
        empty_label=_("All directions"),
    )

    class Meta:
        model = Album
        fields = ["municipality", "direction"]
