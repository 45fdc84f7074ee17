from html import escape

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import translation

pytestmark = pytest.mark.django_db

LONG = "a" * 5000


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password="correct-horse-battery", is_staff=True)


def too_long_message(language: str) -> str:
    with translation.override(language):
        try:
            MaxLengthValidator(150)(LONG)
        except ValidationError as error:
            return escape(error.messages[0])
    raise AssertionError("a 5,000-character name is too long")


def owner_login(client, language, username, password):
    return client.post(
        f"/{language}/account/login/", {"username": username, "password": password}, REMOTE_ADDR="203.0.113.7"
    )


def admin_login(client, language, username, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.7",
        headers={"accept-language": language},
    )


@pytest.mark.parametrize("login", [owner_login, admin_login])
@pytest.mark.parametrize("language", ["bg", "sr", "en"])
def test_an_overlong_user_name_is_refused_on_its_field_and_never_reaches_the_lockout(client, editor, login, language):
    """A user name longer than any account's gets the translated "too long" error; django-axes records nothing."""
    response = login(client, language, LONG, "whatever")
    assert response.status_code == 200
    html = response.content.decode()
    assert too_long_message(language) in html
    assert f'value="{LONG}"' in html  # what was typed is kept
    assert not AccessAttempt.objects.exists() and not AccessFailureLog.objects.exists()


@pytest.mark.parametrize("login", [owner_login, admin_login])
def test_an_overlong_password_is_a_wrong_password(client, editor, login):
    """A 5,000-character password is checked like any other: a failed log-in, counted for the name typed."""
    response = login(client, "en", "editor", LONG)
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "editor" and attempt.failures_since_start == 1
