"""Logos and photos from the public: checked by content, re-encoded without metadata, limited in size."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from registrations.models import CompanyPhoto, CompanyRegistration
from tests.registrations.factories import application, image_bytes

pytestmark = pytest.mark.django_db


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_logo_and_photos_are_re_encoded_without_their_metadata(client, staff):
    data = application(staff.home)
    data["logo"] = upload("logo.png", image_bytes("PNG", (900, 300)))
    data["photos"] = [
        upload("a.jpg", image_bytes("JPEG", exif=True), "image/jpeg"),
        upload("b.webp", image_bytes("WEBP")),
    ]
    assert client.post("/en/companies/register/", data).status_code == 302
    registration = CompanyRegistration.objects.get()
    with registration.logo.open() as logo, Image.open(logo) as image:
        assert image.width == 512 and image.format == "JPEG"
    photos = CompanyPhoto.objects.filter(registration=registration)
    assert photos.count() == 2
    for photo in photos:
        with photo.image.open() as file:
            content = file.read()
        assert b"SecretCam" not in content and b"Exif" not in content
        assert (photo.width, photo.height) == (40, 30)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG"),
        ("logo.png", b"<html><body>hi</body></html>", "text"),
        ("logo.gif", image_bytes("GIF"), "GIF images are not accepted"),
        ("logo.png", image_bytes("PNG")[:60], "damaged or incomplete"),
    ],
)
def test_files_that_are_not_accepted_images_are_refused(client, staff, name, content, message):
    data = {**application(staff.home), "logo": upload(name, content)}
    response = client.post("/en/companies/register/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not CompanyRegistration.objects.exists()


def test_decompression_bombs_and_oversized_files_are_refused(client, staff, settings):
    settings.MEDIA_LIBRARY_MAX_PHOTO_PIXELS = 10_000
    buffer = io.BytesIO()
    Image.new("1", (3000, 3000)).save(buffer, "PNG")  # tiny file, 9 megapixels
    response = client.post(
        "/en/companies/register/", {**application(staff.home), "logo": upload("b.png", buffer.getvalue())}
    )
    assert "megapixels" in response.content.decode() or "decompression" in response.content.decode()
    settings.REGISTRATIONS_MAX_IMAGE_BYTES = 100
    response = client.post(
        "/en/companies/register/",
        {**application(staff.home), "logo": upload("big.png", image_bytes("PNG", (200, 200)))},
    )
    assert "may be at most" in response.content.decode()
    assert not CompanyRegistration.objects.exists()


def test_at_most_five_photos(client, staff):
    data = {**application(staff.home), "photos": [upload(f"{n}.png", image_bytes()) for n in range(6)]}
    response = client.post("/en/companies/register/", data)
    assert "at most 5 photos" in response.content.decode()


def test_approved_photos_and_logo_show_on_the_company_page(client, staff):
    from registrations import services

    data = {
        **application(staff.home),
        "logo": upload("logo.png", image_bytes()),
        "photos": [upload("a.png", image_bytes())],
    }
    client.post("/en/companies/register/", data)
    registration = CompanyRegistration.objects.get()
    CompanyRegistration.objects.update(status=CompanyRegistration.Status.PENDING)
    organisation = services.registration_approve(registration=registration, by=staff.moderator, site_root="http://x/")
    html = client.get(f"/en/directory/{organisation.slug}/").content.decode()
    assert organisation.logo.url in html
    assert CompanyPhoto.objects.get().image.url in html and 'alt="Photo 1 of' in html


@pytest.mark.parametrize(("format", "extension"), [("PNG", "jpg"), ("JPEG", "jpg"), ("WEBP", "jpg")])
def test_every_image_of_an_approved_company_is_served(client, staff, format, extension):
    """Stored names end in the extension of what was encoded, whatever the sender called the file."""
    from registrations import services

    data = {
        **application(staff.home),
        "logo": upload("logo.webp", image_bytes(format, (60, 40))),
        "photos": [upload("photo.png", image_bytes(format)), upload("ΣΩ.jpeg", image_bytes(format))],
    }
    assert client.post("/en/companies/register/", data).status_code == 302
    registration = CompanyRegistration.objects.get()
    assert registration.logo.name.endswith(f".{extension}")
    CompanyRegistration.objects.update(status=CompanyRegistration.Status.PENDING)
    organisation = services.registration_approve(registration=registration, by=staff.moderator, site_root="http://x/")
    html = client.get(f"/en/directory/{organisation.slug}/").content.decode()
    sources = re.findall(r'<img[^>]* src="(/media/[^"]+)"', html)
    assert organisation.logo.url in sources and len(sources) == 3
    for source in sources:
        assert re.fullmatch(r"/media/registrations/(logos|photos)/[0-9a-f]{32}(_\w+)?\.(jpg|png)", source), source
        response = client.get(source)
        assert response.status_code == 200 and response["Content-Type"].startswith("image/"), source
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
            image.verify()


def test_a_transparent_logo_is_stored_as_png(client, staff):
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(buffer, "PNG")
    data = {**application(staff.home), "logo": upload("logo.jpg", buffer.getvalue(), "image/jpeg")}
    assert client.post("/en/companies/register/", data).status_code == 302
    assert CompanyRegistration.objects.get().logo.name.endswith(".png")


def test_files_stored_without_an_extension_are_renamed_by_the_migration(client, staff):
    import importlib

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tests.directory.factories import OrganisationFactory

    migration = importlib.import_module("registrations.migrations.0003_stored_names_with_extensions")
    organisation = OrganisationFactory(municipality=staff.home)
    old_logo = default_storage.save("registrations/logos/logo", ContentFile(image_bytes("PNG")))
    old_photo = default_storage.save("registrations/photos/photo", ContentFile(image_bytes("JPEG")))
    type(organisation).objects.filter(pk=organisation.pk).update(logo=old_logo)
    photo = CompanyPhoto.objects.create(organisation=organisation, image=old_photo, width=40, height=30)
    assert client.get(f"/media/{old_logo}").status_code == 404  # what visitors got

    migration.add_extensions(apps, None)
    organisation.refresh_from_db()
    photo.refresh_from_db()
    assert organisation.logo.name.endswith(".png") and photo.image.name.endswith(".jpg")
    assert not default_storage.exists(old_logo) and not default_storage.exists(old_photo)
    for name in (organisation.logo.name, photo.image.name):
        response = client.get(f"/media/{name}")
        assert response.status_code == 200 and response["Content-Type"].startswith("image/")
