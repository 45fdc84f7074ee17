"""The directory's cards, each rendered once per version of its organisation and language."""

from django import template
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.pagecache import cached_pieces

register = template.Library()

CARD = "directory/includes/_organisation_card.html"
_SLUG = "organisation-slug-placeholder"


@register.simple_tag
def organisation_cards(organisations):
    """The cards of ``organisations``, from the pieces cache where their organisation has not changed.

    A card shows the organisation's own fields and its municipality's name: the key holds its
    ``updated_at`` (every save sets it, ``save()``, the import's ``COPY`` and ``UPDATE``), the
    municipality's name and the language. Its address is built from one ``reverse()`` per list,
    not one per card.
    """
    organisations = list(organisations)
    if not organisations:
        return ""
    language = get_language()
    pattern = reverse("directory:organisation-detail", kwargs={"slug": _SLUG})
    card = get_template(CARD)

    def parts(organisation):
        return (organisation.pk, organisation.updated_at, organisation.municipality.name, language)

    def render(organisation):
        return card.render({"organisation": organisation, "card_url": pattern.replace(_SLUG, organisation.slug)})

    return mark_safe("".join(cached_pieces("organisation-card", organisations, parts, render)))  # noqa: S308 (rendered templates)
