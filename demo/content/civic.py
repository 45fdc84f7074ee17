"""Demo content for culture, administration and social life, from shared/data/domain-facts.json.

Events and EU projects carry only the sourced facts (dates, places, figures,
partners); where the sources say nothing (a price, a project's dates, the exact
dates of the next folklore fair) the field stays empty or the entry is marked
as expected. News, services and pages are our own generic texts, with no
invented fees, addresses or figures.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from civic.models import (
    Event,
    LifeSituation,
    MunicipalService,
    NewsArticle,
    Page,
    Partner,
    Programme,
    Project,
    PublicationStatus,
)
from civic.services import news_article_save, page_save
from core.models import Country, Direction, Municipality

PUBLISHED = {"status": PublicationStatus.PUBLISHED}


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
        "required_documents": {"bg": "Документ за самоличност", "sr": "Лична исправа", "en": "Identity document"},
        "legal_basis": {
            "bg": "Закон за гражданската регистрация",
            "sr": "Закон о грађанској регистрацији (Бугарска)",
            "en": "Civil Registration Act (Bulgaria)",
        },
    },
    {
        "slug": "civil-status-certificates-koprivshtitsa",
        "municipality": "koprivshtitsa",
        "situations": ["birth-and-family"],
        "title": {
            "bg": "Удостоверения по гражданско състояние",
            "sr": "Уверења о личном стању",
            "en": "Civil status certificates",
        },
        "summary": {
            "bg": "Удостоверения и преписи от актовете за раждане, брак и смърт.",
            "sr": "Уверења и преписи из извода о рођењу, венчању и смрти.",
            "en": "Certificates and copies of birth, marriage and death records.",
        },
        "required_documents": {"bg": "Документ за самоличност", "sr": "Лична исправа", "en": "Identity document"},
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
        "required_documents": {"bg": "Документ за самоличност", "sr": "Лична исправа", "en": "Identity document"},
        "legal_basis": {
            "bg": "Закон за матичните книги (Сърбия)",
            "sr": "Закон о матичним књигама",
            "en": "Law on Civil Registers (Serbia)",
        },
    },
]

NEWS = [
    {
        "slug": "events-calendar-on-most",
        "direction": Direction.Key.CULTURE,
        "days_ago": 3,
        "title": {
            "bg": "Календар на събитията в двете общини",
            "sr": "Календар догађаја у обе општине",
            "en": "A calendar of events in both municipalities",
        },
        "lead": {
            "bg": "Фестивали, чествания и срещи от Копривщица и Медиана вече са в общ календар, с местното време на всяко място.",
            "sr": "Фестивали, обележавања и сусрети из Копривштице и Медијане сада су у заједничком календару, са локалним временом сваког места.",
            "en": "Festivals, commemorations and meetings in Koprivshtitsa and Medijana are now in one calendar, each shown in its own local time.",
        },
        "body": {
            "bg": "<p>Събитията могат да се филтрират по община, направление и вид, да се разглеждат по месеци и да се добавят в личния календар.</p><p>Копривщица е с едно часово време пред Ниш: всяко събитие показва часа на мястото, където се провежда.</p>",
            "sr": "<p>Догађаји се могу филтрирати по општини, правцу и врсти, прегледати по месецима и додати у лични календар.</p><p>Копривштица је један сат испред Ниша: сваки догађај приказује време места на којем се одржава.</p>",
            "en": "<p>Events can be filtered by municipality, direction and kind, browsed month by month and added to your own calendar.</p><p>Koprivshtitsa is one hour ahead of Niš: each event shows the time of the place where it happens.</p>",
        },
    },
    {
        "slug": "ask-the-information-centre-online",
        "direction": Direction.Key.ADMINISTRATION,
        "days_ago": 2,
        "title": {
            "bg": "Въпроси към информационните центрове онлайн",
            "sr": "Питања информационим центрима онлајн",
            "en": "Ask the information centres online",
        },
        "lead": {
            "bg": "Всеки от двата информационни центъра приема въпроси чрез формуляр на портала, на български, сръбски или английски.",
            "sr": "Оба информациона центра примају питања преко обрасца на порталу, на бугарском, српском или енглеском.",
            "en": "Both information centres now take questions through a form on the portal, in Bulgarian, Serbian or English.",
        },
        "body": {
            "bg": "<p>След изпращане получавате копие по имейл с номер на запитването. Отговорът идва на същия адрес.</p>",
            "sr": "<p>После слања добијате копију имејлом са бројем упита. Одговор стиже на исту адресу.</p>",
            "en": "<p>After sending you receive a copy by email with a reference number. The answer comes to the same address.</p>",
        },
    },
    {
        "slug": "eu-projects-records",
        "direction": Direction.Key.ADMINISTRATION,
        "days_ago": 1,
        "title": {
            "bg": "Европейските проекти на двете общини на едно място",
            "sr": "Европски пројекти обе општине на једном месту",
            "en": "The EU projects of both municipalities in one place",
        },
        "lead": {
            "bg": "Програма, срокове, бюджет, съфинансиране и партньори на трансграничните проекти, с посочени източници.",
            "sr": "Програм, рокови, буџет, суфинансирање и партнери прекограничних пројеката, са наведеним изворима.",
            "en": "Programme, dates, budget, co-financing and partners of the cross-border projects, with their sources.",
        },
        "body": {
            "bg": "<p>Където източниците не посочват сума или дата, полето остава празно вместо да се попълва по предположение.</p>",
            "sr": "<p>Где извори не наводе износ или датум, поље остаје празно уместо да се попуњава нагађањем.</p>",
            "en": "<p>Where the sources give no amount or date, the field stays empty rather than being filled with a guess.</p>",
        },
    },
]

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


def load(stdout) -> None:
    """Create or update the civic demo content; safe to run again."""
    municipalities = {municipality.slug: municipality for municipality in Municipality.objects.all()}
    directions = {direction.slug: direction for direction in Direction.objects.all()}
    now = timezone.now()

    for data in EVENTS:
        municipality = municipalities[data["municipality"]]
        event = Event.objects.filter(slug=data["slug"]).first() or Event(slug=data["slug"])
        event.municipality = municipality
        event.direction = directions[data["direction"]]
        event.category = data["category"]
        event.timing = data["timing"]
        event.schedule = data.get("schedule", Event.Schedule.CONFIRMED)
        event.recurrence_rule = data.get("recurrence_rule", "")
        event.starts_at = _day(municipality, data["first"])
        event.ends_at = _day(municipality, data["last"]) + timedelta(hours=23, minutes=59, seconds=59)
        for field in ("title", "summary", "description", "venue_name"):
            for name, value in _translated(field, data.get(field, {})).items():
                setattr(event, name, value)
        event.status, event.published_at = PublicationStatus.PUBLISHED, event.published_at or now
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
        for field in ("title", "priority", "figures_note", "summary", "description", "results"):
            fields.update(_translated(field, data.get(field, {})))
        project, _ = Project.objects.update_or_create(
            slug=data["slug"], defaults={**fields, **PUBLISHED, "programme": programmes.get(data.get("programme"))}
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
        fields = {"municipality": municipalities[data["municipality"]], "at_information_centre": True, **PUBLISHED}
        for field in ("title", "summary", "eligibility", "required_documents", "legal_basis"):
            fields.update(_translated(field, data.get(field, {})))
        fields.update(_translated("how_to_apply", ASK_THE_CENTRE))
        service, _ = MunicipalService.objects.update_or_create(slug=data["slug"], defaults=fields)
        service.life_situations.set([situations[slug] for slug in data["situations"]])

    for data in NEWS:
        article = NewsArticle.objects.filter(slug=data["slug"]).first() or NewsArticle(
            slug=data["slug"], published_at=now - timedelta(days=data["days_ago"])
        )
        article.direction = directions[data["direction"]]
        article.status = PublicationStatus.PUBLISHED
        for field in ("title", "lead", "body"):
            for name, value in _translated(field, data[field]).items():
                setattr(article, name, value)
        news_article_save(article=article)

    for data in PAGES:
        page = Page.objects.filter(slug=data["slug"]).first() or Page(slug=data["slug"])
        page.kind = data["kind"]
        page.municipality = municipalities.get(data.get("municipality"))
        page.status = PublicationStatus.PUBLISHED
        for field in ("title", "body"):
            for name, value in _translated(field, data[field]).items():
                setattr(page, name, value)
        page_save(page=page)

    stdout.write(
        f"Civic: {len(EVENTS)} events, {len(PROJECTS)} EU projects, {len(SERVICES)} services, "
        f"{len(NEWS)} news articles, {len(PAGES)} pages."
    )
