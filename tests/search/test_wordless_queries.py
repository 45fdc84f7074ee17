import pytest

pytestmark = pytest.mark.django_db

# Queries with no letter or digit in them: nothing to search for.
WORDLESS = ["?", "-", "*", "'", "„", "%", "_", "🙂", "\u200b", " ? - * "]

TYPE_A_WORD = {
    "bg": "Въведете дума",
    "sr": "Упишите реч",
    "sr-latn": "Upišite reč",
    "en": "Type a word",
}


@pytest.mark.parametrize("language", ["bg", "sr", "sr-latn", "en"])
@pytest.mark.parametrize("query", WORDLESS)
def test_a_query_without_words_asks_for_a_word(client, language, query):
    """A query that normalises to no word is kept in the box and answered with a translated "type a word", not a 500."""
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert TYPE_A_WORD[language] in html
    assert 'class="search-results"' not in html
