"""XSS: every vector of ``xss_vectors`` through every text field that reaches a page, rendered in Chromium.

The fields are filled the way their text arrives: company profiles through
the public registration form (then approved), questions through the enquiry
form, staff content through the services the admin uses (rich text is
sanitised there), and, for what a form echoes back, typed into the form in
the browser. Pages are then opened in Chromium with the Content Security
Policy switched off, so that escaping and sanitising alone must stop every
vector; the policy is a second wall, tested elsewhere.

Vectors go 50 to a page. A vector that runs calls a hooked function or a
dialog and is named; the DOM is also audited for anything that could run
later (event handler attributes, ``javascript:`` URLs, injected script,
frame, object, base or refresh elements) and every JSON-LD block must parse.
"""

from collections import defaultdict
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import CharField
from django.test import Client
from modeltranslation.translator import translator

from civic import services as civic_services
from civic.models import Enquiry, Event, MunicipalService, NewsArticle, Page, Project
from core.models import InformationCentre
from directory.models import Organisation
from media_library.models import Photo
from registrations import services as registration_services
from registrations.models import CompanyRegistration
from search.services import index_rebuild
from tests.civic.factories import (
    DocumentFactory,
    EventFactory,
    MunicipalServiceFactory,
    NewsArticleFactory,
    PageFactory,
    ProjectFactory,
)
from tests.media_library.factories import AlbumFactory, VideoFactory, photo_make
from tests.portal.xss_vectors import vectors
from tests.registrations.factories import application, valid_eik
from tests.tourism.factories import RouteFactory, SightFactory

pytestmark = pytest.mark.browser

VECTORS = list(dict.fromkeys(vectors()))
PER_PAGE = 50
BATCHES = [VECTORS[start : start + PER_PAGE] for start in range(0, len(VECTORS), PER_PAGE)]

HOOK = """
(() => {
  const hits = [];
  Object.defineProperty(window, "__xssHits", { value: hits });
  window.__xss = (n) => hits.push("__xss(" + n + ")");
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (message) => hits.push(name + "(" + message + ")");
  }
})();
"""

RESULTS = """
() => {
  const hits = [...(window.__xssHits || [])];
  if (typeof window.__xss !== "function") hits.push("window.__xss=" + String(window.__xss));
  return hits;
}
"""

# Anything in the DOM that could run code later, on a click, a hover or a timer.
AUDIT = r"""
() => {
  const found = [];
  const urlAttributes = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster",
    "background", "codebase", "cite", "longdesc", "usemap", "dynsrc", "lowsrc", "manifest"]);
  const code = /^(javascript|vbscript|livescript|data:text\/html|data:application|data:image\/svg)/;
  for (const element of document.querySelectorAll("*")) {
    const tag = element.tagName.toLowerCase();
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\u0000-\u0020\u007f-\u00a0]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`<${tag} ${name}>`);
      if (name === "srcdoc") found.push(`<${tag} srcdoc>`);
      if (urlAttributes.has(name) && code.test(value)) found.push(`<${tag} ${name}=${attribute.value.slice(0, 60)}>`);
      if (name === "style" && /expression|javascript:|url\(/.test(value)) found.push(`<${tag} style=${value}>`);
    }
    if (["iframe", "frame", "object", "embed", "applet", "base", "portal"].includes(tag)) found.push(`<${tag}>`);
    const equiv = (element.getAttribute("http-equiv") || "").toLowerCase();
    if (tag === "meta" && equiv === "refresh") found.push("<meta refresh>");
    if (tag === "script") {
      const type = (element.getAttribute("type") || "").toLowerCase();
      if (type === "application/ld+json" || type === "application/json") {
        try { JSON.parse(element.textContent); } catch (error) { found.push(`<script ${type}> that is not JSON`); }
      } else if (!/^\/(static|admin\/jsi18n)\//.test(element.getAttribute("src") || "")) {
        found.push(`<script src=${element.getAttribute("src")}>${element.textContent.slice(0, 60)}`);
      }
    }
    const linked = (element.getAttribute("href") || "").toLowerCase();
    if (tag === "link" && code.test(linked)) found.push("<link javascript>");
  }
  return found;
}
"""


def pack(batch: list[str], limit: int | None, separator: str = "\n") -> str:
    """As many of ``batch`` as fit in ``limit`` characters (all of them for a field without a limit)."""
    if limit is None:
        return separator.join(batch)
    packed = ""
    for vector in batch:
        candidate = f"{packed}{separator}{vector}" if packed else vector
        if len(candidate) <= limit:
            packed = candidate
    return packed


class Coverage:
    """Which vector went into which field, for the figure at the end."""

    def __init__(self):
        self.fields: dict[str, set[str]] = defaultdict(set)

    def add(self, field: str, value: str) -> None:
        self.fields[field].update(vector for vector in VECTORS if vector in value)

    @property
    def injections(self) -> int:
        return sum(len(found) for found in self.fields.values())


def inject(obj, fields: list[str], batch: list[str], coverage: Coverage) -> None:
    """Fill ``fields`` of ``obj`` with ``batch`` (every language of a translated field)."""
    options = translator.get_options_for_model(type(obj)) if type(obj) in translator.get_registered_models() else None
    translated = set(options.fields) if options else set()
    for name in fields:
        field = obj._meta.get_field(f"{name}_en" if name in translated else name)
        limit = field.max_length if isinstance(field, CharField) else None
        value = pack(batch, limit, " " if limit else "\n")
        for target in [f"{name}_{language}" for language in ("bg", "sr", "en")] if name in translated else [name]:
            setattr(obj, target, value)
        coverage.add(f"{type(obj).__name__}.{name}", value)


STAFF_CONTENT = {
    "Sight": ["name", "summary", "description", "placement_note", "address", "accessibility_notes", "prices_note"],
    "Route": ["name", "summary", "description", "border_crossing_note", "start_name", "end_name"],
    "Event": ["title", "summary", "description", "venue_name", "venue_address", "organiser"],
    "NewsArticle": ["title", "lead", "body"],
    "Page": ["title", "summary", "body"],
    "Project": ["title", "acronym", "priority", "figures_note", "summary", "description", "results"],
    "MunicipalService": [
        *("title", "summary", "eligibility", "required_documents", "fee_note", "processing_time"),
        *("legal_basis", "how_to_apply", "office", "responsible_unit"),
    ],
    "Document": ["title", "description"],
    "Album": ["title", "description"],
    "Photo": ["alt_text", "caption", "credit"],
    "Video": ["title", "description", "credit"],
    "InformationCentre": ["name", "description", "address", "opening_hours"],
    "Organisation": ["opening_hours"],
}
REGISTRATION_FIELDS = [
    *("name", "description", "street_address", "settlement", "cooperation_offers", "cooperation_seeks"),
]


def register_company(batch_number: int, batch: list[str], staff, coverage: Coverage) -> Organisation:
    """A company registered through the public form with ``batch`` in its text fields, then approved."""
    limits = {"name": 200, "street_address": 200, "settlement": 100}
    text = {name: pack(batch, limits.get(name), " " if name in limits else "\n") for name in REGISTRATION_FIELDS}
    # A web address must be a URL, but a URL may still carry markup and quotes.
    website = (
        f"https://example.org/{batch_number}?q=\"><script>__xss({batch_number})</script>&x='onmouseover='__xss(1)'"
    )
    data = application(
        staff.home,
        eik=valid_eik(4_000_000 + batch_number),
        contact_email=f"company{batch_number}@example.org",
        open_to_cooperation="on",
        website=website,
        **text,
    )
    response = Client().post("/en/companies/register/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    registration = CompanyRegistration.objects.get(contact_email=f"company{batch_number}@example.org")
    CompanyRegistration.objects.filter(pk=registration.pk).update(status=CompanyRegistration.Status.PENDING)
    organisation = registration_services.registration_approve(
        registration=registration, by=staff.moderator, site_root="http://testserver/"
    )
    for name, value in text.items():
        coverage.add(f"Registration.{name}", value)
    assert organisation.website == website
    return organisation


def send_enquiry(batch: list[str], coverage: Coverage) -> None:
    text = {
        "name": pack(batch, 200, " "),
        "subject": pack(batch, 200, " "),
        "message": pack(batch, 5000),
    }
    data = {**text, "email": "ana@example.org", "consent": "on", "website": ""}
    assert Client().post("/en/ask/koprivshtitsa/", data).status_code == 302
    for name, value in text.items():
        coverage.add(f"Enquiry.{name}", value)


@pytest.fixture
def hostile_site(live_server, staff, settings):
    """The portal with every text field of every kind of public content full of vectors."""
    settings.REGISTRATIONS_RATE_LIMIT = settings.REGISTRATIONS_CONTACT_RATE_LIMIT = 1000
    settings.PORTAL_FORM_MIN_FILL_SECONDS = 0
    cache.clear()
    coverage = Coverage()
    urls = {"/en/", "/sr-latn/", "/bg/", "/en/directory/", "/en/tourism/sights/", "/en/tourism/routes/"}
    urls |= {"/en/events/", "/en/news/", "/en/pages/", "/en/eu-projects/", "/en/services/", "/en/documents/"}
    urls |= {"/en/gallery/", "/en/information-centres/", "/en/tourism/map/", "/en/directions/business/"}
    urls |= {"/en/directions/culture/", "/en/municipalities/koprivshtitsa/"}
    admin_urls = set()
    centre = InformationCentre.objects.get(municipality=staff.home)
    inject(centre, STAFF_CONTENT["InformationCentre"], VECTORS[:PER_PAGE], coverage)
    centre.save()
    urls.add("/en/information-centres/koprivshtitsa/")
    home = {"municipality": staff.home}
    for number, batch in enumerate(BATCHES):
        organisation = register_company(number, batch, staff, coverage)
        inject(organisation, STAFF_CONTENT["Organisation"], batch, coverage)
        organisation.save()
        urls |= {organisation.get_absolute_url(), f"/sr-latn/directory/{organisation.slug}/"}
        admin_urls.add(f"/admin/directory/organisation/{organisation.pk}/change/")
        send_enquiry(batch, coverage)

        made = {
            "Sight": SightFactory(**home),
            "Route": RouteFactory(**home),
            "Event": EventFactory(**home),
            "NewsArticle": NewsArticleFactory(**home),
            "Page": PageFactory(municipality=staff.home),
            "Project": ProjectFactory(municipalities=[staff.home]),
            "MunicipalService": MunicipalServiceFactory(**home),
            "Document": DocumentFactory(**home),
        }
        album = AlbumFactory(**home)
        made |= {"Album": album, "Photo": photo_make(album), "Video": VideoFactory(album=album)}
        for kind, obj in made.items():
            inject(obj, STAFF_CONTENT[kind], batch, coverage)
            if isinstance(obj, NewsArticle):
                civic_services.news_article_save(article=obj)
            elif isinstance(obj, Page):
                civic_services.page_save(page=obj)
            else:
                obj.save()
            if not isinstance(obj, Photo | Event | Project | MunicipalService):
                urls.add(obj.get_absolute_url())
        urls |= {made["Photo"].get_absolute_url(), made["Video"].get_absolute_url()}
        urls |= {f"/en/events/{made['Event'].slug}/", f"/en/eu-projects/{made['Project'].slug}/"}
        urls.add(f"/en/services/{made['MunicipalService'].slug}/")
    index_rebuild()
    for word in ("script", "onerror", "javascript", "svg", "Ниш"):
        urls.add(f"/en/search/?q={quote(word)}")
    for registration in CompanyRegistration.objects.all():
        admin_urls.add(f"/admin/registrations/companyregistration/{registration.pk}/change/")
    for enquiry in Enquiry.objects.all():
        admin_urls |= {f"/admin/civic/enquiry/{enquiry.pk}/change/", f"/admin/civic/enquiry/{enquiry.pk}/reply/"}
    admin_urls |= {"/admin/", "/admin/civic/enquiry/", "/admin/registrations/companyregistration/"}
    admin_urls |= {"/admin/directory/organisation/", "/admin/media_library/photo/", "/admin/tourism/sight/"}
    return sorted(urls), sorted(admin_urls), coverage


class Visitor:
    """A Chromium tab with the CSP switched off and every way for a vector to show itself hooked."""

    def __init__(self, browser, base_url, cookies=()):
        self.context = browser.new_context(base_url=base_url, bypass_csp=True)
        self.context.set_default_timeout(15_000)
        self.context.add_init_script(HOOK)
        if cookies:
            self.context.add_cookies(list(cookies))
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.ran: list[str] = []
        self.audit: list[str] = []
        self.pages = 0
        self.showing = 0  # pages where vectors appear, as the text they are

    def check(self, where: str) -> None:
        self.page.wait_for_timeout(60)  # autofocus, animations and media errors fire just after load
        for frame in self.page.frames:
            try:
                self.ran += [f"{where}: {hit}" for hit in frame.evaluate(RESULTS)]
            except Exception as error:  # a frame of another origin: it should not exist at all
                self.audit.append(f"{where}: frame {frame.url[:80]} ({error.__class__.__name__})")
        self.audit += [f"{where}: {finding}" for finding in self.page.evaluate(AUDIT)]
        self.ran += [f"{where}: dialog {message}" for message in self.dialogs]
        self.dialogs.clear()
        self.pages += 1
        shown = self.page.evaluate(
            "() => document.body.innerText + [...document.querySelectorAll('input, textarea')].map(e => e.value).join()"
        )
        self.showing += any(vector in shown for vector in VECTORS)

    def visit(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status < 400, f"{url}: {response and response.status}"
        self.check(url)

    def close(self):
        self.context.close()


def session_cookie(user, base_url: str) -> dict:
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}


def test_no_vector_runs_on_any_page_that_shows_stored_text(browser, live_server, hostile_site, staff):
    urls, admin_urls, coverage = hostile_site
    visitor = Visitor(browser, live_server.url)
    for url in urls:
        visitor.visit(url)
    visitor.close()
    # Staff see what the public sent (moderation, enquiries) in the admin.
    superuser = get_user_model().objects.get(username="root")
    admin = Visitor(browser, live_server.url, [session_cookie(superuser, live_server.url)])
    for url in admin_urls:
        admin.visit(url)
    admin.close()
    ran, audit = visitor.ran + admin.ran, visitor.audit + admin.audit
    pages, showing = visitor.pages + admin.pages, visitor.showing + admin.showing
    print(
        f"\nXSS, stored text: {len(VECTORS)} vectors, {len(coverage.fields)} fields, {coverage.injections} "
        f"(vector, field) injections, {pages} pages in Chromium ({showing} showing vectors as text); "
        f"{len(ran)} scripts ran, {len(audit)} dangerous DOM findings"
    )
    assert len(VECTORS) >= 200
    assert showing > pages * 0.8
    assert all(len(coverage.fields[f"Registration.{name}"]) for name in REGISTRATION_FIELDS)
    assert not ran, "\n".join(ran)
    assert not audit, "\n".join(audit[:50])


def fill_and_send(visitor: Visitor, url: str, batch: list[str], values: dict[str, str], submit: str) -> None:
    """Type ``batch`` into every text field of the form on ``url`` (``values`` for the others) and send it."""
    page = visitor.page
    page.goto(url)
    form = page.locator(f"main form:has({submit})").first
    text_inputs = "input[type=text], input:not([type]), input[type=search], input[type=url], input[type=email]"
    for field in form.locator(f"{text_inputs}, input[type=tel], textarea").all():
        name = field.get_attribute("name")
        if name in values or not field.is_visible():
            continue
        limit = field.get_attribute("maxlength")  # the browser would cut the text there
        textarea = field.evaluate("element => element.tagName") == "TEXTAREA"
        field.fill(pack(batch, int(limit) if limit else None, "\n" if textarea else " "))
    for name, value in values.items():
        form.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        form.locator(submit).click()
    visitor.check(f"{url} (sent back)")


def test_no_vector_runs_where_a_form_or_the_search_shows_back_what_was_typed(browser, live_server, staff, settings):
    """Refused forms keep what was typed; the search and the directory filter repeat the query."""
    cache.clear()  # the rate limits
    organisation = register_company(99, BATCHES[0], staff, Coverage())
    settings.PORTAL_FORM_MIN_FILL_SECONDS = 3600  # every form comes back, with what was typed in it
    visitor = Visitor(browser, live_server.url)
    # The search takes at most 200 characters (longer queries are refused): a few vectors per query.
    remaining = [vector for vector in VECTORS if len(vector) <= 200]
    while remaining:
        query = pack(remaining, 200, " ")
        remaining = [vector for vector in remaining if vector not in query]
        visitor.visit(f"/en/search/?q={quote(query)}")
    for batch in BATCHES:
        visitor.visit(f"/sr-latn/directory/?q={quote(' '.join(batch))}")
        fill_and_send(visitor, "/en/companies/register/", batch, {"contact_email": "x"}, "button[type=submit]")
        fill_and_send(visitor, "/en/ask/koprivshtitsa/", batch, {"email": "not-an-address"}, "button[type=submit]")
        fill_and_send(
            visitor, f"/en/companies/{organisation.slug}/contact/", batch, {"email": "x"}, "button[type=submit]"
        )
        fill_and_send(visitor, "/en/account/login/", batch, {"password": "x"}, "button[type=submit]")
    visitor.close()
    print(
        f"\nXSS, echoed input: {len(VECTORS)} vectors, {visitor.pages} pages in Chromium "
        f"({visitor.showing} showing vectors as text); "
        f"{len(visitor.ran)} scripts ran, {len(visitor.audit)} dangerous DOM findings"
    )
    assert visitor.showing == visitor.pages
    assert not visitor.ran, "\n".join(visitor.ran)
    assert not visitor.audit, "\n".join(visitor.audit[:50])


def test_the_hooks_see_a_vector_that_runs(browser, live_server):
    """The detection itself works: unescaped vectors on a page are caught, run or dormant."""
    visitor = Visitor(browser, live_server.url)
    visitor.page.set_content(
        "<script>__xss(1)</script><img src=x onerror=alert(2)><script>window.__xss=3</script>"
        '<a href="javascript:__xss(4)">x</a><div onmouseover="__xss(5)">y</div>'
    )
    visitor.page.wait_for_load_state("load")
    visitor.check("control page")
    visitor.close()
    assert visitor.ran == ["control page: __xss(1)", "control page: alert(2)", "control page: window.__xss=3"]
    assert sorted(visitor.audit) == [
        "control page: <a href=javascript:__xss(4)>",
        "control page: <div onmouseover>",
        "control page: <img onerror>",
        "control page: <script src=null>__xss(1)",
        "control page: <script src=null>window.__xss=3",
    ]
