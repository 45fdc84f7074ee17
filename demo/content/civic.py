"""Demo content for culture, administration and social life, from shared/data/domain-facts.json.

Events and EU projects carry only the sourced facts (dates, places, figures,
partners); where the sources say nothing (a price, a project's dates, the exact
dates of the next folklore fair) the field stays empty or the entry is marked
as expected. News, services and pages are our own generic texts, with no
invented fees, addresses or figures.
"""

import itertools
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from civic.models import (
    Document,
    Event,
    LifeSituation,
    MunicipalService,
    NewsArticle,
    Page,
    Partner,
    Programme,
    Project,
)
from civic.services import document_save, news_article_save, page_save
from core.models import Country, Direction, Municipality, PublicationStatus
from demo.content.documents import LIBRARY, library_file
from demo.content.illustrations import scene_jpeg


def published() -> dict:
    """The publication fields of published demo content: the one place to adapt when they change."""
    return {"status": PublicationStatus.PUBLISHED}


def _publish(instance) -> None:
    for name, value in published().items():
        setattr(instance, name, value)


def _translated(field: str, values: dict) -> dict:
    return {f"{field}_{language}": text for language, text in values.items()}


def _day(municipality: Municipality, value: date) -> datetime:
    return datetime.combine(value, time.min, tzinfo=ZoneInfo(municipality.time_zone))


FAIR = {
    "bg": "Национален събор на българското народно творчество",
    "sr": "Национални сабор бугарског народног стваралаштва",
    "en": "National Festival of Bulgarian Folklore",
}
FAIR_SUMMARY = {
    "bg": "Най-големият събор на любителското народно творчество в България, на поляната Войводенец над Копривщица.",
    "sr": "Највећи сабор аматерског народног стваралаштва у Бугарској, на ливади Војводенец изнад Копривштице.",
    "en": "Bulgaria's largest gathering of amateur folk performers, on the Voyvodenets meadows above Koprivshtitsa.",
}
FAIR_DESCRIPTION = {
    "bg": "Съборът се провежда на всеки пет години от 1965 г. насам. Организират го Министерството на културата, Община Копривщица, Областната администрация на Софийска област и ИЕФЕМ при БАН. От декември 2016 г. е вписан в Регистъра на добрите практики за опазване на нематериалното културно наследство на ЮНЕСКО.",
    "sr": "Сабор се одржава сваких пет година од 1965. године. Организују га Министарство културе, Општина Копривштица, Обласна управа Софијске области и Институт за етнологију и фолклористику са Етнографским музејем Бугарске академије наука. Од децембра 2016. уписан је у Унесков регистар добрих пракси очувања нематеријалног културног наслеђа.",
    "en": "The festival has been held every five years since 1965. It is organised by the Ministry of Culture, the Municipality of Koprivshtitsa, the Sofia Regional Administration and the Institute of Ethnology and Folklore Studies with Ethnographic Museum of the Bulgarian Academy of Sciences. Since December 2016 it has been on UNESCO's Register of Good Safeguarding Practices for intangible cultural heritage.",
}
VOYVODENETS = {
    "bg": "местност Войводенец и сцени в града",
    "sr": "ливада Војводенец и позорнице у граду",
    "en": "Voyvodenets meadows and stages in town",
}


def _fair_edition(number: int, first: date, last: date | None, **extra) -> dict:
    suffix = {"bg": f"{number}-и", "sr": f"{number}.", "en": f"{number}th"}
    return {
        "slug": f"national-folklore-festival-{first.year}",
        "municipality": "koprivshtitsa",
        "direction": Direction.Key.CULTURE,
        "category": Event.Category.FESTIVAL,
        "title": {language: f"{suffix[language]} {name}" for language, name in FAIR.items()},
        "summary": FAIR_SUMMARY,
        "description": FAIR_DESCRIPTION,
        "venue_name": VOYVODENETS,
        "first": first,
        "last": last or first,
        "timing": Event.Timing.ALL_DAY,
        **extra,
    }


EVENTS = [
    _fair_edition(11, date(2015, 8, 7), date(2015, 8, 9)),
    _fair_edition(12, date(2022, 8, 5), date(2022, 8, 7)),
    _fair_edition(13, date(2025, 8, 8), date(2025, 8, 10)),
    # Every five years, so 2030 is expected; the dates are not announced.
    _fair_edition(14, date(2030, 8, 1), None, timing=Event.Timing.MONTH, schedule=Event.Schedule.EXPECTED),
    {
        "slug": "april-uprising-anniversary",
        "municipality": "koprivshtitsa",
        "direction": Direction.Key.CULTURE,
        "category": Event.Category.COMMEMORATION,
        "title": {
            "bg": "Тържества за годишнината от Априлското въстание",
            "sr": "Свечаности поводом годишњице Априлског устанка",
            "en": "April Uprising anniversary celebrations",
        },
        "summary": {
            "bg": "Вечерна церемония на площад „20-ти април“ и възстановка на първата пушка.",
            "sr": "Вечерња церемонија на тргу „20. април“ и реконструкција првог пуцња.",
            "en": "An evening ceremony on 20 April Square and a re-enactment of the first shot.",
        },
        "description": {
            "bg": "Всяка година на 30 април вечерта на площад „20-ти април“ започват тържествата, а на 1 май се поднасят венци на гроба на Тодор Каблешков и се играе възстановка на обявяването на въстанието. Възстановката се показва от 1926 г.",
            "sr": "Сваке године 30. априла увече на тргу „20. април“ почињу свечаности, а 1. маја полажу се венци на гроб Тодора Каблешкова и изводи се реконструкција објављивања устанка. Реконструкција се приказује од 1926. године.",
            "en": "Every year the celebrations open on the evening of 30 April on 20 April Square; on 1 May wreaths are laid at Todor Kableshkov's grave and the proclamation of the uprising is re-enacted, as it has been since 1926.",
        },
        "venue_name": {"bg": "площад „20-ти април“", "sr": "трг „20. април“", "en": "20 April Square"},
        "first": date(2025, 4, 30),
        "last": date(2025, 5, 1),
        "timing": Event.Timing.ALL_DAY,
        "recurrence_rule": "FREQ=YEARLY",
    },
    {
        "slug": "karavelov-brothers-commemoration",
        "municipality": "koprivshtitsa",
        "direction": Direction.Key.CULTURE,
        "category": Event.Category.COMMEMORATION,
        "title": {
            "bg": "Честване на Любен и Петко Каравелови",
            "sr": "Обележавање Љубена и Петка Каравелова",
            "en": "Commemoration of Lyuben and Petko Karavelov",
        },
        "summary": {
            "bg": "Ежегодно февруарско честване на братята Каравелови в родния им град.",
            "sr": "Годишње фебруарско обележавање браће Каравелов у њиховом родном граду.",
            "en": "A yearly February commemoration of the Karavelov brothers in their home town.",
        },
        "first": date(2026, 2, 1),
        "last": date(2026, 2, 1),
        "timing": Event.Timing.MONTH,
        "recurrence_rule": "FREQ=YEARLY",
    },
    {
        "slug": "folklore-days-koprivshtitsa-in-the-heart-2023",
        "municipality": "koprivshtitsa",
        "direction": Direction.Key.CULTURE,
        "category": Event.Category.FESTIVAL,
        "title": {
            "bg": "Фолклорни дни „С Копривщица в сърцето“",
            "sr": "Фолклорни дани „Са Копривштицом у срцу“",
            "en": "Folklore days 'With Koprivshtitsa in the Heart'",
        },
        "venue_name": {
            "bg": "Лятна сцена в двора на училище „Св. св. Кирил и Методий“",
            "sr": "Летња позорница у дворишту школе „Св. Кирило и Методије“",
            "en": "Summer stage in the yard of the Sts Cyril and Methodius School",
        },
        "first": date(2023, 8, 1),
        "last": date(2023, 8, 1),
        "timing": Event.Timing.MONTH,
    },
    {
        "slug": "nisville-jazz-festival",
        "municipality": "medijana",
        "direction": Direction.Key.CULTURE,
        "category": Event.Category.CONCERT,
        "title": {
            "bg": "Нишвил – международен джаз фестивал",
            "sr": "Нишвил – међународни џез фестивал",
            "en": "Nišville International Jazz Festival",
        },
        "summary": {
            "bg": "Четири дни джаз и световна музика в Нишката крепост от средата на август.",
            "sr": "Четири дана џеза и world музике у Нишкој тврђави од средине августа.",
            "en": "Four days of jazz and world music in Niš Fortress from mid-August.",
        },
        "description": {
            "bg": "Фестивалът е основан през 1995 г. от Иван Благоевич. Той е общоградско събитие на Ниш, което не се организира от Медиана; крепостта е в градска община Цървени кръст. Точните дати всяка година обявяват организаторите.",
            "sr": "Фестивал је 1995. године основао Иван Благојевић. То је манифестација целог града Ниша коју не организује Медијана; тврђава се налази у градској општини Црвени крст. Тачне датуме сваке године објављују организатори.",
            "en": "Founded in 1995 by Ivan Blagojević, the festival is a city-wide event of Niš, not organised by Medijana; the fortress lies in the city municipality of Crveni Krst. The organisers announce the exact dates each year.",
        },
        "venue_name": {"bg": "Нишка крепост", "sr": "Нишка тврђава", "en": "Niš Fortress"},
        "first": date(2026, 8, 1),
        "last": date(2026, 8, 1),
        "timing": Event.Timing.MONTH,
        "recurrence_rule": "FREQ=YEARLY",
    },
    {
        "slug": "filmski-susreti-2024",
        "municipality": "medijana",
        "direction": Direction.Key.CULTURE,
        "category": Event.Category.FESTIVAL,
        "title": {
            "bg": "59-и Филмови срещи – фестивал на актьорското майсторство",
            "sr": "59. Филмски сусрети – фестивал глумачких остварења",
            "en": "59th Film Meetings – festival of acting in Serbian feature film",
        },
        "description": {
            "bg": "Фестивалът се провежда на Лятната сцена в Нишката крепост от 1966 г.",
            "sr": "Фестивал се одржава на Летњој позорници у Нишкој тврђави од 1966. године.",
            "en": "The festival has been held on the Summer Stage of Niš Fortress since 1966.",
        },
        "venue_name": {
            "bg": "Лятна сцена, Нишка крепост",
            "sr": "Летња позорница, Нишка тврђава",
            "en": "Summer Stage, Niš Fortress",
        },
        "first": date(2024, 8, 24),
        "last": date(2024, 8, 30),
        "timing": Event.Timing.ALL_DAY,
    },
    {
        "slug": "medijanas-summer",
        "municipality": "medijana",
        "direction": Direction.Key.CULTURE,
        "category": Event.Category.CONCERT,
        "title": {"bg": "Лято в Медиана", "sr": "Медијанско лето", "en": "Medijana's Summer"},
        "summary": {
            "bg": "Концерти на открито, литературни вечери и кулинарни събития през летните уикенди.",
            "sr": "Концерти на отвореном, књижевне вечери и кулинарски догађаји викендом током лета.",
            "en": "Open-air concerts, literary evenings and food events on summer weekends.",
        },
        "description": {
            "bg": "Всяко лято, от юни до септември, в парк „Свети Сава“ до сградата на общината се редуват народна, поп, рок и класическа музика, литературни вечери и кулинарни събития, сред които „Бурекджийада“ – състезание по приготвяне на бюрек.",
            "sr": "Сваког лета, од јуна до септембра, у парку „Свети Сава“ код зграде општине смењују се народна, поп, рок и класична музика, књижевне вечери и кулинарски догађаји, међу њима и „Бурекџијада“, такмичење у прављењу бурека.",
            "en": "Every summer, from June to September, the Sveti Sava park next to the municipal building hosts folk, pop, rock and classical music, literary evenings and food events, among them 'Burekdžijada', a burek-making competition.",
        },
        "venue_name": {"bg": "парк „Свети Сава“", "sr": "парк „Свети Сава“", "en": "Sveti Sava park"},
        "first": date(2026, 6, 1),
        "last": date(2026, 9, 1),
        "timing": Event.Timing.MONTH,
        "recurrence_rule": "FREQ=YEARLY",
    },
]

# A year in both places, at clock times in each place's zone (Europe/Sofia, Europe/Belgrade),
# dated from the day the demo is loaded: most in the coming weeks and months, some past
# ones for the archive. ``first`` is a number of days from that day, moved on to ``weekday``
# (0 = Monday); a series ends ``until`` days after it, and skips the ``skip``-th of its
# dates from that day on (its exception date, EXDATE).
K, M = "koprivshtitsa", "medijana"
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def _timed(slug, municipality, direction, category, first, starts, ends, title, summary, days=1, **extra) -> dict:
    return {
        "slug": slug, "municipality": municipality, "direction": direction, "category": category,
        "first": first, "days": days, "starts": starts, "ends": ends, "timing": Event.Timing.TIMED,
        "title": title, "summary": summary, **extra,
    }  # fmt: skip


TIMED_EVENTS = [
    _timed(
        "first-shot-re-enactment", K, Direction.Key.CULTURE, Event.Category.COMMEMORATION,
        19, time(11, 0), time(12, 30),
        {"bg": "Възстановка на първата пушка при Калъчевия мост", "sr": "Реконструкција првог пуцња код Калъчевог моста", "en": "Re-enactment of the first shot at the Kalachev Bridge"},
        {"bg": "Читалищните групи пресъздават обявяването на въстанието от 1876 г.", "sr": "Групе читалишта изводе објављивање устанка из 1876.", "en": "The community centre's groups re-enact the proclamation of the 1876 uprising."},
        weekday=SAT, venue_name={"bg": "Калъчев мост", "sr": "Калъчев мост", "en": "Kalachev Bridge"}, is_free=True,
    ),
    _timed(
        "craft-days-koprivshtitsa", K, Direction.Key.CULTURE, Event.Category.FESTIVAL,
        45, time(10, 0), time(20, 0),
        {"bg": "Дни на занаятите в Копривщица", "sr": "Дани заната у Копривштици", "en": "Craft days in Koprivshtitsa"},
        {"bg": "Три дни песни, занаятчийски базар и светлини по калдъръмените улици.", "sr": "Три дана песама, занатског базара и светала по калдрми.", "en": "Three days of songs, a craft bazaar and lights along the cobbled streets."},
        days=3, weekday=FRI, venue_name={"bg": "площад „20-ти април“", "sr": "трг „20. април“", "en": "20 April Square"},
        price="5.00",
    ),
    _timed(
        "saturday-market-koprivshtitsa", K, Direction.Key.BUSINESS, Event.Category.FAIR,
        -56, time(8, 30), time(13, 0),
        {"bg": "Съботен пазар на местни производители", "sr": "Суботња пијаца локалних произвођача", "en": "Saturday market of local producers"},
        {"bg": "Мед, сирене, билки и плетива всяка събота, освен в дните, посочени в календара.", "sr": "Мед, сир, лековито биље и плетиво сваке суботе, осим дана наведених у календару.", "en": "Honey, cheese, herbs and knitwear every Saturday, except on the days shown in the calendar."},
        weekday=SAT, recurrence_rule="FREQ=WEEKLY;BYDAY=SA", until=300, skip=3, is_free=True,
        venue_name={"bg": "пазарът до автогарата", "sr": "пијаца код аутобуске станице", "en": "the market by the bus station"},
    ),
    _timed(
        "museum-evening-koprivshtitsa", K, Direction.Key.CULTURE, Event.Category.EXHIBITION,
        -90, time(18, 0), time(20, 30),
        {"bg": "Вечер в музея: първия четвъртък на месеца", "sr": "Вече у музеју: првог четвртка у месецу", "en": "Museum evening, every first Thursday"},
        {"bg": "Къщите-музеи отварят вечер с беседа на уредник; един месец вечерта се пропуска заради ремонт.", "sr": "Куће-музеји отворени увече уз разговор са кустосом; једног месеца вечери нема због радова.", "en": "The house-museums open in the evening with a curator's talk; one month there is none, for repairs."},
        first_weekday_of_month=THU, recurrence_rule="FREQ=MONTHLY;BYDAY=1TH", until=365, skip=2, price="3.00",
        venue_name={"bg": "Ослекова къща", "sr": "Ослекова кућа", "en": "Oslekov House"},
    ),
    _timed(
        "chamber-concert-oslekov-house", K, Direction.Key.CULTURE, Event.Category.CONCERT,
        -26, time(19, 0), time(20, 30),
        {"bg": "Камерен концерт в двора на Ослековата къща", "sr": "Камерни концерт у дворишту Ослекове куће", "en": "Chamber concert in the Oslekov House courtyard"},
        {"bg": "Струнен квартет от Пловдив с музика на Панчо Владигеров.", "sr": "Гудачки квартет из Пловдива изводи музику Панча Владигерова.", "en": "A string quartet from Plovdiv plays Pancho Vladigerov."},
        weekday=SAT, price="8.00", venue_name={"bg": "Ослекова къща", "sr": "Ослекова кућа", "en": "Oslekov House"},
    ),
    _timed(
        "film-evening-koprivshtitsa", K, Direction.Key.CULTURE, Event.Category.PERFORMANCE,
        12, time(19, 0), time(21, 0),
        {"bg": "Филмова вечер в читалището", "sr": "Филмско вече у читаоници", "en": "Film evening at the community centre"},
        {"bg": "Отменено: прожекцията няма да се състои поради ремонта на салона.", "sr": "Отказано: пројекција се неће одржати због радова у сали.", "en": "Cancelled: the screening will not take place because of the works in the hall."},
        weekday=FRI, schedule=Event.Schedule.CANCELLED, is_free=True,
        venue_name={"bg": "Салон на читалището", "sr": "Сала читаонице", "en": "Community centre hall"},
    ),
    _timed(
        "symphony-evening-nis", M, Direction.Key.CULTURE, Event.Category.CONCERT,
        9, time(20, 0), time(22, 0),
        {"bg": "Вечер на Нишкия симфоничен оркестър", "sr": "Вече Нишког симфонијског оркестра", "en": "An evening with the Niš Symphony Orchestra"},
        {"bg": "Дворжак и Мокрањац в голямата зала на Народния театър.", "sr": "Дворжак и Мокрањац у великој сали Народног позоришта.", "en": "Dvořák and Mokranjac in the main hall of the National Theatre."},
        weekday=THU, price="1200", venue_name={"bg": "Народен театър, Ниш", "sr": "Народно позориште Ниш", "en": "National Theatre, Niš"},
    ),
    _timed(
        "seasonal-concert-medijana", M, Direction.Key.CULTURE, Event.Category.CONCERT,
        -40, time(20, 0), time(21, 45),
        {"bg": "Сезонен концерт в Медиана", "sr": "Сезонски концерт на Медијани", "en": "Seasonal concert in Medijana"},
        {"bg": "Хор и камерен оркестър в залата на общината.", "sr": "Хор и камерни оркестар у сали општине.", "en": "A choir and a chamber orchestra in the municipal hall."},
        weekday=FRI, price="600", venue_name={"bg": "зала на Градска община Медиана", "sr": "сала Градске општине Медијана", "en": "Medijana city municipality hall"},
    ),
    _timed(
        "medijana-book-fair", M, Direction.Key.CULTURE, Event.Category.FAIR,
        30, time(10, 0), time(19, 0),
        {"bg": "Панаир на книгата в Медиана", "sr": "Сајам књига на Медијани", "en": "Medijana book fair"},
        {"bg": "Отложен: новата дата ще бъде обявена скоро.", "sr": "Одложено: нови датум биће ускоро објављен.", "en": "Postponed: the new date will be announced soon."},
        days=3, weekday=FRI, schedule=Event.Schedule.POSTPONED, is_free=True,
        venue_name={"bg": "парк „Свети Сава“", "sr": "парк Светог Саве", "en": "St Sava Park"},
    ),
    _timed(
        "yoga-in-the-park-medijana", M, Direction.Key.CULTURE, Event.Category.SPORT,
        -21, time(19, 0), time(20, 0),
        {"bg": "Йога в парка всеки вторник", "sr": "Јога у парку сваког уторка", "en": "Yoga in the park, every Tuesday"},
        {"bg": "Безплатни занимания на открито; в един вторник, посочен в календара, занимание няма.", "sr": "Бесплатни часови на отвореном; једног уторка, наведеног у календару, часа нема.", "en": "Free outdoor classes; there is none on one Tuesday, shown in the calendar."},
        weekday=TUE, recurrence_rule="FREQ=WEEKLY;BYDAY=TU", until=120, skip=2, is_free=True,
        venue_name={"bg": "парк „Свети Сава“", "sr": "парк Светог Саве", "en": "St Sava Park"},
    ),
    _timed(
        "local-communities-meeting-medijana", M, Direction.Key.ADMINISTRATION, Event.Category.MEETING,
        -90, time(18, 0), time(19, 30),
        {"bg": "Месечна среща с местните общности", "sr": "Месечни састанак са месним заједницама", "en": "Monthly meeting with the local communities"},
        {"bg": "Открита среща на 15-о число всеки месец; през юли и август не се провежда.", "sr": "Отворени састанак 15. у месецу; у јулу и августу се не одржава.", "en": "An open meeting on the 15th of each month; none in July and August."},
        day_of_month=15, recurrence_rule="FREQ=MONTHLY;BYMONTHDAY=15;BYMONTH=1,2,3,4,5,6,9,10,11,12", until=365, is_free=True,
        venue_name={"bg": "зала на Градска община Медиана", "sr": "сала Градске општине Медијана", "en": "Medijana city municipality hall"},
    ),
    _timed(
        "nisville-last-edition", M, Direction.Key.CULTURE, Event.Category.FESTIVAL,
        None, time(20, 0), time(23, 59), days=4, last_edition=(8, 13),
        title={"bg": "Нишвил {year}", "sr": "Нишвил {year}", "en": "Nišville {year}"},
        summary={"bg": "Четири вечери джаз в Нишката крепост, всяка от 20:00.", "sr": "Четири вечери џеза у Нишкој тврђави, свако вече од 20:00.", "en": "Four evenings of jazz in Niš Fortress, each from 20:00."},
        price="3500", venue_name={"bg": "Нишка крепост", "sr": "Нишка тврђава", "en": "Niš Fortress"},
    ),
]  # fmt: skip


def _first_day(data: dict, today: date) -> date:
    """The first day of a timed demo event, counted from ``today``."""
    if "last_edition" in data:  # the last one held by today: for the archive
        month, day = data["last_edition"]
        held = date(today.year, month, day)
        return held if held + timedelta(days=data["days"]) < today else held.replace(year=today.year - 1)
    first = today + timedelta(days=data["first"])
    if "weekday" in data:
        first += timedelta(days=(data["weekday"] - first.weekday()) % 7)
    if "first_weekday_of_month" in data:
        first = first.replace(day=1)
        first += timedelta(days=(data["first_weekday_of_month"] - first.weekday()) % 7)
    if "day_of_month" in data:
        first = first.replace(day=data["day_of_month"])
    return first


def timed_events(today: date) -> list[dict]:
    """The timed events, dated from ``today`` (the day the demo is loaded): concrete days, rules and exceptions."""
    from dateutil import rrule

    events = []
    for data in TIMED_EVENTS:
        first = _first_day(data, today)
        event = {**data, "first": first, "last": first + timedelta(days=data["days"] - 1)}
        for field in ("title", "summary"):
            event[field] = {language: text.format(year=first.year) for language, text in data[field].items()}
        if "until" in data:
            until = today + timedelta(days=data["until"])
            event["recurrence_rule"] = f"{data['recurrence_rule']};UNTIL={until:%Y%m%d}"
            if "skip" in data:
                dates = rrule.rrulestr(data["recurrence_rule"], dtstart=datetime.combine(first, data["starts"]))
                coming = dates.xafter(datetime.combine(today, time.min), inc=True)
                event["exception_dates"] = [next(itertools.islice(coming, data["skip"] - 1, None)).date()]
        events.append(event)
    return events


PROGRAMMES = {
    "ipa-2007": {
        "first_year": 2007,
        "last_year": 2013,
        "name": {
            "bg": "Програма за трансгранично сътрудничество по ИПП България – Сърбия 2007–2013",
            "sr": "ИПА програм прекограничне сарадње Бугарска – Србија 2007–2013",
            "en": "Bulgaria–Serbia IPA Cross-border Programme 2007–2013",
        },
    },
    "ipa-2014": {
        "first_year": 2014,
        "last_year": 2020,
        "website": "https://ipa-bgrs.mrrb.bg/",
        "name": {
            "bg": "Програма Интеррег-ИПП за трансгранично сътрудничество България – Сърбия 2014–2020",
            "sr": "Интеррег-ИПА програм прекограничне сарадње Бугарска – Србија 2014–2020",
            "en": "Interreg-IPA CBC Programme Bulgaria–Serbia 2014–2020",
        },
    },
    "ipa-2021": {
        "first_year": 2021,
        "last_year": 2027,
        "name": {
            "bg": "Програма Интеррег VI-A ИПП България – Сърбия 2021–2027",
            "sr": "Програм Интеррег VI-A ИПА Бугарска – Србија 2021–2027",
            "en": "Interreg VI-A IPA Bulgaria–Serbia Programme 2021–2027",
        },
    },
}

MONTANA_THEATRE = {
    "bg": "Общински драматичен театър „Драгомир Асенов“ – Монтана",
    "sr": "Општинско драмско позориште „Драгомир Асенов“ – Монтана",
    "en": "Municipal Drama Theatre 'Dragomir Asenov', Montana",
}
MEDIJANA_PARTNER = {
    "bg": "Градска община Медиана, Ниш",
    "sr": "Градска општина Медијана, Ниш",
    "en": "City Municipality of Medijana, Niš",
}

PROJECTS = [
    {
        "slug": "electronic-platform-for-cross-border-cooperation",
        "programme": "ipa-2007",
        "municipalities": ["koprivshtitsa", "medijana"],
        "starts_on": date(2011, 12, 15),
        "ends_on": date(2012, 12, 15),
        "total_budget": Decimal("145022"),
        "eu_cofinancing_rate": Decimal("85.10"),
        "title": {
            "bg": "Електронна платформа за трансгранично сътрудничество",
            "sr": "Електронска платформа за прекограничну сарадњу",
            "en": "Electronic platform for cross-border cooperation",
        },
        "summary": {
            "bg": "Проектът, от който произлиза порталът „Мост“.",
            "sr": "Пројекат из којег потиче портал „Мост“.",
            "en": "The project this portal, Most, comes from.",
        },
        "description": {
            "bg": "Проектът изгражда обща база данни с официална информация от двете общини за администрацията, туристическите възможности, фирмите и културните институции, както и информационна мрежа, която свързва фирми и хора в четири направления: бизнес, култура, туризъм, администрация и социален живот.",
            "sr": "Пројекат гради заједничку базу података са званичним подацима обе општине о администрацији, туристичким могућностима, предузећима и културним институцијама, као и информациону мрежу која повезује предузећа и људе у четири правца: пословање, култура, туризам, администрација и друштвени живот.",
            "en": "The project built a joint database of official data from both municipalities on their administration, tourism, companies and cultural institutions, and an information network linking companies and people in four directions: business, culture, tourism, administration and social life.",
        },
        "results": {
            "bg": "7578 малки и средни предприятия са потърсени и 7158 от тях са вписани в базата данни. И в двете общини работят информационни центрове, които поддържат платформата и дават информация за живота от двете страни на границата и за европейските проекти. На платформата са качени снимки и филми на туристически и други обекти.",
            "sr": "Контактирано је 7.578 малих и средњих предузећа, а 7.158 их је унето у базу података. У обе општине раде информациони центри који одржавају платформу и дају информације о животу с обе стране границе и о европским пројектима. На платформу су постављене фотографије и филмови туристичких и других локалитета.",
            "en": "7,578 small and medium-sized enterprises were reached and 7,158 of them entered the database. Information centres in both municipalities maintain the platform and inform people about life on both sides of the border and about EU projects. Photos and films of tourist and other sites were loaded onto the platform.",
        },
    },
    {
        "slug": "b2bridges",
        "acronym": "b2bridges",
        "website": "http://b2bridges.eu/en/",
        "source_url": "http://b2bridges.eu/en/",
        "municipalities": ["koprivshtitsa", "medijana"],
        "title": {"bg": "b2bridges", "sr": "b2bridges", "en": "b2bridges"},
        "figures_note": {
            "bg": "Пълното заглавие, датите и бюджетът не са открити в източниците; сайтът посочва съфинансиране от ЕС по Програмата за трансгранично сътрудничество по ИПП България – Сърбия.",
            "sr": "Пун назив, датуми и буџет нису пронађени у изворима; сајт наводи суфинансирање ЕУ кроз ИПА програм прекограничне сарадње Бугарска – Србија.",
            "en": "The full title, dates and budget were not found in the sources; the site states EU co-funding through the Bulgaria–Serbia IPA Cross-border Programme.",
        },
        "summary": {
            "bg": "Единственият открит проект, който свързва пряко двете общини на портала.",
            "sr": "Једини пронађени пројекат који директно повезује обе општине портала.",
            "en": "The one project found that directly links the portal's two municipalities.",
        },
        "partners": [
            (
                "lead",
                Country.BULGARIA,
                {"bg": "Община Копривщица", "sr": "Општина Копривштица", "en": "Municipality of Koprivshtitsa"},
            ),
            ("partner", Country.SERBIA, MEDIJANA_PARTNER),
        ],
    },
    {
        "slug": "koprivshtitsa-surdulica-heritage-and-tourism",
        "programme": "ipa-2007",
        "priority": {
            "bg": "Приоритетна ос 2, мярка 2.2",
            "sr": "Приоритетна оса 2, мера 2.2",
            "en": "Priority axis 2, measure 2.2",
        },
        "source_url": "http://koprivshtitsa-surdulica.com/project/index/locale/sr",
        "municipalities": ["koprivshtitsa"],
        "title": {
            "bg": "Модел за трансгранично сътрудничество в управлението на културно-историческото и природното наследство и развитие на устойчив туризъм – Копривщица (България) и Сурдулица (Сърбия)",
            "sr": "Модел прекограничне сарадње у управљању културно-историјским и природним наслеђем и развоју одрживог туризма – Копривштица (Бугарска) и Сурдулица (Србија)",
            "en": "Model for cross-border cooperation in management of cultural-historical and natural heritage and development of sustainable tourism – Koprivshtitsa (Bulgaria) and Surdulica (Serbia)",
        },
        "partners": [
            (
                "lead",
                Country.BULGARIA,
                {
                    "bg": "Народно читалище „Хаджи Ненчо Палавеев – 1869“, Копривщица",
                    "sr": "Друштвени центар „Хаџи Ненчо Д. Палавеев“, Копривштица",
                    "en": "Hadzhi Nencho Palaveev Community Centre, Koprivshtitsa",
                },
            ),
            (
                "partner",
                Country.SERBIA,
                {"bg": "Община Сурдулица", "sr": "Општина Сурдулица", "en": "Surdulica Municipality"},
            ),
        ],
    },
    {
        "slug": "improvement-of-intangible-cultural-heritage",
        "code": "CB007.1.11.118",
        "programme": "ipa-2014",
        "priority": {
            "bg": "Специфична цел 1.1 Туристическа атрактивност",
            "sr": "Специфични циљ 1.1 Туристичка атрактивност",
            "en": "Specific objective 1.1 Tourist attractiveness",
        },
        "source_url": "http://www.ipacbc-bgrs.eu/projects-funded/improvement-intangible-cultural-heritage-cross-border-region",
        "municipalities": ["medijana"],
        "starts_on": date(2016, 11, 23),
        "ends_on": date(2018, 5, 22),
        "total_budget": Decimal("572686.37"),
        "eu_cofinancing_rate": Decimal("85"),
        "title": {
            "bg": "Подобряване на нематериалното културно наследство в трансграничния регион",
            "sr": "Унапређење нематеријалне културне баштине у прекограничном региону",
            "en": "Improvement of intangible cultural heritage in the cross-border region",
        },
        "results": {
            "bg": "Генерална дирекция „Регионална и селищна политика“ на Европейската комисия избира проекта за пример за добра практика. Заключителният концерт в България събира КУД „Абрашевич“ от Ниш и детския ансамбъл „Пъстрина“ от Монтана.",
            "sr": "Генерални директорат за регионалну и урбану политику Европске комисије изабрао је пројекат као пример добре праксе. На завршном концерту у Бугарској наступили су КУД „Абрашевић“ из Ниша и дечји ансамбл „Пастрина“ из Монтане.",
            "en": "The European Commission's DG REGIO selected the project as an example of good practice. Its closing concert in Bulgaria brought together KUD 'Abrašević' of Niš and the children's ensemble 'Pastrina' of Montana.",
        },
        "partners": [("lead", Country.SERBIA, MEDIJANA_PARTNER), ("partner", Country.BULGARIA, MONTANA_THEATRE)],
    },
    {
        "slug": "dance-and-play-together",
        "code": "CB007.2.13.091",
        "programme": "ipa-2014",
        "priority": {
            "bg": "Специфична цел 1.3 Мрежи между хората",
            "sr": "Специфични циљ 1.3 Умрежавање људи",
            "en": "Specific objective 1.3 People-to-people networking",
        },
        "website": "http://together-bgrs.eu/the-project/",
        "municipalities": ["medijana"],
        "starts_on": date(2019, 7, 3),
        "ends_on": date(2020, 7, 3),
        "total_budget": Decimal("135274.61"),
        "figures_note": {
            "bg": "Бюджет по договора за субсидия според сайта на проекта; montana24.net посочва 145 660,30 евро. Процентът на съфинансиране от ЕС не е посочен.",
            "sr": "Буџет по уговору о субвенцији према сајту пројекта; montana24.net наводи 145.660,30 евра. Стопа суфинансирања ЕУ није наведена.",
            "en": "Subsidy contract total per the project site; montana24.net gives EUR 145,660.30. The EU co-financing rate is not stated.",
        },
        "title": {
            "bg": "Танцуваме и играем заедно",
            "sr": "Плешимо и свирајмо заједно",
            "en": "Dance and play together",
        },
        "summary": {
            "bg": "Продължение на проекта за нематериалното културно наследство, с мрежата „Млади артисти за устойчиво развитие“.",
            "sr": "Наставак пројекта о нематеријалној културној баштини, са мрежом „Млади уметници за одрживи развој“.",
            "en": "A follow-up to the intangible heritage project, with the network 'Young artists for sustainable development'.",
        },
        "partners": [("lead", Country.SERBIA, MEDIJANA_PARTNER), ("partner", Country.BULGARIA, MONTANA_THEATRE)],
    },
    {
        "slug": "embrace-nature",
        "code": "CB007.2.32.199",
        "programme": "ipa-2014",
        "website": "https://embracenature.eu/",
        "starts_on": date(2020, 11, 25),
        "figures_note": {
            "bg": "Начало: встъпителната среща; продължителност 24 месеца. Бюджетът не е открит.",
            "sr": "Почетак: уводни састанак; трајање 24 месеца. Буџет није пронађен.",
            "en": "Start: the kick-off meeting; duration 24 months. The budget was not found.",
        },
        "title": {"bg": "Да прегърнем природата", "sr": "Загрлимо природу", "en": "Embrace Nature"},
        "summary": {
            "bg": "Опазване на природата, включително план за управление на природната забележителност Церянска пещера край Ниш.",
            "sr": "Заштита природе, укључујући план управљања спомеником природе Церјанска пећина код Ниша.",
            "en": "Nature protection, including a management plan for the Cerjanska Cave natural monument near Niš.",
        },
        "partners": [
            (
                "lead",
                Country.BULGARIA,
                {"bg": "Община Бобов дол", "sr": "Општина Бобов Дол", "en": "Bobov Dol Municipality"},
            ),
            (
                "partner",
                Country.SERBIA,
                {
                    "bg": "Общинско комунално предприятие „Медиана“, Ниш",
                    "sr": "ЈКП „Медиана“ Ниш",
                    "en": "Public Utility Company 'Mediana', Niš",
                },
            ),
            (
                "partner",
                Country.BULGARIA,
                {
                    "bg": "Сдружение „Студентски медиен свят“, Благоевград",
                    "sr": "Удружење „Студентски медијски свет“, Благоевград",
                    "en": "Students Media World Association, Blagoevgrad",
                },
            ),
        ],
    },
    {
        "slug": "pirdop-palilula-tourist-potential",
        "source_url": "https://www.mfa.bg/embassies/serbiagc/news/14424",
        "total_budget": Decimal("300000"),
        "figures_note": {
            "bg": "Стойност според съобщение от май 2017 г.; програмният период и водещият партньор не са посочени.",
            "sr": "Вредност према саопштењу из маја 2017; програмски период и водећи партнер нису наведени.",
            "en": "Value as reported in May 2017; the programme period and the lead partner are not stated.",
        },
        "title": {
            "bg": "Иновативен подход за представяне на туристическия потенциал и местните културни забележителности на регионите Пирдоп и Палилула",
            "sr": "Иновативни приступ представљању туристичког потенцијала и локалних културних знаменитости региона Пирдопа и Палилуле",
            "en": "Innovative approach to presenting the tourist potential and local cultural landmarks of the Pirdop and Palilula regions",
        },
        "partners": [
            (
                "partner",
                Country.BULGARIA,
                {"bg": "Община Пирдоп", "sr": "Општина Пирдоп", "en": "Municipality of Pirdop"},
            ),
            (
                "partner",
                Country.SERBIA,
                {
                    "bg": "Градска община Палилула, Ниш",
                    "sr": "Градска општина Палилула, Ниш",
                    "en": "City Municipality of Palilula, Niš",
                },
            ),
        ],
    },
]

# Where the sources give no results, the page says so instead of inventing them.
RESULTS_NOT_PUBLISHED = {
    "bg": "Резултатите на проекта не са публикувани в източниците, с които разполагаме; общината ще ги добави от окончателния доклад.",
    "sr": "Резултати пројекта нису објављени у изворима којима располажемо; општина ће их додати из завршног извештаја.",
    "en": "The project's results are not published in the sources we have; the municipality will add them from the final report.",
}

LIFE_SITUATIONS = [
    ("moving-home", {"bg": "Смяна на адреса", "sr": "Промена адресе", "en": "Moving home"}),
    ("birth-and-family", {"bg": "Раждане и семейство", "sr": "Рођење и породица", "en": "Birth and family"}),
    ("starting-a-business", {"bg": "Започване на бизнес", "sr": "Покретање посла", "en": "Starting a business"}),
]

ASK_THE_CENTRE = {
    "bg": "Подава се лично в общинската администрация. Информационният център ще ви каже какво да носите и къде точно да отидете.",
    "sr": "Захтев се подноси лично у општинској управи. Информациони центар ће вам рећи шта да понесете и где тачно да одете.",
    "en": "Apply in person at the municipal administration. The information centre will tell you what to bring and exactly where to go.",
}

OFFICE = {
    "koprivshtitsa": {
        "bg": "Информационен център, пл. „20-ти април“ 6, гише 1",
        "sr": "Информациони центар, трг „20. април“ 6, шалтер 1",
        "en": "Information centre, 6 20 April Square, counter 1",
    },
    "medijana": {
        "bg": "Информационен център, ул. „Париска комуна“, гише 3",
        "sr": "Информациони центар, Париске комуне бб, шалтер 3",
        "en": "Information centre, Pariske komune (no number), counter 3",
    },
}
REDRESS = {
    "koprivshtitsa": {
        "bg": "Подайте заявлението на гишето, по пощата или с квалифициран електронен подпис. Отказът може да се обжалва пред кмета в 14-дневен срок, а след това пред Административния съд – София област.",
        "sr": "Захтев предајте на шалтеру, поштом или квалификованим електронским потписом. На одбијање се можете жалити градоначелнику у року од 14 дана, а затим Управном суду Софијске области.",
        "en": "Apply at the counter, by post or with a qualified electronic signature. A refusal can be appealed to the mayor within 14 days, and then to the Administrative Court of Sofia Province.",
    },
    "medijana": {
        "bg": "Подайте искането на гишето или по пощата. Срещу решението може да се подаде жалба до Градския съвет на Ниш в 15-дневен срок.",
        "sr": "Захтев предајте на шалтеру или поштом. На решење можете изјавити жалбу Градском већу Града Ниша у року од 15 дана.",
        "en": "Apply at the counter or by post. A decision can be appealed to the City Council of Niš within 15 days.",
    },
}

SERVICES = [
    {
        "slug": "address-registration-koprivshtitsa",
        "municipality": "koprivshtitsa",
        "situations": ["moving-home"],
        "title": {"bg": "Адресна регистрация", "sr": "Пријава адресе", "en": "Address registration"},
        "summary": {
            "bg": "Заявяване на постоянен или настоящ адрес в община Копривщица.",
            "sr": "Пријава пребивалишта или боравишта у општини Копривштица.",
            "en": "Registering a permanent or current address in Koprivshtitsa Municipality.",
        },
        "eligibility": {
            "bg": "Всеки, който живее или се премества да живее в общината.",
            "sr": "Свако ко живи или се досељава у општину.",
            "en": "Anyone who lives in the municipality or is moving there.",
        },
        "required_documents": {
            "bg": "Документ за самоличност\nАдресна карта (попълва се на гишето)\nДокумент за собственост или съгласие на собственика",
            "sr": "Лична исправа\nАдресна карта (попуњава се на шалтеру)\nДоказ о власништву или сагласност власника",
            "en": "Identity document\nAddress card (filled in at the counter)\nProof of ownership or the owner's consent",
        },
        "legal_basis": {
            "bg": "Закон за гражданската регистрация",
            "sr": "Закон о грађанској регистрацији (Бугарска)",
            "en": "Civil Registration Act (Bulgaria)",
        },
        "is_free": True,
        "processing_time": {"bg": "на момента", "sr": "одмах", "en": "on the spot"},
    },
    {
        "slug": "current-address-certificate-koprivshtitsa",
        "municipality": "koprivshtitsa",
        "situations": ["moving-home"],
        "title": {
            "bg": "Удостоверение за настоящ адрес",
            "sr": "Уверење о боравишту",
            "en": "Certificate of current address",
        },
        "summary": {
            "bg": "Удостоверение, че живеете на адрес в Копривщица – за работодател, училище или банка.",
            "sr": "Уверење да живите на адреси у Копривштици – за послодавца, школу или банку.",
            "en": "A certificate that you live at an address in Koprivshtitsa, for an employer, a school or a bank.",
        },
        "required_documents": {
            "bg": "Документ за самоличност\nЗаявление (в библиотеката с документи)",
            "sr": "Лична исправа\nЗахтев (у библиотеци докумената)",
            "en": "Identity document\nApplication form (in the documents library)",
        },
        "fee": "2.50",
        "fee_note": {
            "bg": "бърза услуга в същия ден – 5,00 EUR",
            "sr": "хитно истог дана – 5,00 EUR",
            "en": "same-day service EUR 5.00",
        },
        "processing_time": {"bg": "3 работни дни", "sr": "3 радна дана", "en": "3 working days"},
    },
    {
        "slug": "civil-status-certificates-koprivshtitsa",
        "municipality": "koprivshtitsa",
        "situations": ["birth-and-family"],
        "title": {
            "bg": "Удостоверение за наследници",
            "sr": "Уверење о наследницима",
            "en": "Certificate of heirs",
        },
        "summary": {
            "bg": "Удостоверение кои са наследниците на починал с последен адрес в Копривщица.",
            "sr": "Уверење о наследницима преминулог лица са последњом адресом у Копривштици.",
            "en": "A certificate naming the heirs of a person whose last address was in Koprivshtitsa.",
        },
        "required_documents": {
            "bg": "Документ за самоличност\nПрепис-извлечение от акт за смърт\nЗаявление (в библиотеката с документи)",
            "sr": "Лична исправа\nИзвод из матичне књиге умрлих\nЗахтев (у библиотеци докумената)",
            "en": "Identity document\nCopy of the death record\nApplication form (in the documents library)",
        },
        "fee": "5.00",
        "fee_note": {
            "bg": "бърза услуга (1 ден) – 10,00 EUR",
            "sr": "хитно (1 дан) – 10,00 EUR",
            "en": "express (1 day) EUR 10.00",
        },
        "processing_time": {"bg": "7 дни", "sr": "7 дана", "en": "7 days"},
    },
    {
        "slug": "tourist-accommodation-registration-koprivshtitsa",
        "municipality": "koprivshtitsa",
        "situations": ["starting-a-business"],
        "title": {
            "bg": "Регистрация на място за настаняване",
            "sr": "Регистрација смештаја за туристе",
            "en": "Registering tourist accommodation",
        },
        "summary": {
            "bg": "Вписване на къща за гости или стаи за гости в регистъра на общината, за да приемате туристи.",
            "sr": "Упис куће за госте или соба у регистар општине, да бисте примали туристе.",
            "en": "Entering a guest house or guest rooms in the municipal register, so that you may take in tourists.",
        },
        "required_documents": {
            "bg": "Заявление\nДокумент за собственост или договор за наем\nСкица на обекта",
            "sr": "Захтев\nДоказ о власништву или уговор о закупу\nСкица објекта",
            "en": "Application\nProof of ownership or lease\nPlan of the premises",
        },
        "fee": "40.00",
        "processing_time": {"bg": "до 2 месеца", "sr": "до 2 месеца", "en": "up to 2 months"},
    },
    {
        "slug": "civil-register-extracts-medijana",
        "municipality": "medijana",
        "situations": ["birth-and-family"],
        "title": {
            "bg": "Извлечения от матичните книги",
            "sr": "Изводи из матичних књига",
            "en": "Extracts from the civil registers",
        },
        "summary": {
            "bg": "Извлечения от книгите за родените, сключилите брак и починалите.",
            "sr": "Изводи из матичних књига рођених, венчаних и умрлих.",
            "en": "Extracts from the registers of births, marriages and deaths.",
        },
        "required_documents": {
            "bg": "Документ за самоличност\nИскане (в библиотеката с документи)",
            "sr": "Лична исправа\nЗахтев (у библиотеци докумената)",
            "en": "Identity document\nRequest form (in the documents library)",
        },
        "legal_basis": {
            "bg": "Закон за матичните книги (Сърбия)",
            "sr": "Закон о матичним књигама",
            "en": "Law on Civil Registers (Serbia)",
        },
        "fee": "440",
        "fee_note": {
            "bg": "за международна употреба – 720 RSD",
            "sr": "за иностранство (међународни образац) – 720 RSD",
            "en": "international form RSD 720",
        },
        "processing_time": {"bg": "3 работни дни", "sr": "3 радна дана", "en": "3 working days"},
    },
    {
        "slug": "certified-copies-medijana",
        "municipality": "medijana",
        "situations": ["starting-a-business"],
        "title": {
            "bg": "Заверка на подписи и преписи",
            "sr": "Овера потписа, рукописа и преписа",
            "en": "Certifying signatures and copies",
        },
        "summary": {
            "bg": "Заверка на подпис или на препис от документ, за договори, пълномощни и заявления.",
            "sr": "Овера потписа или преписа документа, за уговоре, пуномоћја и захтеве.",
            "en": "Certifying a signature or a copy of a document, for contracts, powers of attorney and applications.",
        },
        "required_documents": {
            "bg": "Лична карта\nОригиналът на документа",
            "sr": "Лична карта\nОригинал документа",
            "en": "Identity card\nThe original document",
        },
        "fee": "400",
        "fee_note": {"bg": "на страница", "sr": "по страни", "en": "per page"},
        "processing_time": {"bg": "на момента", "sr": "одмах", "en": "on the spot"},
    },
    {
        "slug": "local-community-hall-booking-medijana",
        "municipality": "medijana",
        "situations": ["birth-and-family"],
        "title": {
            "bg": "Наемане на зала на местна общност",
            "sr": "Коришћење сале месне заједнице",
            "en": "Booking a local community hall",
        },
        "summary": {
            "bg": "Зала за събрания, курсове или семеен празник в една от местните общности на Медиана.",
            "sr": "Сала за састанке, курсеве или породично славље у једној од месних заједница Медијане.",
            "en": "A hall for meetings, courses or a family celebration in one of Medijana's local communities.",
        },
        "required_documents": {"bg": "Искане", "sr": "Захтев", "en": "Request"},
        "is_free": True,
        "fee_note": {
            "bg": "безплатно за сдружения от общината",
            "sr": "бесплатно за удружења са територије општине",
            "en": "free for associations of the municipality",
        },
        "processing_time": {"bg": "5 работни дни", "sr": "5 радних дана", "en": "5 working days"},
    },
]

NEWS = [
    {
        "slug": "national-folklore-festival-2030-announced",
        "municipality": "koprivshtitsa",
        "direction": Direction.Key.CULTURE,
        "days_ago": 2,
        "scene": ("meadow", "meadow"),
        "image_alt": {"bg": "Илюстрация: сцена и знамена на поляната Войводенец", "sr": "Илустрација: бина и заставе на ливади Војводенец", "en": "Illustration: a stage and flags on the Voyvodenets meadows"},
        "title": {"bg": "Започва подготовката на 14-ия събор в Копривщица", "sr": "Почињу припреме за 14. сабор у Копривштици", "en": "Preparations begin for the 14th Koprivshtitsa folklore festival"},
        "lead": {"bg": "Читалищата от цялата страна могат да заявят участие до края на годината; съборът е през август 2030 г.", "sr": "Читалишта из целе земље могу да пријаве учешће до краја године; сабор је у августу 2030.", "en": "Community centres from all over the country can apply to take part until the end of the year; the festival is in August 2030."},
        "body": {"bg": "<p>Общината и организационният комитет събират заявки от групи и индивидуални изпълнители. Регионалните прегледи ще се проведат през 2029 г.</p>", "sr": "<p>Општина и организациони одбор примају пријаве група и појединачних извођача. Регионалне смотре биће одржане 2029. године.</p>", "en": "<p>The municipality and the organising committee are taking applications from groups and solo performers. Regional heats will be held in 2029.</p>"},
    },
    {
        "slug": "road-works-palaveev-boulevard",
        "municipality": "koprivshtitsa",
        "direction": Direction.Key.ADMINISTRATION,
        "days_ago": 5,
        "scene": ("street", "revival"),
        "image_alt": {"bg": "Илюстрация: улица с възрожденски къщи", "sr": "Илустрација: улица са препородним кућама", "en": "Illustration: a street of Revival houses"},
        "title": {"bg": "Ремонт на калдъръма по бул. „Хаджи Ненчо Палавеев“", "sr": "Обнова калдрме на булевару „Хаџи Ненчо Палавеев“", "en": "Cobbles relaid on Hadzhi Nencho Palaveev Boulevard"},
        "lead": {"bg": "От 2 до 27 март движението по булеварда е затворено между площада и Калъчевия мост; автобусите спират на временна спирка.", "sr": "Од 2. до 27. марта саобраћај на булевару затворен је између трга и Калъчевог моста; аутобуси стају на привременој станици.", "en": "From 2 to 27 March the boulevard is closed between the square and the Kalachev Bridge; buses stop at a temporary stop."},
        "body": {"bg": "<p>Пешеходите минават по тротоара от западната страна. Къщите-музеи работят както обикновено.</p>", "sr": "<p>Пешаци пролазе тротоаром на западној страни. Куће-музеји раде као и обично.</p>", "en": "<p>Pedestrians use the pavement on the west side. The house-museums are open as usual.</p>"},
    },
    {
        "slug": "new-online-certificates-medijana",
        "municipality": "medijana",
        "direction": Direction.Key.ADMINISTRATION,
        "days_ago": 8,
        "scene": ("theatre", "revival"),
        "image_alt": {"bg": "Илюстрация: сграда с колони", "sr": "Илустрација: зграда са стубовима", "en": "Illustration: a building with columns"},
        "title": {"bg": "Извлечения от матичните книги вече се заявяват онлайн", "sr": "Изводи из матичних књига сада се траже и онлајн", "en": "Civil register extracts can now be requested online"},
        "lead": {"bg": "Медиана изпраща извлечението по пощата или то се взема от информационния център; таксата е 440 RSD.", "sr": "Медијана шаље извод поштом или га преузимате у информационом центру; такса је 440 динара.", "en": "Medijana posts the extract or you collect it at the information centre; the fee is RSD 440."},
        "body": {"bg": "<p>Искането се подава с формуляра от библиотеката с документи. Срокът е три работни дни.</p>", "sr": "<p>Захтев се подноси обрасцем из библиотеке докумената. Рок је три радна дана.</p>", "en": "<p>Use the form in the documents library. It takes three working days.</p>"},
    },
    {
        "slug": "dance-and-play-together-result",
        "municipality": None,
        "direction": Direction.Key.BUSINESS,
        "days_ago": 12,
        "scene": ("meadow", "dusk"),
        "image_alt": {"bg": "Илюстрация: танцьори пред сцена привечер", "sr": "Илустрација: играчи испред бине у сумрак", "en": "Illustration: dancers before a stage at dusk"},
        "title": {"bg": "Съвместен проект събра фолклорни групи от двете страни на границата", "sr": "Заједнички пројекат окупио фолклорне групе са обе стране границе", "en": "A joint project brought folk groups from both sides of the border together"},
        "lead": {"bg": "Работилници, общи репетиции и два концерта – резултатите от проекта по програма Интеррег ИПП.", "sr": "Радионице, заједничке пробе и два концерта – резултати пројекта из програма Интеррег ИПА.", "en": "Workshops, joint rehearsals and two concerts: the results of the Interreg IPA project."},
        "body": {"bg": "<p>Подробности за партньорите и бюджета има на страницата на проекта в раздел „Европейски проекти“.</p>", "sr": "<p>Детаљи о партнерима и буџету налазе се на страници пројекта у одељку „Европски пројекти“.</p>", "en": "<p>The partners and budget are on the project's page under EU projects.</p>"},
    },
    {
        "slug": "skull-tower-evening-opening",
        "municipality": "medijana",
        "direction": Direction.Key.TOURISM,
        "days_ago": 20,
        "scene": ("tower", "dusk"),
        "image_alt": {"bg": "Илюстрация: параклисът над Челе кула привечер", "sr": "Илустрација: капела над Ћеле кулом у сумрак", "en": "Illustration: the chapel over the Skull Tower at dusk"},
        "title": {"bg": "Челе кула работи до 20:00 през лятото", "sr": "Ћеле кула лети ради до 20 часова", "en": "The Skull Tower stays open until 20:00 in summer"},
        "lead": {"bg": "От 1 юни до 30 септември посетителите могат да влизат и вечер; билетът е 250 RSD.", "sr": "Од 1. јуна до 30. септембра посетиоци могу да уђу и увече; улазница је 250 динара.", "en": "From 1 June to 30 September visitors can come in the evening too; a ticket is RSD 250."},
        "body": {"bg": "<p>Групите се записват предварително в Народния музей.</p>", "sr": "<p>Групе се најављују унапред Народном музеју.</p>", "en": "<p>Groups book ahead with the National Museum.</p>"},
    },
]  # fmt: skip

# The documents library (demo/content/documents.py writes the files): the title in English
# and in the other country's language for readers who do not read the document's own.
DOCUMENT_TITLES = {
    "customer-charter-koprivshtitsa-bg": {"sr": "Повеља о корисницима Општине Копривштица (на бугарском)", "en": "Customer charter of Koprivshtitsa Municipality (in Bulgarian)"},
    "development-plan-koprivshtitsa-2030": {"sr": "План развоја Општине Копривштица до 2030. (сажетак, на бугарском)", "en": "Koprivshtitsa development plan to 2030 (summary, in Bulgarian)"},
    "budget-summary-koprivshtitsa-2026": {"sr": "Буџет Општине Копривштица за 2026. – преглед (на бугарском)", "en": "Koprivshtitsa 2026 budget summary (in Bulgarian)"},
    "form-address-certificate-koprivshtitsa": {"sr": "Захтев за уверење о боравишту (на бугарском)", "en": "Application for a certificate of current address (in Bulgarian)"},
    "form-heirs-certificate-koprivshtitsa": {"sr": "Захтев за уверење о наследницима (на бугарском)", "en": "Application for a certificate of heirs (in Bulgarian)"},
    "customer-charter-medijana-sr": {"bg": "Харта на клиента на Градска община Медиана (на сръбски)", "en": "Customer charter of Medijana (in Serbian)"},
    "development-strategy-medijana-2030": {"bg": "Стратегия за развитие на Медиана до 2030 г. (резюме, на сръбски)", "en": "Medijana development strategy to 2030 (summary, in Serbian)"},
    "budget-summary-medijana-2026": {"bg": "Бюджет 2026 на Градска община Медиана – обобщение (на сръбски)", "en": "Medijana 2026 budget summary (in Serbian)"},
    "form-register-extract-medijana": {"bg": "Искане за извлечение от матичните книги (на сръбски, кирилица)", "en": "Request for a civil register extract (in Serbian, Cyrillic)"},
    "form-register-extract-medijana-latin": {"bg": "Искане за извлечение от матичните книги (на сръбски, латиница)", "en": "Request for a civil register extract (in Serbian, Latin script)"},
    "customer-charter-koprivshtitsa-en": {"bg": "Харта на клиента на Община Копривщица (на английски)", "sr": "Повеља о корисницима Општине Копривштица (на енглеском)"},
    "customer-charter-medijana-en": {"bg": "Харта на клиента на Медиана (на английски)", "sr": "Повеља о корисницима Медијане (на енглеском)"},
    "cross-border-partner-guide": {"bg": "Как да намерим партньор отвъд границата (на английски)", "sr": "Како наћи партнера преко границе (на енглеском)"},
    "events-calendar-2026": {"bg": "Календар на събитията 2026", "sr": "Календар догађаја 2026", "en": "Events calendar 2026"},
}  # fmt: skip
DOCUMENT_DESCRIPTIONS = {
    "other": {"bg": "Какво да очаквате от информационния център и как да подадете жалба.", "sr": "Шта можете очекивати од информационог центра и како да поднесете приговор.", "en": "What to expect of the information centre, and how to complain."},
    "strategy": {"bg": "Визия и приоритети за развитие, приети от общинския съвет.", "sr": "Визија и приоритети развоја које је усвојила скупштина.", "en": "The vision and development priorities adopted by the council."},
    "report": {"bg": "Приходи и разходи по раздели: план и отчет, в таблица.", "sr": "Приходи и расходи по разделима: план и извршење, у табели.", "en": "Income and spending by heading, planned and actual, as a spreadsheet."},
    "form": {"bg": "Бланка за попълване и подаване на гишето на информационния център.", "sr": "Образац за попуњавање и предају на шалтеру информационог центра.", "en": "A form to fill in and hand in at the information centre's counter."},
    "study": {"bg": "Практическо ръководство за малки фирми от двете общини.", "sr": "Практичан водич за мала предузећа из обе општине.", "en": "A practical guide for small firms of both municipalities."},
}  # fmt: skip


def load_documents(municipalities: dict) -> int:
    """The documents library: files written at load time, each once."""
    for slug, municipality, kind, language, fmt, (year, month, day), title, content in LIBRARY:
        document = Document.objects.filter(slug=slug).first() or Document(slug=slug)
        titles = {"bg": title, "sr": title, "en": title, **DOCUMENT_TITLES[slug]}
        if language == "sr-Cyrl" or language == "sr-Latn":
            titles["sr"] = title
        for name, value in {
            **_translated("title", titles),
            **_translated("description", DOCUMENT_DESCRIPTIONS[kind]),
        }.items():
            setattr(document, name, value)
        document.kind = kind
        document.municipality = municipalities.get(municipality)
        document.language = language
        document.document_date = date(year, month, day)
        _publish(document)
        document.published_at = document.published_at or timezone.now()
        # Written once; again only when its file is gone (another media folder, a cleaned var/).
        if not document.file or not document.file.storage.exists(document.file.name):
            document.file = ContentFile(library_file(fmt, title, content, language), name=f"{slug}.{fmt}")
        document_save(document=document)
    return len(LIBRARY)


MUNICIPALITY_NAMES = {
    "koprivshtitsa": {
        "bg": "Община Копривщица",
        "sr": "Општина Копривштица",
        "en": "the Municipality of Koprivshtitsa",
    },
    "medijana": {
        "bg": "Градска община Медиана",
        "sr": "Градска општина Медијана",
        "en": "the City Municipality of Medijana",
    },
}


def _accessibility(slug: str) -> dict:
    name = MUNICIPALITY_NAMES[slug]
    return {
        "bg": (
            f"<p>{name['bg']} се стреми порталът „Мост“ да бъде достъпен в съответствие с Директива (ЕС) 2016/2102 за достъпността на уебсайтовете на организациите от обществения сектор.</p>"
            "<h2>Ниво на съответствие</h2><p>Целта е съответствие с WCAG 2.1, ниво AA. Страниците се проверяват с автоматични инструменти и ръчно; докато проверката не приключи, порталът се смята за частично съответстващ.</p>"
            "<h2>Съобщете за проблем</h2><p>Ако не можете да използвате част от портала, пишете ни чрез формуляра „Попитайте информационния център“. Ще отговорим и ще посочим номера на запитването.</p>"
        ),
        "sr": (
            f"<p>{name['sr']} настоји да портал „Мост“ буде приступачан у складу са Директивом (ЕУ) 2016/2102 о приступачности веб-сајтова тела јавног сектора.</p>"
            "<h2>Ниво усклађености</h2><p>Циљ је усклађеност са WCAG 2.1, ниво AA. Странице се проверавају аутоматским алатима и ручно; док провера не буде завршена, портал се сматра делимично усклађеним.</p>"
            "<h2>Пријавите проблем</h2><p>Ако не можете да користите део портала, пишите нам преко обрасца „Питајте информациони центар“. Одговорићемо и навести број упита.</p>"
        ),
        "en": (
            f"<p>{name['en'][0].upper() + name['en'][1:]} aims to make the Most portal accessible, in line with Directive (EU) 2016/2102 on the accessibility of public sector websites.</p>"
            "<h2>Compliance status</h2><p>The target is WCAG 2.1 level AA. Pages are checked with automated tools and by hand; until that review is complete, the portal is considered partially compliant.</p>"
            "<h2>Report a problem</h2><p>If you cannot use part of the portal, write to us through the 'Ask the information centre' form. We will answer and quote your reference number.</p>"
        ),
    }


def _privacy(slug: str) -> dict:
    name = MUNICIPALITY_NAMES[slug]
    return {
        "bg": (
            f"<p>Администратор на личните данни, които оставяте на портала за тази община, е {name['bg']}.</p>"
            "<h2>Какви данни и защо</h2><p>Когато задавате въпрос на информационния център, съхраняваме вашето име, имейл адрес и въпроса, за да ви отговорим. Не ги използваме за други цели и не ги предоставяме на трети лица.</p>"
            "<h2>Вашите права</h2><p>Можете да поискате достъп до данните си, тяхната корекция или изтриване чрез формуляра за въпроси, като посочите номера на запитването.</p>"
        ),
        "sr": (
            f"<p>Руковалац подацима о личности које остављате на порталу за ову општину је {name['sr']}.</p>"
            "<h2>Који подаци и зашто</h2><p>Када постављате питање информационом центру, чувамо ваше име, имејл адресу и питање да бисмо вам одговорили. Не користимо их у друге сврхе и не дајемо их трећим лицима.</p>"
            "<h2>Ваша права</h2><p>Можете затражити увид у своје податке, њихову исправку или брисање преко обрасца за питања, уз број упита.</p>"
        ),
        "en": (
            f"<p>The controller of the personal data you leave on the portal for this municipality is {name['en']}.</p>"
            "<h2>What data and why</h2><p>When you ask the information centre a question, we keep your name, email address and question in order to answer you. We use them for nothing else and pass them to no one.</p>"
            "<h2>Your rights</h2><p>You can ask to see, correct or erase your data through the question form, quoting your reference number.</p>"
        ),
    }


PAGES = [
    {
        "slug": "about",
        "kind": Page.Kind.ABOUT,
        "title": {"bg": "За портала „Мост“", "sr": "О порталу „Мост“", "en": "About Most"},
        "body": {
            "bg": "<p>„Мост“ е общият информационен портал на Община Копривщица (България) и Градска община Медиана, Ниш (Сърбия). Той произлиза от проекта „Електронна платформа за трансгранично сътрудничество“ по Програмата за трансгранично сътрудничество по ИПП България – Сърбия 2007–2013.</p><h2>Информационните центрове</h2><p>Информационните центрове на двете общини поддържат портала, дават информация за живота от двете страни на границата и за европейските проекти и популяризират добрите практики.</p>",
            "sr": "<p>„Мост“ је заједнички информациони портал Општине Копривштица (Бугарска) и Градске општине Медијана, Ниш (Србија). Настао је из пројекта „Електронска платформа за прекограничну сарадњу“ ИПА програма прекограничне сарадње Бугарска – Србија 2007–2013.</p><h2>Информациони центри</h2><p>Информациони центри обе општине одржавају портал, дају информације о животу с обе стране границе и о европским пројектима и промовишу добре праксе.</p>",
            "en": "<p>Most is the joint information portal of the Municipality of Koprivshtitsa (Bulgaria) and the City Municipality of Medijana, Niš (Serbia). It comes from the project 'Electronic platform for cross-border cooperation' of the Bulgaria–Serbia IPA Cross-border Programme 2007–2013.</p><h2>The information centres</h2><p>The information centres of both municipalities maintain the portal, inform people about life on both sides of the border and about EU projects, and spread good practice.</p>",
        },
    },
    {
        "slug": "contact",
        "kind": Page.Kind.CONTACT,
        "title": {"bg": "Контакт", "sr": "Контакт", "en": "Contact"},
        "body": {
            "bg": "<p>Най-бързият начин да се свържете с нас е формулярът „Попитайте информационния център“ на всеки от двата центъра. Всяко запитване получава номер, а отговорът идва по имейл.</p>",
            "sr": "<p>Најбржи начин да нас контактирате је образац „Питајте информациони центар“ сваког од два центра. Сваки упит добија број, а одговор стиже имејлом.</p>",
            "en": "<p>The quickest way to reach us is the 'Ask the information centre' form of either centre. Each enquiry gets a reference number, and the answer comes by email.</p>",
        },
    },
    *[
        {
            "slug": f"accessibility-{slug}",
            "kind": Page.Kind.ACCESSIBILITY,
            "municipality": slug,
            "title": {
                "bg": "Декларация за достъпност",
                "sr": "Изјава о приступачности",
                "en": "Accessibility statement",
            },
            "body": _accessibility(slug),
        }
        for slug in MUNICIPALITY_NAMES
    ],
    *[
        {
            "slug": f"privacy-{slug}",
            "kind": Page.Kind.PRIVACY,
            "municipality": slug,
            "title": {"bg": "Защита на личните данни", "sr": "Заштита података о личности", "en": "Privacy notice"},
            "body": _privacy(slug),
        }
        for slug in MUNICIPALITY_NAMES
    ],
]


def load(stdout, today: date | None = None) -> None:
    """Create or update the civic demo content; safe to run again.

    The timed events are dated from ``today`` (default: the day of loading, in Sofia).
    """
    municipalities = {municipality.slug: municipality for municipality in Municipality.objects.all()}
    directions = {direction.slug: direction for direction in Direction.objects.all()}
    now = timezone.now()

    today = today or timezone.localdate()
    for data in [*EVENTS, *timed_events(today)]:
        municipality = municipalities[data["municipality"]]
        event = Event.objects.filter(slug=data["slug"]).first() or Event(slug=data["slug"])
        event.municipality = municipality
        event.direction = directions[data["direction"]]
        event.category = data["category"]
        event.timing = data["timing"]
        event.schedule = data.get("schedule", Event.Schedule.CONFIRMED)
        event.recurrence_rule = data.get("recurrence_rule", "")
        event.exception_dates = data.get("exception_dates", [])
        zone = ZoneInfo(municipality.time_zone)
        if data["timing"] == Event.Timing.TIMED:
            event.starts_at = datetime.combine(data["first"], data["starts"], tzinfo=zone)
            event.ends_at = datetime.combine(data["last"], data["ends"], tzinfo=zone)
        else:
            event.starts_at = _day(municipality, data["first"])
            event.ends_at = _day(municipality, data["last"]) + timedelta(hours=23, minutes=59, seconds=59)
        event.is_free = data.get("is_free", False)
        event.price = Decimal(data["price"]) if "price" in data else None
        event.currency = municipality.currency if "price" in data else ""
        for field in ("title", "summary", "description", "venue_name"):
            for name, value in _translated(field, data.get(field, {})).items():
                setattr(event, name, value)
        _publish(event)
        event.published_at = event.published_at or now
        event.full_clean()
        event.save()

    programmes = {}
    for key, data in PROGRAMMES.items():
        programmes[key], _ = Programme.objects.update_or_create(
            first_year=data["first_year"],
            defaults={
                "last_year": data["last_year"],
                "website": data.get("website", ""),
                **_translated("name", data["name"]),
            },
        )
    for data in PROJECTS:
        fields = {key: data.get(key) for key in ("starts_on", "ends_on", "total_budget", "eu_cofinancing_rate")}
        fields.update({key: data.get(key, "") for key in ("acronym", "code", "website", "source_url")})
        for field in ("title", "priority", "figures_note", "summary", "description"):
            fields.update(_translated(field, data.get(field, {})))
        fields.update(_translated("results", data.get("results", RESULTS_NOT_PUBLISHED)))
        project, _ = Project.objects.update_or_create(
            slug=data["slug"], defaults={**fields, **published(), "programme": programmes.get(data.get("programme"))}
        )
        project.municipalities.set([municipalities[slug] for slug in data.get("municipalities", [])])
        project.partners.all().delete()
        for order, (role, country, name) in enumerate(data.get("partners", [])):
            Partner.objects.create(
                project=project, role=role, country=country, order=order, **_translated("name", name)
            )

    situations = {}
    for order, (slug, name) in enumerate(LIFE_SITUATIONS):
        situations[slug], _ = LifeSituation.objects.update_or_create(
            slug=slug, defaults={"order": order, **_translated("name", name)}
        )
    for data in SERVICES:
        municipality = municipalities[data["municipality"]]
        fields = {"municipality": municipality, "at_information_centre": True, **published()}
        for field in (
            "title",
            "summary",
            "eligibility",
            "required_documents",
            "legal_basis",
            "fee_note",
            "processing_time",
        ):
            fields.update(_translated(field, data.get(field, {})))
        fields.update(_translated("how_to_apply", REDRESS[data["municipality"]]))
        fields.update(_translated("office", OFFICE[data["municipality"]]))
        fields["is_free"] = data.get("is_free", False)
        fields["fee"] = Decimal(data["fee"]) if "fee" in data else None
        fields["fee_currency"] = municipality.currency if "fee" in data else ""
        service, _ = MunicipalService.objects.update_or_create(slug=data["slug"], defaults=fields)
        service.life_situations.set([situations[slug] for slug in data["situations"]])

    for data in NEWS:
        article = NewsArticle.objects.filter(slug=data["slug"]).first() or NewsArticle(
            slug=data["slug"], published_at=now - timedelta(days=data["days_ago"])
        )
        article.direction = directions[data["direction"]]
        article.municipality = municipalities.get(data["municipality"])
        _publish(article)
        for name, value in _translated("image_alt", data["image_alt"]).items():
            setattr(article, name, value)
        if not article.image:
            kind, palette = data["scene"]
            article.image = ContentFile(scene_jpeg(kind, palette, data["days_ago"]), name=f"{data['slug']}.jpg")
        for field in ("title", "lead", "body"):
            for name, value in _translated(field, data[field]).items():
                setattr(article, name, value)
        news_article_save(article=article)

    documents = load_documents(municipalities)

    for data in PAGES:
        page = Page.objects.filter(slug=data["slug"]).first() or Page(slug=data["slug"])
        page.kind = data["kind"]
        page.municipality = municipalities.get(data.get("municipality"))
        _publish(page)
        for field in ("title", "body"):
            for name, value in _translated(field, data[field]).items():
                setattr(page, name, value)
        page_save(page=page)

    stdout.write(
        f"Civic: {len(EVENTS) + len(TIMED_EVENTS)} events, {len(PROJECTS)} EU projects, {len(SERVICES)} services, "
        f"{len(NEWS)} news articles, {len(PAGES)} pages, {documents} documents."
    )
