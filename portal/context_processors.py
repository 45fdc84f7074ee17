from django.conf import settings
from django.utils.translation import get_language

from core.models import Direction


def site(request):
    """What every public page's skeleton needs: the navigation and the language tag.

    The queryset is lazy: pages that do not show the navigation never query it.
    """
    language = get_language()
    return {
        "html_lang": settings.LANGUAGE_TAGS.get(language, language),
        "navigation_directions": Direction.objects.all(),
    }
