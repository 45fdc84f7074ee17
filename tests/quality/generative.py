"""What the generative suite sends, and where: found in the code and the crawl, never listed by hand.

- :func:`public_routes` walks Django's resolver, so every URL pattern a
  visitor can reach is covered from the day it is added (the admin, static
  files and media are left out).
- Real values for a pattern's path converters (slugs, ids, tokens) come
  from the crawl of the demo content: every crawled address is resolved
  and its arguments kept, by view and by argument name.
- The GET parameters of a page are the union of what its view's FilterSet
  declares, what its rendered GET forms and links carry, and what the view
  actually reads from ``request.GET`` (recorded by :class:`RecordQueryKeys`
  while the page is fetched once).
- POST forms are read from the HTML of the pages that render them.

:data:`LEDGER` counts every request sent and every 5xx answer, for the
summary line at the end of the run.
"""

import os
import re
import string
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from hypothesis import strategies as st

# Examples per URL pattern and per form in `make test`; MOST_GENERATIVE_EXAMPLES=500 for a deeper run.
EXAMPLES = int(os.environ.get("MOST_GENERATIVE_EXAMPLES", "12"))
NOT_PUBLIC = ("admin/", "static/", "media/")
CONVERTER = re.compile(r"<(?:(?P<type>[^>:]+):)?(?P<name>\w+)>")


@dataclass
class Ledger:
    """Every request the suite sent, and the ones that answered 5xx."""

    requests: int = 0
    server_errors: list[str] = field(default_factory=list)

    def record(self, description: str, response) -> None:
        self.requests += 1
        if response.status_code >= 500:
            error = ""
            if getattr(response, "exc_info", None):
                error = f": {response.exc_info[0].__name__}: {str(response.exc_info[1])[:200]}"
            self.server_errors.append(f"{response.status_code} {description[:300]}{error}")


LEDGER = Ledger()


@dataclass
class Route:
    """One public URL pattern: its name, its path with placeholders, and the view behind it."""

    name: str
    template: str  # "{language}/events/<slug:slug>/"
    converters: dict  # argument name -> converter type ("slug", "int", "str")
    callback: object

    @property
    def localised(self) -> bool:
        return "{language}" in self.template

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None)

    @property
    def accepts_post(self) -> bool:
        view = self.view_class
        if view is None:
            return self.name == "set_language"
        return hasattr(view, "post")

    def path(self, language: str, values: dict[str, str]) -> str:
        def fill(match):
            return quote(str(values[match["name"]]), safe="")

        return "/" + CONVERTER.sub(fill, self.template.replace("{language}", language))

    def __str__(self) -> str:
        return self.name


def public_routes() -> list[Route]:
    """Every URL pattern a visitor can reach, by walking the root resolver."""
    routes = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if isinstance(pattern.pattern, LocalePrefixPattern):
                    piece = "{language}/"
                elif isinstance(pattern.pattern, RoutePattern):
                    piece = str(pattern.pattern)
                else:
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + piece, inner)
            elif isinstance(pattern, URLPattern) and isinstance(pattern.pattern, RoutePattern):
                template = prefix + str(pattern.pattern)
                if template.removeprefix("{language}/").startswith(NOT_PUBLIC):
                    continue
                converters = {m["name"]: m["type"] or "str" for m in CONVERTER.finditer(template)}
                routes.append(Route(f"{namespace}{pattern.name}", template, converters, pattern.callback))

    walk(get_resolver().url_patterns, "", "")
    return routes


class FormParser(HTMLParser):
    """The forms of a page: action, method and controls (with their ids and aria-describedby), and error texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.errors = []  # (id, text) of each .field-error / .form-errors element
        self._form = None
        self._textarea = None
        self._select = None
        self._error = None  # [tag, depth, id, text parts]

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        classes = attributes.get("class", "").split()
        if self._error is not None and tag == self._error[0]:
            self._error[1] += 1
        elif self._error is None and ("field-error" in classes or "form-errors" in classes):
            self._error = [tag, 1, attributes.get("id", ""), []]
        if tag == "form":
            self._form = {
                "action": attributes.get("action", ""),
                "method": attributes.get("method", "get").lower(),
                "controls": [],
            }
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attributes.get("name"):
            kind = attributes.get("type", "text").lower()
            self._form["controls"].append({"tag": "input", **attributes, "type": kind})
        elif tag == "textarea" and attributes.get("name"):
            self._textarea = {"tag": "textarea", "type": "textarea", **attributes, "value": ""}
            self._form["controls"].append(self._textarea)
        elif tag == "select" and attributes.get("name"):
            self._select = {"tag": "select", "type": "select", **attributes, "options": [], "value": None}
            self._form["controls"].append(self._select)
        elif tag == "option" and self._select is not None:
            value = attributes.get("value", "")
            self._select["options"].append(value)
            if "selected" in attributes or self._select["value"] is None:
                self._select["value"] = value

    def handle_endtag(self, tag):
        if self._error is not None and tag == self._error[0]:
            self._error[1] -= 1
            if not self._error[1]:
                self.errors.append((self._error[2], " ".join("".join(self._error[3]).split())))
                self._error = None
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data
        if self._error is not None:
            self._error[3].append(data)


def parse_forms(html: str) -> FormParser:
    parser = FormParser()
    parser.feed(html)
    parser.close()
    for form in parser.forms:
        for control in form["controls"]:
            if control["tag"] == "textarea" and control["value"].startswith("\n"):
                control["value"] = control["value"][1:]  # the newline HTML drops after <textarea>
    return parser


class RecordingQueryDict(QueryDict):
    """A QueryDict that remembers every key a view asks it for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)


RECORDED_KEYS: dict[str, set] = {}


class RecordQueryKeys:
    """Test-only middleware: note which GET parameters each path's view reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = RecordingQueryDict(request.META.get("QUERY_STRING", ""))
        request.GET = query
        response = self.get_response(request)
        RECORDED_KEYS.setdefault(request.path, set()).update(query.read)
        return response


def filterset_parameters(view_class) -> dict[str, list[str]]:
    """The parameter names (and known choices) of a view's django-filter FilterSet, when it declares one."""
    filterset_class = getattr(view_class, "filterset_class", None)
    if filterset_class is None:
        return {}
    form = filterset_class(data={}, queryset=filterset_class._meta.model.objects.none()).form
    found = {}
    for name, form_field in form.fields.items():
        widget = form_field.widget
        names = [f"{name}{suffix}" for suffix in getattr(widget, "suffixes", [])] or [name]
        choices = [str(value) for value, _label in getattr(form_field, "choices", []) if value not in ("", None)]
        for each in names:
            found[each] = choices[:20]
    return found


def page_parameters(html: str, path: str) -> dict[str, list[str]]:
    """GET parameters a page offers: its GET forms' controls and the query strings of its links to itself."""
    found: dict[str, list[str]] = {}
    parser = parse_forms(html)
    for form in parser.forms:
        if form["method"] != "get":
            continue
        for control in form["controls"]:
            values = found.setdefault(control["name"], [])
            values.extend(control.get("options", []))
            if control.get("value"):
                values.append(control["value"])
    for href in re.findall(r'href="([^"]*\?[^"]*)"', html):
        parts = urlsplit(href.replace("&amp;", "&"))
        if parts.path in ("", path):
            for name, value in parse_qsl(parts.query, keep_blank_values=True):
                found.setdefault(name, []).append(value)
    return {name: list(dict.fromkeys(values))[:30] for name, values in found.items()}


# --- What is sent.

HUGE = [str(2**31), str(2**63), str(-(2**63) - 1), "9" * 40, "-" + "9" * 40, "1e309", "-1e309"]
NUMBERISH = ["-1", "0", "-0", "00", "1.5", "-2.5", "1,5", "NaN", "inf", "-inf", "0x1F", "1e3", "١٢٣", "²", "½"]
DATES = [
    "2024-13-45",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2024-01-01",
    "2023-02-29",
    "2024-02-30",
    "2024-1",
    "2024",
    "31.12.2024",
    "12/31/2024",
    "2024-W53",
    "2024-00",
    "9999-99",
    "24:61",
]
CONTROL = ["\x00", "a\x00b", "\x01\x02\x1f", "\x7f", "\r\n", "\t", "\u200b", "\u202e", "\ufeff", "\u2028"]
PUNCTUATION = ["?", "??", "*", "%", "_", "'", '"', "\\", "/", "..", "-", "--", "&", "=", "#", ";", "!@#$%^&*()[]{}<>"]
SHAPES = ["", " ", "   ", "\t \n", "[]", "{}", "null", "true", "undefined", "<script>", "😀", "𝕏𝕐", "ä" * 3]
LONG = ["x" * 10_000, "я" * 10_000, "9" * 10_000, "a " * 5_000]
ODD_VALUES = [*SHAPES, *PUNCTUATION, *CONTROL, *HUGE, *NUMBERISH, *DATES, *LONG]

odd_value = st.sampled_from(ODD_VALUES) | st.text(max_size=40) | st.text(string.punctuation, max_size=20)


def value_for(choices: list[str]) -> st.SearchStrategy[str]:
    """An odd value, a known one, or a known one spoiled."""
    if not choices:
        return odd_value
    known = st.sampled_from(choices)
    spoiled = st.builds(lambda value, odd: value + odd, known, st.sampled_from(["x", " ", "\x00", "'", "%", "9" * 30]))
    return st.one_of(odd_value, known, spoiled)


def query_parameters(parameters: dict[str, list[str]]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Some of a page's parameters (repeats allowed, an unknown one now and then), each with a value."""
    names = sorted(parameters) or ["q"]
    pair = st.sampled_from(names).flatmap(lambda name: st.tuples(st.just(name), value_for(parameters.get(name, []))))
    unknown = st.tuples(st.sampled_from(["x", "", "page[]", "q[]", "ſ", "\x00"]), odd_value)
    return st.lists(pair | unknown, min_size=1, max_size=6)


# Raw query strings, as bytes a client may send: bad percent-encoding, bytes that are not UTF-8.
RAW_PIECES = ["%", "%z", "%zz", "%2", "%ff", "%fe%ff", "%c3%28", "%ed%a0%80", "%f4%90%80%80", "%c0%af", "%00", "%80"]
RAW_PIECES += ["\xff", "\xc3", "&", "&&", "=", "==", ";", "+", "%20", "%26", "%3D"]


def raw_query(parameters: dict[str, list[str]]) -> st.SearchStrategy[str]:
    """A QUERY_STRING (WSGI's latin-1 text of the raw bytes) built from parameter names and broken pieces."""
    names = sorted(parameters) or ["q"]
    piece = st.sampled_from(RAW_PIECES) | st.sampled_from(names).map(lambda name: f"{name}=")
    return st.lists(piece, min_size=1, max_size=10).map("".join)


ODD_PATH_VALUES = {
    "slug": ["no-such-thing", "-", "_", "0", "x" * 10_000, "a--b"],
    "int": ["0", "00", "2147483648", "9223372036854775808", "9" * 40],
    "str": ["x", "\x00", "a\x00b", " ", "..", "%", "'", "ü" * 3, "x" * 10_000, "\u202e", "%ff"],
    "path": ["x", "\x00", "../x", "%00"],
}


def path_values(route: Route, real: list[dict], pool: dict[str, list[str]]) -> st.SearchStrategy[dict]:
    """Arguments for a route's path: a real object's, or odd ones per converter."""
    if not route.converters:
        return st.just({})
    real_values = st.sampled_from(real) if real else st.nothing()
    per_argument = {}
    for name, kind in route.converters.items():
        seen = pool.get(name, [])
        options = st.sampled_from(ODD_PATH_VALUES.get(kind, ODD_PATH_VALUES["str"]))
        if seen:
            options = st.sampled_from(seen) | options
        per_argument[name] = options
    return real_values | st.fixed_dictionaries(per_argument)
