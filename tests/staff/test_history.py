import pytest
from django.test import Client
from reversion.models import Version

from core.models import InformationCentre, Municipality
from staff.history import record_objects, recorded_changes
from tests.portal.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit(client, url, **changes):
    response = client.post(url, change_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return response


def test_revert_restores_a_previous_version(staff):
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    client = logged_in(staff.editor)
    edit(client, url, email="first@example.org", address_bg="ул. Първа 1")
    edit(client, url, email="second@example.org", address_bg="ул. Втора 2")
    first = Version.objects.get_for_object(centre).order_by("pk").first()

    revision_url = f"/admin/core/informationcentre/{centre.pk}/history/{first.pk}/"
    form = client.get(revision_url)
    assert form.status_code == 200
    assert 'value="first@example.org"' in form.content.decode()
    centre.refresh_from_db()
    assert centre.email == "second@example.org"  # looking at an old version changes nothing

    assert client.post(revision_url, change_form_data(form)).status_code == 302
    centre.refresh_from_db()
    assert (centre.email, centre.address_bg) == ("first@example.org", "ул. Първа 1")
    latest = Version.objects.get_for_object(centre).first()
    assert latest.revision.user == staff.editor
    assert "Reverted" in latest.revision.get_comment()


def test_history_lists_who_changed_what_with_a_readable_diff(staff):
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    client = logged_in(staff.editor)
    edit(client, url, email="first@example.org")
    edit(client, url, email="second@example.org")

    history = client.get(f"/admin/core/informationcentre/{centre.pk}/history/")
    assert history.status_code == 200
    entries = history.context["history_entries"]
    assert len(entries) == 2
    assert entries[0]["revision"].user == staff.editor
    assert [(c.label, c.old, c.new) for c in entries[0]["changes"]] == [
        ("имейл", "first@example.org", "second@example.org")  # labels in the staff member's language
    ]
    assert "<del>first@example.org</del>" in history.content.decode()


def test_bulk_changes_made_by_services_are_recorded_and_revertible(staff):
    centres = list(InformationCentre.objects.all())
    with recorded_changes(user=staff.administrator, comment="Bulk phone update"):
        for centre in centres:
            centre.email = "bulk@example.org"
        InformationCentre.objects.bulk_update(centres, ["email"])
        record_objects(centres)
    for centre in centres:
        version = Version.objects.get_for_object(centre).get()
        assert version.revision.user == staff.administrator
        assert version.revision.get_comment() == "Bulk phone update"
        assert version.field_dict["email"] == "bulk@example.org"


def test_a_revert_of_another_municipality_entry_is_refused_and_changes_nothing(staff):
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    edit(logged_in(staff.editor), url, email="first@example.org")
    edit(logged_in(staff.editor), url, email="second@example.org")
    first = Version.objects.get_for_object(centre).order_by("pk").first()

    intruder = logged_in(staff.other_editor)
    revision_url = f"/admin/core/informationcentre/{centre.pk}/history/{first.pk}/"
    assert intruder.get(revision_url).status_code in (302, 403, 404)
    assert intruder.post(revision_url, {"email": "first@example.org"}).status_code in (302, 403, 404)
    # The version id through the intruder's own centre: the version belongs to another object.
    own = staff.other.information_centre
    assert intruder.post(f"/admin/core/informationcentre/{own.pk}/history/{first.pk}/", {}).status_code == 404
    centre.refresh_from_db()
    assert centre.email == "second@example.org"


def test_a_revision_touching_both_municipalities_cannot_be_reverted_by_one_of_them(staff):
    with recorded_changes(user=staff.administrator, comment="Both centres"):
        for centre in InformationCentre.objects.all():
            centre.email = "both@example.org"
            centre.save()
    InformationCentre.objects.update(email="later@example.org")
    own = staff.home.information_centre
    version = Version.objects.get_for_object(own).get()
    client = logged_in(staff.editor)
    url = f"/admin/core/informationcentre/{own.pk}/history/{version.pk}/"
    assert client.post(url, {}).status_code == 403
    assert set(InformationCentre.objects.values_list("email", flat=True)) == {"later@example.org"}


def test_recover_lists_and_recovers_only_the_users_municipality(staff, django_user_model):
    staff.superuser.is_superuser = True
    for municipality in (staff.home, staff.other):
        with recorded_changes(user=staff.superuser, comment="Initial"):
            municipality.information_centre.save()
    home_centre, other_centre = staff.home.information_centre, staff.other.information_centre
    InformationCentre.objects.all().delete()
    home_deleted = Version.objects.get_for_object_reference(InformationCentre, home_centre.pk).get()
    other_deleted = Version.objects.get_for_object_reference(InformationCentre, other_centre.pk).get()

    # Editors may not add centres, so recovery is a portal administrator's job; they see both.
    administrator = logged_in(staff.administrator)
    listing = administrator.get("/admin/core/informationcentre/recover/")
    assert {version.pk for version in listing.context["deleted"]} == {home_deleted.pk, other_deleted.pk}

    editor = logged_in(staff.editor)
    assert editor.get("/admin/core/informationcentre/recover/").status_code == 403
    assert editor.post(f"/admin/core/informationcentre/recover/{other_deleted.pk}/", {}).status_code == 403
    # A version of another model cannot be recovered through this admin.
    municipality_version = Version.objects.get_for_model(Municipality).first()
    if municipality_version is not None:
        response = administrator.post(f"/admin/core/informationcentre/recover/{municipality_version.pk}/", {})
        assert response.status_code == 404
    assert not InformationCentre.objects.exists()


def test_the_diff_names_each_language_once(staff):
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    client = logged_in(staff.editor)
    edit(client, url, address_bg="ул. Първа 1")
    edit(client, url, address_bg="ул. Втора 2")
    changes = client.get(f"/admin/core/informationcentre/{centre.pk}/history/").context["history_entries"][0]["changes"]
    assert [(change.label, change.new) for change in changes] == [("адрес [bg]", "ул. Втора 2")]


def test_history_reads_in_the_readers_language_whoever_saved(staff):
    """An editor saves with the admin in English; a colleague reads the history in Bulgarian:
    neither the action nor the field names are in English (they were "Променени Address [bg]")."""
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    english = {"accept-language": "en"}
    client = logged_in(staff.editor)
    for address in ("ул. Нова 3", "ул. Нова 4"):
        form = client.get(url, headers=english)
        assert client.post(url, change_form_data(form, address_bg=address), headers=english).status_code == 302
    assert "Address [bg]" in Version.objects.get_for_object(centre).first().revision.comment  # as saved

    history = logged_in(staff.moderator).get(
        f"/admin/core/informationcentre/{centre.pk}/history/", headers={"accept-language": "bg"}
    )
    page = history.content.decode()
    assert "Address" not in page
    assert "Changed" not in page
    entry = history.context["history_entries"][0]
    assert entry["action"] == "Променено."
    assert [(change.label, change.new) for change in entry["changes"]] == [("адрес [bg]", "ул. Нова 4")]


def test_history_values_are_written_as_the_reader_reads_them(settings):
    """Local time in the language's format, not UTC; a list as its items' labels, not Python's notation."""
    import datetime

    from django.db import models
    from django.utils import translation

    from directory.models import Organisation
    from staff.history import _display

    settings.TIME_ZONE = "Europe/Sofia"
    moment = datetime.datetime(2026, 7, 4, 17, 30, tzinfo=datetime.UTC)
    languages = Organisation._meta.get_field("languages")
    with translation.override("bg"):
        assert _display(languages, ["bg", "en"]) == "Български, Английски"
        assert _display(models.DateTimeField(), moment) == "4.07.2026\u202fг., 20:30"
    with translation.override("en"):
        assert _display(languages, ["bg", "en"]) == "Bulgarian, English"
