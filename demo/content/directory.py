"""Demo content for the directory.

Two parts:

- Real institutions of both municipalities, from shared/data/domain-facts.json:
  names, founding years, addresses, coordinates and websites only where the
  sources give them (nothing invented), with our own descriptions in
  Bulgarian, Serbian Cyrillic and English.
- Synthetic SMEs (``load_demo_content --smes N``), so that a newcomer sees the
  directory at the size the original platform had (7,158 SMEs). They are
  flagged ``is_demo`` and say so on their pages; names, sectors, addresses and
  numbers are made up, but identifiers have valid check digits and phone
  numbers are valid for their country. They are written with bulk_create in
  batches: thousands load in seconds.
"""

import random
from decimal import Decimal

from django.utils.text import slugify

from core.models import Country, Direction, Municipality
from core.transliteration import BULGARIAN, to_latin
from directory import identifiers
from directory.models import Kind, LegalForm, Organisation, SizeClass, Status
from directory.nace import NaceRevision, division_section
from directory.services import organisation_create, organisation_update

# English names of Bulgarian firms use the official Streamlined System (Каблешков → Kableshkov).
BULGARIAN_LATIN = str.maketrans(BULGARIAN)
BUSINESS = Direction.Key.BUSINESS
CULTURE = Direction.Key.CULTURE
TOURISM = Direction.Key.TOURISM
ADMINISTRATION = Direction.Key.ADMINISTRATION

REAL_ORGANISATIONS = [
    {
        "slug": "chitalishte-hadzhi-nencho-palaveev-1869",
        "municipality": "koprivshtitsa",
        "kind": Kind.COMMUNITY_CENTRE,
        "legal_form": LegalForm.BG_CHITALISHTE,
        "directions": [CULTURE, ADMINISTRATION],
        "name": {
            "bg": "Народно читалище „Хаджи Ненчо Палавеев – 1869“",
            "sr": "Народно читалиште „Хаџи Ненчо Палавеев – 1869“",
            "en": "Hadzhi Nencho Palaveev Community Centre (chitalishte), est. 1869",
        },
        "description": {
            "bg": "Читалището на Копривщица е основано през 1869 г. То организира местни фестивали, сред които „Зимна приказка в Копривщица“, и е водещ партньор в проекта за трансгранично сътрудничество между Копривщица и Сурдулица.",
            "sr": "Читалиште Копривштице основано је 1869. године. Организује локалне фестивале, међу њима „Зимску бајку у Копривштици“, и водећи је партнер пројекта прекограничне сарадње Копривштице и Сурдулице.",
            "en": "Koprivshtitsa's community centre was founded in 1869. It organises local festivals, among them the Winter Fairy Tale in Koprivshtitsa, and led the cross-border cooperation project of Koprivshtitsa and Surdulica.",
        },
        "founded_year": 1869,
        "settlement": {"bg": "Копривщица", "sr": "Копривштица", "en": "Koprivshtitsa"},
        "postal_code": "2077",
    },
    {
        "slug": "directorate-of-museums-koprivshtitsa",
        "municipality": "koprivshtitsa",
        "kind": Kind.MUSEUM,
        "legal_form": LegalForm.PUBLIC_INSTITUTION,
        "directions": [CULTURE, TOURISM],
        "name": {
            "bg": "Дирекция на музеите – Копривщица",
            "sr": "Дирекција музеја – Копривштица",
            "en": "Directorate of Museums, Koprivshtitsa",
        },
        "description": {
            "bg": "Дирекцията стопанисва къщите-музеи на града: Ослековата, Лютовата, Каблешковата, Каравеловата, Бенковската и Дебеляновата къща.",
            "sr": "Дирекција управља градским кућама-музејима: Ослековом, Лутовом, Каблешковом, Каравеловом, Бенковском и Дебеляновом кућом.",
            "en": "The directorate runs the town's house-museums: the Oslekov, Lyutov, Kableshkov, Karavelov, Benkovski and Debelyanov houses.",
        },
        "settlement": {"bg": "Копривщица", "sr": "Копривштица", "en": "Koprivshtitsa"},
        "postal_code": "2077",
    },
    {
        "slug": "lyuben-karavelov-secondary-school",
        "municipality": "koprivshtitsa",
        "kind": Kind.SCHOOL,
        "legal_form": LegalForm.PUBLIC_INSTITUTION,
        "directions": [ADMINISTRATION],
        "name": {
            "bg": "СУ „Любен Каравелов“",
            "sr": "Средња школа „Љубен Каравелов“",
            "en": "Lyuben Karavelov Secondary School",
        },
        "description": {
            "bg": "Средното училище на Копривщица. В неговия салон през 1965 г. се провежда програмата на закрито на първия Национален събор на народното творчество.",
            "sr": "Средња школа Копривштице. У њеној сали 1965. године одржан је програм у затвореном првог Националног сабора народног стваралаштва.",
            "en": "Koprivshtitsa's secondary school. Its hall hosted the indoor programme of the first National Folklore Festival in 1965.",
        },
        "settlement": {"bg": "Копривщица", "sr": "Копривштица", "en": "Koprivshtitsa"},
        "postal_code": "2077",
    },
    {
        "slug": "koprivshtitsa-municipal-administration",
        "municipality": "koprivshtitsa",
        "kind": Kind.PUBLIC_AUTHORITY,
        "legal_form": LegalForm.PUBLIC_INSTITUTION,
        "directions": [ADMINISTRATION],
        "name": {
            "bg": "Общинска администрация Копривщица",
            "sr": "Општинска управа Копривштица",
            "en": "Koprivshtitsa Municipal Administration",
        },
        "description": {
            "bg": "Администрацията на Община Копривщица: услуги за гражданите и фирмите, местни данъци, документи и европейски проекти.",
            "sr": "Управа Општине Копривштица: услуге за грађане и предузећа, локални порези, документи и европски пројекти.",
            "en": "The administration of Koprivshtitsa Municipality: services for residents and businesses, local taxes, documents and EU projects.",
        },
        "settlement": {"bg": "Копривщица", "sr": "Копривштица", "en": "Koprivshtitsa"},
        "postal_code": "2077",
        "website": "https://koprivshtitsa-bg.com",
    },
    {
        "slug": "national-theatre-nis",
        "municipality": "medijana",
        "kind": Kind.THEATRE,
        "legal_form": LegalForm.PUBLIC_INSTITUTION,
        "directions": [CULTURE, TOURISM],
        "name": {"bg": "Национален театър, Ниш", "sr": "Народно позориште у Нишу", "en": "National Theatre in Niš"},
        "description": {
            "bg": "Театърът на Синджелическия площад отваря врати на 11 март 1887 г. под името „Синджелич“ и оттогава е централната драматична сцена на Ниш.",
            "sr": "Позориште на Синђелићевом тргу отворено је 11. марта 1887. под именом „Синђелић“ и од тада је средишња драмска сцена Ниша.",
            "en": "The theatre on Sinđelić Square opened on 11 March 1887 as the Sinđelić theatre and has been the main drama stage of Niš ever since.",
        },
        "founded_year": 1887,
        "street_address": {"sr": "Синђелићев трг", "en": "Sinđelićev trg"},
        "settlement": {"bg": "Ниш", "sr": "Ниш", "en": "Niš"},
        "latitude": Decimal("43.32050"),
        "longitude": Decimal("21.90000"),
    },
    {
        "slug": "national-museum-nis",
        "municipality": "medijana",
        "kind": Kind.MUSEUM,
        "legal_form": LegalForm.PUBLIC_INSTITUTION,
        "directions": [CULTURE, TOURISM],
        "name": {"bg": "Народен музей – Ниш", "sr": "Народни музеј Ниш", "en": "National Museum Niš"},
        "description": {
            "bg": "Основан през 1933 г., музеят пази около 50 000 предмета в археологическа, етнографска, историческа и художествена сбирка. Стопанисва Медиана, Челе кула, лагера „Червен кръст“, Синагогата и галерия.",
            "sr": "Основан 1933. године, музеј чува око 50.000 предмета у археолошкој, етнографској, историјској и уметничкој збирци. Управља Медијаном, Ћеле кулом, логором „Црвени крст“, Синагогом и галеријом.",
            "en": "Founded in 1933, the museum keeps about 50,000 objects in its archaeological, ethnographic, historical and art collections. It also runs Mediana, the Skull Tower, the Crveni Krst camp, the Synagogue and a gallery.",
        },
        "founded_year": 1933,
        "street_address": {"sr": "Генерала Милојка Лешјанина 14", "en": "Generala Milojka Lešjanina 14"},
        "settlement": {"bg": "Ниш", "sr": "Ниш", "en": "Niš"},
        "postal_code": "18000",
    },
    {
        "slug": "stevan-sremac-national-library-nis",
        "municipality": "medijana",
        "kind": Kind.LIBRARY,
        "legal_form": LegalForm.PUBLIC_INSTITUTION,
        "directions": [CULTURE],
        "name": {
            "bg": "Народна библиотека „Стеван Сремац“ – Ниш",
            "sr": "Народна библиотека „Стеван Сремац“",
            "en": "Stevan Sremac National Library, Niš",
        },
        "description": {
            "bg": "Обществената библиотека на Ниш, една от културните институции на територията на Медиана.",
            "sr": "Јавна библиотека Ниша, једна од културних установа на територији Медијане.",
            "en": "The public library of Niš, one of the cultural institutions on the territory of Medijana.",
        },
        "settlement": {"bg": "Ниш", "sr": "Ниш", "en": "Niš"},
    },
    {
        "slug": "nis-puppet-theatre",
        "municipality": "medijana",
        "kind": Kind.THEATRE,
        "legal_form": LegalForm.PUBLIC_INSTITUTION,
        "directions": [CULTURE],
        "name": {"bg": "Куклен театър – Ниш", "sr": "Позориште лутака Ниш", "en": "Niš Puppet Theatre"},
        "description": {
            "bg": "Кукленият театър на Ниш, една от културните институции на територията на Медиана.",
            "sr": "Позориште лутака у Нишу, једна од културних установа на територији Медијане.",
            "en": "The puppet theatre of Niš, one of the cultural institutions on the territory of Medijana.",
        },
        "settlement": {"bg": "Ниш", "sr": "Ниш", "en": "Niš"},
    },
    {
        "slug": "city-municipality-of-medijana",
        "municipality": "medijana",
        "kind": Kind.PUBLIC_AUTHORITY,
        "legal_form": LegalForm.PUBLIC_INSTITUTION,
        "directions": [ADMINISTRATION],
        "name": {
            "bg": "Градска община Медиана",
            "sr": "Градска општина Медијана",
            "en": "City Municipality of Medijana",
        },
        "description": {
            "bg": "Органите на Градска община Медиана: услуги за гражданите, местна общност, култура и европейски проекти.",
            "sr": "Органи Градске општине Медијана: услуге грађанима, месна заједница, култура и европски пројекти.",
            "en": "The bodies of the City Municipality of Medijana: services for residents, local community, culture and EU projects.",
        },
        "settlement": {"bg": "Ниш", "sr": "Ниш", "en": "Niš"},
        "website": "https://medijana.rs",
    },
]

# --- Synthetic SMEs ---------------------------------------------------------

# (bg, sr, en, NACE Rev. 2 division, kind, extra directions)
TRADES = [
    ("Пекарна", "Пекара", "Bakery", "10", Kind.COMPANY, []),
    ("Мелница", "Млин", "Mill", "10", Kind.COMPANY, []),
    ("Мандра", "Млекара", "Dairy", "10", Kind.COMPANY, []),
    ("Винарна", "Винарија", "Winery", "11", Kind.COMPANY, [TOURISM]),
    ("Шивашка работилница", "Кројачка радионица", "Tailoring workshop", "14", Kind.COMPANY, []),
    ("Дърводелска работилница", "Столарска радионица", "Carpentry workshop", "16", Kind.COMPANY, []),
    ("Печатница", "Штампарија", "Printing house", "18", Kind.COMPANY, []),
    ("Металообработване", "Обрада метала", "Metalwork", "25", Kind.COMPANY, []),
    ("Мебели", "Намештај", "Furniture", "31", Kind.COMPANY, []),
    ("Занаятчийска работилница", "Занатска радионица", "Craft workshop", "32", Kind.COMPANY, [CULTURE]),
    ("Строителство", "Градња", "Construction", "41", Kind.COMPANY, []),
    ("Електроуслуги", "Електро услуге", "Electrical services", "43", Kind.COMPANY, []),
    ("Автосервиз", "Ауто-сервис", "Car service", "45", Kind.COMPANY, []),
    ("Магазин", "Продавница", "Shop", "47", Kind.COMPANY, []),
    ("Аптека", "Апотека", "Pharmacy", "47", Kind.COMPANY, []),
    ("Транспорт", "Превоз", "Transport", "49", Kind.COMPANY, []),
    ("Къща за гости", "Кућа за госте", "Guest house", "55", Kind.ACCOMMODATION, [TOURISM]),
    ("Механа", "Кафана", "Tavern", "56", Kind.FOOD_SERVICE, [TOURISM]),
    ("Софтуер", "Софтвер", "Software", "62", Kind.COMPANY, []),
    ("Недвижими имоти", "Некретнине", "Real estate", "68", Kind.COMPANY, []),
    ("Счетоводна кантора", "Књиговодствена агенција", "Accounting office", "69", Kind.COMPANY, []),
    ("Консултантска фирма", "Консултантска фирма", "Consultancy", "70", Kind.COMPANY, []),
    ("Архитектурно студио", "Архитектонски студио", "Architecture studio", "71", Kind.COMPANY, []),
    ("Фотостудио", "Фото студио", "Photo studio", "74", Kind.COMPANY, [CULTURE]),
    ("Туристическа агенция", "Туристичка агенција", "Travel agency", "79", Kind.COMPANY, [TOURISM]),
    ("Почистване", "Чишћење", "Cleaning services", "81", Kind.COMPANY, []),
    ("Езикова школа", "Школа страних језика", "Language school", "85", Kind.COMPANY, []),
    ("Дентален кабинет", "Стоматолошка ординација", "Dental practice", "86", Kind.COMPANY, []),
    ("Фризьорски салон", "Фризерски салон", "Hair salon", "96", Kind.COMPANY, []),
    ("Пчелна ферма", "Пчелињак", "Apiary", "01", Kind.COMPANY, []),
]

BRANDS_BG = [
    "Средна гора", "Тополница", "Възраждане", "Балкан", "Богдан", "Войводенец", "Бяла река", "Калъчев мост",
    "Палавееви", "Априлци", "Златица", "Еделвайс", "Росица", "Света Богородица", "Лъвчето", "Мост",
]  # fmt: skip
BRANDS_SR = [
    "Нишава", "Медијана", "Наисус", "Тврђава", "Синђелић", "Морава", "Сува планина", "Брзи Брод",
    "Чегар", "Јужни ветар", "Константин", "Ћеле кула", "Бубањ", "Видовдан", "Липа", "Мост",
]  # fmt: skip
PEOPLE_BG = [
    "Иван Петров", "Мария Тодорова", "Георги Каблешков", "Елена Димитрова", "Стоян Николов",
    "Десислава Георгиева", "Петко Ценов", "Надежда Иванова",
]  # fmt: skip
PEOPLE_SR = ["Марко Јовић", "Јелена Петровић", "Никола Ђорђевић", "Ана Стојановић", "Милош Илић", "Ивана Ђурић"]

LEGAL_FORMS_BG = [("ООД", "OOD", LegalForm.BG_LIMITED, 45), ("ЕООД", "EOOD", LegalForm.BG_SINGLE_MEMBER_LIMITED, 30),
                  ("ЕТ", "ET", LegalForm.BG_SOLE_TRADER, 20), ("АД", "AD", LegalForm.BG_JOINT_STOCK, 5)]  # fmt: skip
LEGAL_FORMS_RS = [("д.о.о.", "d.o.o.", LegalForm.RS_LIMITED, 55), ("ПР", "PR", LegalForm.RS_ENTREPRENEUR, 40),
                  ("а.д.", "a.d.", LegalForm.RS_JOINT_STOCK, 5)]  # fmt: skip
SIZE_WEIGHTS = [(SizeClass.MICRO, 85), (SizeClass.SMALL, 11), (SizeClass.MEDIUM, 3), (SizeClass.LARGE, 1)]

PLACES = {
    Country.BULGARIA: {
        "settlements": [({"bg": "Копривщица", "sr": "Копривштица", "en": "Koprivshtitsa"}, "2077")],
        "in": {"bg": "в Копривщица", "sr": "у Копривштици", "en": "in Koprivshtitsa"},
        "streets": [
            {"bg": "ул. „Тодор Каблешков“", "sr": "ул. „Тодор Каблешков“", "en": "Todor Kableshkov St"},
            {"bg": "ул. „Георги Бенковски“", "sr": "ул. „Георги Бенковски“", "en": "Georgi Benkovski St"},
            {
                "bg": "бул. „Хаджи Ненчо Палавеев“",
                "sr": "бул. „Хаџи Ненчо Палавеев“",
                "en": "Hadzhi Nencho Palaveev Blvd",
            },
            {"bg": "ул. „Никола Беловеждов“", "sr": "ул. „Никола Беловеждов“", "en": "Nikola Belovezhdov St"},
        ],
        "centre": (42.633, 24.350, 0.004),
        "landline": "+3597184",
        "local_numbers": (2000, 2999),
        "mobiles": ["+35987", "+35988", "+35989"],
        "languages": ["bg"],
        "other_languages": ["en", "ru", "de", "sr"],
        "partner_country": {"bg": "Сърбия", "sr": "Србији", "en": "Serbia"},
    },
    Country.SERBIA: {
        "settlements": [
            ({"bg": "Ниш", "sr": "Ниш", "en": "Niš"}, "18000"),
            ({"bg": "Бърз Брод", "sr": "Брзи Брод", "en": "Brzi Brod"}, "18000"),
        ],
        "in": {"bg": "в Ниш", "sr": "у Нишу", "en": "in Niš"},
        "streets": [
            {"sr": "Булевар Немањића", "en": "Bulevar Nemanjića"},
            {"sr": "Обреновићева", "en": "Obrenovićeva"},
            {"sr": "Вожда Карађорђа", "en": "Vožda Karađorđa"},
            {"sr": "Париске комуне", "en": "Pariske komune"},
            {"sr": "Генерала Милојка Лешјанина", "en": "Generala Milojka Lešjanina"},
        ],
        "centre": (43.317, 21.900, 0.012),
        "landline": "+38118",
        "local_numbers": (200000, 599999),
        "mobiles": ["+38163", "+38164", "+38165"],
        "languages": ["sr"],
        "other_languages": ["en", "de", "ru", "bg"],
        "partner_country": {"bg": "България", "sr": "Бугарској", "en": "Bulgaria"},
    },
}

OFFERS = [
    {"bg": "Доставки и услуги за партньори от {country}.", "sr": "Испоруке и услуге за партнере у {country}.", "en": "Supplies and services for partners in {country}."},
    {"bg": "Съвместни туристически пакети и обмен на гости.", "sr": "Заједнички туристички пакети и размена гостију.", "en": "Joint tourist packages and exchange of guests."},
    {"bg": "Обучение и обмяна на опит в нашия занаят.", "sr": "Обука и размена искуства у нашем занату.", "en": "Training and exchange of experience in our trade."},
]  # fmt: skip
SEEKS = [
    {"bg": "Дистрибутори и клиенти в {country}.", "sr": "Дистрибутере и купце у {country}.", "en": "Distributors and customers in {country}."},
    {"bg": "Партньор за съвместен проект по програма Интеррег.", "sr": "Партнера за заједнички пројекат у програму Интеррег.", "en": "A partner for a joint Interreg project."},
    {"bg": "Доставчици на суровини и материали.", "sr": "Добављаче сировина и материјала.", "en": "Suppliers of raw materials."},
]  # fmt: skip
HOURS = {
    "weekdays": {"bg": "пон.–пет. 9:00–18:00", "sr": "пон.–пет. 9:00–18:00", "en": "Mon–Fri 9:00–18:00"},
    "daily": {"bg": "всеки ден 8:00–22:00", "sr": "сваког дана 8:00–22:00", "en": "daily 8:00–22:00"},
}
DESCRIPTION = {
    "bg": "{trade} {place}. Работи от {year} г.",
    "sr": "{trade} {place}. Послује од {year}. године.",
    "en": "{trade} {place}, in business since {year}.",
}


def _translated(field: str, values: dict | None) -> dict:
    return {f"{field}_{language}": text for language, text in (values or {}).items()}


def load_real_organisations() -> int:
    """Create or update the real institutions from the facts file; safe to run again."""
    municipalities = {municipality.slug: municipality for municipality in Municipality.objects.all()}
    for data in REAL_ORGANISATIONS:
        fields = {
            "municipality": municipalities[data["municipality"]],
            "kind": data["kind"],
            "legal_form": data["legal_form"],
            "status": Status.PUBLISHED,
            **{
                key: data[key]
                for key in ("founded_year", "postal_code", "website", "latitude", "longitude")
                if key in data
            },
        }
        for field in ("name", "description", "street_address", "settlement"):
            fields.update(_translated(field, data.get(field)))
        existing = Organisation.objects.filter(slug=data["slug"]).first()
        if existing:
            organisation_update(organisation=existing, directions=data["directions"], **fields)
        else:
            organisation_create(slug=data["slug"], directions=data["directions"], **fields)
    return len(REAL_ORGANISATIONS)


def _weighted(rng: random.Random, options):
    return rng.choices(options, weights=[option[-1] for option in options])[0]


class _Identifiers:
    """Unique identifiers with valid check digits, from counters far from real registry ranges."""

    def __init__(self):
        self.eik = 20_400_000
        self.pib = 10_500_000
        self.mb = 2_100_000

    def next_eik(self) -> str:
        self.eik += 1
        prefix = f"{self.eik:08d}"
        return prefix + str(identifiers.eik_check_digit(prefix))

    def next_pib(self) -> str:
        self.pib += 1
        prefix = f"{self.pib:08d}"
        return prefix + str(identifiers.pib_check_digit(prefix))

    def next_mb(self) -> str:
        while True:
            self.mb += 1
            prefix = f"{self.mb:07d}"
            # Skip the remainder-1 case, where the community libraries disagree.
            if sum(int(d) * w for d, w in zip(prefix, (2, 7, 6, 5, 4, 3, 2), strict=True)) % 11 != 1:
                return prefix + str(identifiers.mb_check_digit(prefix))


def synthetic_smes(count: int, municipalities: dict, *, seed: int = 2012):
    """Yield ``count`` unsaved synthetic SMEs with their direction slugs, deterministically."""
    rng = random.Random(seed)  # noqa: S311 (reproducible demo data, not secrets)
    numbers = _Identifiers()
    sections = {trade[3]: division_section(trade[3], NaceRevision.REV_2) for trade in TRADES}
    for index in range(count):
        country = Country.BULGARIA if rng.random() < 0.3 else Country.SERBIA
        place = PLACES[country]
        trade_bg, trade_sr, trade_en, division, kind, extra_directions = rng.choice(TRADES)
        trades = {"bg": trade_bg, "sr": trade_sr, "en": trade_en}
        form_native, form_latin, legal_form, _ = _weighted(
            rng, LEGAL_FORMS_BG if country == Country.BULGARIA else LEGAL_FORMS_RS
        )
        if country == Country.BULGARIA:
            brand = rng.choice(PEOPLE_BG if legal_form == LegalForm.BG_SOLE_TRADER else BRANDS_BG)
            native = (
                f"ЕТ „{brand}“" if legal_form == LegalForm.BG_SOLE_TRADER else f"{trade_bg} „{brand}“ {form_native}"
            )
            names = {"bg": native, "en": f"{brand.translate(BULGARIAN_LATIN)} {trade_en} {form_latin}"}
        else:
            brand = rng.choice(PEOPLE_SR if legal_form == LegalForm.RS_ENTREPRENEUR else BRANDS_SR)
            native = (
                f"{trade_sr} „{brand}“ {form_native}"
                if legal_form != LegalForm.RS_ENTREPRENEUR
                else f"{trade_sr} {brand} {form_native}"
            )
            names = {"sr": native, "en": f"{to_latin(brand)} {trade_en} {form_latin}"}
        settlement, postal_code = rng.choice(place["settlements"])
        street = rng.choice(place["streets"])
        year = rng.randint(1991, 2024)
        latitude, longitude, spread = place["centre"]
        open_to_cooperation = rng.random() < 0.15
        country_names = place["partner_country"]
        offers = rng.choice(OFFERS) if open_to_cooperation else {}
        seeks = rng.choice(SEEKS) if open_to_cooperation else {}
        languages = place["languages"] + sorted(
            language for language in place["other_languages"] if rng.random() < 0.25
        )
        slug = f"{slugify(names['en'])[:100]}-{index + 1}"
        low, high = place["local_numbers"]
        phones = [f"{place['landline']}{rng.randint(low, high)}"]
        if rng.random() < 0.6:
            phones.append(f"{rng.choice(place['mobiles'])}{rng.randint(1000000, 9999999)}")
        organisation = Organisation(
            slug=slug,
            kind=kind,
            legal_form=legal_form,
            municipality=municipalities[country],
            nace_revision=NaceRevision.REV_2,
            nace_section=sections[division],
            nace_division=division,
            size_class=_weighted(rng, SIZE_WEIGHTS)[0],
            founded_year=year,
            postal_code=postal_code,
            latitude=Decimal(f"{latitude + rng.uniform(-spread, spread):.5f}"),
            longitude=Decimal(f"{longitude + rng.uniform(-spread, spread):.5f}"),
            phones=phones,
            email=f"info@{slug}.example",
            website=f"https://{slug}.example" if rng.random() < 0.5 else "",
            languages=languages,
            open_to_cooperation=open_to_cooperation,
            status=Status.PUBLISHED,
            is_demo=True,
            **_translated("name", names),
            **_translated("settlement", settlement),
            **_translated("street_address", {lang: f"{text} {rng.randint(1, 60)}" for lang, text in street.items()}),
            **_translated(
                "description",
                {
                    lang: DESCRIPTION[lang].format(trade=trades[lang], place=place["in"][lang], year=year)
                    for lang in DESCRIPTION
                },
            ),
            **_translated("opening_hours", HOURS["daily" if kind != Kind.COMPANY else "weekdays"]),
            **_translated(
                "cooperation_offers", {lang: text.format(country=country_names[lang]) for lang, text in offers.items()}
            ),
            **_translated(
                "cooperation_seeks", {lang: text.format(country=country_names[lang]) for lang, text in seeks.items()}
            ),
        )
        if country == Country.BULGARIA:
            organisation.eik = numbers.next_eik()
            if legal_form != LegalForm.BG_SOLE_TRADER and rng.random() < 0.6:
                organisation.vat_number = "BG" + organisation.eik
        else:
            organisation.pib = numbers.next_pib()
            organisation.mb = numbers.next_mb()
        yield organisation, [BUSINESS, *extra_directions]


def load_synthetic_smes(count: int, *, batch_size: int = 1000) -> int:
    """Replace the synthetic SMEs with ``count`` new ones, in bulk."""
    Organisation.objects.filter(is_demo=True).delete()
    if count <= 0:
        return 0
    municipalities = {m.country: m for m in Municipality.objects.filter(slug__in=["koprivshtitsa", "medijana"])}
    directions = {direction.slug: direction.pk for direction in Direction.objects.all()}
    Membership = Organisation.directions.through
    batch = []
    for item in synthetic_smes(count, municipalities):
        batch.append(item)
        if len(batch) == batch_size:
            _save_batch(batch, directions, Membership)
            batch = []
    if batch:
        _save_batch(batch, directions, Membership)
    return count


def _save_batch(batch, directions, Membership) -> None:
    organisations = Organisation.objects.bulk_create([organisation for organisation, _ in batch])
    Membership.objects.bulk_create(
        Membership(organisation_id=organisation.pk, direction_id=directions[slug])
        for organisation, (_, slugs) in zip(organisations, batch, strict=True)
        for slug in slugs
    )


def load(stdout, *, smes: int = 0) -> None:
    """The real institutions, and ``smes`` synthetic SMEs flagged as demo data."""
    real = load_real_organisations()
    synthetic = load_synthetic_smes(smes)
    stdout.write(f"Directory: {real} real institutions, {synthetic} synthetic SMEs (demo data).")
