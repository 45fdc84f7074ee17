import pytest
from django.core.management import call_command


@pytest.fixture
def demo_content(db):
    """The demo content of every app, as `make run` loads it."""
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def cyrillic_free():
    """Assert that a text has no Cyrillic letter, naming the first ones found."""
    from portal.transliteration import CYRILLIC_WORD

    def check(text: str, where: str = "") -> None:
        found = CYRILLIC_WORD.findall(text)
        assert not found, f"Cyrillic on a Latin page {where}: {found[:10]}"

    return check


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its uploads and renditions under its own temporary folder, never under var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_LIBRARY_ORIGINALS_ROOT = tmp_path / "originals"
    return settings.MEDIA_ROOT
