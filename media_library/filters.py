from django.utils.translation import gettext_lazy as _

from core.filters import DirectionFacet, FacetedFilterSet, MunicipalityFacet
from media_library.models import Album


class AlbumFilter(FacetedFilterSet):
    municipality = MunicipalityFacet()
    direction = DirectionFacet(label=_("Direction"))

    facet_cache = "album-facets"

    class Meta:
        model = Album
        fields = []
