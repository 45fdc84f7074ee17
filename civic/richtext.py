"""The one rich-text policy for what staff write (news bodies, pages): the sanitiser and the editor.

``sanitise_html`` is the gate: every form and service runs it before saving, and the
``rich_text`` filter runs it again on the way out. The editor (django-prose-editor, in the
admin) is a convenience built from the same allow-list, so that it offers no markup the
sanitiser would drop; tests/civic/test_rich_text_editor.py keeps the two in step.
"""

import nh3
from django import forms
from django.forms.widgets import Script
from django_prose_editor.widgets import ProseEditorWidget

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "blockquote"}
# A link's title is the editor's own tooltip field; rel is set on every link by nh3 (link_rel).
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# The editor's extensions, one for each allowed element (django-prose-editor's names).
# The page's own title is its h1, so headings start at h2; a link never opens a new window and
# an ordered list never changes its numbering (the sanitiser keeps neither target nor start).
# The browser's spelling check stays on (NoSpellCheck off): staff write in three languages.
EDITOR_EXTENSIONS = {
    "Paragraph": True,
    "HardBreak": True,
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": sorted(ALLOWED_URL_SCHEMES)},
    "History": True,
    "NoSpellCheck": False,
}


def sanitise_html(html: str) -> str:
    """Keep basic formatting and links; drop scripts, styles, event handlers and ``javascript:`` URLs.

    Run when rich text is written (forms and services), so that what is stored
    is what may be shown; templates render it again through ``rich_text``.
    A word processor's markup (``class="MsoNormal"``, ``mso-`` styles, ``<o:p>``,
    ``<span>`` with fonts) is dropped too: only its text and allowed elements stay.
    """
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_drop_empty,
    ).strip()


def _drop_empty(element: str, attribute: str, value: str) -> str | None:
    """The editor writes a link's title even when left blank (``title=""``); an empty attribute says nothing."""
    return value or None


class RichTextEditor(ProseEditorWidget):
    """A textarea of HTML that static/js/admin-rich-text.js turns into an editor with EDITOR_EXTENSIONS.

    Without JavaScript it stays a working textarea. The editor's files are the package's
    static files, served by the portal (no CDN); they are loaded without django-prose-editor's
    inline import map, which the Content Security Policy would block.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, config={"extensions": EDITOR_EXTENSIONS}, preset="configurable")

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                ]
            },
            js=[Script("js/admin-rich-text.js", type="module")],
        )
