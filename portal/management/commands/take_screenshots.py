"""Screenshots of the portal's main page types, on a phone and a desktop, for people to look at (`make screens`).

The portal is served from this process on a free port of 127.0.0.1 and read by
Debian's Chromium through Playwright. Map tiles come from another host, out of
reach here: the browser gets a plain tile instead, so that the map's markers,
clusters and legend show on a neutral ground rather than on broken images.
"""

import io
import os
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand, CommandError
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.db import connections
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from directory.models import Organisation
from media_library.models import Album
from tourism.models import Sight

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
LANGUAGES = ["bg", "sr-latn"]
BROWSER_LOCALES = {"bg": "bg-BG", "sr": "sr-RS", "sr-latn": "sr-Latn-RS", "en": "en-GB"}
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += 500) {
    window.scrollTo(0, y);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  window.scrollTo(0, 0);
}"""
WIDTHS = [360, 1280]


class QuietRequestHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class Command(BaseCommand):
    help = "Save screenshots of home, directory, a company, a sight, the map, events, a gallery and search."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(settings.VAR_DIR / "screens"), help="Folder for the PNG files.")
        parser.add_argument("--languages", nargs="+", default=LANGUAGES)
        parser.add_argument("--widths", nargs="+", type=int, default=WIDTHS)

    def handle(self, *args, out, languages, widths, **options):
        from playwright.sync_api import sync_playwright

        if not Path(CHROMIUM).exists():
            raise CommandError(f"Screenshots need Chromium at {CHROMIUM} (Debian's chromium package).")
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        pages = {language: page_paths(language) for language in languages}
        server = ThreadedWSGIServer(("127.0.0.1", 0), QuietRequestHandler, allow_reuse_address=False)
        server.set_app(StaticFilesHandler(WSGIHandler()))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        root = f"http://127.0.0.1:{server.server_port}"
        saved = 0
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                tile = plain_tile()
                for width in widths:
                    for language, paths in pages.items():
                        # The browser speaks the page's language, as a resident's does (Accept-Language,
                        # Intl). Chromium's own widgets (a date field's "mm/dd/yyyy") still follow
                        # its interface language, which a context cannot change.
                        context = browser.new_context(
                            viewport={"width": width, "height": 800 if width > 600 else 740},
                            locale=BROWSER_LOCALES.get(language, language),
                        )
                        context.route(
                            lambda url: not url.startswith(root) and url.endswith(".png"),
                            lambda route: route.fulfill(body=tile, content_type="image/png"),
                        )
                        tab = context.new_page()
                        for name, path in paths.items():
                            tab.goto(root + path, wait_until="networkidle")
                            # Scrolled through once, so that lazy images below the fold load as a reader would see them.
                            tab.evaluate(SCROLL_THROUGH)
                            tab.wait_for_load_state("networkidle")
                            target = folder / f"{language}-{width}-{name}.png"
                            tab.screenshot(path=str(target), full_page=True)
                            saved += 1
                        context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
            connections.close_all()
        self.stdout.write(f"{saved} screenshots in {folder}")


def page_paths(language: str) -> dict[str, str]:
    """The address of each page type in ``language``: demo content's first entries where one is needed."""
    company = Organisation.objects.published().order_by("pk").first()
    sight = Sight.objects.published().order_by("pk").first()
    album = Album.objects.published().first()
    if company is None or sight is None or album is None:
        raise CommandError("Load content first (manage.py load_demo_content).")
    with translation.override(language):
        return {
            "home": reverse("portal:home"),
            "directory": reverse("directory:organisation-list"),
            "company": company.get_absolute_url(),
            "sight": sight.get_absolute_url(),
            "map": reverse("tourism:map"),
            "events": reverse("civic:event-list"),
            "gallery": album.get_absolute_url(),
            "search": reverse("search:results") + "?" + urlencode({"q": "копривщица" if language == "bg" else "Niš"}),
        }


def plain_tile() -> bytes:
    """A 256-pixel tile of the map's land colour."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (236, 233, 226)).save(buffer, "PNG")
    return buffer.getvalue()
