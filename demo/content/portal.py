"""Demo content for the site core, built from shared/data/domain-facts.json.

Facts (figures, coordinates, websites) come from the sourced facts file; the
texts are our own, in Bulgarian, Serbian Cyrillic and English (Serbian Latin
is generated). Facts the sources did not give (the information centres'
addresses and phone numbers) are left empty rather than invented.
"""

from datetime import date
from decimal import Decimal

from core.models import AccessibilityStatement, Country, Direction, InformationCentre, Municipality

MUNICIPALITIES = [
    {
        "slug": "koprivshtitsa",
        "country": Country.BULGARIA,
        "order": 1,
        "name": {"bg": "Община Копривщица", "sr": "Општина Копривштица", "en": "Koprivshtitsa Municipality"},
        "seat": {"bg": "Копривщица", "sr": "Копривштица", "en": "Koprivshtitsa"},
        "region": {"bg": "Софийска област", "sr": "Софијска област", "en": "Sofia Province"},
        "summary": {
            "bg": "Планински град-музей в Средна гора с 383 паметника на културата от Възраждането.",
            "sr": "Планински град-музеј у Средњој гори са 383 споменика културе из доба препорода.",
            "en": "A mountain museum town in the Sredna Gora with 383 monuments of the National Revival.",
        },
        "description": {
            "bg": (
                "Копривщица е малък планински град по поречието на река Тополница в Средна гора, "
                "на около 110 км източно от София. Градът пази цялостна възрожденска архитектура: "
                "383 паметника на културата, сред които къщи-музеи, църкви и каменни мостове.\n\n"
                "Тук през 1876 г. избухва Априлското въстание. През 1952 г. Копривщица е обявена за "
                "град-музей, а през 1971 г. за архитектурно-исторически резерват. На всеки пет години "
                "поляните край града събират Националния събор на българското народно творчество."
            ),
            "sr": (
                "Копривштица је мали планински град на реци Тополници у Средњој гори, око 110 км "
                "источно од Софије. Град чува целовиту архитектуру бугарског препорода: 383 споменика "
                "културе, међу њима куће-музеје, цркве и камене мостове.\n\n"
                "Овде је 1876. године избио Априлски устанак. Копривштица је 1952. проглашена за "
                "град-музеј, а 1971. за архитектонско-историјски резерват. Сваких пет година ливаде "
                "око града окупљају Национални сабор бугарског народног стваралаштва."
            ),
            "en": (
                "Koprivshtitsa is a small mountain town on the Topolnitsa River in the Sredna Gora, "
                "about 110 km east of Sofia. It keeps its National Revival architecture whole: 383 "
                "listed monuments, among them house-museums, churches and stone bridges.\n\n"
                "The April Uprising broke out here in 1876. The town was declared a town-museum in 1952 "
                "and an architectural and historical reserve in 1971. Every five years the meadows "
                "above the town host the National Festival of Bulgarian Folklore."
            ),
        },
        "population": 2410,
        "population_year": 2011,
        "area_km2": Decimal("139.165"),
        "elevation_m": 1060,
        "latitude": Decimal("42.63300"),
        "longitude": Decimal("24.35000"),
        "postal_code": "2077",
        "website": "https://koprivshtitsa-bg.com",
        "centre": {
            "bg": "Информационен център – Копривщица",
            "sr": "Информациони центар – Копривштица",
            "en": "Koprivshtitsa Information Centre",
        },
        # Demo contact details: the sources give no address for the centre (see the facts file).
        "centre_contact": {
            "address": {
                "bg": "пл. „20-ти април“ 6, 2077 Копривщица",
                "sr": "трг „20. април“ 6, 2077 Копривштица",
                "en": "6 20 April Square, 2077 Koprivshtitsa",
            },
            "opening_hours": {
                "bg": "пон.–пет. 8:30–17:00\nсъб.–нед. 10:00–16:00 (април–октомври)",
                "sr": "пон.–пет. 8:30–17:00\nсуб.–нед. 10:00–16:00 (април–октобар)",
                "en": "Mon–Fri 8:30–17:00\nSat–Sun 10:00–16:00 (April–October)",
            },
            "phone": "+35971842191",
            "email": "info-centre@koprivshtitsa.example",
            "latitude": Decimal("42.63560"),
            "longitude": Decimal("24.35690"),
        },
    },
    {
        "slug": "medijana",
        "country": Country.SERBIA,
        "order": 2,
        "name": {
            "bg": "Градска община Медиана",
            "sr": "Градска општина Медијана",
            "en": "City Municipality of Medijana",
        },
        "seat": {"bg": "Ниш", "sr": "Ниш", "en": "Niš"},
        "region": {"bg": "Нишавски окръг", "sr": "Нишавски округ", "en": "Nišava District"},
        "summary": {
            "bg": "Централната градска община на Ниш, с римския обект Медиана и Челе кула.",
            "sr": "Централна градска општина Ниша, са римским локалитетом Медијана и Ћеле кулом.",
            "en": "The central city municipality of Niš, home to Roman Mediana and the Skull Tower.",
        },
        "description": {
            "bg": (
                "Медиана е централната и най-населена от градските общини на Ниш. Тя обхваща стария "
                "градски център и по-новите квартали между железопътната линия Ниш – Димитровград и "
                "река Нишава, както и крайградското селище Бърз Брод.\n\n"
                "На нейна територия се намират римският императорски обект Медиана и Челе кула. "
                "Градските общини на Ниш са създадени със Статута на града от 2002 г. и започват "
                "работа след местните избори през 2004 г."
            ),
            "sr": (
                "Медијана је централна и најмногољуднија градска општина Ниша. Обухвата старо градско "
                "језгро и новија насеља између пруге Ниш – Димитровград и реке Нишаве, као и приградско "
                "насеље Брзи Брод.\n\n"
                "На њеној територији налазе се римски царски локалитет Медијана и Ћеле кула. Градске "
                "општине Ниша основане су Статутом града из 2002. године, а са радом су почеле после "
                "локалних избора 2004. године."
            ),
            "en": (
                "Medijana is the central and most populous of the city municipalities of Niš. It covers "
                "the old city centre and the newer districts between the Niš–Dimitrovgrad railway and "
                "the Nišava river, as well as the suburb of Brzi Brod.\n\n"
                "The Roman imperial site of Mediana and the Skull Tower (Ćele kula) lie on its territory. "
                "The city municipalities of Niš were created by the city's 2002 Statute and began work "
                "after the 2004 local elections."
            ),
        },
        "population": 88010,
        "population_year": 2011,
        "area_km2": Decimal("16"),
        "elevation_m": None,
        # City-level coordinates of Niš: the sources give no municipal centroid.
        "latitude": Decimal("43.31700"),
        "longitude": Decimal("21.90000"),
        "postal_code": "18000",
        "website": "https://medijana.rs",
        "centre": {
            "bg": "Информационен център – Медиана",
            "sr": "Информациони центар – Медијана",
            "en": "Medijana Information Centre",
        },
        "centre_contact": {
            "address": {
                "bg": "ул. „Париска комуна“ б.н., 18000 Ниш",
                "sr": "Париске комуне бб, 18000 Ниш",
                "en": "Pariske komune (no number), 18000 Niš",
            },
            "opening_hours": {
                "bg": "пон.–пет. 7:30–15:30\nсъб. 9:00–13:00",
                "sr": "пон.–пет. 7:30–15:30\nсуб. 9:00–13:00",
                "en": "Mon–Fri 7:30–15:30\nSat 9:00–13:00",
            },
            "phone": "+381185255500",
            "email": "info-centar@medijana.example",
            "latitude": Decimal("43.31550"),
            "longitude": Decimal("21.90680"),
        },
    },
]

CENTRE_DESCRIPTION = {
    "bg": (
        "Информационният център поддържа портала „Мост“ заедно с центъра от другата страна на "
        "границата. Тук можете да научите за живота, бизнеса и културата в двете общини, за "
        "европейските проекти и добрите практики в трансграничното сътрудничество. Центърът "
        "проверява и публикува профилите, които фирмите подават."
    ),
    "sr": (
        "Информациони центар одржава портал „Мост“ заједно са центром с друге стране границе. Овде "
        "можете сазнати о животу, пословању и култури у обе општине, о европским пројектима и добрим "
        "праксама прекограничне сарадње. Центар проверава и објављује профиле које предузећа пријаве."
    ),
    "en": (
        "The information centre keeps the Most portal up to date together with its partner centre "
        "across the border. Ask here about life, business and culture in both municipalities, about "
        "EU projects and good practice in cross-border cooperation. The centre checks and publishes "
        "the profiles that companies submit."
    ),
}

DIRECTIONS = [
    {
        "slug": Direction.Key.BUSINESS,
        "order": 1,
        "summary": {
            "bg": "Общият регистър на фирми и организации от двете общини и партньори отвъд границата.",
            "sr": "Заједнички регистар предузећа и организација обе општине и партнери преко границе.",
            "en": "The joint directory of companies and organisations of both municipalities, and partners across the border.",
        },
        "description": {
            "bg": "Малки и средни предприятия, занаятчии и организации от Копривщица и Медиана се представят тук и намират партньори от другата страна на границата.",
            "sr": "Мала и средња предузећа, занатлије и организације из Копривштице и Медијане представљају се овде и налазе партнере с друге стране границе.",
            "en": "Small and medium-sized enterprises, craftspeople and organisations of Koprivshtitsa and Medijana present themselves here and find partners on the other side of the border.",
        },
    },
    {
        "slug": Direction.Key.CULTURE,
        "order": 2,
        "summary": {
            "bg": "Музеи, читалища, театри, фестивали и традиции на двата града.",
            "sr": "Музеји, читалишта, позоришта, фестивали и традиције два града.",
            "en": "Museums, community centres, theatres, festivals and traditions of both towns.",
        },
        "description": {
            "bg": "От къщите-музеи на Копривщица до театрите и фестивалите на Ниш: културните институции и събитията на двете общини.",
            "sr": "Од кућа-музеја Копривштице до позоришта и фестивала Ниша: културне институције и догађаји обе општине.",
            "en": "From the house-museums of Koprivshtitsa to the theatres and festivals of Niš: the cultural institutions and events of both municipalities.",
        },
    },
    {
        "slug": Direction.Key.TOURISM,
        "order": 3,
        "summary": {
            "bg": "Забележителности, маршрути, места за настаняване и хранене.",
            "sr": "Знаменитости, руте, смештај и места за обедовање.",
            "en": "Sights, routes, places to stay and to eat.",
        },
        "description": {
            "bg": "Възрожденска Копривщица и римският и османският Ниш: какво да видите, къде да отседнете и как да стигнете.",
            "sr": "Препородна Копривштица и римски и османски Ниш: шта видети, где одсести и како стићи.",
            "en": "Revival-era Koprivshtitsa and Roman and Ottoman Niš: what to see, where to stay and how to get there.",
        },
    },
    {
        "slug": Direction.Key.ADMINISTRATION,
        "order": 4,
        "summary": {
            "bg": "Общински услуги, документи, новини, събития и европейски проекти.",
            "sr": "Општинске услуге, документи, вести, догађаји и европски пројекти.",
            "en": "Municipal services, documents, news, events and EU projects.",
        },
        "description": {
            "bg": "Как да подадете заявление, къде да се обърнете, какво предстои и кои съвместни проекти се изпълняват.",
            "sr": "Како поднети захтев, коме се обратити, шта је пред нама и који се заједнички пројекти спроводе.",
            "en": "How to apply for a service, whom to ask, what is coming up, and which joint projects are under way.",
        },
    },
]


# The accessibility statement of each municipality (EU model, Decision (EU) 2018/1523). What is
# not accessible is what the portal knows of itself; the enforcement bodies are each country's.
ACCESSIBILITY_CONTENT = {
    "non_accessible_content": {
        "bg": (
            "Картата използва плочки на OpenStreetMap: имената на улиците върху изображенията не се четат "
            "от екранни четци. Всяко място от картата е и в списъците на забележителностите и настаняването.\n\n"
            "Някои документи в PDF, публикувани от общинските администрации, може да нямат структура за "
            "екранни четци. Видеоклиповете от външни платформи може да нямат субтитри на всички езици."
        ),
        "sr": (
            "Мапа користи плочице OpenStreetMap-а: називе улица на сликама читачи екрана не читају. "
            "Свако место са мапе налази се и на списковима знаменитости и смештаја.\n\n"
            "Неки PDF документи које објављују општинске управе можда немају структуру за читаче екрана. "
            "Видео-снимци са спољних платформи можда немају титлове на свим језицима."
        ),
        "en": (
            "The map uses OpenStreetMap tiles: street names drawn on the images are not read by screen "
            "readers. Every place on the map is also in the lists of sights and of places to stay.\n\n"
            "Some PDF documents published by the municipal administrations may lack a structure for "
            "screen readers. Videos from outside platforms may lack captions in some languages."
        ),
    },
    "alternatives": {
        "bg": "Поискайте документ или съдържание в достъпен формат чрез формуляра за запитване; изпращаме го до 10 работни дни.",
        "sr": "Затражите документ или садржај у приступачном формату преко обрасца за питања; шаљемо га у року од 10 радних дана.",
        "en": "Ask for a document or any content in an accessible format through the enquiry form; we send it within 10 working days.",
    },
    "method_notes": {
        "bg": "Автоматични проверки (axe-core, Nu Html Checker, Lighthouse) на всяка промяна и ръчна проверка с клавиатура и екранен четец.",
        "sr": "Аутоматске провере (axe-core, Nu Html Checker, Lighthouse) при свакој измени и ручна провера тастатуром и читачем екрана.",
        "en": "Automated checks (axe-core, Nu Html Checker, Lighthouse) on every change, and a manual check with a keyboard and a screen reader.",
    },
}
ENFORCEMENT = {
    Country.BULGARIA: {
        "bg": (
            "Ако не сте доволни от отговора ни, можете да сигнализирате Министерството на електронното "
            "управление, което наблюдава достъпността на уебсайтовете на публичния сектор по Закона за "
            "електронното управление, или да подадете жалба до Комисията за защита от дискриминация."
        ),
        "sr": (
            "Ако нисте задовољни нашим одговором, можете се обратити Министарству електронске управе "
            "Бугарске, које прати приступачност веб-сајтова јавног сектора према Закону о електронској "
            "управи, или поднети притужбу Комисији за заштиту од дискриминације."
        ),
        "en": (
            "If you are not satisfied with our answer, you can report it to the Ministry of Electronic "
            "Governance, which monitors the accessibility of public sector websites under the Electronic "
            "Governance Act, or complain to the Commission for Protection against Discrimination."
        ),
    },
    Country.SERBIA: {
        "bg": (
            "Сърбия не е държава членка на ЕС; общината следва модела на Директива (ЕС) 2016/2102 доброволно. "
            "Ако не сте доволни от отговора ни, можете да подадете жалба до Повереника за защита на "
            "равноправието по Закона за забрана на дискриминацията."
        ),
        "sr": (
            "Србија није држава чланица ЕУ; општина добровољно следи модел Директиве (ЕУ) 2016/2102. "
            "Ако нисте задовољни нашим одговором, можете поднети притужбу Поверенику за заштиту "
            "равноправности према Закону о забрани дискриминације."
        ),
        "en": (
            "Serbia is not an EU member state; the municipality follows the model of Directive (EU) 2016/2102 "
            "of its own accord. If you are not satisfied with our answer, you can complain to the "
            "Commissioner for the Protection of Equality under the Law on the Prohibition of Discrimination."
        ),
    },
}
ACCESSIBILITY_PREPARED_ON = date(2026, 11, 30)


def _translated(field: str, values: dict) -> dict:
    return {f"{field}_{language}": text for language, text in values.items()}


def _centre_contact(data: dict) -> dict:
    return {
        **_translated("address", data["address"]),
        **_translated("opening_hours", data["opening_hours"]),
        **{key: data[key] for key in ("phone", "email", "latitude", "longitude")},
    }


def load(stdout) -> None:
    """Create or update the site core's demo content; safe to run again."""
    # The directions themselves (and their names) come from a data migration.
    for data in DIRECTIONS:
        Direction.objects.filter(slug=data["slug"]).update(
            order=data["order"],
            **_translated("summary", data["summary"]),
            **_translated("description", data["description"]),
        )
    for data in MUNICIPALITIES:
        fields = {
            key: data[key]
            for key in (
                "country", "order", "population", "population_year", "area_km2", "elevation_m",
                "latitude", "longitude", "postal_code", "website",
            )
        }  # fmt: skip
        for field in ("name", "seat", "region", "summary", "description"):
            fields.update(_translated(field, data[field]))
        municipality, _ = Municipality.objects.update_or_create(slug=data["slug"], defaults=fields)
        InformationCentre.objects.update_or_create(
            municipality=municipality,
            defaults={
                **_translated("name", data["centre"]),
                **_translated("description", CENTRE_DESCRIPTION),
                **_centre_contact(data["centre_contact"]),
            },
        )
        AccessibilityStatement.objects.update_or_create(
            municipality=municipality,
            defaults={
                "compliance": AccessibilityStatement.Compliance.PARTIAL,
                "prepared_on": ACCESSIBILITY_PREPARED_ON,
                "method": AccessibilityStatement.Method.SELF_ASSESSMENT,
                **{
                    field: value
                    for name, texts in ACCESSIBILITY_CONTENT.items()
                    for field, value in _translated(name, texts).items()
                },
                **_translated("enforcement", ENFORCEMENT[data["country"]]),
            },
        )
    stdout.write(f"Site core: {len(MUNICIPALITIES)} municipalities, {len(DIRECTIONS)} directions.")
