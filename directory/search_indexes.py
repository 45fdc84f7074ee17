"""The directory's searchable content: published organisations."""

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.models import Kind, Organisation
from search.registry import choice_label, register


def _identifiers(organisation: Organisation) -> str:
    """EIK, VAT number (with and without its BG prefix), PIB and MB: typed as digits, or their beginning."""
    vat_digits = organisation.vat_number[2:]
    return " ".join([organisation.eik, organisation.vat_number, vat_digits, organisation.pib, organisation.mb])


register(
    Organisation,
    kind="organisation",
    label=_("Organisations"),
    title_field="name",
    body_fields=(
        "settlement",
        "street_address",
        "description",
        lambda organisation: choice_label(Kind, organisation.kind),
        _identifiers,
    ),
    summary_field="description",
    # Drafts and archived entries are never indexed, scheduled ones are found from their publication
    # time on; a registration only becomes an Organisation once approved, so pending ones cannot be found.
    # The directions' slugs in the same query: prefetching them made a queryset and a Direction per
    # organisation, a fifth of the time of indexing an import.
    queryset=lambda: Organisation.objects.published_or_scheduled().annotate(
        direction_slugs=ArrayAgg("directions__slug", filter=Q(directions__isnull=False))
    ),
    published_at="published_at",
    municipality=lambda organisation: organisation.municipality_id,
    directions=lambda organisation: organisation.direction_slugs or [],
    order=10,
)
