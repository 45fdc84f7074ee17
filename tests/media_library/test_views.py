"""Gallery pages: filters, responsive images, photo and video pages, attachments, and fixed query counts."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.views.generic import DetailView

from core.models import Direction, Municipality
from media_library import services
from media_library.models import Album, AlbumAttachment, CaptionTrack, Licence, Video
from media_library.views import AttachedAlbumsMixin
from tests.markup import flat
from tests.media_library.factories import AlbumFactory, image_bytes, photo_make
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_gallery_index_filters_by_municipality_and_direction(client, demo_content):
    html = client.get("/en/gallery/").content.decode()
    assert "The National Revival houses of Koprivshtitsa" in html and "The Mediana archaeological site" in html
    html = client.get("/en/gallery/?municipality=medijana").content.decode()
    assert "The Mediana archaeological site" in html and "Koprivshtitsa</a></h3>" not in html
    assert "The National Revival houses" not in html
    html = client.get("/en/gallery/?municipality=koprivshtitsa&direction=culture").content.decode()
    assert "Bridges and churches of Koprivshtitsa" in html and "The National Revival houses" not in html
    # An unknown filter value shows no album rather than an error.
    response = client.get("/en/gallery/?municipality=atlantis")
    assert response.status_code == 200 and "No album matches these filters yet." in response.content.decode()


def test_gallery_index_form_has_labelled_fields(client, demo_content):
    html = client.get("/en/gallery/").content.decode()
    for name in ("municipality", "direction"):
        assert f'<label for="id_{name}">' in html and f'id="id_{name}"' in html


def test_album_page_uses_srcset_sizes_dimensions_and_lazy_loading_below_the_fold(client):
    album = AlbumFactory()
    for _ in range(10):
        photo_make(album, width=1200, height=800)
    with translation.override("en"):  # the English page, whichever language an earlier test left active
        url = album.get_absolute_url()
    html = flat(client.get(url).content.decode())
    images = re.findall(r"<img [^>]+>", html)
    assert len(images) == 10
    for image in images:
        assert 'srcset="' in image and 'sizes="' in image
        assert 'width="1200" height="800"' in image and 'alt="A stone bridge over the river"' in image
    assert ['loading="lazy"' in image for image in images] == [False] * 8 + [True] * 2
    assert html.count('<source type="image/webp" srcset="') == 10
    # Without JavaScript each thumbnail is a link to its photo page.
    assert len(re.findall(r'<a class="gallery-grid__link" href="/en/gallery/[^"]+/photos/\d+/"', html)) == 10
    assert "js/lightbox.js" in html


def test_photo_page_shows_credit_licence_and_neighbours(client):
    album = AlbumFactory()
    first, second, third = (photo_make(album, credit=f"Автор {n}") for n in range(3))
    html = flat(client.get(second.get_absolute_url()).content.decode())
    assert "Автор 1" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license external">CC BY 4.0</a>' in html
    assert f'rel="prev" href="{first.get_absolute_url()}"' in html
    assert f'rel="next" href="{third.get_absolute_url()}"' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_unpublished_albums_and_their_photos_are_not_shown(client):
    album = AlbumFactory(status="draft")
    photo = photo_make(album)
    assert client.get(album.get_absolute_url()).status_code == 404
    assert client.get(photo.get_absolute_url()).status_code == 404
    assert album.title_en not in client.get("/en/gallery/").content.decode()
    other = AlbumFactory()
    assert client.get(f"/en/gallery/{other.slug}/photos/{photo.pk}/").status_code == 404


def test_serbian_latin_gallery_pages_are_free_of_cyrillic(client, demo_content, cyrillic_free):
    album = Album.objects.get(slug="skull-tower-and-memorials")
    photo = album.photos.first()
    album_url = f"/sr-latn/gallery/{album.slug}/"
    for url in ("/sr-latn/gallery/", album_url, f"{album_url}photos/{photo.pk}/"):
        html = flat(client.get(url).content.decode())
        cyrillic_free(html, url)
    assert 'alt="Ilustracija: Kapela nad Ćele kulom"' in client.get(album_url).content.decode()


def test_external_video_loads_nothing_from_the_video_site_before_the_click(client):
    album = AlbumFactory()
    video = services.video_save(
        video=Video(
            album=album, title_bg="Филм", title_sr="Филм", title_en="Film", external_url="https://youtu.be/dQw4w9WgXcQ"
        ),
        poster=SimpleUploadedFile("poster.jpg", image_bytes(1280, 720)),
    )
    assert (video.provider, video.provider_id) == ("youtube", "dQw4w9WgXcQ")
    html = flat(client.get(video.get_absolute_url()).content.decode())
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html  # works without JavaScript
    assert "<iframe" not in html
    # Nothing the browser fetches on its own (src, srcset, poster) points outside the site.
    fetched = re.findall(r'\s(?:src|srcset|poster)="([^"]*)"', html)
    assert fetched and not [url for url in fetched if "youtube" in url or "ytimg" in url or url.startswith("http")]
    assert "js/video-embed.js" in html


def test_uploaded_video_plays_in_the_browsers_player_with_a_captions_track_per_language(client):
    album = AlbumFactory()
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 100
    video = services.video_save(
        video=Video(
            album=album,
            title_bg="Филм",
            title_sr="Филм",
            title_en="Film",
            file=SimpleUploadedFile("film.mp4", mp4, "video/mp4"),
            licence=Licence.CC_BY_SA_4,
        )
    )
    tracks = {}
    for language, text in (("bg", "Здравей"), ("sr-latn", "Zdravo"), ("en", "Hello")):
        track = CaptionTrack(
            video=video,
            language=language,
            file=SimpleUploadedFile(f"film.{language}.vtt", f"WEBVTT\n\n00:00.000 --> 00:01.000\n{text}\n".encode()),
        )
        track.full_clean()
        track.save()
        tracks[language] = track
    with translation.override("en"):
        html = flat(client.get(video.get_absolute_url()).content.decode())
    assert '<video class="video-player" controls' in html
    assert f'<source src="{video.file.url}" type="video/mp4">' in html
    # One <track> per language, the page's own language the default.
    assert f'<track kind="captions" src="{tracks["en"].file.url}" srclang="en" label="English" default>' in html
    assert f'<track kind="captions" src="{tracks["bg"].file.url}" srclang="bg" label="Български">' in html
    assert f'<track kind="captions" src="{tracks["sr-latn"].file.url}" srclang="sr-Latn" label="Srpski">' in html
    with translation.override("bg"):
        html = flat(client.get(video.get_absolute_url()).content.decode())
    assert 'srclang="bg" label="Български" default>' in html
    assert 'srclang="en" label="English">' in html


def test_a_captions_track_is_checked_by_content_and_only_one_per_language():
    from django.core.exceptions import ValidationError

    mp4 = SimpleUploadedFile("ok.mp4", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 40)
    video = services.video_save(video=Video(album=AlbumFactory(), title_bg="Ф", title_sr="Ф", title_en="F", file=mp4))
    srt = SimpleUploadedFile("film.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nSRT, not WebVTT\n")
    with pytest.raises(ValidationError) as error:
        CaptionTrack(video=video, language="en", file=srt).full_clean()
    assert "file" in error.value.message_dict
    good = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n"
    CaptionTrack.objects.create(video=video, language="en", file=SimpleUploadedFile("a.vtt", good))
    with pytest.raises(ValidationError):
        CaptionTrack(video=video, language="en", file=SimpleUploadedFile("b.vtt", good)).full_clean()


@pytest.mark.parametrize(
    ("field", "data", "name"),
    [
        ("file", b"<html><body>not a video</body></html>", "film.mp4"),
    ],
)
def test_videos_and_captions_are_checked_by_content(field, data, name):
    from django.core.exceptions import ValidationError

    mp4 = SimpleUploadedFile("ok.mp4", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 40)
    files = {"file": mp4, field: SimpleUploadedFile(name, data)}
    video = Video(album=AlbumFactory(), title_bg="Ф", title_sr="Ф", title_en="F", **files)
    with pytest.raises(ValidationError) as error:
        services.video_save(video=video)
    assert field in error.value.message_dict
    assert Video.objects.count() == 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", ("youtube", "dQw4w9WgXcQ")),
        ("https://youtu.be/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://vimeo.com/76979871", ("vimeo", "76979871")),
        ("https://player.vimeo.com/video/76979871", ("vimeo", "76979871")),
        ("https://example.com/watch?v=dQw4w9WgXcQ", None),
        ("javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", None),
    ],
)
def test_video_addresses_are_parsed_into_provider_and_id(url, expected):
    from django.core.exceptions import ValidationError

    from media_library.validators import video_url_parse

    if expected is None:
        with pytest.raises(ValidationError):
            video_url_parse(url)
    else:
        assert video_url_parse(url) == expected


def test_albums_attached_to_any_object_show_on_its_page():
    """Any model can show albums: here a municipality stands in for an organisation or a sight."""
    municipality = MunicipalityFactory()
    first, second, hidden, unrelated = AlbumFactory(), AlbumFactory(), AlbumFactory(status="draft"), AlbumFactory()
    photo_make(first)
    for order, album in ((2, first), (1, second), (0, hidden)):
        AlbumAttachment.objects.create(album=album, content_object=municipality, order=order)
    AlbumAttachment.objects.create(album=unrelated, content_object=Direction.objects.get(slug="culture"))

    class MunicipalityPage(AttachedAlbumsMixin, DetailView):
        model = Municipality
        template_name = "media_library/includes/_attached_albums.html"

    request = RequestFactory().get("/en/")
    response = MunicipalityPage.as_view()(request, pk=municipality.pk)
    assert list(response.context_data["attached_albums"]) == [second, first]
    with translation.override("en"):
        html = render_to_string(
            "media_library/includes/_attached_albums.html", {"albums": response.context_data["attached_albums"]}
        )
    assert html.index(second.title_en) < html.index(first.title_en)
    assert hidden.title_en not in html and unrelated.title_en not in html
    assert "1 photo" in html


@pytest.mark.parametrize("rows", [1, 50])
def test_gallery_pages_use_a_fixed_number_of_queries(client, django_assert_max_num_queries, rows):
    """Query counts do not grow with the number of photos or albums."""
    album = AlbumFactory()
    photos = [photo_make(album) for _ in range(rows)]
    for _ in range(rows):
        photo_make(AlbumFactory(municipality=album.municipality))
    services.video_save(
        video=Video(album=album, title_bg="Ф", title_sr="Ф", title_en="F", external_url="https://vimeo.com/76979871")
    )
    with django_assert_max_num_queries(6):
        assert client.get("/en/gallery/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(f"/en/gallery/?municipality={album.municipality.slug}").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(album.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(photos[-1].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(album.videos.get().get_absolute_url()).status_code == 200


def test_sitemap_lists_the_gallery_and_its_albums(sitemap, demo_content):
    xml = sitemap()
    assert "<loc>http://testserver/en/gallery/</loc>" in xml
    assert "<loc>http://testserver/sr-latn/gallery/mediana-archaeological-site/</loc>" in xml


def test_the_video_admin_edits_one_captions_track_per_language(admin_client):
    mp4 = SimpleUploadedFile("ok.mp4", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 40)
    video = services.video_save(video=Video(album=AlbumFactory(), title_bg="Ф", title_sr="Ф", title_en="F", file=mp4))
    good = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n"
    CaptionTrack.objects.create(video=video, language="en", file=SimpleUploadedFile("a.vtt", good))
    page = admin_client.get(f"/admin/media_library/video/{video.pk}/change/").content.decode()
    assert 'name="caption_tracks-0-language"' in page and 'name="caption_tracks-0-file"' in page
    assert 'name="caption_tracks-MAX_NUM_FORMS" value="4"' in page
