import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.test import Client

from core.models import InformationCentre, Municipality
from staff.models import StaffMembership, StaffRole
from staff.roles import PORTAL_ADMINISTRATORS_GROUP
from staff.services import roles_sync
from tests.portal.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def group_codenames(name: str) -> set[str]:
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_sync_roles_gives_each_group_exactly_its_declared_permissions_and_can_run_again(staff):
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="delete_municipality"))  # a stray grant
    call_command("sync_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = {name: group_codenames(name) for name in ("Editors", "Moderators")}
    roles_sync()
    assert {name: group_codenames(name) for name in ("Editors", "Moderators")} == first
    # The municipality's record and centre: edited, never added or deleted (the stray grant is gone).
    assert {"view_municipality", "change_municipality", "view_informationcentre", "change_informationcentre"} <= (
        first["Editors"]
    )
    assert not {"add_municipality", "delete_municipality", "add_informationcentre"} & first["Editors"]
    # Content of the municipality: every action (photos arrive through their album's upload page).
    content = ("event", "newsarticle", "municipalservice", "document", "project", "page", "organisation", "album")
    for model in (*content, "sight", "route"):
        assert {f"{action}_{model}" for action in ("view", "add", "change", "delete")} <= first["Editors"], model
    assert {"view_photo", "change_photo", "delete_photo", "change_video"} <= first["Editors"]
    assert "add_photo" not in first["Editors"]
    # Shared records: portal administrators only.
    assert not {"view_programme", "change_programme", "view_lifesituation", "change_lifesituation"} & first["Editors"]
    # The centre's inbox: editors read it, moderators answer it.
    assert {"view_enquiry"} == {codename for codename in first["Editors"] if codename.endswith("_enquiry")}
    assert {"view_enquiry", "change_enquiry", "delete_enquiry"} <= first["Moderators"]
    assert Group.objects.get(name=PORTAL_ADMINISTRATORS_GROUP).permissions.count() == Permission.objects.count()


def test_an_editor_edits_their_municipality_and_its_centre_only(staff):
    client = logged_in(staff.editor)
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    assert client.post(url, change_form_data(client.get(url), email="centre@example.org")).status_code == 302
    centre.refresh_from_db()
    assert centre.email == "centre@example.org"

    changelist = client.get("/admin/core/municipality/")
    assert [m.pk for m in changelist.context["cl"].result_list] == [staff.home.pk]
    assert client.get("/admin/core/municipality/add/").status_code == 403
    assert client.post(f"/admin/core/municipality/{staff.home.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/core/direction/").status_code == 403
    assert client.get("/admin/auth/user/").status_code == 403
    assert Municipality.objects.count() == 2


def test_an_entry_cannot_be_moved_to_the_other_municipality_by_a_forged_post(staff):
    client = logged_in(staff.editor)
    centre = staff.home.information_centre
    url = f"/admin/core/informationcentre/{centre.pk}/change/"
    form = client.get(url)
    assert list(form.context["adminform"].form.fields["municipality"].queryset) == [staff.home]
    response = client.post(url, change_form_data(form, municipality=str(staff.other.pk)))
    assert response.status_code == 200
    assert "municipality" in response.context["adminform"].form.errors
    assert InformationCentre.objects.get(pk=centre.pk).municipality == staff.home


def test_autocomplete_offers_only_the_users_municipality(staff):
    params = {"app_label": "core", "model_name": "informationcentre", "field_name": "municipality"}
    results = logged_in(staff.editor).get("/admin/autocomplete/", params).json()["results"]
    assert [row["id"] for row in results] == [str(staff.home.pk)]
    results = logged_in(staff.administrator).get("/admin/autocomplete/", params).json()["results"]
    assert {row["id"] for row in results} == {str(staff.home.pk), str(staff.other.pk)}


def test_a_moderator_holds_the_editor_permissions_of_their_municipality(staff):
    assert group_codenames("Editors") <= group_codenames("Moderators")
    assert staff.moderator.groups.get().name == "Moderators"
    client = logged_in(staff.moderator)
    changelist = client.get("/admin/core/informationcentre/")
    assert [c.pk for c in changelist.context["cl"].result_list] == [staff.home.information_centre.pk]


def test_a_portal_administrator_works_across_both_municipalities_and_manages_staff(staff):
    client = logged_in(staff.administrator)
    changelist = client.get("/admin/core/municipality/")
    assert {m.pk for m in changelist.context["cl"].result_list} == {staff.home.pk, staff.other.pk}
    assert client.get("/admin/core/municipality/add/").status_code == 200
    assert client.get("/admin/core/direction/").status_code == 200
    users = client.get("/admin/auth/user/").context["cl"].result_list
    assert staff.other_editor in users
    assert staff.superuser not in users  # only a superuser manages superusers
    assert client.get(f"/admin/auth/user/{staff.superuser.pk}/change/").status_code == 302


def test_a_portal_administrator_cannot_grant_superuser_status(staff):
    client = logged_in(staff.administrator)
    url = f"/admin/auth/user/{staff.other_editor.pk}/change/"
    form = client.get(url)
    assert "is_superuser" not in form.context["adminform"].form.fields
    client.post(url, change_form_data(form, is_superuser="on"))
    staff.other_editor.refresh_from_db()
    assert not staff.other_editor.is_superuser


def test_appointing_a_staff_member_sets_their_role_group(staff):
    client = logged_in(staff.administrator)
    newcomer = User.objects.create_user("newcomer")
    url = f"/admin/auth/user/{newcomer.pk}/change/"
    data = change_form_data(client.get(url), is_staff="on")
    data.update(
        {
            "staff_membership-TOTAL_FORMS": "1",
            "staff_membership-INITIAL_FORMS": "0",
            "staff_membership-0-municipality": str(staff.other.pk),
            "staff_membership-0-role": StaffRole.MODERATOR,
        }
    )
    assert client.post(url, data).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.staff_membership.municipality == staff.other
    assert [group.name for group in newcomer.groups.all()] == ["Moderators"]


def test_a_user_manager_of_one_municipality_cannot_appoint_to_the_other(staff):
    manager = staff.moderator
    manager.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user", "add_user"]))
    client = logged_in(manager)
    users = set(client.get("/admin/auth/user/").context["cl"].result_list)
    assert users == {staff.editor, staff.moderator}
    assert client.get(f"/admin/auth/user/{staff.other_editor.pk}/change/").status_code == 302

    url = f"/admin/auth/user/{staff.editor.pk}/change/"
    form = client.get(url)
    data = change_form_data(form)
    data["staff_membership-0-municipality"] = str(staff.other.pk)
    response = client.post(url, data)
    assert response.status_code == 200
    assert StaffMembership.objects.get(user=staff.editor).municipality == staff.home


def test_someone_who_is_not_staff_is_sent_to_the_log_in_page(staff):
    response = logged_in(staff.outsider).get("/admin/core/municipality/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_demo_content_makes_the_demo_staff_members_of_their_municipality(db, settings, tmp_path, monkeypatch):
    from demo.management.commands import load_demo_content

    monkeypatch.setattr(load_demo_content, "CREDENTIALS_FILE", tmp_path / "demo-credentials.txt")
    settings.DEBUG = True
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    memberships = {m.user.username: (m.municipality.slug, m.role) for m in StaffMembership.objects.for_listing()}
    assert memberships == {
        "editor-koprivshtitsa": ("koprivshtitsa", StaffRole.EDITOR),
        "editor-medijana": ("medijana", StaffRole.EDITOR),
        "moderator-koprivshtitsa": ("koprivshtitsa", StaffRole.MODERATOR),
        "moderator-medijana": ("medijana", StaffRole.MODERATOR),
    }
    assert User.objects.get(username="editor-medijana").groups.get().name == "Editors"
