import pytest
from django.test import Client

from media_library.models import Album
from portal.models import InformationCentre, Municipality
from tests.media_library.factories import AlbumFactory
from tests.portal.admin_forms import change_form_data, changelist_form_data

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_second_of_two_staff_saving_the_same_entry_is_told_and_shown_the_other_changes(staff):
    centre = staff.home.information_centre
    url = f"/admin/portal/informationcentre/{centre.pk}/change/"
    first, second = logged_in(staff.editor), logged_in(staff.moderator)
    first_form, second_form = first.get(url), second.get(url)

    saved = first.post(url, change_form_data(first_form, email="first@example.org"))
    assert saved.status_code == 302

    refused = second.post(url, change_form_data(second_form, email="second@example.org"))
    assert refused.status_code == 200
    centre.refresh_from_db()
    assert centre.email == "first@example.org"  # nothing silently overwritten
    html = refused.content.decode()
    assert "editor-home" in html  # who saved in between
    assert "first@example.org" in html  # what they saved
    assert 'value="second@example.org"' in html  # the second editor's own edit is kept in the form
    conflict = refused.context["conflict"]
    assert [(change.old, change.new) for change in conflict.changes] == [("—", "first@example.org")]

    # Having seen the other change, saving again is a deliberate choice and goes through.
    resaved = second.post(url, change_form_data(refused, email="second@example.org"))
    assert resaved.status_code == 302
    centre.refresh_from_db()
    assert centre.email == "second@example.org"


def test_a_change_to_an_inline_row_is_a_conflict_too(staff):
    url = f"/admin/portal/municipality/{staff.home.pk}/change/"
    first, second = logged_in(staff.editor), logged_in(staff.moderator)
    first_form, second_form = first.get(url), second.get(url)
    first_data = change_form_data(first_form)
    first_data["information_centre-0-email"] = "centre@example.org"
    assert first.post(url, first_data).status_code == 302

    refused = second.post(url, change_form_data(second_form, population_en="5"))
    assert refused.status_code == 200
    assert "centre@example.org" in refused.content.decode()
    assert InformationCentre.objects.get(municipality=staff.home).email == "centre@example.org"


def test_a_change_made_outside_the_admin_is_detected(staff):
    url = f"/admin/portal/municipality/{staff.home.pk}/change/"
    client = logged_in(staff.editor)
    form = client.get(url)
    Municipality.objects.filter(pk=staff.home.pk).update(population=4321)

    refused = client.post(url, change_form_data(form, population="1"))
    assert refused.status_code == 200
    assert "Някой друг промени този запис" in refused.content.decode()  # in the staff member's language
    staff.home.refresh_from_db()
    assert staff.home.population == 4321


def test_a_post_without_the_form_token_saves_nothing(staff):
    url = f"/admin/portal/informationcentre/{staff.home.information_centre.pk}/change/"
    client = logged_in(staff.editor)
    data = change_form_data(client.get(url), email="forged@example.org")
    del data["_conflict_token"]
    assert client.post(url, data).status_code == 200
    assert InformationCentre.objects.get(pk=staff.home.information_centre.pk).email != "forged@example.org"


def test_a_form_opened_in_one_admin_language_and_saved_in_another_is_no_conflict(staff):
    """modeltranslation's untranslated column reads as the active language: it is not compared."""
    centre = staff.home.information_centre
    InformationCentre.objects.filter(pk=centre.pk).update(name_bg="Център", name_en="Centre", name="Център")
    url = f"/admin/portal/informationcentre/{centre.pk}/change/"
    client = logged_in(staff.editor)
    form = client.get(url, headers={"accept-language": "en"})
    saved = client.post(url, change_form_data(form, email="saved@example.org"), headers={"accept-language": "bg"})
    assert saved.status_code == 302
    assert InformationCentre.objects.get(pk=centre.pk).email == "saved@example.org"


def test_a_translated_field_changed_since_is_reported_once(staff):
    centre = staff.home.information_centre
    url = f"/admin/portal/informationcentre/{centre.pk}/change/"
    client = logged_in(staff.editor)
    form = client.get(url)
    InformationCentre.objects.filter(pk=centre.pk).update(name_bg="Нов център", name="Нов център")
    refused = client.post(url, change_form_data(form, email="mine@example.org"))
    assert refused.status_code == 200
    assert [change.new for change in refused.context["conflict"].changes] == ["Нов център"]


# --- List editing --------------------------------------------------------------------------------

ALBUMS = "/admin/media_library/album/"


def test_list_editing_saves_a_row_nobody_changed_since(staff):
    album = AlbumFactory(municipality=staff.home, order=1)
    client = logged_in(staff.editor)
    page = client.get(ALBUMS)
    assert b'name="form-0-conflict_token"' in page.content
    assert client.post(ALBUMS, changelist_form_data(page, {album.pk: {"order": "4"}})).status_code == 302
    assert Album.objects.get(pk=album.pk).order == 4


def test_list_editing_a_row_changed_since_the_list_was_shown_is_refused_and_shows_the_change(staff):
    album = AlbumFactory(municipality=staff.home, order=1, is_published=True)
    first, second = logged_in(staff.editor), logged_in(staff.moderator)
    first_page, second_page = first.get(ALBUMS), second.get(ALBUMS)
    assert first.post(ALBUMS, changelist_form_data(first_page, {album.pk: {"order": "7"}})).status_code == 302

    refused = second.post(ALBUMS, changelist_form_data(second_page, {album.pk: {"is_published": ""}}))
    assert refused.status_code == 200
    assert Album.objects.get(pk=album.pk).order == 7 and Album.objects.get(pk=album.pk).is_published
    errors = refused.context["cl"].formset.forms[0].non_field_errors()
    assert "1 → 7" in errors[0] and "editor-home" in errors[0]
    # Shown again with the current values' token: saving once more is deliberate and goes through.
    assert second.post(ALBUMS, changelist_form_data(refused)).status_code == 302
    assert not Album.objects.get(pk=album.pk).is_published


def test_list_editing_never_writes_back_the_stale_values_of_rows_the_user_did_not_touch(staff):
    touched, stale = AlbumFactory(municipality=staff.home, order=1), AlbumFactory(municipality=staff.home, order=2)
    client = logged_in(staff.editor)
    page = client.get(ALBUMS)
    Album.objects.filter(pk=stale.pk).update(order=9)  # someone else, meanwhile
    response = client.post(ALBUMS, changelist_form_data(page, {touched.pk: {"order": "5"}}))
    assert response.status_code == 200  # the stale row is shown with the change; nothing is written
    assert Album.objects.get(pk=stale.pk).order == 9
    assert Album.objects.get(pk=touched.pk).order == 1


def test_a_list_edit_without_the_rows_token_saves_nothing(staff):
    album = AlbumFactory(municipality=staff.home, order=1)
    client = logged_in(staff.editor)
    data = changelist_form_data(client.get(ALBUMS), {album.pk: {"order": "3"}})
    del data["form-0-conflict_token"]
    assert client.post(ALBUMS, data).status_code == 200
    assert Album.objects.get(pk=album.pk).order == 1
