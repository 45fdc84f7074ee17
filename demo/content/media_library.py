"""Demo albums for both municipalities and every sight, with illustrations drawn at load time.

No photo is downloaded and no picture has words painted in: every image is a flat
illustration (demo/content/illustrations.py) whose alt text, caption and credit say what
it shows and that it is drawn, so demo content never passes off a stand-in as a real view.
Each sight gets an album of three views, attached to its page; two albums of life in both
places are long enough to page through. Albums and sights come from
shared/data/domain-facts.json; texts are our own.
"""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import Direction, Municipality, PublicationStatus
from demo.content.illustrations import clip_mp4, clip_poster_jpeg, scene_jpeg
from media_library import services
from media_library.models import Album, AlbumAttachment, CaptionTrack, Licence, Video
from tourism.models import Sight, SightCategory

ALBUMS = [
    {
        "slug": "houses-of-the-national-revival",
        "municipality": "koprivshtitsa",
        "direction": Direction.Key.TOURISM,
        "date": date(2025, 6, 14),
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

# What each picture of the albums above shows, as drawn: (scene, palette) by its English label.
LABEL_SCENES = {
    "Oslekov House": ("houses", "revival"),
    "Lyutov House": ("houses", "blue-house"),
    "Kableshkov House": ("street", "ochre"),
    "Benkovski House": ("houses", "brick"),
    "Kalachev Bridge": ("bridge", "stone"),
    "Church of the Dormition": ("church", "revival"),
    "Church of St Nicholas": ("church", "ochre"),
    "Mediana: villa": ("ruins", "stone"),
    "Mediana: mosaics": ("ruins", "ochre"),
    "Skull Tower": ("tower", "revival"),
    "Bubanj Memorial Park": ("monument", "stone"),
}
CREDIT = "Illustration drawn for the Most demo (not a photograph)"
ILLUSTRATION = {"bg": "Илюстрация", "sr": "Илустрација", "en": "Illustration"}
ILLUSTRATION_NOTE = {"bg": " (илюстрация)", "sr": " (илустрација)", "en": " (illustration)"}

# A sight's album: three views of it, drawn in the scene its category calls for.
SIGHT_VIEWS = [
    ({"bg": "{name}", "sr": "{name}", "en": "{name}"}, None, 0),
    ({"bg": "{name} привечер", "sr": "{name} у сумрак", "en": "{name} at dusk"}, "dusk", 1),
    ({"bg": "{name} през зимата", "sr": "{name} зими", "en": "{name} in winter"}, "winter", 2),
]
CATEGORY_SCENES = {
    SightCategory.HOUSE_MUSEUM: ("houses", "revival"),
    SightCategory.MONUMENT: ("monument", "stone"),
    SightCategory.MEMORIAL: ("monument", "stone"),
    SightCategory.CHURCH: ("church", "ochre"),
    SightCategory.HISTORIC_BUILDING: ("houses", "ochre"),
    SightCategory.HISTORIC_SITE: ("street", "revival"),
    SightCategory.NATURE: ("meadow", "meadow"),
    SightCategory.ARCHAEOLOGICAL_SITE: ("ruins", "stone"),
    SightCategory.VENUE: ("theatre", "ochre"),
    SightCategory.FORTRESS: ("fortress", "stone"),
}
SLUG_SCENES = {
    "kalachev-bridge": ("bridge", "stone"),
    "skull-tower": ("tower", "revival"),
    "bubanj-memorial-park": ("park", "meadow"),
    "lyutov-house": ("houses", "blue-house"),
    "todor-kableshkov-house-museum": ("street", "ochre"),
    "georgi-benkovski-house-museum": ("houses", "brick"),
}

# Two albums of life in both places, long enough to page through photo by photo.
SEASONS = [
    ("houses", "winter", {"bg": "Снежна утрин", "sr": "Снежно јутро", "en": "A snowy morning"}),
    ("street", "revival", {"bg": "Пролет по калдъръма", "sr": "Пролеће на калдрми", "en": "Spring on the cobbles"}),
    ("meadow", "meadow", {"bg": "Летен събор", "sr": "Летњи сабор", "en": "A summer gathering"}),
    ("park", "meadow", {"bg": "Разходка в парка", "sr": "Шетња парком", "en": "A walk in the park"}),
    ("church", "dusk", {"bg": "Вечерня", "sr": "Вечерње", "en": "Vespers"}),
    ("bridge", "revival", {"bg": "Мост над реката", "sr": "Мост преко реке", "en": "A bridge over the river"}),
    ("houses", "ochre", {"bg": "Есен в махалата", "sr": "Јесен у махали", "en": "Autumn in the quarter"}),
    ("street", "dusk", {"bg": "Улицата привечер", "sr": "Улица у сумрак", "en": "The street at dusk"}),
    ("fortress", "revival", {"bg": "Стените на крепостта", "sr": "Бедеми тврђаве", "en": "The fortress walls"}),
    ("theatre", "dusk", {"bg": "Преди представлението", "sr": "Пре представе", "en": "Before the performance"}),
    ("meadow", "dusk", {"bg": "Музика до късно", "sr": "Музика до касно", "en": "Music until late"}),
    ("houses", "blue-house", {"bg": "Сини къщи", "sr": "Плаве куће", "en": "Blue houses"}),
]  # fmt: skip
LIFE_ALBUMS = [
    {
        "slug": "a-year-in-koprivshtitsa",
        "municipality": "koprivshtitsa",
        "direction": Direction.Key.CULTURE,
        "date": date(2025, 12, 1),
        "offset": 0,
        "title": {"bg": "Една година в Копривщица", "sr": "Година у Копривштици", "en": "A year in Koprivshtitsa"},
        "description": {
            "bg": "Дванадесет илюстрации на града през сезоните.",
            "sr": "Дванаест илустрација града кроз годишња доба.",
            "en": "Twelve illustrations of the town through the seasons.",
        },
    },
    {
        "slug": "a-year-in-medijana",
        "municipality": "medijana",
        "direction": Direction.Key.CULTURE,
        "date": date(2025, 12, 1),
        "offset": 5,
        "title": {"bg": "Една година в Медиана", "sr": "Година на Медијани", "en": "A year in Medijana"},
        "description": {
            "bg": "Дванадесет илюстрации на Ниш и Медиана през сезоните.",
            "sr": "Дванаест илустрација Ниша и Медијане кроз годишња доба.",
            "en": "Twelve illustrations of Niš and Medijana through the seasons.",
        },
    },
]


# The self-hosted clip's captions: one WebVTT track per language of the portal.
CLIP_CUES = [
    ("00:00.000 --> 00:03.000", {
        "bg": "Улица с възрожденски къщи в Копривщица (илюстрация)",
        "sr": "Улица са препородним кућама у Копривштици (илустрација)",
        "sr-latn": "Ulica sa preporodnim kućama u Koprivštici (ilustracija)",
        "en": "A street of Revival houses in Koprivshtitsa (illustration)",
    }),
    ("00:03.000 --> 00:06.000", {
        "bg": "Сцена и знамена на поляната Войводенец",
        "sr": "Бина и заставе на ливади Војводенец",
        "sr-latn": "Bina i zastave na livadi Vojvodenec",
        "en": "A stage and flags on the Voyvodenets meadows",
    }),
]  # fmt: skip


def clip_captions(language: str) -> str:
    """The clip's WebVTT file in one language."""
    cues = "\n".join(f"{timing}\n{texts[language]}\n" for timing, texts in CLIP_CUES)
    return f"WEBVTT\n\n{cues}"


CLIP = {
    "title": {"bg": "От улицата до поляната (анимирана илюстрация)", "sr": "Од улице до ливаде (анимирана илустрација)", "en": "From the street to the meadow (animated illustration)"},
    "description": {
        "bg": "Шест секунди без звук, с надписи на четирите езика на портала.",
        "sr": "Шест секунди без звука, са титловима на четири језика портала.",
        "en": "Six seconds without sound, captioned in the portal's four languages.",
    },
}  # fmt: skip
# Two click-to-load players: the providers' own published embed demos, not films of the
# municipalities, and their titles say so.
EMBEDS = [
    ("https://www.youtube.com/watch?v=M7lc1UVf-VE", {"bg": "Пример за вграден видеоклип (YouTube)", "sr": "Пример уграђеног видеа (YouTube)", "en": "Example of an embedded video (YouTube)"}),
    ("https://vimeo.com/76979871", {"bg": "Пример за вграден видеоклип (Vimeo)", "sr": "Пример уграђеног видеа (Vimeo)", "en": "Example of an embedded video (Vimeo)"}),
]  # fmt: skip
EMBED_DESCRIPTION = {
    "bg": "Плейърът се зарежда едва след щракване; клипът е демонстрация на доставчика, а не филм за общината.",
    "sr": "Плејер се учитава тек после клика; снимак је демонстрација добављача, а не филм о општини.",
    "en": "The player loads only after you click; the clip is the provider's demo, not a film of the municipality.",
}


def load_videos(album: Album) -> int:
    """One self-hosted clip with a poster and captions, and two click-to-load embeds, once."""
    if album.videos.exists():
        return 0
    clip = Video(
        album=album,
        file=SimpleUploadedFile("koprivshtitsa-street-to-meadow.mp4", clip_mp4(), content_type="video/mp4"),
        credit=CREDIT,
        licence=Licence.CC0,
        order=1,
        **_translated("title", CLIP["title"]),
        **_translated("description", CLIP["description"]),
    )
    services.video_save(video=clip, poster=SimpleUploadedFile("poster.jpg", clip_poster_jpeg()))
    for language in CaptionTrack.Language.values:
        track = CaptionTrack(
            video=clip,
            language=language,
            file=SimpleUploadedFile(f"koprivshtitsa-street-to-meadow.{language}.vtt", clip_captions(language).encode()),
        )
        track.full_clean()  # the one captions check (validate_webvtt), as in the admin
        track.save()
    for order, (url, title) in enumerate(EMBEDS, start=2):
        video = Video(album=album, external_url=url, order=order, **_translated("title", title))
        video.description_bg, video.description_sr, video.description_en = (
            EMBED_DESCRIPTION[language] for language in ("bg", "sr", "en")
        )
        services.video_save(video=video)
    return 1 + len(EMBEDS)


def _illustration(album: Album, name: str, kind: str, palette: str, seed: int, what: dict, taken_on) -> None:
    """Add one drawn picture to ``album``; alt text and caption say what it shows and that it is drawn."""
    services.photo_create(
        album=album,
        upload=SimpleUploadedFile(name, scene_jpeg(kind, palette, seed)),
        alt_text={language: f"{ILLUSTRATION[language]}: {text}" for language, text in what.items()},
        caption={language: text + ILLUSTRATION_NOTE[language] for language, text in what.items()},
        credit=CREDIT,
        licence=Licence.CC0,
        taken_on=taken_on,
    )


def _album(slug: str, order: int, **fields) -> tuple[Album, bool]:
    """The album with this slug, updated; and whether it still needs its pictures."""
    album, _ = Album.objects.update_or_create(slug=slug, defaults={"order": order, **album_published(), **fields})
    return album, not album.photos.exists()


def album_published() -> dict:
    """The publication fields of a demo album (one place, for when publication fields change)."""
    return {"status": PublicationStatus.PUBLISHED}


def _translated(field: str, values: dict) -> dict:
    return {f"{field}_{language}": text for language, text in values.items()}


def load(stdout) -> None:
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    directions = {d.slug: d for d in Direction.objects.all()}
    photos = 0
    order = 0
    for data in ALBUMS:
        order += 1
        album, empty = _album(
            data["slug"], order, municipality=municipalities[data["municipality"]],
            direction=directions.get(data["direction"]), date=data["date"],
            **_translated("title", data["title"]), **_translated("description", data["description"]),
        )  # fmt: skip
        for number, (label, what) in enumerate(data["photos"] if empty else []):
            kind, palette = LABEL_SCENES[label]
            _illustration(album, f"{data['slug']}-{number}.jpg", kind, palette, number, what, data["date"])
            photos += 1
    for data in LIFE_ALBUMS:
        order += 1
        album, empty = _album(
            data["slug"], order, municipality=municipalities[data["municipality"]],
            direction=directions.get(data["direction"]), date=data["date"],
            **_translated("title", data["title"]), **_translated("description", data["description"]),
        )  # fmt: skip
        for number in range(len(SEASONS) if empty else 0):
            kind, palette, what = SEASONS[(number + data["offset"]) % len(SEASONS)]
            _illustration(album, f"{data['slug']}-{number}.jpg", kind, palette, number + 10, what, data["date"])
            photos += 1
    videos = load_videos(Album.objects.get(slug=LIFE_ALBUMS[0]["slug"]))
    sight_type = ContentType.objects.get_for_model(Sight)
    for sight in Sight.objects.published().select_related("municipality").order_by("municipality__order", "pk"):
        order += 1
        names = {language: getattr(sight, f"name_{language}") for language in ("bg", "sr", "en")}
        album, empty = _album(
            f"sight-{sight.slug}"[:100], order, municipality=sight.municipality,
            direction=directions.get(Direction.Key.TOURISM), date=date(2025, 9, 1),
            **_translated("title", names),
            **_translated("description", {language: f"{ILLUSTRATION[language]}: {name}" for language, name in names.items()}),
        )  # fmt: skip
        AlbumAttachment.objects.get_or_create(album=album, content_type=sight_type, object_id=sight.pk)
        kind, base_palette = SLUG_SCENES.get(sight.slug) or CATEGORY_SCENES.get(sight.category, ("street", "revival"))
        for number, (templates, palette, seed) in enumerate(SIGHT_VIEWS if empty else []):
            what = {language: text.format(name=names[language]) for language, text in templates.items()}
            _illustration(album, f"{sight.slug}-{number}.jpg", kind, palette or base_palette, seed, what, None)
            photos += 1
    stdout.write(f"Media library: {order} albums, {photos} illustrations drawn, {videos} videos.")
