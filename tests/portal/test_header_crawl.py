"""Header crawl: one response of every page type carries every required security header, in production mode.

The security settings are those ``portal/settings.py`` computes with debug
off (read from a fresh process with a production environment), applied over
the test settings. The crawl starts at the four home pages and the sitemap
and follows links until it has one page of each type in each language; error
pages, files, feeds, the health check and the log-in pages are added by hand.
Every cookie set on the way must be Secure, HttpOnly and SameSite.
"""

import json
import os
import subprocess
import sys
from http.cookies import Morsel
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from media_library.models import Photo
from registrations.models import CompanyOwner
from tests.directory.factories import OrganisationFactory
from tests.quality.crawler import LANGUAGES, Page, internal_path, sitemap_paths

BASE_DIR = Path(__file__).resolve().parents[2]
SECURITY_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
]


@pytest.fixture(scope="module")
def production_security_settings() -> dict:
    """The security settings of production mode, as ``portal/settings.py`` computes them (or leaves to Django)."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="p" * 30 + "r" * 30,
        DJANGO_ALLOWED_HOSTS="most.example.org",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/unused",  # read, never connected to
    )
    script = (
        "import json, portal.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {SECURITY_SETTINGS!r} if hasattr(s, n)}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def production(settings, production_security_settings):
    for name, value in production_security_settings.items():
        setattr(settings, name, value)
    assert settings.SECURE_HSTS_SECONDS >= 31536000 and settings.SESSION_COOKIE_SECURE
    # Tests never run collectstatic: WhiteNoise finds the static files where they are.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    return settings


def page_type(path: str) -> tuple[str | None, str]:
    page = Page(url=path, status=0)
    with translation.override(page.language):
        try:
            return page.language, resolve(page.path).view_name
        except Resolver404:
            return page.language, "unresolved"


def crawl_one_of_each_type(client: Client) -> dict[str, object]:
    """GET pages over HTTPS, following links, until every (language, page type) has been fetched once."""
    start = [f"/{language}/" for language in LANGUAGES] + ["/sitemap.xml"]
    seen = {page_type(url) for url in start}
    queue, responses = list(start), {}
    while queue:
        url = queue.pop(0)
        response = client.get(url, secure=True)
        responses[url] = response
        content_type = response.get("Content-Type", "")
        links = []
        if response.status_code == 200 and content_type.startswith("text/html"):
            page = Page.from_html(url, response.content.decode())
            links = [internal_path(href, url) for href in page.links]
            links += [href for href in page.resources if href.startswith(("/static/", settings.MEDIA_URL))]
        elif url == "/sitemap.xml":
            links = sitemap_paths(response.content.decode())
        for target in links:
            if not target:
                continue
            key = ("file", target.split("/")[1]) if target.startswith(("/static/", "/media/")) else page_type(target)
            if key not in seen:
                seen.add(key)
                queue.append(target)
    return responses


def directives(policy: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def header_problems(url: str, response) -> list[str]:
    problems = []
    policy = response.get("Content-Security-Policy")
    if not policy:
        return [f"{url}: no Content-Security-Policy"]
    found = directives(policy)
    if found.get("frame-ancestors") != "'none'":
        problems.append(f"{url}: frame-ancestors {found.get('frame-ancestors')!r}")
    scripts = found.get("script-src", found.get("default-src", ""))
    if "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts or "*" in scripts.split():
        problems.append(f"{url}: script-src {scripts!r}")
    if found.get("object-src", found.get("default-src")) != "'none'" and found.get("default-src") != "'none'":
        problems.append(f"{url}: object-src {found.get('object-src')!r}")
    hsts = response.get("Strict-Transport-Security", "")
    if not (hsts.startswith("max-age=31536000") and "includeSubDomains" in hsts and "preload" in hsts):
        problems.append(f"{url}: Strict-Transport-Security {hsts!r}")
    expected = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    for header, value in expected.items():
        if response.get(header) != value:
            problems.append(f"{url}: {header} {response.get(header)!r}")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append(f"{url}: Permissions-Policy {response.get('Permissions-Policy')!r}")
    return problems


def cookie_problems(url: str, response) -> list[str]:
    problems = []
    for name, cookie in response.cookies.items():
        cookie: Morsel
        if cookie["max-age"] == 0 or cookie.value == "":
            continue  # a deletion
        if not cookie["secure"] or not cookie["httponly"] or cookie["samesite"] not in {"Lax", "Strict"}:
            problems.append(f"{url}: cookie {name} {cookie.OutputString()!r}")
    return problems


@pytest.fixture
def owner(db):
    user = User.objects.create_user("ana@example.org", "ana@example.org", "correct-horse-battery")
    CompanyOwner.objects.create(
        user=user,
        organisation=OrganisationFactory(),
        contact_name="Ana",
        contact_email="ana@example.org",
        language="bg",
    )
    return user


def test_every_page_type_sends_every_security_header(production, demo_content, owner):
    client = Client(raise_request_exception=False)
    responses = crawl_one_of_each_type(client)
    photo = Photo.objects.first()
    extra = {
        "/bg/no-such-page/": 404,
        "/en/news/rss/": 200,
        "/en/news/atom/": 200,
        "/en/events/calendar.ics": 200,
        "/en/directory/export.csv": 200,
        "/en/directory/export.json": 200,
        "/en/tourism/map.geojson": 200,
        "/robots.txt": 200,
        "/healthz": 200,
        "/admin/login/": 200,
        "/admin/": 302,
        "/admin/password-reset/": 200,
        "/en/account/login/": 200,
        "/en/account/": 302,
        "/en/account/password-reset/": 200,
        photo.image.src: 200,
        "/media/photos/none.jpg": 404,
        "/static/css/site.css": 200,
    }
    for url, status in extra.items():
        response = client.get(url, secure=True)
        assert response.status_code == status, url
        responses[url] = response
    # Error pages: 403 (a form without its token), 400 (a forged host), and plain HTTP is redirected.
    responses["403 csrf"] = Client(enforce_csrf_checks=True).post("/en/companies/register/", secure=True)
    responses["400 host"] = client.get("/bg/", secure=True, headers={"host": "evil.example.com"})
    assert [responses[key].status_code for key in ("403 csrf", "400 host")] == [403, 400]
    # Plain HTTP only ever gets a redirect to HTTPS (HSTS is sent over HTTPS, as browsers require).
    plain = client.get("/bg/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/bg/"
    assert plain["X-Content-Type-Options"] == "nosniff"
    # Pages that set cookies: a form (CSRF), the language switcher, an owner's log-in (session, messages).
    form = client.get("/en/companies/register/", secure=True)
    responses["form"] = form
    token = form.cookies[settings.CSRF_COOKIE_NAME].value
    responses["setlang"] = client.post("/i18n/setlang/", {"language": "sr-latn", "next": "/"}, secure=True)
    responses["login"] = client.post(
        "/en/account/login/",
        {"username": "ana@example.org", "password": "correct-horse-battery", "website": ""},
        secure=True,
        headers={"x-csrftoken": token},
    )
    assert responses["login"].status_code == 302
    types = {page_type(url) for url in responses if url.startswith("/") and not url.startswith(("/static", "/media"))}
    # And the 500 page, from a view that fails.
    production.ROOT_URLCONF = "tests.portal.test_security"
    responses["500"] = Client(raise_request_exception=False).get("/boom/", secure=True)
    assert responses["500"].status_code == 500

    problems = [problem for url, response in responses.items() for problem in header_problems(url, response)]
    problems += [problem for url, response in responses.items() for problem in cookie_problems(url, response)]
    media = responses[photo.image.src]
    assert "sandbox" in media["Content-Security-Policy"] and "default-src 'none'" in media["Content-Security-Policy"]
    cookies = {name for response in responses.values() for name in response.cookies}
    print(
        f"\nHeader crawl: {len(responses)} responses, {len({name for _, name in types})} page types "
        f"({len(types)} with their languages), cookies {sorted(cookies)}; {len(problems)} missing or weak headers"
    )
    assert {settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME} <= cookies
    assert len(responses) > 100
    assert not problems, "\n".join(problems)


def test_an_owner_gets_a_new_session_id_at_log_in_and_log_out_ends_it(production, owner):
    client = Client()
    client.get("/en/account/login/", secure=True)
    session = client.session
    session["before-login"] = True
    session.save()
    before = session.session_key
    response = client.post(
        "/en/account/login/",
        {"username": "ana@example.org", "password": "correct-horse-battery", "website": ""},
        secure=True,
    )
    assert response.status_code == 302
    after = client.session.session_key
    assert after and after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.get("/en/account/", secure=True).status_code == 200

    client.post("/en/account/logout/", secure=True)
    assert not Session.objects.filter(session_key=after).exists()
    # The old cookie no longer opens the account, even if someone kept it.
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = after
    assert thief.get("/en/account/", secure=True).status_code == 302
