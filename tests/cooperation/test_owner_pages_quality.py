"""The owners' pages, which the crawl of the public site cannot reach: valid HTML, axe-clean, usable at 320 px.

The public board and item pages are held to the same gates by tests/quality (the crawl reaches them).
"""

import pytest
from django.test import Client

from cooperation.models import Interest, Kind, Status
from tests.cooperation.factories import OpportunityFactory
from tests.quality.keyboard import reflow_problems
from tests.quality.validators import axe_violations, html_errors

pytestmark = pytest.mark.django_db


def owner_pages(board) -> dict[str, str]:
    offer = OpportunityFactory(organisation=board.mill)
    OpportunityFactory(organisation=board.mill, status=Status.REJECTED, moderator_message="Too vague.")
    request = OpportunityFactory(organisation=board.bakery, kind=Kind.REQUEST, cooperation_type="buyer")
    Interest.objects.create(opportunity=offer, organisation=board.bakery, message="We are interested.")
    return {
        "form": "/{language}/account/cooperation/new/",
        "edit": f"/{{language}}/account/cooperation/{offer.pk}/edit/",
        "list": "/{language}/account/cooperation/",
        "matches": "/{language}/account/cooperation/matches/",
        "withdraw": f"/{{language}}/account/cooperation/{offer.pk}/withdraw/",
        "answered": f"/{{language}}/cooperation/{request.pk}/interest/",
        "detail with the form": f"/{{language}}/cooperation/{request.pk}/",
    }


def test_the_owners_pages_are_valid_html_in_every_language(board):
    pages = owner_pages(board)
    client = Client()
    client.force_login(board.mill_owner)
    documents = {}
    for language in ("bg", "sr", "sr-latn", "en"):
        for name, url in pages.items():
            response = client.get(url.format(language=language))
            assert response.status_code == 200, url
            documents[f"{language} {name}"] = response.content.decode()
        invalid = client.post(f"/{language}/account/cooperation/new/", {"kind": "offer"})
        documents[f"{language} form with errors"] = invalid.content.decode()
    assert html_errors(documents) == {}


@pytest.mark.browser
def test_the_owners_pages_pass_axe_and_fit_a_phone(board, live_server, browser):
    pages = owner_pages(board)
    client = Client()
    client.force_login(board.mill_owner)
    session = client.cookies["sessionid"].value
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page = context.new_page()
    problems = []
    for language in ("bg", "sr-latn"):
        for name, url in pages.items():
            page.goto(url.format(language=language))
            problems += [f"{language} {name}: {violation}" for violation in axe_violations(page)]
            problems += [f"{language} {name}: {problem}" for problem in reflow_problems(page)]
        page.goto(f"/{language}/account/cooperation/new/")
        page.locator("button[name=send]").click()  # empty: the error summary and invalid fields
        problems += [f"{language} errors: {violation}" for violation in axe_violations(page)]
    context.close()
    assert problems == []
