"""The board's items in the search index: approved, unexpired items of published companies.

The daily ``send_cooperation_reminders`` also removes the items that expired
since (``services.search_index_prune``): expiry happens by the calendar, not
through a service that could update the index.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cooperation.models import Opportunity
from core.models import Direction
from search.registry import register


def _company_names(opportunity: Opportunity) -> str:
    """The company's name in every language: searching for a company finds its offers too."""
    return " ".join(
        getattr(opportunity.organisation, f"name_{language}") or "" for language in settings.MODELTRANSLATION_LANGUAGES
    )


register(
    Opportunity,
    kind="cooperation",
    label=_("Cooperation offers and requests"),
    title_field="title",
    body_fields=("description", _company_names),
    summary_field="description",
    queryset=lambda: Opportunity.objects.public().for_listing(),
    municipality=lambda opportunity: opportunity.organisation.municipality_id,
    directions=(Direction.Key.BUSINESS,),
    order=15,
)
