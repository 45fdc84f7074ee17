"""Demo albums for both municipalities, with placeholder photos drawn here by Pillow.

No photo is downloaded: every image is a generated, clearly labelled
placeholder (a gradient with a few shapes and the sight's name), so demo
content never passes off a stand-in as a real view. Albums and sights come
from shared/data/domain-facts.json; texts are our own.
"""

import io
import random
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from core.models import Direction, Municipality, PublicationStatus
from media_library import services
from media_library.models import Album, AlbumAttachment, Licence
from tourism.models import Sight

CREDIT = "Most (placeholder)"

# The sight whose page shows each album: the one its cover photo shows, since a card on the
# home page takes that cover as the sight's picture.
ALBUM_SIGHTS = {
    "houses-of-the-national-revival": ["oslekov-house"],
    "bridges-and-churches-of-koprivshtitsa": ["kalachev-bridge"],
    "mediana-archaeological-site": ["mediana-archaeological-site"],
    "skull-tower-and-memorials": ["skull-tower"],
}

ALBUMS = [
    {
        "slug": "houses-of-the-national-revival",
        "municipality": "koprivshtitsa",
        "direction": Direction.Key.TOURISM,
        "date": date(2025, 6, 14),
        "colours": ((176, 92, 52), (240, 200, 150)),
        "title": {
            "bg": "Възрожденските къщи на Копривщица",
            "sr": "Препородне куће Копривштице",
            "en": "The National Revival houses of Koprivshtitsa",
        },
        "description": {
            "bg": "Къщи-музеи от средата на XIX век: Ослековата, Лютовата и родната къща на Тодор Каблешков.",
            "sr": "Куће-музеји из средине XIX века: Ослекова, Лютова и родна кућа Тодора Каблешкова.",
            "en": "House-museums from the mid-nineteenth century: the Oslekov, Lyutov and Todor Kableshkov houses.",
        },
        "photos": [
            (
                "Oslekov House",
                {
                    "bg": "Ослековата къща (1853–1856), фасада",
                    "sr": "Ослекова кућа (1853–1856), фасада",
                    "en": "The Oslekov House (1853–1856), front",
                },
            ),
            (
                "Lyutov House",
                {"bg": "Лютовата къща (1854)", "sr": "Лютова кућа (1854)", "en": "The Lyutov House (1854)"},
            ),
            (
                "Kableshkov House",
                {
                    "bg": "Къща-музей „Тодор Каблешков“ (1845)",
                    "sr": "Кућа-музеј „Тодор Каблешков“ (1845)",
                    "en": "The Todor Kableshkov House-Museum (1845)",
                },
            ),
            (
                "Benkovski House",
                {
                    "bg": "Къща-музей „Георги Бенковски“ (1831)",
                    "sr": "Кућа-музеј „Георги Бенковски“ (1831)",
                    "en": "The Georgi Benkovski House-Museum (1831)",
                },
            ),
        ],
    },
    {
        "slug": "bridges-and-churches-of-koprivshtitsa",
        "municipality": "koprivshtitsa",
        "direction": Direction.Key.CULTURE,
        "date": date(2025, 8, 2),
        "colours": ((40, 96, 70), (180, 220, 170)),
        "title": {
            "bg": "Мостове и църкви на Копривщица",
            "sr": "Мостови и цркве Копривштице",
            "en": "Bridges and churches of Koprivshtitsa",
        },
        "description": {
            "bg": "Калъчевият мост, където през 1876 г. е дадена първата пушка, и църквите „Успение Богородично“ и „Св. Николай“.",
            "sr": "Калъчев мост, где је 1876. опаљена прва пушка, и цркве Успења Богородице и Светог Николе.",
            "en": "The Kalachev Bridge, where the first shot of 1876 was fired, and the churches of the Dormition and of St Nicholas.",
        },
        "photos": [
            (
                "Kalachev Bridge",
                {
                    "bg": "Калъчевият мост (1813) над Тополница",
                    "sr": "Калъчев мост (1813) преко Тополнице",
                    "en": "The Kalachev Bridge (1813) over the Topolnitsa",
                },
            ),
            (
                "Church of the Dormition",
                {
                    "bg": "Църквата „Успение Богородично“ (1817)",
                    "sr": "Црква Успења Богородице (1817)",
                    "en": "The Church of the Dormition (1817)",
                },
            ),
            (
                "Church of St Nicholas",
                {"bg": "Църквата „Св. Николай“", "sr": "Црква Светог Николе", "en": "The Church of St Nicholas"},
            ),
        ],
    },
    {
        "slug": "mediana-archaeological-site",
        "municipality": "medijana",
        "direction": Direction.Key.TOURISM,
        "date": date(2025, 5, 20),
        "colours": ((120, 84, 40), (230, 210, 160)),
        "title": {
            "bg": "Археологическият обект Медиана",
            "sr": "Археолошки локалитет Медијана",
            "en": "The Mediana archaeological site",
        },
        "description": {
            "bg": "Императорската вила от края на III и началото на IV век край Ниш.",
            "sr": "Царска вила из краја III и почетка IV века код Ниша.",
            "en": "The imperial villa of the late third and early fourth century near Niš.",
        },
        "photos": [
            (
                "Mediana: villa",
                {
                    "bg": "Медиана: останки от перистилната вила",
                    "sr": "Медијана: остаци виле са перистилом",
                    "en": "Mediana: remains of the peristyle villa",
                },
            ),
            (
                "Mediana: mosaics",
                {"bg": "Медиана: подови мозайки", "sr": "Медијана: подни мозаици", "en": "Mediana: floor mosaics"},
            ),
        ],
    },
    {
        "slug": "skull-tower-and-memorials",
        "municipality": "medijana",
        "direction": Direction.Key.CULTURE,
        "date": date(2025, 9, 10),
        "colours": ((60, 60, 110), (190, 190, 230)),
        "title": {
            "bg": "Челе кула и мемориалите на Ниш",
            "sr": "Ћеле кула и спомен-обележја Ниша",
            "en": "The Skull Tower and memorials of Niš",
        },
        "description": {
            "bg": "Челе кула (1809) и Мемориалният парк Бубан (1963).",
            "sr": "Ћеле кула (1809) и Спомен парк Бубањ (1963).",
            "en": "The Skull Tower (1809) and the Bubanj Memorial Park (1963).",
        },
        "photos": [
            (
                "Skull Tower",
                {
                    "bg": "Параклисът над Челе кула",
                    "sr": "Капела над Ћеле кулом",
                    "en": "The chapel over the Skull Tower",
                },
            ),
            (
                "Bubanj Memorial Park",
                {"bg": "Паметникът в парк Бубан", "sr": "Споменик у парку Бубањ", "en": "The monument in Bubanj park"},
            ),
        ],
    },
]

PLACEHOLDER_NOTE = {"bg": " (примерно изображение)", "sr": " (пример слике)", "en": " (placeholder image)"}


def placeholder_jpeg(label: str, colours, seed: int, size=(720, 480)) -> bytes:
    """A labelled placeholder: a vertical gradient, some hills and a sun, the words PLACEHOLDER and ``label``."""
    top, bottom = colours
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), gradient)
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)  # noqa: S311 (shapes, not secrets)
    width, height = size
    draw.ellipse([width * 0.7, height * 0.1, width * 0.85, height * 0.1 + width * 0.15], fill=(250, 230, 160))
    for layer in range(3):
        shade = tuple(max(0, c - 40 * (layer + 1)) for c in top)
        base = height * (0.55 + 0.12 * layer)
        points = (
            [(0, height)] + [(x, base - rng.randint(0, 120)) for x in range(0, width + 150, 150)] + [(width, height)]
        )
        draw.polygon(points, fill=shade)
    # The label sits in the middle, so that square and 3:2 thumbnails still show it.
    font = ImageFont.load_default(size=56)
    small = ImageFont.load_default(size=36)
    box_top = height // 2 - 80
    draw.rectangle([40, box_top, width - 40, box_top + 160], fill=(255, 255, 255))
    for text, typeface, y, colour in (
        ("PLACEHOLDER", font, box_top + 15, (160, 30, 20)),
        (label, small, box_top + 95, (20, 20, 20)),
    ):
        draw.text(((width - draw.textlength(text, font=typeface)) / 2, y), text, font=typeface, fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def load(stdout) -> None:
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    directions = {d.slug: d for d in Direction.objects.all()}
    photos = 0
    for order, data in enumerate(ALBUMS, start=1):
        album, _ = Album.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "municipality": municipalities[data["municipality"]],
                "direction": directions.get(data["direction"]),
                "date": data["date"],
                "order": order,
                "status": PublicationStatus.PUBLISHED,
                **{f"title_{language}": text for language, text in data["title"].items()},
                **{f"description_{language}": text for language, text in data["description"].items()},
            },
        )
        for order_on_page, sight in enumerate(Sight.objects.filter(slug__in=ALBUM_SIGHTS.get(data["slug"], ()))):
            AlbumAttachment.objects.get_or_create(
                album=album,
                content_type=ContentType.objects.get_for_model(Sight),
                object_id=sight.pk,
                defaults={"order": order_on_page},
            )
        if album.photos.exists():
            continue
        for number, (label, alt_text) in enumerate(data["photos"]):
            services.photo_create(
                album=album,
                upload=SimpleUploadedFile(
                    f"{data['slug']}-{number}.jpg", placeholder_jpeg(label, data["colours"], number)
                ),
                alt_text={language: text + PLACEHOLDER_NOTE[language] for language, text in alt_text.items()},
                caption=alt_text,
                credit=CREDIT,
                licence=Licence.CC0,
                taken_on=data["date"],
            )
            photos += 1
    stdout.write(f"Media library: {len(ALBUMS)} albums, {photos} placeholder photos added.")
