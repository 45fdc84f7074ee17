"""The admin speaks the staff member's language on every page (issue 23).

Every registered model's change list, add form, change form and history, and the index, are
read as a superuser in Bulgarian, Serbian and English, with the demo content in the database.
What the page says itself (headings, labels, help, buttons, icon names, choice labels, the names
of records) must be in that language: no Latin word on a Bulgarian or Serbian page, no Cyrillic
word on an English one, no date written the American way. What staff typed (the content) is
left out: a word found in any text column of the database is content. So is text marked with
``lang`` as another language (a language's own name in the language picker).
"""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse

from core.models import Publishable

pytestmark = pytest.mark.django_db

# Words that are Latin in every language's text: key names in Django's own translated help
# ("Control", "Command" on a Mac), file formats, services and standards named by their brand.
ALWAYS_LATIN = {
    "Control", "Command", "Mac", "LDAP", "Single", "Sign",
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "pdf", "PDF", "Microsoft", "Office",
    "vtt", "WebVTT", "GPX", "JPEG", "PNG", "WebP", "MP4", "WebM", "YouTube", "Vimeo", "URL", "IBAN",
}  # fmt: skip
LATIN_WORD = re.compile(r"\b[A-Za-z][a-z]{2,}\b")
CYRILLIC_WORD = re.compile(r"\b[\u0400-\u04FF]{3,}\b")
WORD = re.compile(r"\w+")
AMERICAN_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b[ap]\.m\.|преди обяд|след обяд|\d{4}-\d\d-\d\d \d\d:\d\d")
HIDDEN_CONTENT = {"script", "style", "textarea", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class StaffVisibleText(HTMLParser):
    """The text a person reads or hears: text, and the names in alt, title, placeholder, aria-label and buttons."""

    def __init__(self, page_language: str):
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack: list[bool] = []  # per open element: hidden or in another language?
        self.parts: list[str] = []

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language = attributes.get("lang")
        skip = (
            self._skipping()
            or tag in HIDDEN_CONTENT
            or (language is not None and language.lower() != self.page_language.lower())
        )
        if not skip:
            for name in ("alt", "title", "placeholder", "aria-label"):
                if attributes.get(name):
                    self.parts.append(attributes[name])
            if tag == "input" and attributes.get("type") in {"submit", "button"} and attributes.get("value"):
                self.parts.append(attributes["value"])
        if tag not in VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self._skipping():
            self.parts.append(data)


def staff_visible_text(html: str, language: str) -> str:
    parser = StaffVisibleText(language)
    parser.feed(html)
    return " ".join(parser.parts)


def content_words() -> set[str]:
    """Every word of every text column: what staff, owners and the demo typed."""
    words: set[str] = set()
    for model in apps.get_models():
        columns = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.FileField)
        ]
        if columns:
            for row in model._default_manager.values_list(*columns).iterator():
                words.update(word for value in row if value for word in WORD.findall(str(value)))
    return words


def admin_pages() -> list[str]:
    # The index, and the pages of the staff's own account (setting up two-factor log-in).
    pages = ["/admin/", reverse("admin:two-factor")]
    for model in admin.site._registry:
        route = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{route}_changelist"))
        pages.append(reverse(f"{route}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages += [reverse(f"{route}_change", args=[first.pk]), reverse(f"{route}_history", args=[first.pk])]
            if issubclass(model, Publishable):  # its review and share pages (staff.admin.publishing)
                pages += [reverse(f"{route}_review", args=[first.pk]), reverse(f"{route}_share", args=[first.pk])]
    return pages


@pytest.fixture
def admin_in(demo_content):
    from django.contrib.auth.models import User

    client = Client()
    client.force_login(User.objects.create_superuser("корен", "root@example.org"))

    def read(language: str) -> dict[str, str]:
        texts = {}
        for page in admin_pages():
            response = client.get(page, headers={"accept-language": language})
            if response.status_code == 403:  # an add form of records nobody adds by hand (log-ins, enquiries)
                continue
            assert response.status_code == 200, page
            texts[page] = staff_visible_text(response.content.decode(), language)
        return texts

    return read


def foreign_words(texts: dict[str, str], pattern: re.Pattern, content: set[str]) -> dict[str, list[str]]:
    found = {}
    for page, text in texts.items():
        words = sorted({word for word in pattern.findall(text) if word not in content and word not in ALWAYS_LATIN})
        if words:
            found[page] = words
    return found


@pytest.mark.parametrize("language", ["bg", "sr", "en"])
def test_every_admin_page_speaks_the_staff_language(admin_in, language):
    texts = admin_in(language)
    assert len(texts) > 60
    other_script = CYRILLIC_WORD if language == "en" else LATIN_WORD
    assert foreign_words(texts, other_script, content_words()) == {}
    american = {page: AMERICAN_DATE.findall(text) for page, text in texts.items() if AMERICAN_DATE.search(text)}
    assert american == {}


@pytest.mark.parametrize("language", ["bg", "sr"])
def test_the_log_in_pages_speak_the_staff_language(client, language):
    """Read before anyone is logged in, so the pages above never see them ("Forgotten your login credentials?")."""
    for page in (reverse("admin:login"), reverse("admin_password_reset")):
        response = client.get(page, headers={"accept-language": language})
        assert response.status_code == 200
        text = staff_visible_text(response.content.decode(), language)
        assert foreign_words({page: text}, LATIN_WORD, set()) == {}


def test_the_checks_find_what_they_look_for():
    """The text reader keeps what a person reads, and leaves out script, typed content and marked languages."""
    html = (
        '<p>Промени <img alt="True"> <span lang="sr-Latn">Srpski</span> 12/07/2026 3:07 p.m.</p>'
        '<script>var English = 1</script><input type="submit" value="Save"><textarea>Typed</textarea>'
    )
    text = staff_visible_text(html, "bg")
    assert foreign_words({"/": text}, LATIN_WORD, set()) == {"/": ["Save", "True"]}
    assert AMERICAN_DATE.findall(text) == ["12/07/2026", "p.m."]
    with pytest.raises(NoReverseMatch):  # every page above comes from the admin's own URL names
        reverse("admin:no_such_changelist")


def admin_script_messages() -> set[str]:
    """What Django's admin scripts pass to ``gettext``/``ngettext`` (its own files, not the vendored ones)."""
    from pathlib import Path

    import django.contrib.admin

    scripts = Path(django.contrib.admin.__file__).parent / "static" / "admin" / "js"
    call = re.compile(r"""\b(?:n?gettext)\(\s*(['"])((?:\\.|(?!\1).)*)\1""")
    messages = set()
    for script in scripts.rglob("*.js"):
        if "vendor" not in script.parts:
            found = call.findall(script.read_text())
            messages.update(text.replace("\\'", "'").replace('\\"', '"') for _quote, text in found)
    return messages


@pytest.mark.parametrize("language", ["bg", "sr"])
def test_the_admin_scripts_speak_the_staff_language(client, django_user_model, language):
    """The admin's scripts (the two-box picker of directions, the calendar) take their text from
    /admin/jsi18n/: every message they show must be in that catalogue."""
    import json

    client.force_login(django_user_model.objects.create_superuser("корен", "root@example.org"))
    script = client.get("/admin/jsi18n/", headers={"accept-language": language}).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    messages = admin_script_messages()
    assert 'Choose %s by selecting them and then select the "Choose" arrow button.' in messages
    assert sorted(messages - set(catalogue)) == []


def test_every_section_of_the_admin_is_named_in_the_staff_language():
    """The admin's sections are its apps; a name that reads the same in English and Bulgarian was never translated
    (the content words above hide "Portal", which is also a word of the demo's English texts)."""
    from django.utils import translation

    untranslated = []
    for label in sorted({model._meta.app_label for model in admin.site._registry}):
        name = apps.get_app_config(label).verbose_name
        with translation.override("en"):
            english = str(name)
        for language in ("bg", "sr"):
            with translation.override(language):
                if str(name) == english:
                    untranslated.append((label, language, english))
    assert untranslated == []


@pytest.mark.parametrize(("language", "expected"), [("bg", "Може да добавя събитие"), ("sr", "Може да додаје догађај")])
def test_permissions_are_named_in_the_staff_language(client, django_user_model, language, expected):
    """Django stores each permission's name in English ("Can add event"); the group and user forms
    name them in the staff's language, with the section and the model."""
    from django.contrib.auth.models import Group

    client.force_login(django_user_model.objects.create_superuser("корен", "root@example.org"))
    group = Group.objects.create(name="Редактори на събития")
    page = client.get(f"/admin/auth/group/{group.pk}/change/", headers={"accept-language": language}).content.decode()
    assert expected in page
    assert "Can add event" not in page
    user = django_user_model.objects.create_user("служител")
    page = client.get(f"/admin/auth/user/{user.pk}/change/", headers={"accept-language": language}).content.decode()
    assert expected in page
