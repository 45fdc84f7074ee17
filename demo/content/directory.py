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
  numbers pass the portal's check for their country while belonging to no one
  (``demo_phone``). Places to stay and eat carry a price range. They are written with bulk_create in
  batches: thousands load in seconds.
"""

import random
from decimal import Decimal

from django.utils.text import slugify

from core.models import Country, Direction, Municipality, PublicationStatus
from core.transliteration import BULGARIAN, to_latin
from directory import identifiers
from directory.models import Kind, LegalForm, Organisation, PriceRange, SizeClass
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

# Per NACE Rev. 2 division: the kind, the opening hours (a key of HOURS), extra directions,
# and the trade words a firm of that division puts in its name, as (bg, sr, en).
TRADES = [
    ("01", Kind.COMPANY, "farm", [], [("Пчелна ферма", "Пчелињак", "Apiary"), ("Билкова ферма", "Фарма лековитог биља", "Herb farm"), ("Овцеферма", "Фарма оваца", "Sheep farm")]),
    ("10", Kind.COMPANY, "bakery", [], [("Пекарна", "Пекара", "Bakery"), ("Сладкарница", "Посластичарница", "Patisserie"), ("Мандра", "Млекара", "Dairy"), ("Месопреработка", "Прерада меса", "Meat processing")]),
    ("11", Kind.COMPANY, "workshop", [TOURISM], [("Винарска изба", "Винарија", "Winery"), ("Пивоварна", "Пивара", "Brewery")]),
    ("13", Kind.COMPANY, "workshop", [], [("Текстилна работилница", "Текстилна радионица", "Textile workshop")]),
    ("14", Kind.COMPANY, "workshop", [], [("Шивашко ателие", "Кројачки атеље", "Tailoring studio"), ("Трикотаж", "Трикотажа", "Knitwear")]),
    ("16", Kind.COMPANY, "workshop", [], [("Дърводелска работилница", "Столарска радионица", "Joinery"), ("Дъскорезница", "Пилана", "Sawmill")]),
    ("18", Kind.COMPANY, "office", [], [("Печатница", "Штампарија", "Printing house")]),
    ("25", Kind.COMPANY, "workshop", [], [("Металообработване", "Обрада метала", "Metalwork"), ("Ковашка работилница", "Ковачка радионица", "Smithy")]),
    ("31", Kind.COMPANY, "workshop", [], [("Мебели", "Намештај", "Furniture")]),
    ("32", Kind.COMPANY, "workshop", [CULTURE], [("Занаятчийска работилница", "Занатска радионица", "Craft workshop"), ("Златарско ателие", "Златара", "Goldsmith")]),
    ("41", Kind.COMPANY, "office", [], [("Строителство", "Градња", "Construction")]),
    ("43", Kind.COMPANY, "office", [], [("Електроуслуги", "Електро услуге", "Electrical services"), ("ВиК услуги", "Водоинсталатерске услуге", "Plumbing"), ("Покриви", "Кровопокривачке услуге", "Roofing")]),
    ("45", Kind.COMPANY, "workshop", [], [("Автосервиз", "Ауто-сервис", "Car service"), ("Авточасти", "Ауто-делови", "Car parts"), ("Вулканизатор", "Вулканизер", "Tyre service")]),
    ("46", Kind.COMPANY, "office", [], [("Търговия на едро", "Велепродаја", "Wholesale")]),
    ("47", Kind.COMPANY, "shop", [], [("Магазин", "Продавница", "Shop"), ("Аптека", "Апотека", "Pharmacy"), ("Книжарница", "Књижара", "Bookshop"), ("Цветарница", "Цвећара", "Florist"), ("Сувенири", "Сувенирница", "Souvenir shop")]),
    ("49", Kind.COMPANY, "office", [], [("Транспорт", "Превоз", "Transport"), ("Такси", "Такси превоз", "Taxi")]),
    ("55", Kind.ACCOMMODATION, "lodging", [TOURISM], [("Къща за гости", "Кућа за госте", "Guest house"), ("Семеен хотел", "Породични хотел", "Family hotel")]),
    ("56", Kind.FOOD_SERVICE, "food", [TOURISM], [("Механа", "Кафана", "Tavern"), ("Кафене", "Кафе бар", "Café"), ("Пицария", "Пицерија", "Pizzeria")]),
    ("62", Kind.COMPANY, "office", [], [("Софтуер", "Софтвер", "Software")]),
    ("68", Kind.COMPANY, "office", [], [("Недвижими имоти", "Некретнине", "Real estate")]),
    ("69", Kind.COMPANY, "office", [], [("Счетоводна кантора", "Књиговодствена агенција", "Accounting office")]),
    ("70", Kind.COMPANY, "office", [], [("Консултантска фирма", "Консалтинг", "Consultancy")]),
    ("71", Kind.COMPANY, "office", [], [("Архитектурно студио", "Архитектонски студио", "Architecture studio"), ("Геодезия", "Геодетски биро", "Surveying")]),
    ("73", Kind.COMPANY, "office", [], [("Рекламна агенция", "Маркетинг агенција", "Advertising agency")]),
    ("74", Kind.COMPANY, "salon", [CULTURE], [("Фотостудио", "Фото студио", "Photo studio")]),
    ("79", Kind.COMPANY, "office", [TOURISM], [("Туристическа агенция", "Туристичка агенција", "Travel agency")]),
    ("81", Kind.COMPANY, "office", [], [("Почистване", "Сервис за чишћење", "Cleaning services")]),
    ("85", Kind.COMPANY, "office", [], [("Езикова школа", "Школа страних језика", "Language school"), ("Автошкола", "Ауто-школа", "Driving school")]),
    ("86", Kind.COMPANY, "clinic", [], [("Дентален кабинет", "Стоматолошка ординација", "Dental practice"), ("Медицински център", "Поликлиника", "Clinic")]),
    ("93", Kind.COMPANY, "salon", [], [("Фитнес център", "Фитнес центар", "Fitness centre")]),
    ("95", Kind.COMPANY, "workshop", [], [("Сервиз за компютри", "Сервис рачунара", "Computer repair"), ("Обущарска работилница", "Обућарска радионица", "Shoe repair")]),
    ("96", Kind.COMPANY, "salon", [], [("Фризьорски салон", "Фризерски салон", "Hair salon"), ("Химическо чистене", "Хемијско чишћење", "Dry cleaner")]),
]  # fmt: skip

BRANDS_BG = [
    "Средна гора", "Тополница", "Възраждане", "Балкан", "Богдан", "Войводенец", "Бяла река", "Калъчев мост",
    "Априлци", "Златица", "Еделвайс", "Росица", "Лъвчето", "Мост", "Липа", "Бор", "Синчец", "Здравец",
    "Кошница", "Чучура", "Дъбрава", "Орехите", "Чинар", "Извора", "Кладенеца", "Стара планина", "Тракия",
    "Пирин", "Витоша", "Сребърна", "Елица", "Мартеница", "Зора", "Феникс", "Орфей", "Хаджийски кладенец",
    "Бенковска поляна", "Душанци", "Петрич кале", "Синия вир", "Кривата круша", "Бук", "Явор", "Планинец",
    "Пъстърва", "Бъдеще", "Звънец", "Перуника", "Кокиче", "Гергана",
]  # fmt: skip
BRANDS_SR = [
    "Нишава", "Медијана", "Наисус", "Тврђава", "Синђелић", "Морава", "Сува планина", "Брзи Брод", "Чегар",
    "Јужни ветар", "Константин", "Бубањ", "Видовдан", "Липа", "Мост", "Јастребац", "Селичевица", "Хум",
    "Каменица", "Горица", "Бреза", "Јела", "Храст", "Јавор", "Багрем", "Бисер", "Дуга", "Зора", "Сунце",
    "Извор", "Кладенац", "Видик", "Рубин", "Смарагд", "Опал", "Сребрна река", "Златни клас", "Вихор",
    "Полет", "Напредак", "Слога", "Младост", "Будућност", "Стари град", "Кула", "Соко", "Орао", "Јелен",
    "Ласта", "Славуј", "Бели двор", "Пантелеј", "Ледена стена", "Габровачка река",
]  # fmt: skip
# Given names (male, female) and surnames in their male form; a woman's Bulgarian surname ends in -а.
GIVEN_BG = (
    ["Иван", "Георги", "Стоян", "Петко", "Никола", "Димитър", "Тодор", "Христо", "Васил", "Ненчо", "Павел", "Кирил",
     "Атанас", "Любомир", "Цветан", "Благой", "Методи", "Радослав", "Симеон", "Пламен"],
    ["Мария", "Елена", "Десислава", "Надежда", "Йорданка", "Рада", "Милена", "Цветелина", "Веселина", "Гергана",
     "Анелия", "Стефка", "Теодора", "Ралица", "Пенка", "Виолета", "Здравка", "Снежана", "Ивелина", "Мариана"],
)  # fmt: skip
SURNAMES_BG = [
    "Петров", "Тодоров", "Димитров", "Николов", "Георгиев", "Иванов", "Стоянов", "Ценов", "Колев", "Маринов",
    "Костов", "Илиев", "Ангелов", "Христов", "Попов", "Михайлов", "Василев", "Радев", "Ненов", "Пенчев",
    "Доганов", "Лулчев", "Шопов", "Мутафов", "Чорбаджийски", "Пеев", "Зографов", "Вълков", "Гочев", "Беловеждов",
]  # fmt: skip
# Family firms: Пекарна „Колеви“.
FAMILIES_BG = [surname + "и" for surname in SURNAMES_BG if surname.endswith(("ов", "ев"))]
GIVEN_SR = (
    ["Марко", "Никола", "Милош", "Стефан", "Лазар", "Душан", "Небојша", "Зоран", "Горан", "Дејан", "Бојан",
     "Милан", "Саша", "Ненад", "Владимир", "Урош", "Вук", "Предраг", "Александар", "Миодраг"],
    ["Јелена", "Ана", "Ивана", "Милица", "Марија", "Драгана", "Снежана", "Тијана", "Јована", "Катарина",
     "Весна", "Биљана", "Светлана", "Мирјана", "Сандра", "Тамара", "Невена", "Данијела", "Гордана", "Љиљана"],
)  # fmt: skip
SURNAMES_SR = [
    "Јовић", "Петровић", "Ђорђевић", "Стојановић", "Илић", "Ђурић", "Митић", "Николић", "Стаменковић",
    "Јовановић", "Цветковић", "Станковић", "Ристић", "Коцић", "Миленковић", "Тодоровић", "Живковић", "Крстић",
    "Павловић", "Симоновић", "Игњатовић", "Антић", "Манчић", "Величковић", "Златковић", "Ранђеловић",
    "Стевановић", "Пешић", "Милосављевић", "Костић",
]  # fmt: skip

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
            {"bg": "ул. „Любен Каравелов“", "sr": "ул. „Љубен Каравелов“", "en": "Lyuben Karavelov St"},
            {"bg": "ул. „Димчо Дебелянов“", "sr": "ул. „Димчо Дебелјанов“", "en": "Dimcho Debelyanov St"},
            {"bg": "ул. „Хаджи Гено“", "sr": "ул. „Хаџи Гено“", "en": "Hadzhi Geno St"},
        ],
        "centre": (42.633, 24.350, 0.004),
        "landline": "+3597184",
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
            {"sr": "Булевар Зорана Ђинђића", "en": "Bulevar Zorana Đinđića"},
            {"sr": "Византијски булевар", "en": "Vizantijski bulevar"},
            {"sr": "Николе Пашића", "en": "Nikole Pašića"},
            {"sr": "Бранка Радичевића", "en": "Branka Radičevića"},
        ],
        "centre": (43.317, 21.900, 0.012),
        "landline": "+38118",
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
    "office": [
        {"bg": "пон.–пет. 9:00–17:30", "sr": "пон.–пет. 8:00–16:00", "en": "Mon–Fri 9:00–17:30"},
        {"bg": "пон.–пет. 8:30–17:00", "sr": "пон.–пет. 9:00–17:00", "en": "Mon–Fri 8:30–17:00"},
    ],
    "shop": [
        {"bg": "пон.–съб. 8:00–20:00, нед. 9:00–14:00", "sr": "пон.–суб. 7:00–21:00, нед. 8:00–14:00", "en": "Mon–Sat 8:00–20:00, Sun 9:00–14:00"},
        {"bg": "всеки ден 8:00–21:00", "sr": "сваког дана 7:00–22:00", "en": "daily 8:00–21:00"},
    ],
    "bakery": [
        {"bg": "всеки ден 6:30–19:00", "sr": "сваког дана 6:00–20:00", "en": "daily 6:30–19:00"},
    ],
    "food": [
        {"bg": "всеки ден 11:00–23:00", "sr": "сваког дана 10:00–24:00", "en": "daily 11:00–23:00"},
        {"bg": "вт.–нед. 12:00–22:00, понеделник почивен ден", "sr": "уто.–нед. 12:00–23:00, понедељком затворено", "en": "Tue–Sun 12:00–22:00, closed on Mondays"},
    ],
    "lodging": [
        {"bg": "рецепция всеки ден 8:00–22:00; настаняване след 14:00", "sr": "рецепција сваког дана 8:00–22:00; пријава после 14:00", "en": "reception daily 8:00–22:00; check-in from 14:00"},
    ],
    "workshop": [
        {"bg": "пон.–пет. 8:00–16:30, съб. 9:00–13:00", "sr": "пон.–пет. 7:00–15:00, суб. 8:00–13:00", "en": "Mon–Fri 8:00–16:30, Sat 9:00–13:00"},
    ],
    "clinic": [
        {"bg": "пон.–пет. 8:00–20:00 (с предварителен час)", "sr": "пон.–пет. 8:00–20:00, суб. 8:00–14:00 (уз заказивање)", "en": "Mon–Fri 8:00–20:00, by appointment"},
    ],
    "salon": [
        {"bg": "вт.–съб. 9:00–19:00", "sr": "уто.–суб. 9:00–19:00", "en": "Tue–Sat 9:00–19:00"},
    ],
    "farm": [
        {"bg": "посещения с предварителна уговорка", "sr": "посете уз претходни договор", "en": "visits by arrangement"},
    ],
}  # fmt: skip
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
            "status": PublicationStatus.PUBLISHED,
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


def _person(rng: random.Random, given: tuple, surnames: list, *, bulgarian: bool) -> str:
    female = rng.random() < 0.45
    surname = rng.choice(surnames)
    if female and bulgarian:
        surname = surname[:-1] + "ска" if surname.endswith("ски") else surname + "а"
    return f"{rng.choice(given[female])} {surname}"


def _names(rng: random.Random, country: str, legal_form: str, form: tuple, trade: tuple) -> dict:
    """A firm's name as it would be registered, in its own language and in English.

    Bulgarian firms: ``Пекарна „Тополница“ ООД``, a sole trader ``ЕТ „Мария Колева – Пекарна“``;
    Serbian firms: ``Пекара „Нишава“ д.о.о.``, an entrepreneur ``Пекара Јелена Митић ПР``.
    """
    form_native, form_latin = form
    trade_bg, trade_sr, trade_en = trade
    if country == Country.BULGARIA:
        if legal_form == LegalForm.BG_SOLE_TRADER:
            person = _person(rng, GIVEN_BG, SURNAMES_BG, bulgarian=True)
            latin = person.translate(BULGARIAN_LATIN)
            return {"bg": f"ЕТ „{person} – {trade_bg}“", "en": f"{latin} {trade_en} ET"}
        brand = rng.choice(BRANDS_BG + FAMILIES_BG)
        return {
            "bg": f"{trade_bg} „{brand}“ {form_native}",
            "en": f"{brand.translate(BULGARIAN_LATIN)} {trade_en} {form_latin}",
        }
    if legal_form == LegalForm.RS_ENTREPRENEUR:
        person = _person(rng, GIVEN_SR, SURNAMES_SR, bulgarian=False)
        return {"sr": f"{trade_sr} {person} {form_native}", "en": f"{trade_en} {to_latin(person)} {form_latin}"}
    brand = rng.choice(BRANDS_SR + SURNAMES_SR)
    return {"sr": f"{trade_sr} „{brand}“ {form_native}", "en": f"{to_latin(brand)} {trade_en} {form_latin}"}


# The A–Z list's first page: a name's first word among the alphabetically first ones (in
# the database's code-point order) is used at most twice, so that the page does not open
# with one trade word (or one brand) over and over.
EARLY_WORDS_PER_LANGUAGE = 14
EARLY_WORD_USES = 2


def _early_first_words() -> dict[str, set[str]]:
    """Per language, the first words that sort first among all a synthetic name can start with."""
    trades = [words for *_rest, words in TRADES]
    latin_brands = [brand.translate(BULGARIAN_LATIN) for brand in BRANDS_BG + FAMILIES_BG]
    latin_brands += [to_latin(brand) for brand in BRANDS_SR + SURNAMES_SR]
    latin_people = [name.translate(BULGARIAN_LATIN) for names in GIVEN_BG for name in names]
    starts = {
        # Not "ЕТ", which every sole trader's name starts with: the А–Д trade words come first.
        "bg": {trade[0] for group in trades for trade in group},
        "sr": {trade[1] for group in trades for trade in group},
        "en": {trade[2] for group in trades for trade in group} | set(latin_brands) | set(latin_people),
    }
    return {
        language: set(sorted({word.split()[0] for word in words})[:EARLY_WORDS_PER_LANGUAGE])
        for language, words in starts.items()
    }


def demo_phone(country: str, serial: int) -> str:
    """A number that passes the portal's check for ``country`` and cannot ring anyone.

    Bulgaria: Koprivshtitsa's area code 07184 and a local number that begins with 0. No
    subscriber number in Bulgaria begins with 0 (the trunk prefix: dialled locally it starts
    a long-distance call), so 07184 0000–0999 are numbers no one can hold.
    Serbia: Niš's area code 018 and an eight-digit local number beginning 99 999; Niš numbers
    have six or seven digits, so an eight-digit one cannot be dialled to anyone. Both kinds
    are visibly demo numbers (0… and 99 999…) and carry no mobile prefix: any mobile number
    that passes the check may be someone's.
    """
    if country == Country.BULGARIA:
        return f"+3597184{serial % 1000:04d}"
    return f"+3811899999{serial % 1000:03d}"


def _price_range(rng: random.Random, kind: str) -> str:
    if kind not in {Kind.ACCOMMODATION, Kind.FOOD_SERVICE}:
        return ""
    return rng.choices([PriceRange.BUDGET, PriceRange.MODERATE, PriceRange.UPMARKET], weights=[45, 40, 15])[0]


def synthetic_smes(count: int, municipalities: dict, *, seed: int = 2012):
    """Yield ``count`` unsaved synthetic SMEs with their direction slugs, deterministically.

    No two share a name in any language, even with another legal form, so no page of the
    directory, in any sort or filter, lists one name twice.
    """
    rng = random.Random(seed)  # noqa: S311 (reproducible demo data, not secrets)
    # Phone numbers and price ranges come from a draw of their own.
    details = random.Random(seed + 1)  # noqa: S311
    numbers = _Identifiers()
    sections = {trade[0]: division_section(trade[0], NaceRevision.REV_2) for trade in TRADES}
    # Not the name of a real institution, nor of a company the cooperation board's demo posts for.
    from demo.content.cooperation import COMPANIES

    used = {
        name.rsplit(" ", 1)[0] for data in [*REAL_ORGANISATIONS, *COMPANIES] for name in data["name"].values() if name
    }
    early = _early_first_words()
    early_uses: dict[tuple[str, str], int] = {}
    for index in range(count):
        country = Country.BULGARIA if rng.random() < 0.25 else Country.SERBIA
        place = PLACES[country]
        form_native, form_latin, legal_form, _ = _weighted(
            rng, LEGAL_FORMS_BG if country == Country.BULGARIA else LEGAL_FORMS_RS
        )
        for _attempt in range(200):
            division, kind, hours, extra_directions, words = rng.choice(TRADES)
            trade = rng.choice(words)
            names = _names(rng, country, legal_form, (form_native, form_latin), trade)
            # Without the legal form: "Пекара „Нишава“ д.о.о." and "… а.д." would read as one name twice.
            cores = {name.rsplit(" ", 1)[0] for name in names.values()}
            firsts = [(language, name.split()[0]) for language, name in names.items()]
            firsts = [key for key in firsts if key[1] in early[key[0]]]
            if not used.intersection(cores) and all(early_uses.get(key, 0) < EARLY_WORD_USES for key in firsts):
                for key in firsts:
                    early_uses[key] = early_uses.get(key, 0) + 1
                break
        else:
            # The pools hold some 30,000 distinct names: far more than the 7,158 of make run (where no
            # name repeats), fewer than the benchmark's 100,000 organisations, where names then repeat
            # as they do in real registers (the slug carries the index, so addresses stay distinct).
            pass
        used.update(cores)
        trades = dict(zip(("bg", "sr", "en"), trade, strict=True))
        settlement, postal_code = rng.choice(place["settlements"])
        street = rng.choice(place["streets"])
        # Most firms are young; a few date from the first years after 1990.
        year = min(2025, 1990 + int(rng.triangular(0, 36, 24)))
        latitude, longitude, spread = place["centre"]
        open_to_cooperation = rng.random() < 0.15
        country_names = place["partner_country"]
        offers = rng.choice(OFFERS) if open_to_cooperation else {}
        seeks = rng.choice(SEEKS) if open_to_cooperation else {}
        languages = place["languages"] + sorted(
            language for language in place["other_languages"] if rng.random() < 0.25
        )
        slug = f"{slugify(names['en'])[:100]}-{index + 1}"
        domain = slugify(names["en"])[:60]
        phones = [demo_phone(country, index)] if details.random() < 0.8 else []
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
            price_range=_price_range(details, kind),
            email=f"info@{domain}.example",
            website=f"https://www.{domain}.example" if rng.random() < 0.5 else "",
            languages=languages,
            open_to_cooperation=open_to_cooperation,
            status=PublicationStatus.PUBLISHED,
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
            **_translated("opening_hours", rng.choice(HOURS[hours])),
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
