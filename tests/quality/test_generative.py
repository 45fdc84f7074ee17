"""Nothing a visitor sends breaks a page, and nothing anyone types is lost or rewritten.

A Hypothesis suite over every public URL pattern and every public form,
found from the code and the crawl (``tests/quality/generative.py``), never
listed by hand. Each address gets odd path arguments and odd GET parameters
(empty, whitespace, punctuation, 10,000 characters, control characters and
NUL, huge and negative numbers, floats, unknown choices, repeated
parameters, impossible dates, broken percent-encoding, bytes that are not
UTF-8); each form gets odd values in its fields. The rules:

- no answer is a 5xx;
- a form that comes back (200 or 400) shows a message on the page's
  language, tied to its field by ``aria-describedby``, keeps what was typed
  in every text field, and has stored nothing (row counts unchanged).

Seeded and bounded (``MOST_GENERATIVE_EXAMPLES`` examples per pattern and
form, 12 by default); docs/QUALITY.md explains the deeper run and how to
replay a failure.
"""

import re
from collections import defaultdict
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.transliteration import CYRILLIC_WORD
from tests.quality.conftest import restart_sequences
from tests.quality.crawler import LANGUAGES, internal_path
from tests.quality.generative import (
    EXAMPLES,
    LEDGER,
    RECORDED_KEYS,
    filterset_parameters,
    page_parameters,
    parse_forms,
    path_values,
    public_routes,
    query_parameters,
    raw_query,
    value_for,
)
from tests.quality.rules import translated_ui_strings

pytestmark = pytest.mark.django_db

ROUTES = public_routes()
POST_ROUTES = [route for route in ROUTES if route.accepts_post]
# Controls whose typed text must come back as it was; a password or a file is never sent back.
TEXT_CONTROLS = {"text", "email", "tel", "url", "search", "number", "textarea", "date", "time", "datetime-local"}
# Tables a rejected form may legitimately write to: the session, and the records of a failed
# log-in (axes' and the audit log's, docs/STAFF.md).
WRITABLE_ON_REJECTION = ("django_session", "axes_", "staff_auditevent")
# Django's own English messages, which the project catalogue does not list.
DJANGO_ENGLISH = ("This field is required", "Enter a valid", "Select a valid choice", "Ensure this value")
EXAMPLE_SETTINGS = hypothesis_settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same examples on every run and machine
    database=None,  # nothing written under the checkout
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=True,
)
ACCOUNT_PATH = re.compile(r"^/[\w-]+/account/")


@pytest.fixture(scope="module")
def site(crawled_site, django_db_blocker, crawl_media_root):
    """The demo content, loaded for this module in a transaction rolled back after it, and what was found in it."""
    overrides = override_settings(
        MEDIA_ROOT=crawl_media_root / "media",
        MEDIA_LIBRARY_ORIGINALS_ROOT=crawl_media_root,
        PAGE_CACHE_SECONDS=0,  # every request reaches its view
        PORTAL_FORM_MIN_FILL_SECONDS=0,
    )
    with overrides, django_db_blocker.unblock(), transaction.atomic():
        restart_sequences()  # the same ids as in the crawl
        call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield discover(crawled_site)
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def demo_media(settings, crawl_media_root):
    """Where the demo content put its files (the ``media_root`` fixture would point elsewhere)."""
    settings.MEDIA_ROOT = crawl_media_root / "media"
    settings.MEDIA_LIBRARY_ORIGINALS_ROOT = crawl_media_root
    settings.PAGE_CACHE_SECONDS = 0
    settings.PORTAL_FORM_MIN_FILL_SECONDS = 0


def owner_user():
    from registrations.models import CompanyOwner

    return CompanyOwner.objects.select_related("user").order_by("pk").first().user


def new_client(as_owner: bool) -> Client:
    client = Client(raise_request_exception=False)
    if as_owner:
        client.force_login(owner_user())
    return client


def owner_pages() -> dict[str, str]:
    """The pages of an owner's account (behind a log-in, so not in the public crawl): path -> HTML."""
    client = new_client(as_owner=True)
    queue = [f"/{language}/account/" for language in LANGUAGES]
    pages = {}
    while queue and len(pages) < 200:
        url = queue.pop(0)
        if url in pages:
            continue
        response = client.get(url)
        html = response.content.decode() if response.status_code == 200 else ""
        pages[url] = html
        for href in re.findall(r'href="([^"]+)"', html):
            target = internal_path(href.replace("&amp;", "&"), url)
            if target and ACCOUNT_PATH.match(target) and target not in pages and not target.endswith(".json"):
                queue.append(target)
    return pages


def resolved(url: str):
    path = urlsplit(url).path
    language = path.split("/")[1] if path.split("/")[1] in LANGUAGES else None
    with translation.override(language):
        try:
            return resolve(path)
        except Resolver404:
            return None


def discover(crawled_site) -> SimpleNamespace:
    """For each route: real path arguments, sample pages, GET parameters; and the public POST forms."""
    pages = {url: page.html for url, page in crawled_site.items() if page.is_html}
    owner = owner_pages()
    real, pool, samples = defaultdict(list), defaultdict(set), defaultdict(list)
    for url, html in [*pages.items(), *owner.items()]:
        match = resolved(url)
        if match is None:
            continue
        arguments = {name: str(value) for name, value in match.kwargs.items()}
        if arguments not in real[match.view_name]:
            real[match.view_name].append(arguments)
        for name, value in arguments.items():
            pool[name].add(value)
        if html:
            samples[match.view_name].append((url, html, url in owner))
    for url in crawled_site:  # non-HTML addresses (feeds, exports) have real arguments too
        match = resolved(url)
        if match is not None:
            arguments = {name: str(value) for name, value in match.kwargs.items()}
            if arguments not in real[match.view_name]:
                real[match.view_name].append(arguments)

    targets, forms = {}, {}
    recorder = ["tests.quality.generative.RecordQueryKeys", *settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=recorder):
        for route in ROUTES:
            arguments = real[route.name][0] if real[route.name] else None
            as_owner = bool(samples[route.name]) and all(is_owner for *_rest, is_owner in samples[route.name])
            as_owner = as_owner or bool(ACCOUNT_PATH.match("/bg/" + route.template.removeprefix("{language}/")))
            parameters = {"page": ["1", "2"], "q": []}
            parameters.update(filterset_parameters(route.view_class))
            if arguments is not None or not route.converters:
                path = route.path("bg", arguments or {})
                new_client(as_owner).get(path)
                for name in RECORDED_KEYS.get(path, ()):
                    parameters.setdefault(name, [])
            for url, html, _owner in samples[route.name][:4]:
                for name, values in page_parameters(html, urlsplit(url).path).items():
                    parameters[name] = list(dict.fromkeys([*parameters.get(name, []), *values]))[:30]
            targets[route.name] = SimpleNamespace(
                real=real[route.name],
                as_owner=as_owner,
                parameters=parameters,
                pool={name: sorted(values) for name, values in pool.items()},
            )
    for url, html, is_owner in [item for route in ROUTES for item in samples[route.name]]:
        for form in parse_forms(html).forms:
            if form["method"] != "post":
                continue
            action = internal_path(form["action"] or url, url)
            match = resolved(action) if action else None
            if match is None:
                continue
            prefix = action.split("/")[1]
            language = prefix if prefix in LANGUAGES else settings.LANGUAGE_CODE
            # One form per view and language: a Serbian Latin page must keep Cyrillic as typed too.
            forms.setdefault(match.view_name, {}).setdefault(
                language, SimpleNamespace(page=url, action=action, form=form, as_owner=is_owner, language=language)
            )
    return SimpleNamespace(targets=targets, forms=forms)


def send(client: Client, method: str, path: str, **extra):
    """One request, counted in the ledger; a 5xx is recorded with what was sent."""
    response = getattr(client, method)(path, **extra)
    sent = extra.get("data") or extra.get("QUERY_STRING", "")
    LEDGER.record(f"{method.upper()} {path[:200]} {sent!r:.300}", response)
    return response


def isolated(check):
    """Run one example in a savepoint that is rolled back, with fresh rate-limit counters."""

    def run(*args, **kwargs):
        caches["default"].clear()
        with transaction.atomic():
            try:
                return check(*args, **kwargs)
            finally:
                transaction.set_rollback(True)

    return run


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_no_address_answers_5xx_whatever_its_path_and_query(site, route):
    """Odd path arguments and odd, repeated, broken GET parameters are answered, never with a 5xx."""
    target = site.targets[route.name]
    languages = st.sampled_from(LANGUAGES) if route.localised else st.just("")
    encoded = query_parameters(target.parameters).map(lambda pairs: urlencode(pairs))

    @EXAMPLE_SETTINGS
    @given(
        language=languages,
        arguments=path_values(route, target.real, target.pool),
        query=encoded | raw_query(target.parameters),
    )
    @isolated
    def check(language, arguments, query):
        path = route.path(language, arguments)
        response = send(new_client(target.as_owner), "get", path, QUERY_STRING=query)
        assert response.status_code < 500, f"GET {path}?{query[:300]} answered {response.status_code}"

    check()


def row_counts() -> dict[str, int]:
    tables = [
        table
        for table in connection.introspection.table_names()
        if not table.startswith(WRITABLE_ON_REJECTION) and not table.startswith("pg_")
    ]
    # Table names from the database's own catalogue, quoted: nothing here comes from a request.
    query = " UNION ALL ".join(
        f"SELECT '{table}', count(*) FROM {connection.ops.quote_name(table)}"  # noqa: S608
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(query)
        return dict(cursor.fetchall())


def form_problems(language: str, sent: dict, original: dict, html: str, action: str) -> list[str]:
    """What is wrong with a form that came back: its messages, where they are, and what it kept."""
    parsed = parse_forms(html)
    again = [form for form in parsed.forms if form["method"] == "post" and form["action"] in ("", action)]
    if not again:
        return []  # another page (a confirmation): nothing to keep
    problems = []
    if not parsed.errors:
        problems.append("the form came back without a message saying what is wrong")
    described = {part for c in again[0]["controls"] for part in c.get("aria-describedby", "").split()}
    for element_id, text in parsed.errors:
        if element_id and element_id not in described:
            problems.append(f"message {text!r} (#{element_id}) is tied to no field by aria-describedby")
        if language in ("bg", "sr") and not CYRILLIC_WORD.search(text):
            problems.append(f"message {text!r} is not in {language}")
        if language != "en":
            english = [fragment for fragment, pattern in translated_ui_strings(language) if pattern.search(text)]
            english += [phrase for phrase in DJANGO_ENGLISH if phrase in text]
            if english:
                problems.append(f"message {text!r} is in English on a {language} page")
    shown = {c["name"]: c.get("value", "") for c in again[0]["controls"] if c.get("type") in TEXT_CONTROLS}
    for name, value in sent.items():
        if name in original and original[name].get("type") in TEXT_CONTROLS and name in shown:
            # A browser drops line breaks from a one-line field; a textarea keeps them.
            typed, kept = value, shown[name]
            if original[name]["type"] != "textarea":
                typed, kept = re.sub(r"[\r\n]", "", typed), re.sub(r"[\r\n]", "", kept)
            if kept != typed:
                problems.append(f"field {name!r}: typed {typed[:80]!r}, shown again as {kept[:80]!r}")
    return problems


def form_values(control: dict) -> st.SearchStrategy[str]:
    kind = control.get("type")
    if kind == "select":
        return value_for([option for option in control["options"] if option])
    if kind in ("checkbox", "radio"):
        return value_for([control.get("value", "on")])
    if kind == "email":
        return value_for(["owner@example.org", "a@b"])
    return value_for([control.get("value", "")] if control.get("value") else [])


@pytest.mark.parametrize("route", POST_ROUTES, ids=str)
def test_no_form_answers_5xx_and_a_refused_one_keeps_what_was_typed(site, route):
    """Odd values in a form's fields: never a 5xx.

    A form that comes back says why in the page's language, beside the field, keeps what was typed and stored nothing.
    """
    found = site.forms.get(route.name)
    if not found:
        # Reached from a mail (a token) or a state the demo does not show: no page to read the form
        # from, so the fields come from the view's form class, and only the first rule applies.
        return post_blind(site, route)

    @EXAMPLE_SETTINGS
    @given(data=st.data())
    @isolated
    def check(data):
        form = found[data.draw(st.sampled_from(sorted(found)), label="language")]
        controls = {c["name"]: c for c in form.form["controls"] if c.get("type") not in ("submit", "button", "file")}
        baseline = {
            name: c.get("value", "")
            for name, c in controls.items()
            if c.get("type") not in ("checkbox", "radio") or "checked" in c
        }
        changeable = sorted(name for name, c in controls.items() if c.get("type") != "hidden") or sorted(controls)
        names = data.draw(st.lists(st.sampled_from(changeable), min_size=1, max_size=len(changeable), unique=True))
        changes = data.draw(st.fixed_dictionaries({name: form_values(controls[name]) for name in names}), label="typed")
        before = row_counts()
        response = send(new_client(form.as_owner), "post", form.action, data={**baseline, **changes})
        assert response.status_code < 500, f"POST {form.action} answered {response.status_code}"
        if response.status_code in (200, 400):
            problems = form_problems(form.language, changes, controls, response.content.decode(), form.action)
            after = row_counts()
            changed = [name for name in before if before[name] != after[name]]
            problems += [f"{name}: {before[name]} rows, then {after[name]}" for name in changed]
            assert not problems, f"POST {form.action} came back with problems: {problems}"

    check()


def post_blind(site, route):
    """POST odd values in the fields of the view's form class (if any) to a route whose form no page shows."""
    target = site.targets[route.name]
    form_class = getattr(route.view_class, "form_class", None)
    names = sorted(getattr(form_class, "base_fields", {})) or ["x"]
    languages = st.sampled_from(LANGUAGES) if route.localised else st.just("")
    fields = st.dictionaries(st.sampled_from([*names, "csrfmiddlewaretoken", "started"]), value_for([]), max_size=8)

    @EXAMPLE_SETTINGS
    @given(language=languages, arguments=path_values(route, target.real, target.pool), data=fields)
    @isolated
    def check(language, arguments, data):
        path = route.path(language, arguments)
        response = send(new_client(target.as_owner), "post", path, data=data)
        assert response.status_code < 500, f"POST {path} {data!r:.300} answered {response.status_code}"

    check()
