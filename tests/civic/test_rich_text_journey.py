"""Staff write a news article's body in the rich-text editor, in a real Chromium (issue 23, "Rich text")."""

import re

import pytest
from playwright.sync_api import expect

from core.models import Direction
from tests.civic.factories import NewsArticleFactory
from tests.civic.test_rich_text_editor import WORD_PASTE

pytestmark = pytest.mark.browser

PASSWORD = "centre-password-2026"
LINK = "https://example.org/programme"


@pytest.fixture
def article(live_server, staff):
    """Everything is loaded before Playwright starts: its event loop would make the ORM refuse to run."""
    Direction.objects.get_or_create(slug=Direction.Key.CULTURE, defaults={"name": "Culture"})
    staff.editor.set_password(PASSWORD)
    staff.editor.save()
    return NewsArticleFactory(
        municipality=staff.home,
        title_en="Crafts fair in the old town",
        title_bg="Панаир на занаятите",
        slug="crafts-fair",
        body_en="<p>Draft text.</p>",
        body_bg="",
    )


def staff_page(browser, base, user, locale):
    page = browser.new_context(locale=locale).new_page()
    page.set_default_timeout(15_000)
    errors = []  # scripts the Content Security Policy refused, the editor's files missing
    page.on(
        "console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.on(
        "response",
        lambda response: errors.append(response.url) if response.status >= 400 and "/static/" in response.url else None,
    )
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile("/admin/$"))
    return page, errors


def body_editor(page, language):
    """The editor of ``body_<language>``, its language tab opened."""
    panel = page.locator(f".ui-tabs-panel:has(#id_body_{language})")
    page.locator(f"a[href='#{panel.get_attribute('id')}']").click()
    wrapper = panel.locator(".prose-editor")
    expect(wrapper.locator(".tiptap")).to_be_visible()
    return wrapper


def test_staff_write_bold_text_and_a_link_with_the_toolbar_and_readers_see_them(browser, live_server, staff, article):
    base = live_server.url
    page, errors = staff_page(browser, base, staff.editor, "en-GB")
    page.goto(f"{base}/admin/civic/newsarticle/{article.pk}/change/")
    editor = body_editor(page, "en")
    # The textarea is still there, hidden inside the editor, and is what the form posts.
    expect(editor.locator("textarea[name=body_en]")).to_be_hidden()
    # Only what the sanitiser keeps is offered: no underline, strike, table, image, new window.
    toolbar = editor.locator(".prose-menubar")
    for absent in ("underline", "strike", "Insert table", "figure", "horizontal rule"):
        expect(toolbar.get_by_role("button", name=absent)).to_have_count(0)

    text = editor.locator(".tiptap")
    text.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Open ")
    toolbar.get_by_role("button", name="Bold", exact=True).click()
    page.keyboard.type("every day")
    toolbar.get_by_role("button", name="Bold", exact=True).click()
    page.keyboard.type(", see the programme")
    for _ in range(len("the programme")):
        page.keyboard.press("Shift+ArrowLeft")
    toolbar.get_by_role("button", name="Insert link").click()
    dialog = editor.locator("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Link")
    expect(dialog.get_by_label("Open in new window")).to_have_count(0)
    dialog.get_by_label("Address (URL)").fill(LINK)
    dialog.get_by_role("button", name="Done").click()
    expect(text.locator("strong")).to_have_text("every day")
    expect(text.locator("a")).to_have_text("the programme")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)

    article.refresh_from_db()
    assert article.body_en == (
        f'<p>Open <strong>every day</strong>, see <a href="{LINK}" rel="noopener noreferrer">the programme</a></p>'
    )
    # Opened again, the editor shows what was saved.
    editor = body_editor(page, "en")
    expect(editor.locator(".tiptap strong")).to_have_text("every day")

    reader = browser.new_context().new_page()
    reader.goto(f"{base}/en/news/crafts-fair/")
    body = reader.locator(".prose")
    expect(body.locator("strong")).to_have_text("every day")
    expect(body.get_by_role("link", name="the programme")).to_have_attribute("href", LINK)
    assert errors == []  # no script refused by the Content Security Policy, nothing missing


def test_a_word_processors_paste_becomes_clean_markup_in_the_editor_in_bulgarian(browser, live_server, staff, article):
    base = live_server.url
    page, errors = staff_page(browser, base, staff.editor, "bg-BG")
    page.goto(f"{base}/admin/civic/newsarticle/{article.pk}/change/")
    editor = body_editor(page, "bg")
    toolbar = editor.locator(".prose-menubar")
    # The toolbar speaks the staff member's language.
    expect(toolbar.get_by_role("button", name="Получер")).to_be_visible()
    expect(toolbar.get_by_role("button", name="Вмъкни връзка")).to_be_visible()

    editor.locator(".tiptap").click()
    editor.locator(".tiptap").evaluate(
        """(target, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "Панаир на занаятите в стария град");
            target.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        WORD_PASTE,
    )
    expect(editor.locator(".tiptap a")).to_have_text("Програма")
    pasted = editor.locator("textarea").input_value()
    # Word's bold survives as <strong>; its styles, classes, fonts and <o:p> do not.
    assert "<strong>Панаир на занаятите</strong>" in pasted
    assert not [trace for trace in ("mso", "Mso", "o:p", "<span", "class=", "style=", "<b>") if trace in pasted]
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)

    reader = browser.new_context().new_page()
    reader.goto(f"{base}/bg/news/crafts-fair/")
    expect(reader.locator(".prose strong")).to_have_text("Панаир на занаятите")
    expect(reader.locator(".prose").get_by_role("link", name="Програма")).to_have_attribute(
        "href", "https://example.org/fair"
    )
    assert errors == []


def test_without_javascript_the_body_is_a_textarea_that_takes_html(browser, live_server, staff, article):
    base = live_server.url
    page = browser.new_context(locale="en-GB", java_script_enabled=False).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", staff.editor.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto(f"{base}/admin/civic/newsarticle/{article.pk}/change/")
    expect(page.locator(".prose-editor")).to_have_count(0)
    body = page.locator("textarea[name=body_en]")
    expect(body).to_be_visible()
    body.fill('<p>Open <strong>daily</strong> <span style="color:red">from 9</span><script>alert(1)</script></p>')
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(page.locator("textarea[name=body_en]")).to_have_value("<p>Open <strong>daily</strong> from 9</p>")
