import pytest
from django.conf import settings

from core.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def test_translated_models_have_translation_tabs_served_by_the_app(staff_client, demo_content):
    municipality = Municipality.objects.get(slug="medijana")
    html = staff_client.get(f"/admin/core/municipality/{municipality.pk}/change/").content.decode()
    for language in ("bg", "sr", "en"):
        assert f'name="name_{language}"' in html
    assert "tabbed_translation_fields.js" in html
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html
    assert "Градска општина Медијана" in html  # Cyrillic master text, never transliterated


@pytest.mark.parametrize(
    ("language", "title"),
    [("bg", "Мост: администрация"), ("sr", "Мост: администрација"), ("en", "Most: administration")],
)
def test_admin_speaks_the_language_chosen_in_its_header(staff_client, language, title):
    response = staff_client.post("/i18n/setlang/", {"language": language, "next": "/admin/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    html = staff_client.get("/admin/").content.decode()
    assert title in html
    assert 'name="language"' in html


def test_serbian_admin_edits_the_cyrillic_text_even_when_latin_is_chosen(staff_client, demo_content):
    staff_client.post("/i18n/setlang/", {"language": "sr-latn", "next": "/admin/"})
    municipality = Municipality.objects.get(slug="medijana")
    html = staff_client.get(f"/admin/core/municipality/{municipality.pk}/change/").content.decode()
    assert 'value="Градска општина Медијана"' in html
