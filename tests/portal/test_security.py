"""Security headers, brute-force protection, host checks and localised error pages."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.conf.urls.i18n import i18n_patterns
from django.test import Client
from django.urls import path
from django.utils import translation

from tests.markup import flat

pytestmark = pytest.mark.django_db

CORE_PAGES = ["/bg/", "/sr-latn/municipalities/medijana/", "/en/information-centres/", "/en/directions/culture/"]


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *i18n_patterns(path("boom/", boom))]


@pytest.mark.parametrize("url", CORE_PAGES)
def test_every_page_sends_the_security_headers(client, demo_content, settings, url):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    response = client.get(url, secure=True)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"].startswith("'self'")
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_forged_host_header_is_refused(client):
    client.raise_request_exception = False
    response = client.get("/bg/", headers={"host": "evil.example.com"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/bg/no-such-page/", "Страницата не е намерена"),
        ("/sr/no-such-page/", "Страница није пронађена"),
        ("/sr-latn/no-such-page/", "Stranica nije pronađena"),
        ("/en/no-such-page/", "Page not found"),
    ],
)
def test_not_found_page_is_in_the_language_of_the_address(client, db, url, text):
    response = client.get(url)
    assert response.status_code == 404
    assert text in response.content.decode()
    # Search as the way on, with a visible label, besides the header's own search box.
    html = flat(response.content.decode())
    assert '<label for="not-found-q">' in html
    assert 'id="not-found-q" name="q" type="search"' in html
    assert html.count('name="q"') == 2


def test_server_error_page_is_translated_and_shows_no_traceback(client, settings):
    settings.ROOT_URLCONF = "tests.portal.test_security"
    client.raise_request_exception = False
    response = client.get("/boom/", headers={"accept-language": "sr"})
    assert response.status_code == 500
    html = response.content.decode()
    assert "Нешто није у реду" in html
    assert "RuntimeError" not in html
    assert "Traceback" not in html


def error_page(client, settings, status, language):
    """Make the portal answer ``status`` to a visitor reading it in ``language``."""
    client.raise_request_exception = False
    if status == 500:
        settings.ROOT_URLCONF = "tests.portal.test_security"  # a view that raises
    if status == 400:
        return client.get(f"/{language}/", headers={"host": "evil.example.com"})
    if status == 403:
        refusing = Client(enforce_csrf_checks=True, raise_request_exception=False)
        return refusing.post(f"/{language}/companies/register/", {"name": "Мелница"})
    if status == 404:
        return client.get(f"/{language}/no-such-page/")
    return client.get(f"/{language}/boom/")


TITLES = {400: "Bad request", 403: "The form has expired", 404: "Page not found", 500: "Something went wrong"}


@pytest.mark.parametrize("language", ["bg", "sr", "sr-latn", "en"])
@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_in_production_are_the_sites_own_in_the_visitors_language(client, settings, status, language):
    """With debug off, 400, 403, 404 and 500 are the site's pages, in the address's language, without a traceback."""
    settings.DEBUG = False
    response = error_page(client, settings, status, language)

    assert response.status_code == status
    html = flat(response.content.decode())
    with translation.override(language):
        title = translation.gettext(TITLES[status])
    if language != "en":
        assert title != TITLES[status], "the catalogue translates the title"
    assert f"<title>{title} · " in html
    tag = django_settings.LANGUAGE_TAGS[language]
    assert f'<html lang="{tag}"' in html
    assert "/static/css/site" in html  # the site's own stylesheet, not Django's bare page
    for leak in ("Traceback", "RuntimeError", "DisallowedHost", "CSRF verification failed", "Django"):
        assert leak not in html


def test_a_form_without_csrf_token_is_refused_with_a_translated_page(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en"}, headers={"accept-language": "bg"})
    assert response.status_code == 403
    assert "Формулярът е изтекъл" in response.content.decode()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user("editor", password="correct-horse-battery", is_staff=True)


def admin_login(client, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.9",
    )


def test_admin_login_locks_out_after_five_failures_then_cools_off(client, staff_user):
    for _ in range(4):
        assert admin_login(client, "wrong-password").status_code == 200
    assert admin_login(client, "wrong-password").status_code == 429
    # Locked: even the right password is refused, with a translated explanation.
    locked = admin_login(client, "correct-horse-battery")
    assert locked.status_code == 429
    assert "Твърде много неуспешни опити" in locked.content.decode()
    # After the cool-off period the right password works again.
    from datetime import timedelta

    from django.utils import timezone

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = admin_login(client, "correct-horse-battery")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_login_changes_the_session_id_and_logout_invalidates_it(client, staff_user):
    client.get("/admin/login/")
    client.session["marker"] = 1
    before = client.session.session_key
    assert admin_login(client, "correct-horse-battery").status_code == 302
    after = client.session.session_key
    assert after and after != before
    client.post("/admin/logout/")
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=after).exists()


def test_uploads_are_served_so_that_they_can_never_run_as_a_page(client, settings):
    (settings.MEDIA_ROOT / "albums").mkdir(parents=True)
    (settings.MEDIA_ROOT / "albums" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (settings.MEDIA_ROOT / "albums" / "page.html").write_text("<script>alert(1)</script>")
    (settings.MEDIA_ROOT / "albums" / "captions.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nНиш\n")

    response = client.get("/media/albums/photo.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    # A file type the portal never hands out stays unreachable even though it exists.
    assert client.get("/media/albums/page.html").status_code == 404
    assert client.get("/media/../portal/settings.py").status_code == 404
    # A caption file is delivered as uploaded, never transliterated.
    client.cookies["django_language"] = "sr-latn"
    assert "Ниш" in b"".join(client.get("/media/albums/captions.vtt").streaming_content).decode()
