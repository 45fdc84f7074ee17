import pytest
from django.test import Client

from core.models import InformationCentre
from core.translation_status import missing_languages, missing_translation_counts

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def half_translated(staff):
    """The home centre has an address in Bulgarian only; the other centre is fully translated."""
    centre = staff.home.information_centre
    centre.address_bg, centre.address_sr, centre.address_en = "ул. Хаджи Ненчо Палавеев 1", "", ""
    centre.save()
    return centre


def test_an_entry_lacks_the_languages_of_fields_filled_elsewhere_but_not_there(half_translated, staff):
    assert missing_languages(half_translated) == ["sr", "en"]
    assert missing_languages(staff.other.information_centre) == []  # empty everywhere is not missing
    counts = missing_translation_counts(InformationCentre.objects.all())
    assert counts == {"bg": 0, "sr": 1, "en": 1}


def test_the_change_list_shows_and_filters_missing_translations(half_translated, staff):
    client = logged_in(staff.editor)
    changelist = client.get("/admin/core/informationcentre/")
    assert "missing_translations" in changelist.context["cl"].list_display
    assert "sr, en" in changelist.content.decode()
    filtered = client.get("/admin/core/informationcentre/", {"missing_translation": "en"})
    assert list(filtered.context["cl"].result_list) == [half_translated]
    assert not client.get("/admin/core/informationcentre/", {"missing_translation": "bg"}).context["cl"].result_list


def test_the_change_form_names_the_missing_languages(half_translated, staff):
    response = logged_in(staff.editor).get(f"/admin/core/informationcentre/{half_translated.pk}/change/")
    assert response.context["missing_languages"] == ["sr", "en"]


def test_the_missing_translations_page_lists_entries_of_the_users_municipality(half_translated, staff):
    other = staff.other.information_centre
    other.address_en = "1 Main Street"
    other.save()

    page = logged_in(staff.editor).get("/admin/translations/", {"language": "sr"})
    assert page.status_code == 200
    listed = [row["object"] for group in page.context["groups"] for row in group["rows"]]
    assert listed == [half_translated]

    page = logged_in(staff.administrator).get("/admin/translations/", {"language": "sr"})
    listed = {row["object"] for group in page.context["groups"] for row in group["rows"]}
    assert listed == {half_translated, other}
