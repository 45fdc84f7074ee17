"""The tourism admin: pages render, a GPX upload computes the track or is refused with a clear message,
prices are checked against the municipality's currency, and editors see only their municipality."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.portal.admin_forms import change_form_data
from tests.tourism.factories import KNOWN_TRACK, RouteFactory, SightFactory, TicketPriceFactory
from tourism.models import Route, TicketPrice

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_admin_pages_render(admin_client):
    sight = SightFactory()
    TicketPriceFactory(sight=sight)
    route = RouteFactory()
    for url in (
        "/admin/tourism/sight/",
        "/admin/tourism/sight/add/",
        f"/admin/tourism/sight/{sight.pk}/change/",
        "/admin/tourism/route/",
        "/admin/tourism/route/add/",
        f"/admin/tourism/route/{route.pk}/change/",
    ):
        assert admin_client.get(url).status_code == 200, url


def _route_post(staff, **changes):
    return {
        "name_bg": "Разходка",
        "name_sr": "",
        "name_en": "A walk",
        "slug": "a-walk",
        "kind": "walking",
        "difficulty": "easy",
        "municipality": str(staff.home.pk),
        "status": "published",
        "published_at_0": "2020-01-01",
        "published_at_1": "00:00",
        "stops-TOTAL_FORMS": "0",
        "stops-INITIAL_FORMS": "0",
        "media_library-albumattachment-content_type-object_id-TOTAL_FORMS": "0",
        "media_library-albumattachment-content_type-object_id-INITIAL_FORMS": "0",
        **changes,
    }


def test_uploading_a_gpx_file_computes_distance_climb_and_line(staff):
    client = _client(staff.editor)
    upload = SimpleUploadedFile("walk.gpx", KNOWN_TRACK, content_type="application/gpx+xml")
    response = client.post("/admin/tourism/route/add/", _route_post(staff, gpx_file=upload))
    assert response.status_code == 302, response.context["adminform"].form.errors
    route = Route.objects.get(slug="a-walk")
    assert (route.distance_m, route.elevation_gain_m) == (1112, 47)
    assert route.line["type"] == "LineString"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.gpx", b"\xff\xd8\xff\xe0 a jpeg", "not readable XML"),
        ("page.gpx", b"<html><body>not a track</body></html>", "GPS Exchange Format"),
        ("empty.gpx", b'<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1"></gpx>', "no track"),
        ("walk.kml", KNOWN_TRACK, "“kml” is not allowed"),
    ],
)
def test_a_bad_gpx_upload_is_refused_with_a_clear_message(staff, name, content, message):
    client = _client(staff.editor)
    response = client.post(
        "/admin/tourism/route/add/",
        _route_post(staff, gpx_file=SimpleUploadedFile(name, content)),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["gpx_file"])
    assert message in errors
    assert not Route.objects.exists()


def test_a_ticket_price_in_the_wrong_currency_is_refused_in_the_admin(staff):
    sight = SightFactory(municipality=staff.home)  # Koprivshtitsa: euro
    client = _client(staff.editor)
    url = f"/admin/tourism/sight/{sight.pk}/change/"
    data = change_form_data(client.get(url, headers={"accept-language": "en"}))
    data.update(
        {
            "ticket_prices-TOTAL_FORMS": "1",
            "ticket_prices-0-label_bg": "Възрастни",
            "ticket_prices-0-label_en": "Adults",
            "ticket_prices-0-amount": "300",
            "ticket_prices-0-currency": "RSD",
            "ticket_prices-0-order": "0",
        }
    )
    response = client.post(url, data, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "Prices in" in response.content.decode()  # "…are in euro."
    assert not TicketPrice.objects.exists()
    data["ticket_prices-0-currency"] = ""
    data["_conflict_token"] = response.context["conflict_token"]
    response = client.post(url, data, headers={"accept-language": "en"})
    assert response.status_code == 302
    assert TicketPrice.objects.get().currency == "EUR"


def test_a_route_may_continue_into_the_other_municipality(staff):
    """The destination is not narrowed to the editor's own municipality, unlike the owner."""
    client = _client(staff.editor)
    form = client.get("/admin/tourism/route/add/").context["adminform"].form
    assert set(form.fields["municipality"].queryset) == {staff.home}
    assert set(form.fields["crosses_into"].queryset) == {staff.home, staff.other}
