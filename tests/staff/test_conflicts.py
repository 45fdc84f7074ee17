import zoneinfo
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from core.models import InformationCentre, Municipality
from media_library.models import Album
from tests.media_library.factories import AlbumFactory
from tests.portal.admin_forms import change_form_data, changelist_form_data

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_second_of_two_staff_saving_the_same_entry_is_told_and_shown_the_other_changes(staff):
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
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
    assert [(field.old, field.theirs, field.yours) for field in conflict.fields] == [
        ("—", "first@example.org", "second@example.org")
    ]

    # Having seen the other change, saving again is a deliberate choice and goes through.
    resaved = second.post(url, change_form_data(refused, email="second@example.org"))
    assert resaved.status_code == 302
    centre.refresh_from_db()
    assert centre.email == "second@example.org"


def test_the_same_field_of_an_inline_row_changed_by_both_is_a_conflict(staff):
    url = f"/admin/core/municipality/{staff.home.pk}/change/"
    first, second = logged_in(staff.editor), logged_in(staff.moderator)
    first_form, second_form = first.get(url), second.get(url)
    first_data = change_form_data(first_form)
    first_data["information_centre-0-email"] = "centre@example.org"
    assert first.post(url, first_data).status_code == 302

    second_data = change_form_data(second_form, population="5")
    second_data["information_centre-0-email"] = "mine@example.org"
    refused = second.post(url, second_data)
    assert refused.status_code == 200
    assert [(field.theirs, field.yours) for field in refused.context["conflict"].fields] == [
        ("centre@example.org", "mine@example.org")
    ]
    assert InformationCentre.objects.get(municipality=staff.home).email == "centre@example.org"
    assert Municipality.objects.get(pk=staff.home.pk).population != 5


def test_a_change_made_outside_the_admin_is_detected(staff):
    url = f"/admin/core/municipality/{staff.home.pk}/change/"
    client = logged_in(staff.editor)
    form = client.get(url)
    Municipality.objects.filter(pk=staff.home.pk).update(population=4321)

    refused = client.post(url, change_form_data(form, population="1"))
    assert refused.status_code == 200
    assert "Някой друг промени този запис" in refused.content.decode()  # in the staff member's language
    staff.home.refresh_from_db()
    assert staff.home.population == 4321


def test_a_post_without_the_form_token_saves_nothing(staff):
    url = f"/admin/core/informationcentre/{staff.home.information_centre.pk}/change/"
    client = logged_in(staff.editor)
    data = change_form_data(client.get(url), email="forged@example.org")
    del data["_conflict_token"]
    assert client.post(url, data).status_code == 200
    assert InformationCentre.objects.get(pk=staff.home.information_centre.pk).email != "forged@example.org"


def test_a_form_opened_in_one_admin_language_and_saved_in_another_is_no_conflict(staff):
    """modeltranslation's untranslated column reads as the active language: it is not compared."""
    centre = staff.home.information_centre
    InformationCentre.objects.filter(pk=centre.pk).update(name_bg="Център", name_en="Centre", name="Център")
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    client = logged_in(staff.editor)
    form = client.get(url, headers={"accept-language": "en"})
    saved = client.post(url, change_form_data(form, email="saved@example.org"), headers={"accept-language": "bg"})
    assert saved.status_code == 302
    assert InformationCentre.objects.get(pk=centre.pk).email == "saved@example.org"


def test_a_translated_field_changed_by_both_is_reported_once(staff):
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    client = logged_in(staff.editor)
    form = client.get(url)
    InformationCentre.objects.filter(pk=centre.pk).update(name_bg="Нов център", name="Нов център")
    refused = client.post(url, change_form_data(form, name_bg="Моят център"), headers={"accept-language": "en"})
    assert refused.status_code == 200
    assert [(field.label, field.theirs) for field in refused.context["conflict"].fields] == [
        ("name [bg]", "Нов център")
    ]


# --- List editing --------------------------------------------------------------------------------

ALBUMS = "/admin/media_library/album/"


def test_list_editing_saves_a_row_nobody_changed_since(staff):
    album = AlbumFactory(municipality=staff.home, order=1)
    client = logged_in(staff.editor)
    page = client.get(ALBUMS)
    assert b'name="form-0-conflict_token"' in page.content
    assert client.post(ALBUMS, changelist_form_data(page, {album.pk: {"order": "4"}})).status_code == 302
    assert Album.objects.get(pk=album.pk).order == 4


def test_list_editing_the_same_field_of_a_row_changed_since_is_refused_and_shows_the_change(staff):
    album = AlbumFactory(municipality=staff.home, order=1)
    first, second = logged_in(staff.editor), logged_in(staff.moderator)
    first_page, second_page = first.get(ALBUMS), second.get(ALBUMS)
    assert first.post(ALBUMS, changelist_form_data(first_page, {album.pk: {"order": "7"}})).status_code == 302

    refused = second.post(ALBUMS, changelist_form_data(second_page, {album.pk: {"order": "3"}}))
    assert refused.status_code == 200
    assert Album.objects.get(pk=album.pk).order == 7
    errors = refused.context["cl"].formset.forms[0].non_field_errors()
    assert "1 → 7" in errors[0] and "editor-home" in errors[0]
    # Shown again with the current values' token: saving once more is deliberate and goes through.
    assert second.post(ALBUMS, changelist_form_data(refused)).status_code == 302
    assert Album.objects.get(pk=album.pk).order == 3


def test_list_editing_keeps_a_colleagues_change_to_another_field_of_the_row(staff):
    album = AlbumFactory(municipality=staff.home, order=1)
    first, second = logged_in(staff.editor), logged_in(staff.moderator)
    first_page, second_page = first.get(ALBUMS), second.get(ALBUMS)
    assert first.post(ALBUMS, changelist_form_data(first_page, {album.pk: {"order": "7"}})).status_code == 302

    saved = second.post(ALBUMS, changelist_form_data(second_page, {album.pk: {"status": "draft"}}))
    assert saved.status_code == 302
    album.refresh_from_db()
    assert (album.order, album.status) == (7, "draft")


def test_list_editing_never_writes_back_the_stale_values_of_rows_the_user_did_not_touch(staff):
    touched, stale = AlbumFactory(municipality=staff.home, order=1), AlbumFactory(municipality=staff.home, order=2)
    client = logged_in(staff.editor)
    page = client.get(ALBUMS)
    Album.objects.filter(pk=stale.pk).update(order=9)  # someone else, meanwhile
    response = client.post(ALBUMS, changelist_form_data(page, {touched.pk: {"order": "5"}}))
    assert response.status_code == 302  # the row the user changed is saved, the other one left alone
    assert Album.objects.get(pk=stale.pk).order == 9
    assert Album.objects.get(pk=touched.pk).order == 5


def test_a_list_edit_without_the_rows_token_saves_nothing(staff):
    album = AlbumFactory(municipality=staff.home, order=1)
    client = logged_in(staff.editor)
    data = changelist_form_data(client.get(ALBUMS), {album.pk: {"order": "3"}})
    del data["form-0-conflict_token"]
    assert client.post(ALBUMS, data).status_code == 200
    assert Album.objects.get(pk=album.pk).order == 1


# --- Field-wise merge ----------------------------------------------------------------------------

EN = {"accept-language": "en"}


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_colleagues_change_to_a_field_left_alone_is_kept_without_question(staff):
    """The issue's scenario: B changes one field, A another from a stale form: both are stored."""
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    first, second = logged_in(staff.editor), logged_in(staff.moderator)
    first_form, second_form = first.get(url), second.get(url)
    assert first.post(url, change_form_data(first_form, address_en="1 Main Street")).status_code == 302

    saved = second.post(url, change_form_data(second_form, email="second@example.org"), headers=EN, follow=True)
    assert saved.redirect_chain  # saved at once, no question asked
    centre.refresh_from_db()
    assert (centre.address_en, centre.email) == ("1 Main Street", "second@example.org")
    kept = [message for message in _messages(saved) if "editor-home" in message]
    assert len(kept) == 1 and "address [en]" in kept[0] and "email" not in kept[0]


def test_a_conflict_lists_only_the_fields_both_changed_and_saving_again_keeps_the_others(staff):
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    first, second = logged_in(staff.editor), logged_in(staff.moderator)
    first_form, second_form = first.get(url), second.get(url)
    changed = change_form_data(first_form, email="first@example.org", address_en="1 Main Street")
    assert first.post(url, changed).status_code == 302

    refused = second.post(url, change_form_data(second_form, email="second@example.org"))
    assert refused.status_code == 200
    conflict = refused.context["conflict"]
    assert [(field.old, field.theirs, field.yours) for field in conflict.fields] == [
        ("—", "first@example.org", "second@example.org")
    ]
    form = refused.context["adminform"].form
    assert form["email"].value() == "second@example.org"  # the user's own edit
    assert form["address_en"].value() == "1 Main Street"  # the colleague's, in place of the stale value
    centre.refresh_from_db()
    assert centre.email == "first@example.org"

    # Meanwhile a third change, to yet another field: the deliberate save keeps it too.
    InformationCentre.objects.filter(pk=centre.pk).update(opening_hours_en="9 to 5")
    resaved = second.post(url, change_form_data(refused))
    assert resaved.status_code == 302
    centre.refresh_from_db()
    assert (centre.email, centre.address_en, centre.opening_hours_en) == (
        "second@example.org",
        "1 Main Street",
        "9 to 5",
    )


def test_saving_again_after_a_conflict_is_refused_once_more_if_the_same_field_changed_again(staff):
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    client = logged_in(staff.editor)
    form = client.get(url)
    InformationCentre.objects.filter(pk=centre.pk).update(email="first@example.org")
    refused = client.post(url, change_form_data(form, email="mine@example.org"))
    assert refused.status_code == 200
    InformationCentre.objects.filter(pk=centre.pk).update(email="third@example.org")
    again = client.post(url, change_form_data(refused))
    assert again.status_code == 200
    assert [field.theirs for field in again.context["conflict"].fields] == ["third@example.org"]
    assert InformationCentre.objects.get(pk=centre.pk).email == "third@example.org"


def test_both_changing_a_field_to_the_same_value_is_no_conflict(staff):
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    client = logged_in(staff.editor)
    form = client.get(url)
    InformationCentre.objects.filter(pk=centre.pk).update(email="same@example.org")
    assert client.post(url, change_form_data(form, email="same@example.org")).status_code == 302


def test_translated_fields_merge_by_language_whatever_the_admin_language(staff):
    """Each language column is a field: a colleague's Bulgarian name survives an English edit made
    in a form opened in one admin language and saved in another; the same column is a conflict."""
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    first, second = logged_in(staff.editor), logged_in(staff.moderator)
    first_form = first.get(url)
    second_form = second.get(url, headers=EN)
    assert first.post(url, change_form_data(first_form, name_bg="Нов център", name_sr="Нови центар")).status_code == 302

    saved = second.post(url, change_form_data(second_form, name_en="New centre"))
    assert saved.status_code == 302
    centre.refresh_from_db()
    assert (centre.name_bg, centre.name_sr, centre.name_en) == ("Нов център", "Нови центар", "New centre")

    third_form = second.get(url, headers=EN)
    assert first.post(url, change_form_data(first.get(url), name_sr="Центар")).status_code == 302
    refused = second.post(url, change_form_data(third_form, name_sr="Мој центар", name_en="Centre"))
    assert refused.status_code == 200
    assert [field.theirs for field in refused.context["conflict"].fields] == ["Центар"]


def test_a_colleagues_change_to_an_inline_row_is_kept(staff):
    url = f"/admin/core/municipality/{staff.home.pk}/change/"
    first, second = logged_in(staff.editor), logged_in(staff.moderator)
    first_form, second_form = first.get(url), second.get(url)
    first_data = change_form_data(first_form)
    first_data["information_centre-0-email"] = "centre@example.org"
    assert first.post(url, first_data).status_code == 302

    assert second.post(url, change_form_data(second_form, population="5")).status_code == 302
    assert InformationCentre.objects.get(municipality=staff.home).email == "centre@example.org"
    assert Municipality.objects.get(pk=staff.home.pk).population == 5


def test_a_save_that_only_drops_microseconds_a_widget_cannot_show_is_nobodys_change(staff):
    """The admin's date and time widgets show whole seconds: B's save truncating a stored time is
    no change of B's, so A, saving an older form, is told only of the field B did change."""
    from civic.models import Event
    from tests.civic.factories import EventFactory

    event = EventFactory(municipality=staff.home, venue_name_bg="Читалище", organiser_bg="Община")
    Event.objects.filter(pk=event.pk).update(published_at=event.published_at.replace(microsecond=123456))
    url = f"/admin/civic/event/{event.pk}/change/"
    first, second = logged_in(staff.superuser), logged_in(staff.moderator)
    first_form, second_form = first.get(url, headers=EN), second.get(url, headers=EN)
    assert second.post(url, change_form_data(second_form, venue_name_bg="Площад")).status_code == 302
    assert Event.objects.get(pk=event.pk).published_at.microsecond == 0  # what the widget could send

    saved = first.post(url, change_form_data(first_form, organiser_bg="Кметство"), headers=EN, follow=True)
    assert saved.redirect_chain
    kept = [message for message in _messages(saved) if "moderator-home" in message]
    assert len(kept) == 1 and kept[0].endswith("Their values of the fields you left alone were kept: venue [bg].")
    event.refresh_from_db()
    assert (event.venue_name_bg, event.organiser_bg) == ("Площад", "Кметство")


def test_changing_a_time_another_save_only_truncated_is_no_conflict(staff):
    from civic.models import Event
    from tests.civic.factories import EventFactory

    # At 10:00 to 13:00 Sofia time in ten days, so that 07:30 the same day is before its end
    # whatever the time of day the test runs at (from now, an evening run ended after midnight).
    sofia = zoneinfo.ZoneInfo("Europe/Sofia")
    starts = (timezone.now() + timedelta(days=10)).astimezone(sofia).replace(hour=10, minute=0, second=0)
    event = EventFactory(municipality=staff.home, starts_at=starts, ends_at=starts + timedelta(hours=3))
    Event.objects.filter(pk=event.pk).update(starts_at=event.starts_at.replace(microsecond=654321))
    url = f"/admin/civic/event/{event.pk}/change/"
    first, second = logged_in(staff.superuser), logged_in(staff.moderator)
    first_form, second_form = first.get(url, headers=EN), second.get(url, headers=EN)
    assert second.post(url, change_form_data(second_form, venue_name_bg="Площад")).status_code == 302

    data = change_form_data(first_form, starts_at_1="07:30:00")
    saved = first.post(url, data, headers=EN)
    assert saved.status_code == 302, saved.context["conflict"]
    assert Event.objects.get(pk=event.pk).starts_at.astimezone(event.starts_at.tzinfo).second == 0
