"""Every public list is a filtered list: its filter form has fields, a disclosure and removable chips.

The list pages are found in the URL conf, not named by hand: a list added
tomorrow is checked too.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import URLResolver, get_resolver
from django.utils import translation
from django.views.generic.list import MultipleObjectMixin

from core.views import FilteredListView
from tests.portal.factories import MunicipalityFactory
from tests.tourism.factories import SightFactory
from tourism.models import SightCategory

pytestmark = pytest.mark.django_db


def list_views(patterns=None, prefix=""):
    """(path, view class) of every list view of the URL conf, in English."""
    if patterns is None:
        with translation.override("en"):
            yield from list_views(get_resolver().url_patterns)
        return
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from list_views(pattern.url_patterns, prefix + str(pattern.pattern))
            continue
        view = getattr(pattern.callback, "view_class", None)
        if view is not None and issubclass(view, MultipleObjectMixin):
            yield "/" + prefix + str(pattern.pattern), view


LISTS = list(list_views())
FILTERED = [path for path, view in LISTS if issubclass(view, FilteredListView)]


class FilterForm(HTMLParser):
    """The controls of ``form.filters``, whether it sits in ``details.filters-disclosure``, and the chips."""

    def __init__(self):
        super().__init__()
        self.in_details = self.in_form = self.in_summary = self.in_chips = False
        self.form_in_details = False
        self.controls, self.labels, self.chips, self.summary = [], set(), [], ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "details" and "filters-disclosure" in classes:
            self.in_details = True
        elif tag == "summary" and self.in_details:
            self.in_summary = True
        elif tag == "form" and "filters" in classes:
            self.in_form, self.form_in_details = True, self.in_details
        elif self.in_form and tag in ("input", "select", "textarea"):
            if attrs.get("type") not in ("hidden", "submit") and attrs.get("name"):
                self.controls.append(attrs.get("id"))
        elif self.in_form and tag == "label":
            self.labels.add(attrs.get("for"))
        elif tag == "ul" and "chips" in classes:
            self.in_chips = True
        elif tag == "a" and self.in_chips:
            self.chips.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "summary":
            self.in_summary = False
        elif tag == "details":
            self.in_details = False
        elif tag == "ul":
            self.in_chips = False

    def handle_data(self, data):
        if self.in_summary:
            self.summary += data


def parse(response) -> FilterForm:
    assert response.status_code == 200
    parser = FilterForm()
    parser.feed(response.content.decode())
    return parser


def test_the_url_conf_has_the_public_lists():
    """The discovery finds the lists (if it found none, the tests below would check nothing)."""
    assert {"/en/directory/", "/en/events/", "/en/tourism/stay-and-eat/", "/en/gallery/"} <= set(FILTERED)


@pytest.mark.parametrize(("path", "view"), LISTS, ids=[path for path, _view in LISTS])
def test_every_paginated_list_is_a_filtered_list(path, view):
    """A list long enough to have pages has filters: it is a FilteredListView (short lists, e.g. the two
    information centres, are shown whole)."""
    assert issubclass(view, FilteredListView) or view.paginate_by is None


@pytest.mark.parametrize("path", FILTERED)
def test_every_list_page_shows_its_filter_fields_behind_a_disclosure(client, path):
    page = parse(client.get(path))
    assert page.controls, f"{path}: the filter form has no field"
    assert set(page.controls) <= page.labels, f"{path}: a filter field has no label"
    assert page.form_in_details and page.summary.strip() == "Filters"
    assert page.chips == []


def test_active_filters_are_counted_and_removable_chips(client):
    municipality = MunicipalityFactory(slug="medijana")
    SightFactory(municipality=municipality, category=SightCategory.CHURCH)
    url = f"/en/tourism/sights/?category={SightCategory.CHURCH}&municipality=medijana&page=1"
    page = parse(client.get(url))
    assert " ".join(page.summary.split()) == "Filters (2 active)"
    remaining = [parse_qs(urlsplit(chip).query) for chip in page.chips]
    # Each chip is a link to the list without that filter (and from its first page).
    assert remaining == [{"municipality": ["medijana"]}, {"category": [SightCategory.CHURCH]}]
    after = parse(client.get("/en/tourism/sights/" + page.chips[0]))
    assert " ".join(after.summary.split()) == "Filters (1 active)" and len(after.chips) == 1


def test_stay_and_eat_filters_by_kind_municipality_language_and_price(client):
    page = parse(client.get("/en/tourism/stay-and-eat/"))
    assert page.controls == ["id_type", "id_municipality", "id_language", "id_price"]
