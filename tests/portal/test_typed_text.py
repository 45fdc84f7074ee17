"""What a person types comes back as typed on sr-latn pages and mail; only what the portal writes is transliterated."""

import re
from html import escape

import pytest
from django.core import mail
from django.core.cache import cache

from civic.models import Enquiry
from core.transliteration import TYPED_END, TYPED_START, to_latin, typed
from tests.directory.factories import OrganisationFactory
from tests.markup import flat
from tests.portal.factories import InformationCentreFactory, MunicipalityFactory
from tests.registrations.factories import started

NAME = "Ђорђе Јовановић"
MESSAGE = "Љубазно питам: када почиње Ћеле кула фестивал?"
SUBJECT = "Џез у Нишу"
MARKERS = (TYPED_START, TYPED_END)


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def without(html: str, *values: str) -> str:
    """The page without the typed values (as the page escapes them)."""
    for value in values:
        html = html.replace(escape(value), "")
    return html


def assert_no_marker(*texts: str) -> None:
    for text in texts:
        assert not any(marker in text for marker in MARKERS), text[:200]


# --- The mechanism ---------------------------------------------------------------------------


def test_typed_text_is_left_as_it_is_and_the_rest_is_transliterated():
    text = f"Порука: {typed('Ћао, Ђорђе')} — Ниш"
    assert to_latin(text) == "Poruka: Ћао, Ђорђе — Niš"


def test_markers_never_survive_transliteration_even_unpaired_or_nested():
    assert to_latin(f"Ниш {TYPED_START}Ћ") == "Niš Ć"
    assert to_latin(f"{TYPED_END}Ниш{TYPED_START}") == "Niš"
    assert typed(typed("Ћ")) == typed("Ћ")
    assert to_latin(typed(f"{TYPED_START}Ћ{TYPED_END}")) == "Ћ"


# --- Search --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_cyrillic_search_is_echoed_in_cyrillic_on_a_latin_page(client, cyrillic_free):
    MunicipalityFactory(slug="medijana", name_sr="Градска општина Медијана", seat_sr="Ниш")
    query = "Ниш Ђорђе"
    html = client.get("/sr-latn/search/", {"q": query}).content.decode()
    assert f'id="search-q" name="q" type="search" value="{query}"' in flat(html)
    assert f'id="site-search-q" name="q" type="search" value="{query}"' in flat(html)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    heading = re.search(r'<h2 id="search-results-heading">(.*?)</h2>', html, re.S).group(1)
    assert query in title and query in heading
    cyrillic_free(without(html, query), "outside the typed query")
    assert_no_marker(html)


@pytest.mark.django_db
def test_markers_typed_by_a_visitor_are_dropped(client):
    query = f"{TYPED_START}Ниш{TYPED_END} {TYPED_END}"
    html = client.get("/sr-latn/search/", {"q": query}).content.decode()
    assert 'value="Ниш"' in html
    assert_no_marker(html)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "sr", "en"])
def test_other_languages_carry_no_marker(client, language):
    html = client.get(f"/{language}/search/", {"q": "Ниш"}).content.decode()
    assert 'value="Ниш"' in html
    assert_no_marker(html)


# --- Forms ---------------------------------------------------------------------------------


@pytest.fixture
def centre(db):
    return InformationCentreFactory(
        municipality=MunicipalityFactory(slug="koprivshtitsa"), name_sr="Информациони центар", email="c@example.org"
    )


def enquiry(**overrides):
    return {
        "name": NAME,
        "email": "djordje@example.org",
        "subject": SUBJECT,
        "message": MESSAGE,
        "consent": "on",
        "website": "",
        **overrides,
    }


def test_an_enquiry_with_an_error_comes_back_as_typed(client, centre, cyrillic_free):
    response = client.post("/sr-latn/ask/koprivshtitsa/", enquiry(email="not-an-address"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'<input type="text" name="name" value="{NAME}"', html)
    assert f'maxlength="5000" required id="id_message">\n{escape(MESSAGE)}</textarea>' in html
    cyrillic_free(without(html, NAME, MESSAGE, SUBJECT), "outside what was typed")
    assert_no_marker(html)


def test_the_copy_of_an_sr_latn_enquiry_quotes_it_verbatim_in_a_latin_mail(client, centre, cyrillic_free, committed):
    with committed():
        assert client.post("/sr-latn/ask/koprivshtitsa/", enquiry()).status_code == 302
    copy, notification = mail.outbox
    assert MESSAGE in copy.body and NAME in copy.body and SUBJECT in copy.body and SUBJECT in copy.subject
    assert "Informacioni centar" in copy.body  # the centre's name, content written by the portal
    cyrillic_free(without(copy.body, NAME, MESSAGE, SUBJECT), "in the mail's own text")
    cyrillic_free(copy.subject.replace(SUBJECT, ""), "in the mail's subject")
    assert_no_marker(copy.subject, copy.body, notification.subject, notification.body)


def test_markers_typed_into_a_form_are_never_kept(client, centre, committed):
    with committed():
        client.post("/sr-latn/ask/koprivshtitsa/", enquiry(message=f"{TYPED_START}Ћ{TYPED_END} ћ{TYPED_END}"))
    assert Enquiry.objects.get().message == "Ћ ћ"
    assert mail.outbox
    assert_no_marker(*(message.body for message in mail.outbox))


@pytest.mark.django_db
def test_a_message_to_a_company_with_an_error_comes_back_as_typed(client, cyrillic_free):
    company = OrganisationFactory(email="company@example.org")
    response = client.post(
        f"/sr-latn/companies/{company.slug}/contact/",
        {"name": NAME, "email": "no", "subject": SUBJECT, "message": MESSAGE, "fax": "", "started": started()},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{NAME}"' in html and f'value="{SUBJECT}"' in html
    assert f">\n{escape(MESSAGE)}</textarea>" in html
    cyrillic_free(without(html, NAME, MESSAGE, SUBJECT), "outside what was typed")
    assert_no_marker(html)


def test_the_admin_in_serbian_latin_shows_no_marker(admin_client, centre):
    response = admin_client.get(
        f"/admin/core/municipality/{centre.municipality.pk}/change/", headers={"accept-language": "sr-latn"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Информациони центар" in html  # the admin edits the Cyrillic master text
    assert_no_marker(html)


@pytest.mark.django_db
def test_the_copy_of_a_message_to_a_company_quotes_it_verbatim_in_a_latin_mail(
    client, django_capture_on_commit_callbacks, cyrillic_free
):
    company = OrganisationFactory(email="company@example.org", name_sr="Млин „Средња гора“")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/sr-latn/companies/{company.slug}/contact/",
            {
                "name": NAME,
                "email": "d@example.org",
                "subject": SUBJECT,
                "message": MESSAGE,
                "fax": "",
                "started": started(),
            },
        )
    assert response.status_code == 302
    copy = next(message for message in mail.outbox if message.to == ["d@example.org"])
    assert MESSAGE in copy.body and SUBJECT in copy.body
    assert "Mlin „Srednja gora“" in copy.body + copy.subject  # the company's name: the portal's content
    cyrillic_free(without(copy.body + copy.subject, MESSAGE, SUBJECT), "in the mail's own text")
    assert_no_marker(*(message.subject + message.body for message in mail.outbox))
