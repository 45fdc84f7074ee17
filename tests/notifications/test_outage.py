"""A database gone just after a response: the mail it sent stays in the outbox, and the request ends cleanly."""

import pytest
from django.core import mail
from django.db import connection

from notifications import services
from notifications.models import OutgoingEmail

# What PostgreSQL sends every connection when it shuts down (SQLSTATE 57P01), on the outbox's delete.
OUTBOX_DELETES_FAIL = """
CREATE FUNCTION refuse_outbox_deletes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = 'admin_shutdown';
END $$;
CREATE TRIGGER refuse_outbox_deletes BEFORE DELETE ON notifications_outgoingemail
    FOR EACH ROW EXECUTE FUNCTION refuse_outbox_deletes();
"""


@pytest.fixture
def outbox_deletes_fail(transactional_db):
    with connection.cursor() as cursor:
        cursor.execute(OUTBOX_DELETES_FAIL)
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER refuse_outbox_deletes ON notifications_outgoingemail")
        cursor.execute("DROP FUNCTION refuse_outbox_deletes()")


def test_a_mail_sent_after_the_response_stays_in_the_outbox_when_the_database_is_gone(outbox_deletes_fail):
    """Under gunicorn this was an "Error handling request" traceback after every such response."""
    email = OutgoingEmail.objects.create(to=["owner@example.org"], subject="Потвърдете адреса", body="…")
    services.request_started()
    services._deliver_after_response(email)

    services.request_finished()  # the response has gone out: the mail is sent, its row cannot be deleted

    assert [message.subject for message in mail.outbox] == ["Потвърдете адреса"]
    assert OutgoingEmail.objects.filter(pk=email.pk).exists()
