from django import template

from registrations import services

register = template.Library()


@register.filter
def claimable(organisation) -> bool:
    """Whether a company page offers "Is this your company?" (from what the page loaded: no query)."""
    return services.claimable(organisation)
