"""Screenshots of the demo portal, to judge whether it looks lived in.

Run against a served portal (`make run` in another terminal):

    .venv/bin/python -m demo.screens http://127.0.0.1:8000 var/screens

It opens a few pages in Debian's Chromium (``$CHROMIUM``, as the tests do) at a desktop
width and saves one full-page PNG each. Not a test: it asserts nothing.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = [
    ("home", "/en/"),
    ("directory", "/en/directory/"),
    ("directory-bg-newest", "/bg/directory/?sort=newest"),
    ("sight", "/en/tourism/sights/oslekov-house/"),
    ("sight-nis", "/sr-latn/tourism/sights/skull-tower/"),
    ("gallery", "/en/gallery/"),
    ("album", "/en/gallery/a-year-in-koprivshtitsa/"),
    ("events", "/en/events/"),
    ("documents", "/en/documents/"),
    ("service", "/en/services/current-address-certificate-koprivshtitsa/"),
    ("news", "/bg/news/"),
    ("information-centre", "/en/information-centres/medijana/"),
]


def main(base: str, folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, path in PAGES:
            response = page.goto(base.rstrip("/") + path, wait_until="networkidle")
            page.screenshot(path=out / f"{name}.png", full_page=True)
            print(f"{response.status if response else '-'} {path} -> {out / f'{name}.png'}")
        browser.close()


if __name__ == "__main__":
    main(*(sys.argv[1:3] if len(sys.argv) >= 3 else ["http://127.0.0.1:8000", "var/screens"]))
