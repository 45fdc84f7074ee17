"""The audit log: who did what, filtered, scoped, exported and pruned (docs/STAFF.md, "Audit log")."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from civic.models import Event
from staff.models import AuditAction, AuditEvent, StaffRole
from tests.civic.factories import EventFactory
from tests.portal.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-staff-password-1"
CHANGELIST = "admin:staff_auditevent_changelist"


def _client(client, user):
    """Logged in without a trace: the log-in's own event would join the lists these tests read."""
    since = timezone.now()
    client.force_login(user)
    AuditEvent.objects.filter(action=AuditAction.LOGGED_IN, at__gte=since).delete()
    return client


def test_an_admin_edit_that_publishes_is_recorded_with_its_municipality(client, staff):
    event = EventFactory(municipality=staff.home, status="draft")
    editor = _client(client, staff.editor)
    url = reverse("admin:civic_event_change", args=[event.pk])
    response = editor.post(url, change_form_data(editor.get(url), status="published"))
    assert response.status_code == 302
    recorded = AuditEvent.objects.get(content_type=ContentType.objects.get_for_model(Event))
    assert recorded.action == AuditAction.PUBLISHED, recorded.message
    assert recorded.actor == staff.editor
    assert recorded.municipality == staff.home
    assert recorded.object_id == str(event.pk)


def test_a_deletion_is_recorded(client, staff):
    event = EventFactory(municipality=staff.home)
    editor = _client(client, staff.editor)
    response = editor.post(reverse("admin:civic_event_delete", args=[event.pk]), {"post": "yes"})
    assert response.status_code == 302
    recorded = AuditEvent.objects.get(action=AuditAction.DELETED)
    assert recorded.object_repr == str(event)
    assert recorded.municipality == staff.home


def test_log_ins_and_failed_log_ins_are_recorded(client, staff):
    staff.moderator.set_password(PASSWORD)
    staff.moderator.save()
    client.post(reverse("admin:login"), {"username": staff.moderator.username, "password": "wrong password"})
    client.post(reverse("admin:login"), {"username": "nobody-at-all", "password": "wrong password"})
    client.post(reverse("admin:login"), {"username": staff.moderator.username, "password": PASSWORD})
    failed = AuditEvent.objects.filter(action=AuditAction.LOG_IN_FAILED).order_by("pk")
    assert [(event.actor_name, event.municipality_id) for event in failed] == [
        (staff.moderator.username, staff.home.pk),
        ("nobody-at-all", None),
    ]
    logged_in = AuditEvent.objects.get(action=AuditAction.LOGGED_IN)
    assert logged_in.actor == staff.moderator
    assert logged_in.ip_address == "127.0.0.1"
    assert "wrong password" not in "".join(AuditEvent.objects.values_list("message", flat=True))


def test_a_change_of_role_is_recorded_as_such(client, staff):
    administrator = _client(client, staff.administrator)
    url = reverse("admin:auth_user_change", args=[staff.editor.pk])
    data = change_form_data(administrator.get(url))
    data["staff_membership-0-role"] = StaffRole.MODERATOR
    data["groups"] = []  # the role groups follow the membership; the form offers only the others
    response = administrator.post(url, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        [inline.formset.errors for inline in response.context["inline_admin_formsets"]],
        response.context.get("errors"),
    )
    recorded = AuditEvent.objects.get(action=AuditAction.ROLE_CHANGED)
    assert recorded.actor == staff.administrator
    assert recorded.object_id == str(staff.editor.pk)
    assert recorded.municipality == staff.home


def _events(staff):
    now = timezone.now()
    home = AuditEvent.objects.create(
        action=AuditAction.CHANGED, actor=staff.editor, actor_name="editor-home", municipality=staff.home,
        content_type=ContentType.objects.get_for_model(Event), object_repr="=HYPERLINK(1)", at=now,
    )  # fmt: skip
    other = AuditEvent.objects.create(
        action=AuditAction.DELETED, actor=staff.other_editor, actor_name="editor-other", municipality=staff.other,
        object_repr="Other", at=now,
    )  # fmt: skip
    old = AuditEvent.objects.create(
        action=AuditAction.LOGGED_IN, actor=staff.editor, actor_name="editor-home", municipality=staff.home,
        at=now - timedelta(days=400),
    )  # fmt: skip
    return home, other, old


def _rows(response) -> list[int]:
    return [row.pk for row in response.context["cl"].result_list]


def test_moderators_read_their_municipality_and_editors_nothing(client, staff):
    home, other, old = _events(staff)
    moderator = _client(client, staff.moderator)
    assert sorted(_rows(moderator.get(reverse(CHANGELIST)))) == sorted([home.pk, old.pk])
    assert moderator.get(reverse("admin:staff_auditevent_change", args=[other.pk])).status_code in (302, 403, 404)
    client.logout()
    assert _client(client, staff.editor).get(reverse(CHANGELIST)).status_code == 403


def test_the_log_filters_by_person_municipality_content_type_and_date(client, staff):
    home, other, old = _events(staff)
    administrator = _client(client, staff.administrator)
    url = reverse(CHANGELIST)
    assert _rows(administrator.get(url, {"actor__id__exact": staff.other_editor.pk})) == [other.pk]
    assert sorted(_rows(administrator.get(url, {"municipality__id__exact": staff.home.pk}))) == sorted(
        [home.pk, old.pk]
    )
    content_type = ContentType.objects.get_for_model(Event).pk
    assert _rows(administrator.get(url, {"content_type__id__exact": content_type})) == [home.pk]
    since = (timezone.localtime() - timedelta(days=7)).isoformat()  # as the date filter writes it
    assert sorted(_rows(administrator.get(url, {"at__gte": since}))) == sorted([home.pk, other.pk])


def test_the_export_is_the_filtered_list_as_safe_csv(client, staff):
    _events(staff)
    administrator = _client(client, staff.administrator)
    changelist = administrator.get(reverse(CHANGELIST), {"municipality__id__exact": staff.home.pk})
    assert "export/?municipality__id__exact=" in changelist.content.decode()
    response = administrator.get(
        reverse("admin:staff_auditevent_export"), {"municipality__id__exact": staff.home.pk, "action": "changed"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][1] == "editor-home"
    assert rows[1][5] == "'=HYPERLINK(1)"  # a spreadsheet shows it as text, never runs it
    client.logout()
    assert _client(client, staff.editor).get(reverse("admin:staff_auditevent_export")).status_code == 403


def test_pruning_keeps_the_retention_period(staff, settings):
    home, other, _old = _events(staff)
    settings.AUDIT_LOG_RETENTION_DAYS = 365
    call_command("prune_audit_log", stdout=io.StringIO())
    assert set(AuditEvent.objects.values_list("pk", flat=True)) == {home.pk, other.pk}


@pytest.mark.parametrize("rows", [1, 50])
def test_the_log_costs_the_same_for_1_and_50_rows(client, staff, rows, django_assert_max_num_queries):
    AuditEvent.objects.bulk_create(
        AuditEvent(action=AuditAction.CHANGED, actor=staff.editor, actor_name="e", municipality=staff.home)
        for _index in range(rows)
    )
    administrator = _client(client, staff.administrator)
    with django_assert_max_num_queries(20):
        assert administrator.get(reverse(CHANGELIST)).status_code == 200


def test_photos_added_through_the_bulk_upload_are_recorded_as_uploads(client, staff):
    from media_library.models import Photo
    from tests.media_library.factories import AlbumFactory, image_bytes, upload

    album = AlbumFactory(municipality=staff.home)
    editor = _client(client, staff.editor)
    form = {"alt_text_bg": "Мост", "alt_text_sr": "Мост", "alt_text_en": "Bridge", "credit": "", "licence": "cc0-1.0"}
    files = [upload(image_bytes(800, 600), "bridge.jpg")]
    editor.post(f"/admin/media_library/album/{album.pk}/upload/", {**form, "files": files})
    recorded = AuditEvent.objects.get(action=AuditAction.UPLOADED)
    assert recorded.actor == staff.editor
    assert recorded.municipality == staff.home
    assert recorded.object_id == str(Photo.objects.get(album=album).pk)
    assert recorded.message == "bridge.jpg"
