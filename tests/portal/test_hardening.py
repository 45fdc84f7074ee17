"""Issue 27, second round: each of these answered wrongly (500, a lock-out for everyone, a reused stamp) before."""

import io
import re
import time

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client, RequestFactory
from PIL import Image

from core.abuse import client_address
from media_library.models import Photo
from media_library.renditions import renditions_make
from registrations.models import CompanyRegistration
from tests.media_library.factories import AlbumFactory
from tests.registrations.factories import application, started, valid_eik

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile("[а-яА-Я]")


def tall_jpeg(width=600, height=17000) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 90, 60)).save(buffer, "JPEG", quality=60)
    return buffer.getvalue()


# --- The client's address ------------------------------------------------------------------------


def address(settings, remote, forwarded=None, proxies=()):
    settings.TRUSTED_PROXIES = list(proxies)
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(settings):
    assert address(settings, "203.0.113.5", "198.51.100.1") == "203.0.113.5"  # no proxy trusted
    assert address(settings, "203.0.113.5", "198.51.100.1", proxies=["10.0.0.1"]) == "203.0.113.5"
    assert address(settings, "10.0.0.1", "198.51.100.1", proxies=["10.0.0.1"]) == "198.51.100.1"
    # The client wrote the left-most hops itself: the right-most untrusted one is the address.
    assert address(settings, "10.0.0.1", "1.2.3.4, 198.51.100.1", proxies=["10.0.0.1"]) == "198.51.100.1"
    assert address(settings, "10.0.0.1", "1.2.3.4, 198.51.100.1, 10.0.0.2", proxies=["10.0.0.1", "10.0.0.2"]) == (
        "198.51.100.1"
    )
    assert address(settings, "10.0.0.1", "", proxies=["10.0.0.1"]) == "10.0.0.1"


def admin_login(client, username, password, forwarded, language="en"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded,
        headers={"accept-language": language},
    )


def test_wrong_passwords_from_other_addresses_do_not_lock_the_superuser_out(client, django_user_model, settings):
    """Behind the proxy, five failures from five addresses (or five from one) lock nobody else out."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.REGISTRATIONS_LOGIN_RATE_LIMIT = 1000
    django_user_model.objects.create_superuser("chief", "chief@example.org", "correct-horse-battery")
    for number in range(5):
        assert admin_login(client, "chief", "wrong", f"198.51.100.{number + 1}").status_code == 200
    for _attempt in range(5):
        admin_login(client, "chief", "wrong", "198.51.100.66")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        *(f"198.51.100.{number + 1}" for number in range(5)),
        "198.51.100.66",
    }
    assert admin_login(client, "chief", "correct-horse-battery", "198.51.100.66").status_code == 429  # that pair
    response = admin_login(client, "chief", "correct-horse-battery", "203.0.113.200")
    assert response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.parametrize("path", ["/admin/login/?next=/admin/", "/bg/account/login/"])
def test_one_address_trying_many_user_names_is_stopped(client, settings, path):
    settings.REGISTRATIONS_LOGIN_RATE_LIMIT = 5
    remote = f"192.0.2.{1 if 'admin' in path else 2}"
    answers = [
        client.post(path, {"username": f"user{number}", "password": "x"}, REMOTE_ADDR=remote).status_code
        for number in range(7)
    ]
    assert answers[:5] == [200] * 5 and answers[5:] == [429, 429]
    refused = client.post(
        path, {"username": "user99", "password": "x"}, REMOTE_ADDR=remote, headers={"accept-language": "bg"}
    )
    assert refused.status_code == 429 and refused["Retry-After"] == str(settings.REGISTRATIONS_RATE_WINDOW)
    assert CYRILLIC.search(refused.content.decode().split("<h1", 1)[-1])
    # Another address is not affected.
    assert client.post(path, {"username": "user0", "password": "x"}, REMOTE_ADDR="192.0.2.77").status_code == 200


# --- Tall and wide images ------------------------------------------------------------------------


def test_renditions_of_a_very_tall_image_fit_webp():
    renditions = renditions_make(Image.open(io.BytesIO(tall_jpeg())))
    assert renditions and all(r.height <= 16383 for r in renditions)
    assert {r.format for r in renditions} == {"webp", "jpeg"}
    wide = renditions_make(Image.open(io.BytesIO(tall_jpeg(17000, 600))))
    assert wide[0].width == 1600


def test_a_tall_image_is_stored_by_the_gallery(staff):
    """The album upload (no model file field of its own; every field's path: tests/core/test_upload_fields.py)."""
    album = AlbumFactory(municipality=staff.home)
    editor = Client()
    editor.force_login(staff.editor)
    upload = SimpleUploadedFile("tall.jpg", tall_jpeg(), content_type="image/jpeg")
    response = editor.post(
        f"/admin/media_library/album/{album.pk}/upload/",
        {
            "alt_text_bg": "а",
            "alt_text_sr": "а",
            "alt_text_en": "a",
            "credit": "",
            "licence": "cc0-1.0",
            "files": [upload],
        },
    )
    assert response.status_code == 200 and Photo.objects.count() == 1


def test_a_strip_too_thin_to_show_is_refused_with_a_translated_reason(client, staff):
    data = application(staff.home)
    data["logo"] = SimpleUploadedFile("strip.jpg", tall_jpeg(20, 17000), content_type="image/jpeg")
    response = client.post("/bg/companies/register/", data)
    assert response.status_code == 200 and not CompanyRegistration.objects.exists()
    assert "20 × 17000" in response.content.decode() and "пиксела" in response.content.decode()


# --- Other 500s ----------------------------------------------------------------------------------


def test_an_overlong_media_name_is_not_found(client):
    assert client.get("/media/" + "a" * 300 + ".jpg").status_code == 404
    assert client.get("/media/photos/" + "b" * 5000 + ".webp").status_code == 404


def odd_queries(model_admin) -> list[str]:
    """For each list filter of ``model_admin``: a NUL where a value goes, and an impossible year."""
    queries = ["created_at__year=99999999999999999999", "status__exact=%00"]
    for entry in model_admin.list_filter:
        if isinstance(entry, tuple | list):
            entry = entry[0]
        if isinstance(entry, str):
            queries += [f"{entry}__exact=%00", f"{entry}=%00", f"{entry}__year=99999999999999999999"]
            queries += [f"{entry}__gte=%00", f"{entry}__isnull=%00", f"{entry}__id__exact=%00"]
        else:
            queries.append(f"{entry.parameter_name}=%00")
    return queries


def test_no_admin_change_list_answers_500_to_odd_filter_values(staff):
    superuser = Client(raise_request_exception=False)
    superuser.force_login(staff.superuser)
    tried, failures = 0, []
    for model, model_admin in admin.site._registry.items():
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for query in odd_queries(model_admin):
            tried += 1
            status = superuser.get(f"{url}?{query}").status_code
            if status >= 500:
                failures.append(f"{url}?{query}: {status}")
        dated = [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateField)]
        for name in dated:
            tried += 1
            if superuser.get(f"{url}?{name}__year=99999999999999999999").status_code >= 500:
                failures.append(f"{url}?{name}__year=huge")
    print(f"\nAdmin change lists: {len(admin.site._registry)} admins, {tried} odd queries, {len(failures)} 5xx")
    assert tried > 50
    assert not failures, "\n".join(failures)


# --- Sessions and caching ------------------------------------------------------------------------


def test_staff_sessions_end_after_an_idle_hour_and_after_ten_hours(client, staff, settings):
    client.force_login(staff.editor)
    assert client.get("/admin/").status_code == 200
    assert client.session.get_expiry_age() <= settings.STAFF_SESSION_IDLE_SECONDS  # the cookie ends with it
    session = client.session
    session["staff_seen"] = time.time() - settings.STAFF_SESSION_IDLE_SECONDS - 5
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.get("/admin/").status_code == 302  # logged out

    client.force_login(staff.editor)
    client.get("/admin/")
    session = client.session
    session["staff_since"] = time.time() - settings.STAFF_SESSION_MAX_SECONDS - 5
    session.save()
    assert client.get("/admin/").status_code == 302


def test_an_owner_session_keeps_the_ordinary_length(client, django_user_model, settings):
    owner = django_user_model.objects.create_user("owner@example.org", "owner@example.org", "x")
    client.force_login(owner)
    session = client.session
    session["staff_seen"] = time.time() - settings.STAFF_SESSION_IDLE_SECONDS - 5
    session.save()
    assert client.get("/en/account/").status_code == 200


def test_owner_pages_and_the_data_export_are_never_cached(client, django_user_model):
    owner = django_user_model.objects.create_user("owner@example.org", "owner@example.org", "x")
    client.force_login(owner)
    for path in ("/en/account/", "/en/account/my-data.json"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], path


# --- One stamp, one submission; a retry finds what was stored -----------------------------------


def test_a_retried_registration_gets_the_same_success_page_and_is_stored_once(client, staff, mailoutbox):
    stamp = started()
    first = client.post("/en/companies/register/", application(staff.home, started=stamp), REMOTE_ADDR="192.0.2.31")
    assert first.status_code == 302
    mails = len(mailoutbox)
    # The answer was lost; the applicant sends the same form again (even with a changed field).
    again = client.post(
        "/en/companies/register/",
        application(staff.home, started=stamp, eik=valid_eik(7654321)),
        REMOTE_ADDR="192.0.2.31",
    )
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert CompanyRegistration.objects.count() == 1 and len(mailoutbox) == mails


def test_a_form_stamp_serves_one_submission_only(client, staff):
    stamp = started()
    # A script's submission (honeypot filled) is thanked, stores nothing and uses up the stamp.
    assert client.post("/en/companies/register/", application(staff.home, started=stamp, fax="x")).status_code == 302
    replay = client.post("/en/companies/register/", application(staff.home, started=stamp))
    assert replay.status_code == 200 and "sent too quickly" in replay.content.decode()
    assert not CompanyRegistration.objects.exists()
    # A mistake in a field does not use the stamp up: corrected, the same form goes through.
    stamp = started()
    mistaken = client.post("/en/companies/register/", application(staff.home, started=stamp, contact_email="nope"))
    assert mistaken.status_code == 200 and "sent too quickly" not in mistaken.content.decode()
    assert client.post("/en/companies/register/", application(staff.home, started=stamp)).status_code == 302


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_failure_in_the_staff_session_check_answers_503(django_user_model):
    """The connection dies before the check reads the session: the translated 503, not a 500."""
    from django.db import connection, connections

    editor = django_user_model.objects.create_user("editor-503", password="x", is_staff=True)
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    other = connections.create_connection("default")  # a second, real connection ends the first
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    try:
        response = client.get("/admin/")
    finally:
        connection.close()
    assert response.status_code == 503 and response["Retry-After"]
