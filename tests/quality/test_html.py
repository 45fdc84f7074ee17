"""Valid HTML: every page type, in every language, passes the Nu Html Checker without an error."""

import pytest

from tests.quality.crawler import samples
from tests.quality.validators import html_errors

# Database tests, so that pytest-django runs them (and builds the shared crawl)
# before the transactional tests, whose flushes empty the database.
pytestmark = pytest.mark.django_db


def test_every_page_type_in_every_language_is_valid_html(crawled_site):
    pages = samples(crawled_site)
    assert len(pages) >= 20
    assert html_errors({page.url: page.html for page in pages}) == {}
