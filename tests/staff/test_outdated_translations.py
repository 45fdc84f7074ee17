"""Translations that know they are stale (issue 23): a translation whose source changed after it was
made is marked outdated, per field and language, until staff update it or mark it current."""

import re

import pytest
from django.test import Client

from core.models import PublicationStatus
from staff import dashboard
from staff.models import OutdatedTranslation
from staff.services import translations_freshness_record
from tests.civic.factories import NewsArticleFactory
from tests.portal.admin_forms import change_form_data
from tests.staff.test_admin_language import CYRILLIC_WORD, LATIN_WORD, staff_visible_text

pytestmark = pytest.mark.django_db


def logged_in(user, language="en") -> Client:
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    return client


def outdated(obj) -> set[tuple[str, str, str]]:
    return set(OutdatedTranslation.objects.for_object(obj).values_list("field", "language", "source_text"))


@pytest.fixture
def article(staff):
    """A news article of Koprivshtitsa (written in Bulgarian), translated into Serbian and English."""
    return NewsArticleFactory(
        municipality=staff.home,
        status=PublicationStatus.DRAFT,
        title_bg="Панаир на занаятите",
        title_sr="Сајам заната",
        title_en="Crafts fair",
        lead_bg="В събота на площада.",
        lead_sr="У суботу на тргу.",
        lead_en="On Saturday in the square.",
        body_bg="",
        body_sr="",
        body_en="<p>Body</p>",
    )


def save(client, obj, **changes):
    url = f"/admin/civic/newsarticle/{obj.pk}/change/"
    response = client.post(url, change_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    obj.refresh_from_db()
    return response


def columns(obj) -> dict:
    return {
        f"{field}_{language}": getattr(obj, f"{field}_{language}")
        for field in ("title", "lead", "body", "image_alt")
        for language in ("bg", "sr", "en")
    }


def test_a_changed_source_leaves_its_translations_outdated_until_each_is_updated(staff, article):
    editor = logged_in(staff.editor)
    save(editor, article, title_bg="Голям панаир на занаятите")
    # Both translations of the title, not the lead (unchanged) nor the body (no Serbian to go stale).
    assert outdated(article) == {("title", "sr", "Панаир на занаятите"), ("title", "en", "Панаир на занаятите")}

    # The source changes again: the translations were still made from the first text.
    save(editor, article, title_bg="Най-големият панаир на занаятите")
    assert {row[2] for row in outdated(article)} == {"Панаир на занаятите"}

    # Updating the English title clears English only.
    save(editor, article, title_en="The biggest crafts fair")
    assert outdated(article) == {("title", "sr", "Панаир на занаятите")}


def test_staff_mark_a_translation_current_without_changing_it(staff, article):
    editor = logged_in(staff.editor)
    save(editor, article, title_bg="Панаир на занаятите 2026")
    save(editor, article, _translation_current=["title:sr", "title:xx", "nonsense"])
    assert outdated(article) == {("title", "en", "Панаир на занаятите")}


def test_the_source_back_as_it_was_leaves_nothing_outdated(staff, article):
    editor = logged_in(staff.editor)
    save(editor, article, lead_bg="В неделя на площада.")
    assert len(outdated(article)) == 2
    save(editor, article, lead_bg="В събота на площада.")
    assert outdated(article) == set()


def test_a_translation_emptied_is_missing_not_outdated(staff, article):
    before = columns(article)
    article.title_bg, article.title_en = "Нов панаир", ""
    article.save()
    rows = translations_freshness_record(obj=article, before=before, source_language="bg")
    assert {(row.field, row.language) for row in rows} == {("title", "sr")}


def test_a_source_written_for_the_first_time_outdates_nothing(staff, article):
    """Translations made before any source existed were not made from it."""
    before = columns(article)
    article.body_bg = "<p>Тяло</p>"
    article.save()
    assert translations_freshness_record(obj=article, before=before, source_language="bg") == []


def test_the_source_is_the_language_of_the_entrys_municipality(staff):
    """Medijana writes in Serbian: its Bulgarian and English are the translations."""
    article = NewsArticleFactory(municipality=staff.other, status=PublicationStatus.DRAFT)
    editor = logged_in(staff.other_editor)
    save(editor, article, title_bg="Нова заглавие")  # a translation updated: nothing goes stale
    assert outdated(article) == set()
    old_source = article.title_sr
    save(editor, article, title_sr="Нови наслов")
    assert outdated(article) == {("title", "bg", old_source), ("title", "en", old_source)}


def test_the_change_form_marks_the_outdated_field_with_the_old_and_new_source(staff, article):
    editor = logged_in(staff.editor)
    save(editor, article, title_bg="Голям панаир на занаятите")
    response = editor.get(f"/admin/civic/newsarticle/{article.pk}/change/")
    html = response.content.decode()
    panel = html[html.index('class="module outdated-translations"') :]
    panel = panel[: panel.index("</table>")]
    assert '<del lang="bg">Панаир на занаятите</del>' in panel
    assert '<ins lang="bg">Голям панаир на занаятите</ins>' in panel
    assert "The English translation of “title” is still correct" in panel
    form = response.context["adminform"].form
    assert "Outdated: the Bulgarian text changed" in form.fields["title_en"].help_text
    assert "outdated-translation" in form.fields["title_en"].widget.attrs["class"]
    assert "Outdated" not in form.fields["lead_en"].help_text


@pytest.mark.parametrize(("language", "foreign"), [("bg", LATIN_WORD), ("sr", LATIN_WORD), ("en", CYRILLIC_WORD)])
def test_the_outdated_translations_panel_speaks_the_staff_language(staff, article, language, foreign):
    save(logged_in(staff.editor), article, title_bg="Голям панаир на занаятите")
    html = logged_in(staff.editor, language).get(f"/admin/civic/newsarticle/{article.pk}/change/").content.decode()
    panel = html[html.index('<div class="module outdated-translations"') :]
    panel = panel[: panel.index("</table>")]
    text = staff_visible_text(panel, language)
    content = {"Crafts", "fair", "Панаир", "занаятите", "Голям", "Сајам", "заната"}
    assert [word for word in foreign.findall(text) if word not in content] == []
    assert re.search(r"\w", text)


def test_the_dashboard_counts_outdated_translations_of_the_users_municipality_only(staff, article):
    save(logged_in(staff.editor), article, title_bg="Голям панаир на занаятите")

    def items(user):
        response = logged_in(user).get("/admin/")
        sections = {section["key"]: section for section in response.context["dashboard_sections"]}
        return [(item.count, item.url) for item in sections[dashboard.OUTDATED]["items"]]

    expected = [
        (1, "/admin/civic/newsarticle/?outdated_translation=sr"),
        (1, "/admin/civic/newsarticle/?outdated_translation=en"),
    ]
    assert items(staff.editor) == expected
    assert items(staff.moderator) == expected
    assert items(staff.other_editor) == []
    assert "Outdated translations" in logged_in(staff.editor).get("/admin/").content.decode()

    changelist = logged_in(staff.editor).get("/admin/civic/newsarticle/?outdated_translation=en")
    assert [row.pk for row in changelist.context["cl"].result_list] == [article.pk]
    elsewhere = logged_in(staff.other_editor).get("/admin/civic/newsarticle/?outdated_translation=en")
    assert list(elsewhere.context["cl"].result_list) == []
    untouched = NewsArticleFactory(municipality=staff.home)
    everything = logged_in(staff.editor).get("/admin/civic/newsarticle/")
    assert untouched.pk in [row.pk for row in everything.context["cl"].result_list]


def test_another_municipalitys_staff_cannot_mark_its_translations_current(staff, article):
    save(logged_in(staff.editor), article, title_bg="Голям панаир на занаятите")
    intruder = logged_in(staff.other_editor)
    url = f"/admin/civic/newsarticle/{article.pk}/change/"
    intruder.post(url, {"_translation_current": ["title:en", "title:sr"]})
    assert len(outdated(article)) == 2


def test_the_missing_translations_page_names_the_missing_fields(staff, article):
    article.lead_en = ""
    article.save()
    response = logged_in(staff.editor).get("/admin/translations/?language=en")
    rows = [row for group in response.context["groups"] for row in group["rows"]]
    assert [(row["object"].pk, [str(name) for name in row["fields"]]) for row in rows] == [(article.pk, ["lead"])]
    assert '<span class="missing-fields">lead</span>' in response.content.decode()
    bulgarian = logged_in(staff.editor).get("/admin/translations/?language=sr").context["groups"]
    assert [[str(name) for name in row["fields"]] for group in bulgarian for row in group["rows"]] == [["body"]]


def test_deleting_an_entry_forgets_its_outdated_translations(staff, article):
    editor = logged_in(staff.editor)
    save(editor, article, title_bg="Голям панаир на занаятите")
    url = f"/admin/civic/newsarticle/{article.pk}/delete/"
    assert editor.post(url, {"post": "yes"}).status_code == 302
    assert not OutdatedTranslation.objects.exists()
