"""CSRF sweep: every address of the portal refuses a POST that carries no CSRF token.

The addresses are found by walking the URL resolver, so a view added later is
swept from its first day without being listed here. Each pattern gets a
sample address built from its converters or its regular expression, in every
language for the language-prefixed ones, and is posted to by a logged-in
superuser (the most a forged request could borrow) without a token.
"""

import re
import uuid
from dataclasses import dataclass
from re import _parser as regex_parser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

pytestmark = pytest.mark.django_db

# Views that are deliberately CSRF-exempt, each with the reason. Every form of the portal is protected.
CSRF_EXEMPT_ALLOWED: dict[str, str] = {
    # Django Ninja's operations: the read-only API answers GET only (a POST gets 405), and no
    # cookie or session authenticates a request to it.
    "ninja.operation.PathView.get_view.<locals>.sync_view_wrapper": "read-only API, GET only",
    # The browser's ping when a reader follows a search result carries no token; it can only add
    # one to an aggregated click count (docs/SEARCH.md).
    "search.views.result_click": "ping of a followed search result",
}

LANGUAGES = [code for code, _name in settings.LANGUAGES]
CONVERTER_SAMPLES = {"int": "1", "slug": "sample", "str": "sample", "path": "1", "uuid": str(uuid.UUID(int=1))}


@dataclass
class Endpoint:
    route: str  # the pattern, for messages
    path: str  # a sample address that resolves to it
    view: object
    language: str | None

    @property
    def view_name(self) -> str:
        view = getattr(self.view, "view_class", None) or getattr(self.view, "__wrapped__", None) or self.view
        return f"{view.__module__}.{getattr(view, '__qualname__', view.__class__.__name__)}"

    @property
    def accepts_post(self) -> bool:
        """Class-based views with a ``post`` handler and the admin's own views take POSTs."""
        view_class = getattr(self.view, "view_class", None)
        if view_class is not None:
            return "post" in view_class.http_method_names and hasattr(view_class, "post")
        return self.view.__module__.startswith("django.contrib.admin") or "admin" in self.view_name


def sample_from_regex(pattern: str) -> str:
    """The shortest plain string a URL regex matches (first alternatives, minimal repeats)."""

    def walk(parsed) -> str:
        out = []
        for op, value in parsed:
            name = str(op)
            if name == "LITERAL":
                out.append(chr(value))
            elif name == "NOT_LITERAL":
                out.append("a" if chr(value) != "a" else "b")
            elif name == "ANY":
                out.append("a")
            elif name == "IN":
                out.append(_from_set(value))
            elif name == "BRANCH":
                out.append(walk(value[1][0]))
            elif name == "SUBPATTERN":
                out.append(walk(value[-1]))
            elif name in {"MAX_REPEAT", "MIN_REPEAT"}:
                low, _high, item = value
                out.append(walk(item) * max(low, 1))
            elif name == "AT":
                continue
            else:
                raise ValueError(f"cannot sample {name} in {pattern!r}")
        return "".join(out)

    def _from_set(items) -> str:
        for op, value in items:
            name = str(op)
            if name == "LITERAL":
                return chr(value)
            if name == "RANGE":
                return chr(value[0])
            if name == "CATEGORY":
                return {"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " "}.get(str(value), "a")
        return "a"

    return walk(regex_parser.parse(pattern))


def sample(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: CONVERTER_SAMPLES[m.group(1) or "str"], route)
    if isinstance(pattern, RegexPattern):
        return sample_from_regex(pattern._regex)
    raise TypeError(pattern)


def endpoints(resolver=None, prefix="/", route="", language=None) -> list[Endpoint]:
    """Every URL pattern of the portal, as sample addresses (one per language under i18n_patterns)."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern):
            for code in LANGUAGES:
                found += endpoints(entry, f"{prefix}{code}/", route, code)
        elif isinstance(entry, URLResolver):
            found += endpoints(entry, prefix + sample(entry.pattern), route + str(entry.pattern), language)
        elif isinstance(entry, URLPattern):
            found.append(Endpoint(route + str(entry.pattern), prefix + sample(entry.pattern), entry.callback, language))
    return found


@pytest.fixture(autouse=True)
def language_kept():
    """The requests below activate languages; the tests after this one find the language they had."""
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def forger(django_user_model):
    """A logged-in superuser's browser, CSRF cookie and all, sending a POST that carries no token.

    That is what a forged cross-site form makes the victim's browser send.
    """
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    client.get("/en/companies/register/")
    assert client.cookies.get(settings.CSRF_COOKIE_NAME)
    return client


def test_every_view_refuses_a_post_without_a_csrf_token(forger):
    swept = endpoints()
    unresolved, exempt, accepted = [], [], []
    for endpoint in swept:
        with translation.override(endpoint.language):
            try:
                match = resolve(endpoint.path)
            except Exception:  # a sample the patterns do not take: the sweep must learn to build it
                unresolved.append(f"{endpoint.route} → {endpoint.path}")
                continue
        if getattr(match.func, "csrf_exempt", False) and endpoint.view_name not in CSRF_EXEMPT_ALLOWED:
            exempt.append(endpoint.view_name)
        response = forger.post(endpoint.path, {"anything": "1"}, headers={"accept-language": "en"})
        refused_by_csrf = response.status_code == 403 and "403_csrf.html" in [t.name for t in response.templates]
        # 405: the view takes no POST at all (the read-only API), so nothing was done.
        if not refused_by_csrf and response.status_code != 405 and endpoint.view_name not in CSRF_EXEMPT_ALLOWED:
            accepted.append(f"{endpoint.route} ({endpoint.path}): {response.status_code}")
    views = {endpoint.view_name for endpoint in swept}
    post_views = {endpoint.view_name for endpoint in swept if endpoint.accepts_post}
    print(
        f"\nCSRF sweep: {len(swept)} addresses of {len({e.route for e in swept})} URL patterns, {len(views)} views "
        f"({len(post_views)} taking POST); {len(accepted)} accepted a POST without a token"
    )
    assert not unresolved, "Sample addresses that do not resolve:\n" + "\n".join(unresolved)
    assert not exempt, f"CSRF-exempt views not in the allow-list: {exempt}"
    assert not accepted, "POSTs without a token that were not refused:\n" + "\n".join(accepted)
    # The sweep reaches the forms it exists for.
    routes = {endpoint.route for endpoint in swept}
    for expected in ("companies/register/", "account/login/", "account/logout/", "setlang/", "ask/<slug:slug>/"):
        assert any(route.endswith(expected) for route in routes), expected
    assert any(route.startswith("admin/") for route in routes)


def test_the_sweep_builds_addresses_from_regular_expressions():
    assert sample_from_regex(r"^(?P<app_label>auth|portal)/$") == "auth/"
    assert sample_from_regex(r"^media/(?P<path>.+)$") == "media/a"
    assert sample_from_regex(r"^(?P<n>[0-9]+)\.ics$") == "0.ics"
