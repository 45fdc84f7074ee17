"""The site core's searchable content: the municipalities and their information centres."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.models import Direction, InformationCentre, Municipality
from search.registry import register

register(
    Municipality,
    kind="municipality",
    label=_("Municipalities"),
    title_field="name",
    body_fields=("seat", "region", "summary", "description"),
    summary_field="summary",
    municipality=lambda municipality: municipality.pk,
    directions=(Direction.Key.ADMINISTRATION,),
    order=900,
)


def _municipality_names(municipality: Municipality) -> str:
    """The name and seat of the centre's municipality in every language: "Niš" finds its centre."""
    return " ".join(
        getattr(municipality, f"{field}_{language}") or ""
        for field in ("name", "seat")
        for language in settings.MODELTRANSLATION_LANGUAGES
    )


register(
    InformationCentre,
    kind="information-centre",
    label=_("Information centres"),
    title_field="name",
    body_fields=("description", "address", "email", lambda centre: _municipality_names(centre.municipality)),
    summary_field="description",
    queryset=lambda: InformationCentre.objects.select_related("municipality"),
    municipality=lambda centre: centre.municipality_id,
    directions=(Direction.Key.ADMINISTRATION,),
    order=910,
)
