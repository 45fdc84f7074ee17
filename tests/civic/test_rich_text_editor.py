"""The rich-text editor of news bodies and pages (issue 23, "Rich text"; civic/richtext.py).

The editor offers what the sanitiser keeps and nothing more; it is served from our own static
files; every language of a rich-text field gets it and keeps its textarea for browsers without
JavaScript; whatever is posted, a word processor's paste included, is saved clean; its toolbar
speaks the staff member's language. The browser journey is tests/civic/test_rich_text_journey.py.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from civic.models import NewsArticle, Page
from civic.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, EDITOR_EXTENSIONS
from tests.civic.factories import NewsArticleFactory, PageFactory
from tests.portal.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

CONFIG = "data-django-prose-editor-configurable"
LANGUAGES = ("bg", "sr", "en")

# What Word puts on the clipboard: conditional comments with its XML, a style sheet, classes,
# mso- styles, <o:p>, spans with fonts, a list drawn with a Symbol bullet.
WORD_PASTE = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">'
    '<head><meta name=Generator content="Microsoft Word 15"><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal'
    "</w:View><w:Zoom>0</w:Zoom></w:WordDocument></xml><![endif]--><style><!-- p.MsoNormal {mso-style-unhide:no;"
    ' margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;} --></style></head>'
    "<body lang=BG style='tab-interval:35.4pt'><!--StartFragment-->"
    "<p class=MsoNormal style='margin-bottom:0cm;line-height:normal'><b><span lang=BG"
    " style='font-size:12.0pt;font-family:\"Times New Roman\",serif;mso-fareast-language:BG'>Панаир на занаятите</span>"
    "</b><span lang=BG style='mso-ansi-language:BG'> в стария град<o:p></o:p></span></p>"
    "<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]>"
    "<span style='font-family:Symbol;mso-fareast-font-family:Symbol'>·<span style='font:7.0pt \"Times New Roman\"'>"
    "&nbsp;&nbsp;&nbsp; </span></span><![endif]><span lang=BG>Грънчари</span></p>"
    "<p class=MsoNormal><span lang=EN-US style='mso-ansi-language:EN-US'><a href=\"https://example.org/fair\">"
    "<span style='color:#0563C1'>Програма</span></a><o:p>&nbsp;</o:p></span></p><!--EndFragment--></body></html>"
)
WORD_CLEAN = (
    "<p>Панаир на занаятите в стария град</p><p>·&nbsp;&nbsp;&nbsp; Грънчари</p>"
    '<p><a href="https://example.org/fair" rel="noopener noreferrer">Програма</a>&nbsp;</p>'
)
# What LibreOffice Writer puts there: a head with its generator and page style, <font> in <font>.
LIBREOFFICE_PASTE = (
    '<meta http-equiv="content-type" content="text/html; charset=utf-8"><title></title>'
    '<meta name="generator" content="LibreOffice 24.2.7.2 (Linux)"><style type="text/css">'
    "@page { size: 21cm 29.7cm; margin: 2cm } p { line-height: 115%; margin-bottom: 0.25cm; background: transparent }"
    '</style><p style="line-height: 100%; margin-bottom: 0cm"><font face="Liberation Serif, serif">'
    '<font size="3" style="font-size: 12pt"><strong>Open days</strong> at the '
    '<a href="https://example.org/museum" target="_blank"><span style="color: #000080">museum</span></a>'
    "</font></font></p>"
    '<h2 class="western" style="font-family: Liberation Sans"><font size="4">Opening hours</font></h2>'
)
LIBREOFFICE_CLEAN = (
    '<p><strong>Open days</strong> at the <a href="https://example.org/museum" rel="noopener noreferrer">museum</a></p>'
    "<h2>Opening hours</h2>"
)
WORD_PROCESSOR_TRACES = ("mso", "Mso", "o:p", "<span", "<font", "class=", "style=", "<style", "<meta", "Calibri", "xml")


class Tags(HTMLParser):
    """The start tags of a page, with their attributes."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture
def editor_client(client, staff):
    client.force_login(staff.editor)
    return client


def test_the_editor_offers_exactly_the_elements_the_sanitiser_keeps():
    """django-prose-editor derives its own nh3 allow-list from the extensions: it must be ours."""
    allowed = allowlist_from_extensions(expand_extensions(EDITOR_EXTENSIONS))
    assert allowed["tags"] == ALLOWED_TAGS
    assert allowed["url_schemes"] == ALLOWED_URL_SCHEMES
    # nh3 writes rel itself (link_rel); the editor never offers a target (enableTarget off).
    assert allowed["attributes"]["a"] - {"rel"} == ALLOWED_ATTRIBUTES["a"]
    # The one other attribute its allow-list names, an ordered list's numbering, the editor is told not to offer.
    assert set(allowed["attributes"]) - {"a"} == {"ol"}
    assert EDITOR_EXTENSIONS["OrderedList"] == {"enableListAttributes": False}
    assert EDITOR_EXTENSIONS["Link"]["enableTarget"] is False
    assert EDITOR_EXTENSIONS["Heading"] == {"levels": [2, 3]}


@pytest.mark.parametrize(("model", "factory"), [(NewsArticle, NewsArticleFactory), (Page, PageFactory)])
def test_every_language_of_a_rich_text_field_gets_the_editor_and_keeps_its_textarea(
    editor_client, staff, model, factory
):
    entry = factory(municipality=staff.home)
    response = editor_client.get(f"/admin/civic/{model._meta.model_name}/{entry.pk}/change/")
    assert response.status_code == 200
    found = tags(response.content.decode())
    textareas = {attrs["name"]: attrs for tag, attrs in found if tag == "textarea"}
    for language in LANGUAGES:
        body = textareas[f"body_{language}"]
        config = json.loads(body[CONFIG])
        assert set(config["extensions"]) >= set(EDITOR_EXTENSIONS) - {"NoSpellCheck"}
        # modeltranslation's classes stay: they put the field under its language tab.
        assert f"mt-field-body-{language}" in body["class"]
    assert "body_sr_latn" not in textareas  # Serbian Latin is generated from Cyrillic, never typed
    # Only the rich-text fields: a lead or a title stays plain text.
    assert {attrs["name"] for tag, attrs in found if CONFIG in attrs} == {f"body_{language}" for language in LANGUAGES}
    scripts = [attrs for tag, attrs in found if tag == "script"]
    assert {"src": "/static/js/admin-rich-text.js", "type": "module"} in scripts
    # No import map: an inline script the Content Security Policy would block.
    assert not any(attrs.get("type") == "importmap" for attrs in scripts)
    stylesheets = {attrs["href"] for tag, attrs in found if tag == "link" and attrs.get("rel") == "stylesheet"}
    assert "/static/django_prose_editor/editor.css" in stylesheets
    # Everything the page loads is the portal's own.
    loaded = [attrs.get("src") for tag, attrs in found if tag == "script"] + list(stylesheets)
    assert all(url.startswith("/") and not url.startswith("//") for url in loaded if url)


def test_the_editor_files_load_nothing_from_elsewhere():
    """The editor's scripts, styles and font are static files of the portal; none names another origin to load."""
    files = [
        "js/admin-rich-text.js",
        "django_prose_editor/editor.js",
        "django_prose_editor/editor.css",
        "django_prose_editor/overrides.css",
        "django_prose_editor/material-icons.css",
    ]
    urls = set()
    for name in files:
        path = finders.find(name)
        assert path, name
        text = Path(path).read_text(encoding="utf-8")
        urls.update(re.findall(r"""https?://[^\s"'`)]+""", text))
        assert not re.findall(r"""["'`(]//[\w-]+\.[\w.-]+""", text), name  # no protocol-relative address
        assert "@import" not in text
        for url in re.findall(r"""url\(\s*['"]?([^'")]+)""", text):
            assert not re.match(r"(?:[a-z]+:)?//", url), (name, url)
    # The SVG namespace and a link in one of ProseMirror's error messages: names, not loads.
    assert urls <= {"http://www.w3.org/2000/svg", "https://prosemirror.net/docs/guide/#generatable"}, urls
    assert finders.find("django_prose_editor/material-icons.woff2")


@pytest.mark.parametrize(
    ("language", "pasted", "clean"), [("bg", WORD_PASTE, WORD_CLEAN), ("en", LIBREOFFICE_PASTE, LIBREOFFICE_CLEAN)]
)
def test_a_word_processors_paste_posted_through_the_admin_is_saved_clean(
    editor_client, staff, client, language, pasted, clean
):
    article = NewsArticleFactory(municipality=staff.home, slug="paste")
    url = f"/admin/civic/newsarticle/{article.pk}/change/"
    response = editor_client.post(url, change_form_data(editor_client.get(url), **{f"body_{language}": pasted}))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    article.refresh_from_db()
    saved = getattr(article, f"body_{language}")
    assert saved == clean
    assert not [trace for trace in WORD_PROCESSOR_TRACES if trace in saved]
    # The public page shows what was saved, as it was saved.
    page = client.get(f"/{language}/news/paste/").content.decode()
    assert clean in page


def test_a_body_typed_as_html_without_javascript_is_saved_sanitised(editor_client, staff):
    """Without JavaScript the field is the textarea it always was: HTML typed there is sanitised on saving."""
    article = NewsArticleFactory(municipality=staff.home)
    url = f"/admin/civic/newsarticle/{article.pk}/change/"
    typed = '<p>Open <b>daily</b> <strong>9–17</strong> <a href="javascript:alert(1)" onclick="x()">here</a></p>'
    response = editor_client.post(url, change_form_data(editor_client.get(url), body_sr=typed))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body_sr == '<p>Open daily <strong>9–17</strong> <a rel="noopener noreferrer">here</a></p>'


def test_a_links_title_from_the_editors_dialog_is_kept_and_a_blank_one_dropped():
    from civic.richtext import sanitise_html

    assert sanitise_html(
        '<p><a href="https://example.org" title="">a</a> <a href="https://example.org" title="Map">b</a>'
    ) == (
        '<p><a href="https://example.org" rel="noopener noreferrer">a</a> '
        '<a href="https://example.org" title="Map" rel="noopener noreferrer">b</a></p>'
    )


# What the toolbar and the link dialog of EDITOR_EXTENSIONS show (static/js/admin-rich-text.js translates
# the toolbar's English names; django-prose-editor's dialogs call gettext themselves).
EDITOR_MESSAGES = {
    "paragraph", "Paragraph", "heading 2", "Heading 2", "heading 3", "Heading 3", "unordered list", "ordered list",
    "blockquote", "bold", "italic", "insert link", "remove link", "undo", "redo",
    "Edit Link", "URL", "Title", "Update", "Cancel",
}  # fmt: skip


@pytest.mark.parametrize("language", ["bg", "sr", "sr-latn", "en"])
def test_the_editors_toolbar_and_dialogs_speak_the_staff_language(client, staff, language):
    client.force_login(staff.editor)
    script = client.get("/admin/jsi18n/", headers={"accept-language": language}).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    assert sorted(EDITOR_MESSAGES - set(catalogue)) == []
    if language == "en":  # the library's names are lower case ("bold"); the admin's labels are not
        assert [message for message in EDITOR_MESSAGES if not catalogue[message][0].isupper()] == []
    elif language == "sr-latn":  # generated from the Cyrillic by `make messages`
        assert [message for message in EDITOR_MESSAGES if catalogue[message] == message] == []
        assert not [message for message in EDITOR_MESSAGES if re.search("[\u0400-\u04ff]", catalogue[message])]
    else:
        assert [message for message in EDITOR_MESSAGES if re.search("[A-Za-z]{3}", catalogue[message])] == []


def test_the_editors_messages_are_those_its_script_shows():
    """The messages above are the names of the toolbar's items and the link dialog's texts in the library."""
    script = Path(finders.find("django_prose_editor/editor.js")).read_text(encoding="utf-8")
    names = set(re.findall(r'\.material\("[^"]*","([^"]*)"\)', script))
    options = set(re.findall(r'textContent:"([^"]+)"', script))
    dialog = set(re.findall(r'\b[a-zA-Z]{2}\("([^"]+)"\)', script))
    for message in EDITOR_MESSAGES:
        if message.startswith(("heading", "Heading")):
            continue  # made from the level: `heading ${level}`
        assert message in names | options | dialog, message
