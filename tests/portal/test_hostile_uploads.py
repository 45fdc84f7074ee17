"""The upload corpus: every hostile or broken file is refused, with a translated reason, and nothing crashes.

Each file of ``hostile_uploads.corpus`` goes through the two ways images
reach the portal: the public company registration (as the logo and as a
photo) and the staff's gallery upload in the admin (one by one, and all of
them again inside a ZIP). The figures are printed (``pytest -s``).
"""

import html
import re
import zipfile
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
from django import forms
from django.core.cache import cache as django_cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from core.transliteration import to_latin
from media_library.models import Photo
from media_library.validators import MESSAGES
from registrations.models import CompanyPhoto, CompanyRegistration
from tests.markup import flat
from tests.media_library.factories import AlbumFactory
from tests.portal.hostile_uploads import corpus, jpeg_with_segment, picture
from tests.registrations.factories import application

# The corpus holds files with corrupt EXIF on purpose; Pillow says so before the validators refuse them.
pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")]

TYPED_NAME = "Мелница „Тест“ <ООД> & синове"
CYRILLIC = re.compile("[а-яА-Я]")
ALT_TEXT = {"alt_text_bg": "Каменен мост", "alt_text_sr": "Камени мост", "alt_text_en": "A stone bridge"}


@cache
def files_for(max_bytes: int):
    return corpus(max_bytes)


def refusal_pattern(language: str) -> re.Pattern:
    """Any of the upload messages, in ``language``, with its placeholders filled in by anything."""
    with translation.override(language):
        messages = {str(message).strip() for message in MESSAGES.values()}
        # Django's own refusal of an empty file comes first.
        messages.add(str(forms.FileField.default_error_messages["empty"]).strip())
    if language == "sr-latn":
        messages = {to_latin(message) for message in messages}
    alternatives = [re.sub(r"%\\\(\w+\\\)[sd]", ".+?", re.escape(message)) for message in messages]
    return re.compile(rf"(?:{'|'.join(alternatives)})(?: (?:{'|'.join(alternatives)}))*", re.DOTALL)


def stored_files(settings) -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.MEDIA_LIBRARY_ORIGINALS_ROOT)]
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


def field_error(page: str, field_id: str) -> str | None:
    found = re.search(rf'<p class="field-error" id="{field_id}_error">(.*?)</p>', flat(page), re.DOTALL)
    return html.unescape(found.group(1)).strip() if found else None


def test_the_public_registration_refuses_every_hostile_file(client, staff, settings):
    """Sent as the logo and as a photo: 0 accepted, 0 server errors, a translated reason, the typed text kept."""
    django_cache.clear()
    files = files_for(settings.REGISTRATIONS_MAX_IMAGE_BYTES)
    languages = ["bg", "sr", "sr-latn", "en"]
    patterns = {language: refusal_pattern(language) for language in languages}
    problems, server_errors, accepted = [], 0, 0
    for number, hostile in enumerate(files):
        language = languages[number % len(languages)]
        data = application(staff.home, name=TYPED_NAME)
        data["logo"] = SimpleUploadedFile(hostile.name, hostile.data, content_type="image/jpeg")
        data["photos"] = [SimpleUploadedFile(hostile.name, hostile.data, content_type="image/png")]
        response = client.post(f"/{language}/companies/register/", data)
        if response.status_code >= 500:
            server_errors += 1
        if response.status_code != 200:
            problems.append(f"{hostile.what}: answered {response.status_code}")
            continue
        if CompanyRegistration.objects.count() > accepted:
            accepted += 1
            problems.append(f"{hostile.what}: accepted")
            continue
        page = response.content.decode()
        for field in ("id_logo", "id_photos"):
            error = field_error(page, field)
            if not error or not patterns[language].fullmatch(error):
                problems.append(f"{hostile.what} ({language}, {field}): {error!r}")
            elif language in {"bg", "sr"} and not CYRILLIC.search(error):
                problems.append(f"{hostile.what} ({language}, {field}): not translated: {error!r}")
        # What was typed comes back as typed, in its own script, on a sr-latn page too.
        if f'value="{html.escape(TYPED_NAME)}"' not in page:
            problems.append(f"{hostile.what}: the typed company name was lost")
    print(
        f"\nRegistration upload corpus: {len(files)} files, each as logo and photo; "
        f"{accepted} accepted, {server_errors} server errors"
    )
    assert not problems, "\n".join(problems)
    assert len(files) >= 100
    assert accepted == 0
    assert not CompanyRegistration.objects.exists()
    assert not CompanyPhoto.objects.exists()
    assert server_errors == 0
    assert stored_files(settings) == []


@pytest.fixture
def gallery(staff):
    """An album of the home municipality and its editor's client, in the admin."""
    album = AlbumFactory(municipality=staff.home)
    editor = Client()
    editor.force_login(staff.editor)
    return album, editor


def outcomes(page: str) -> list[tuple[str, str]]:
    """(name, result) of each file, as the upload page lists them."""
    found = re.search(r'<ul class="upload-outcomes">(.*?)</ul>', page, re.DOTALL)
    items = re.findall(r"<li>(.*?)</li>", found.group(1), re.DOTALL) if found else []
    return [tuple(html.unescape(item).strip().split(": ", 1)) for item in items]


def test_the_staff_gallery_refuses_every_hostile_file(gallery, settings):
    """Uploaded one by one: 0 accepted, 0 server errors, each refusal explained, the alternative texts kept."""
    album, editor = gallery
    files = files_for(settings.MEDIA_LIBRARY_MAX_PHOTO_BYTES)
    languages = ["bg", "sr", "en"]
    patterns = {language: refusal_pattern(language) for language in languages}
    problems, server_errors = [], 0
    for number, hostile in enumerate(files):
        language = languages[number % len(languages)]
        upload = SimpleUploadedFile(hostile.name, hostile.data, content_type="image/jpeg")
        response = editor.post(
            f"/admin/media_library/album/{album.pk}/upload/",
            {**ALT_TEXT, "credit": "", "licence": "cc0-1.0", "files": [upload]},
            headers={"accept-language": language},
        )
        if response.status_code >= 500:
            server_errors += 1
        if response.status_code != 200:
            problems.append(f"{hostile.what}: answered {response.status_code}")
            continue
        page = response.content.decode()
        results = outcomes(page)
        if not results:  # refused by the form itself (an empty file): the field's error says why
            errors = re.findall(r'<ul class="errorlist"[^>]*><li>(.*?)</li>', page)
            results = [("✘", html.unescape(errors[0]).strip())] if errors else []
        if len(results) != 1 or len(results[0]) != 2 or not results[0][0].startswith("✘"):
            problems.append(f"{hostile.what} ({language}): {results!r}")
        elif not patterns[language].fullmatch(results[0][1]):
            problems.append(f"{hostile.what} ({language}): {results[0][1]!r}")
        elif language in {"bg", "sr"} and not CYRILLIC.search(results[0][1]):
            problems.append(f"{hostile.what} ({language}): not translated: {results[0][1]!r}")
        if 'value="Каменен мост"' not in page:
            problems.append(f"{hostile.what}: the alternative text was lost")
        if "<script>alert" in page or "<img src=x" in page:
            problems.append(f"{hostile.what}: the file name reached the page unescaped")
    accepted = Photo.objects.count()
    print(f"\nGallery upload corpus: {len(files)} files; {accepted} accepted, {server_errors} server errors")
    assert len(files) >= 100
    assert accepted == 0
    assert server_errors == 0
    assert stored_files(settings) == []
    assert not problems, "\n".join(problems)


def test_the_staff_gallery_refuses_every_hostile_file_inside_a_zip(gallery, settings):
    """The same corpus as one ZIP (with a zip bomb member too): every member refused, none kept."""
    album, editor = gallery
    files = files_for(settings.MEDIA_LIBRARY_MAX_PHOTO_BYTES)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, hostile in enumerate(files):
            # A ZIP cannot hold a NUL in a name; the rest of the odd names go in as they are.
            archive.writestr(f"{number:03d}-{hostile.name.replace(chr(0), '')}", hostile.data)
        # A member that inflates far past the photo limit from a few kilobytes.
        archive.writestr("zip-bomb.jpg", b"\0" * (settings.MEDIA_LIBRARY_MAX_PHOTO_BYTES * 4))
    archive = SimpleUploadedFile("corpus.zip", buffer.getvalue())
    response = editor.post(
        f"/admin/media_library/album/{album.pk}/upload/",
        {**ALT_TEXT, "credit": "", "licence": "cc0-1.0", "archive": archive},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    results = outcomes(response.content.decode())
    pattern = refusal_pattern("en")
    assert len(results) == len(files) + 1
    unexplained = [result for result in results if not (result[0].startswith("✘") and pattern.fullmatch(result[1]))]
    print(f"\nGallery ZIP corpus: {len(results)} members; {Photo.objects.count()} accepted")
    assert not unexplained
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []


def test_ordinary_photos_with_unusual_but_harmless_traits_are_accepted(gallery, settings):
    """The checks refuse what is hostile, not what is merely unusual."""
    album, editor = gallery
    xmp = b'http://ns.adobe.com/xap/1.0/\x00<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>'
    motion_photo = picture("JPEG") + b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 64
    ordinary = {
        "Копривщица, мост.JPG": picture("JPEG"),  # Cyrillic, a space, a comma, capital letters
        "really-a-png.jpg": picture("PNG"),  # the content decides the format
        "web.jpeg": picture("WEBP"),
        "with-xmp.jpg": jpeg_with_segment(0xE1, xmp),  # XML metadata of photo editors
        "motion-photo.jpg": motion_photo,  # phones append a short video after the picture
        "my.holiday.2026.png": picture("PNG"),
        "д" * 120 + ".webp": picture("WEBP"),
    }
    files = [SimpleUploadedFile(name, data) for name, data in ordinary.items()]
    response = editor.post(
        f"/admin/media_library/album/{album.pk}/upload/",
        {**ALT_TEXT, "credit": "", "licence": "cc0-1.0", "files": files},
        headers={"accept-language": "en"},
    )
    assert [result[0][0] for result in outcomes(response.content.decode())] == ["✔"] * len(ordinary)
    assert Photo.objects.count() == len(ordinary)
