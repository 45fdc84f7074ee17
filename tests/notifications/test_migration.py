"""The outbox moved from ``registrations`` to ``notifications`` without losing a row or its content type."""

import pytest

from tests.migrating import migrate

BEFORE = [("registrations", "0003_stored_names_with_extensions"), ("notifications", None)]
AFTER = [("registrations", "0004_outbox_to_notifications"), ("notifications", "0001_outbox_from_registrations")]


# Serialized rollback: the flush after a transactional test empties the data migrations' rows
# (the four directions) too, and later tests rely on them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_undelivered_mail_and_its_permissions_survive_the_move(latest_migrations):
    old = migrate(BEFORE)
    try:
        OldEmail = old.get_model("registrations", "OutgoingEmail")
        ContentType = old.get_model("contenttypes", "ContentType")
        Permission = old.get_model("auth", "Permission")
        ContentType.objects.filter(app_label="notifications").delete()
        content_type = ContentType.objects.get_or_create(app_label="registrations", model="outgoingemail")[0]
        Permission.objects.get_or_create(
            content_type=content_type, codename="view_outgoingemail", defaults={"name": "Can view undelivered email"}
        )
        kept = OldEmail.objects.create(to=["ana@example.org"], subject="Потвърдете", body="Връзка", attempts=3)
    finally:
        new = migrate(AFTER)

    Email = new.get_model("notifications", "OutgoingEmail")
    email = Email.objects.get(pk=kept.pk)
    assert (email.to, email.subject, email.body, email.attempts) == (["ana@example.org"], "Потвърдете", "Връзка", 3)
    assert Email._meta.db_table == "notifications_outgoingemail"
    moved = new.get_model("contenttypes", "ContentType").objects.get(pk=content_type.pk)
    assert (moved.app_label, moved.model) == ("notifications", "outgoingemail")
    assert new.get_model("auth", "Permission").objects.filter(content_type=moved, codename="view_outgoingemail")
