from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.filter
def report_mistake_url(entry) -> str:
    """The "Report a mistake" page of a public entry (no query: the type and id are on the object)."""
    return reverse("upkeep:report") + "?" + urlencode({"entry": entry._meta.label_lower, "id": entry.pk})
