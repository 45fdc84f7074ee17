import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.models import InformationCentre, PublicationStatus
from staff import dashboard
from staff.history import recorded_changes
from tests.civic.factories import NewsArticleFactory
from tests.portal.factories import InformationCentreFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_dashboard_shows_the_users_municipality_recent_changes_and_missing_translations(staff):
    home_centre, other_centre = staff.home.information_centre, staff.other.information_centre
    for centre in (home_centre, other_centre):
        with recorded_changes(user=staff.superuser, comment="Address"):
            centre.address_bg = "адрес"
            centre.save()

    response = logged_in(staff.editor).get("/admin/")
    assert response.status_code == 200
    assert response.context["dashboard_municipality"] == str(staff.home)
    assert [change["object_repr"] for change in response.context["recent_changes"]] == [str(home_centre)]
    sections = {section["key"]: section for section in response.context["dashboard_sections"]}
    translations = sections[dashboard.TRANSLATIONS]["items"]
    assert [(item.count, item.url) for item in translations] == [
        (1, "/admin/core/informationcentre/?missing_translation=sr"),
        (1, "/admin/core/informationcentre/?missing_translation=en"),
    ]
    assert sections[dashboard.DRAFTS]["items"] == []


def test_apps_add_their_counts_to_a_section(staff, monkeypatch):
    counter = lambda request: [dashboard.DashboardItem("registrations", 3, "/admin/")]  # noqa: E731
    monkeypatch.setattr(dashboard.SECTIONS[dashboard.PENDING], "counters", [])
    dashboard.register_counter(dashboard.PENDING, counter)
    response = logged_in(staff.moderator).get("/admin/")
    sections = {section["key"]: section for section in response.context["dashboard_sections"]}
    assert sections[dashboard.PENDING]["items"] == [dashboard.DashboardItem("registrations", 3, "/admin/")]


def _dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


def test_the_dashboard_query_count_does_not_grow_with_the_data(staff):
    """50 entries of each kind cost the queries 1 costs: one count per model and section.

    (The count grows with the registered admins, never with the rows.)
    """

    def add(rows):
        for _ in range(rows):
            centre = InformationCentreFactory(municipality=MunicipalityFactory(), address_bg="адрес")
            with recorded_changes(user=staff.superuser, comment="Bulk"):
                centre.save()
            NewsArticleFactory(municipality=staff.home, status=PublicationStatus.DRAFT)
        InformationCentre.objects.update(address_bg="адрес")

    clients = [logged_in(user) for user in (staff.editor, staff.administrator)]
    add(1)
    for client in clients:  # warms the per-process caches (content types) first
        client.get("/admin/")
    with_one = [_dashboard_queries(client) for client in clients]
    add(49)
    assert [_dashboard_queries(client) for client in clients] == with_one
