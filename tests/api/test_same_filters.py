"""Each filter of each HTML list selects the same items through the API (the same filter set behind both)."""

from datetime import datetime

import pytest
from django.urls import reverse

from core.filters import FacetBooleanFilter

# The HTML list, the API list that mirrors it, and how an item of each is named.
LISTS = [
    ("directory:organisation-list", "organisations"),
    ("tourism:sight-list", "sights"),
    ("tourism:route-list", "routes"),
    ("tourism:hospitality-list", "stay-and-eat"),
    ("civic:event-list", "occurrences"),
    ("civic:news-list", "news"),
    ("civic:service-list", "services"),
    ("civic:document-list", "documents"),
    ("civic:project-list", "projects"),
    ("media_library:album-list", "albums"),
    ("cooperation:opportunity-list", "opportunities"),
]
# Filters that order the list or choose its days (the event list's dates are checked with one value each).
NOT_SELECTING = {"sort"}
SEARCH_WORDS = {"q": "копривщица"}


def html_items(client, url: str, query: dict) -> tuple[set, object]:
    response = client.get(url, query)
    assert response.status_code == 200
    view = response.context["view"]
    return {key(each) for each in response.context["paginator"].object_list}, view


def key(item):
    if hasattr(item, "event"):  # an occurrence: its event and its start
        return (item.event.pk, item.starts_at.timestamp())
    return item.pk


def api_items(client, name: str, query: dict) -> set:
    items, url, first = set(), f"/api/v1/{name}", {**query, "limit": 100}
    while url:
        response = client.get(url, first)
        assert response.status_code == 200, response.content
        page = response.json()
        for item in page["results"]:
            if "event_id" in item:
                items.add((item["event_id"], datetime.fromisoformat(item["starts_at"]).timestamp()))
            else:
                items.add(item["id"])
        url, first = page["next"], None
    return items


def filter_values(view) -> list[tuple[str, str, str]]:
    """Every (name, value on the site, value in the API) of the list's filter set."""
    values = []
    form = view.filterset.form
    for name, each in view.filterset.filters.items():
        if name in NOT_SELECTING:
            continue
        if isinstance(each, FacetBooleanFilter):
            values.append((name, "on", "true"))
        elif name in SEARCH_WORDS:
            values.append((name, SEARCH_WORDS[name], SEARCH_WORDS[name]))
        elif name in ("date_from", "date_to"):
            values.append((name, "2027-01-01", "2027-01-01"))
        else:
            for value, _label in form.fields[name].choices:
                if value not in ("", None):
                    values.append((name, str(value), str(value)))
    return values


@pytest.mark.parametrize(("url_name", "api_name"), LISTS)
def test_each_filter_gives_the_same_items(client, demo_content, url_name, api_name):
    url = reverse(url_name)
    everything, view = html_items(client, url, {})
    assert everything == api_items(client, api_name, {})
    narrowed = 0
    checked = filter_values(view)
    assert checked, f"{url_name} has filters"
    for name, site_value, api_value in checked:
        on_site, _view = html_items(client, url, {name: site_value})
        through_api = api_items(client, api_name, {name: api_value})
        assert on_site == through_api, f"{url_name} ?{name}={site_value}"
        narrowed += on_site != everything
    assert narrowed, f"some filter of {url_name} selects fewer items"
