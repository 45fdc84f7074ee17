"""The board's newest items as RSS 2.0 and Atom, in the language of the URL; the board's filters narrow them."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from cooperation.filters import OpportunityFilterSet
from cooperation.models import Kind, Opportunity
from core.opendata import FEED_RIGHTS

FEED_LENGTH = 30


class OpportunityRssFeed(Feed):
    """``?kind=offer`` gives the new offers only; every filter of the board works here too."""

    feed_copyright = FEED_RIGHTS

    def get_object(self, request, *args, **kwargs):
        return OpportunityFilterSet(request.GET, queryset=Opportunity.objects.public().for_listing(), request=request)

    def title(self, obj):
        return gettext("Most: cross-border cooperation offers and requests")

    def link(self, obj):
        return reverse("cooperation:opportunity-list")

    def description(self, obj):
        return gettext(
            "What companies of Koprivshtitsa and Medijana offer partners across the border, and what they seek."
        )

    def items(self, obj):
        return obj.qs[:FEED_LENGTH]

    def item_title(self, item):
        prefix = gettext("Offer") if item.kind == Kind.OFFER else gettext("Request")
        return f"{prefix}: {item.title}"

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_categories(self, item):
        return [item.get_cooperation_type_display(), str(item.sector_label), item.organisation.municipality.name]


class OpportunityAtomFeed(OpportunityRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
