"""Demo content for tourism, built from shared/data/domain-facts.json.

Every sight of the facts file, with our own descriptions in Bulgarian, Serbian Cyrillic and
English (Serbian Latin is generated). Three Niš sights have coordinates in the facts file and
two more a published survey (CHECKED_POSITIONS); the others stand at their own building as read from public maps and stay flagged
approximate until someone checks them on the ground. Opening hours, ticket prices (EUR in
Koprivshtitsa, RSD in Niš) and accessibility notes are demo values and say so. Sights run
by an institution of the directory are linked to it.

One route is added to show routes on the map: a walk in Niš through the three sights with
recorded positions. Its line joins those positions in straight segments, so it is flagged
as demo data and says so on its page.
"""

from datetime import time
from decimal import Decimal

from core.models import Municipality
from core.models import PublicationStatus as Status
from directory.models import Organisation
from tourism import gpx
from tourism.models import Difficulty, OpeningHours, Placement, RouteKind, Sight, SightCategory, TicketPrice
from tourism.services import route_save, sight_save

MUSEUMS_KOPRIVSHTITSA = "directorate-of-museums-koprivshtitsa"
MUSEUM_NIS = "national-museum-nis"

SIGHTS = [
    {
        "slug": "oslekov-house",
        "municipality": "koprivshtitsa",
        "category": SightCategory.HOUSE_MUSEUM,
        "organisation": MUSEUMS_KOPRIVSHTITSA,
        "name": {"bg": "Ослекова къща", "sr": "Ослекова кућа", "en": "Oslekov House"},
        "address": {"bg": "ул. „Геренилото“ 4", "sr": "ул. „Геренилото“ 4", "en": "4 Gereniloto St"},
        "summary": {
            "bg": "Възрожденска къща от 1853–1856 г., днес етнографски музей.",
            "sr": "Кућа из доба бугарског препорода (1853–1856), данас етнографски музеј.",
            "en": "A National Revival house of 1853–1856, now an ethnographic museum.",
        },
        "description": {
            "bg": "Къщата е строена за търговеца Ненчо Ослеков от майстори на Самоковската школа – Уста Минчо и Коста Зограф. Преди въстанието от 1876 г. в нея са шити униформите на въстаниците. Днес тук е подредена етнографска експозиция.",
            "sr": "Кућу су за трговца Ненча Ослекова подигли мајстори самоковске школе, Уста Минчо и Коста Зограф. Пред устанак 1876. у њој су шивене униформе устаника. Данас је у њој етнографска поставка.",
            "en": "Masters of the Samokov school, Usta Mincho and Kosta Zograf, built the house for the merchant Nencho Oslekov. Before the 1876 uprising the rebels' uniforms were sewn here. Today it holds an ethnographic display.",
        },
    },
    {
        "slug": "lyutov-house",
        "municipality": "koprivshtitsa",
        "category": SightCategory.HOUSE_MUSEUM,
        "organisation": MUSEUMS_KOPRIVSHTITSA,
        "name": {"bg": "Лютова къща (Топалова къща)", "sr": "Љутова кућа (Топалова кућа)", "en": "Lyutov House"},
        "address": {
            "bg": "ул. „Никола Беловеждов“ 2",
            "sr": "ул. „Никола Беловеждов“ 2",
            "en": "2 Nikola Belovezhdov St",
        },
        "summary": {
            "bg": "Къща от 1854 г. с рисуван овален таван и сбирка от плъстени килими.",
            "sr": "Кућа из 1854. са осликаном овалном таваницом и збирком ћилима од пуста.",
            "en": "An 1854 house with a painted oval ceiling and a collection of felt rugs.",
        },
        "description": {
            "bg": "Пловдивски майстори строят къщата през 1854 г. за Стефан Топалов; по-късно я купува търговецът Петко Лютов. Посетителите идват заради рисувания овален таван на салона и изложбата на плъсти. Къщата е паметник на културата с национално значение.",
            "sr": "Мајстори из Пловдива подигли су кућу 1854. за Стефана Топалова; касније ју је купио трговац Петко Љутов. Посетиоце привлачи осликана овална таваница салона и изложба ћилима од пуста (пласти). Кућа је споменик културе од националног значаја.",
            "en": "Plovdiv builders put up the house in 1854 for Stefan Topalov; the merchant Petko Lyutov bought it later. Visitors come for the painted oval ceiling of the salon and the display of felt rugs (plasti). It is a monument of national importance.",
        },
    },
    {
        "slug": "todor-kableshkov-house-museum",
        "municipality": "koprivshtitsa",
        "category": SightCategory.HOUSE_MUSEUM,
        "organisation": MUSEUMS_KOPRIVSHTITSA,
        "name": {
            "bg": "Къща-музей „Тодор Каблешков“",
            "sr": "Кућа-музеј „Тодор Каблешков“",
            "en": "Todor Kableshkov House-Museum",
        },
        "address": {"bg": "ул. „Тодор Каблешков“ 8", "sr": "ул. „Тодор Каблешков“ 8", "en": "8 Todor Kableshkov St"},
        "summary": {
            "bg": "Родната къща на автора на „Кървавото писмо“, построена през 1845 г.",
            "sr": "Родна кућа писца „Крвавог писма“, подигнута 1845.",
            "en": "The birthplace of the author of the 'Bloody Letter', built in 1845.",
        },
        "description": {
            "bg": "Тодор Каблешков, председател на местния революционен комитет, се ражда тук през 1851 г. и пише „Кървавото писмо“, с което известява за началото на въстанието. Къщата е дело на майстор Генчо Младенов в пловдивски стил. Музей е от 50-те години на XX век (източниците посочват 1952 или 1954 г.).",
            "sr": "Тодор Каблешков, председник месног револуционарног одбора, рођен је овде 1851. и написао је „Крваво писмо“ којим је објавио почетак устанка. Кућу у пловдивском стилу подигао је мајстор Генчо Младенов. Музеј је од педесетих година XX века (извори наводе 1952. или 1954).",
            "en": "Todor Kableshkov, chairman of the local revolutionary committee, was born here in 1851 and wrote the 'Bloody Letter' announcing the uprising. Master builder Gencho Mladenov designed the house in the Plovdiv style. It has been a museum since the 1950s (sources give 1952 or 1954).",
        },
    },
    {
        "slug": "karavelov-house-complex",
        "municipality": "koprivshtitsa",
        "category": SightCategory.HOUSE_MUSEUM,
        "organisation": MUSEUMS_KOPRIVSHTITSA,
        "name": {
            "bg": "Комплекс къщи на Любен и Петко Каравелови",
            "sr": "Комплекс кућа Љубена и Петка Каравелова",
            "en": "Lyuben and Petko Karavelov House Complex",
        },
        "address": {
            "bg": "бул. „Хаджи Ненчо Палавеев“ 39",
            "sr": "бул. „Хаџи Ненчо Палавеев“ 39",
            "en": "39 Hadzhi Nencho Palaveev Blvd",
        },
        "summary": {
            "bg": "Родният дом на писателя Любен Каравелов и държавника Петко Каравелов.",
            "sr": "Родни дом писца Љубена Каравелова и државника Петка Каравелова.",
            "en": "The family home of the writer Lyuben Karavelov and the statesman Petko Karavelov.",
        },
        "description": {
            "bg": "Комплексът от къщи и стопанска сграда е строен в продължение на около 25 години; първата, зимната къща, е от 1835 г. В него са родени писателят революционер Любен Каравелов и държавникът Петко Каравелов. Сред експонатите е печатарската машина, на която са печатани вестниците на Каравелов.",
            "sr": "Комплекс кућа и господарске зграде грађен је око 25 година; прва, зимска кућа, потиче из 1835. Ту су рођени писац и револуционар Љубен Каравелов и државник Петко Каравелов. Међу експонатима је штампарска машина на којој су штампане Каравеловљеве новине.",
            "en": "The houses and farm building grew over some 25 years, starting with the winter house of 1835. The writer and revolutionary Lyuben Karavelov and the statesman Petko Karavelov were born here. The exhibits include the press that printed Karavelov's newspapers.",
        },
    },
    {
        "slug": "georgi-benkovski-house-museum",
        "municipality": "koprivshtitsa",
        "category": SightCategory.HOUSE_MUSEUM,
        "organisation": MUSEUMS_KOPRIVSHTITSA,
        "name": {
            "bg": "Къща-музей „Георги Бенковски“",
            "sr": "Кућа-музеј „Георги Бенковски“",
            "en": "Georgi Benkovski House-Museum",
        },
        "address": {"bg": "ул. „Георги Бенковски“ 5", "sr": "ул. „Георги Бенковски“ 5", "en": "5 Georgi Benkovski St"},
        "summary": {
            "bg": "Скромната дървена къща от 1831 г., в която е роден Георги Бенковски.",
            "sr": "Скромна дрвена кућа из 1831. у којој је рођен Георги Бенковски.",
            "en": "The modest wooden house of 1831 where Georgi Benkovski was born.",
        },
        "description": {
            "bg": "Георги Бенковски (Гаврил Хлътев) се ражда тук през 1843 г.; през Априлското въстание той води Хвърковатата чета. Къщата е музей от 1966 г.",
            "sr": "Георги Бенковски (Гаврил Хлатев) рођен је овде 1843; у Априлском устанку предводио је Летећу чету. Кућа је музеј од 1966.",
            "en": "Georgi Benkovski (born Gavril Hlatev) was born here in 1843; in the April Uprising he led the 'Flying Detachment'. The house has been a museum since 1966.",
        },
    },
    {
        "slug": "georgi-benkovski-monument",
        "municipality": "koprivshtitsa",
        "category": SightCategory.MONUMENT,
        "name": {
            "bg": "Паметник на Георги Бенковски",
            "sr": "Споменик Георгију Бенковском",
            "en": "Georgi Benkovski Monument",
        },
        "summary": {
            "bg": "Каменен конен паметник от 1976 г. на хълма над родната къща на Бенковски.",
            "sr": "Камени споменик коњанику из 1976. на брду изнад Бенковскове родне куће.",
            "en": "A stone equestrian statue of 1976 on the hill above Benkovski's birthplace.",
        },
        "description": {
            "bg": "Скулпторът Георги Танев изваява конния паметник през 1976 г. Той стои на хълма над къщата, в която е роден водачът на Хвърковатата чета.",
            "sr": "Вајар Георги Танев извајао је споменик коњанику 1976. Стоји на брду изнад куће у којој је рођен вођа Летеће чете.",
            "en": "The sculptor Georgi Tanev made the equestrian monument in 1976. It stands on the hill above the house where the leader of the Flying Detachment was born.",
        },
    },
    {
        "slug": "dimcho-debelyanov-house-museum",
        "municipality": "koprivshtitsa",
        "category": SightCategory.HOUSE_MUSEUM,
        "organisation": MUSEUMS_KOPRIVSHTITSA,
        "name": {
            "bg": "Родна къща на Димчо Дебелянов",
            "sr": "Родна кућа Димча Дебељанова",
            "en": "Dimcho Debelyanov House-Museum",
        },
        "summary": {
            "bg": "Родният дом на поета символист Димчо Дебелянов, музей от 1958 г.",
            "sr": "Родни дом песника симболисте Димча Дебељанова, музеј од 1958.",
            "en": "The birthplace of the symbolist poet Dimcho Debelyanov, a museum since 1958.",
        },
        "description": {
            "bg": "Поетът Димчо Дебелянов (1887–1916) се ражда в тази къща и загива в Първата световна война. Къщата е възстановена през 1957 г. и отваря като музей през 1958 г. Гробът му със статуята на „чакащата майка“ е в двора на църквата „Успение Богородично“.",
            "sr": "Песник Димчо Дебелјанов (1887–1916) рођен је у овој кући и погинуо је у Првом светском рату. Кућа је обновљена 1957, а као музеј отворена 1958. Његов гроб са статуом „мајке која чека“ налази се у порти цркве Успења Богородице.",
            "en": "The poet Dimcho Debelyanov (1887–1916) was born in this house and was killed in the First World War. It was rebuilt in 1957 and opened as a museum in 1958. His grave, with the statue of the 'waiting mother', is in the churchyard of the Dormition church.",
        },
    },
    {
        "slug": "kalachev-bridge",
        "municipality": "koprivshtitsa",
        "category": SightCategory.HISTORIC_SITE,
        "name": {
            "bg": "Калъчев мост (Мостът на първата пушка)",
            "sr": "Калачев мост (Мост првог пуцња)",
            "en": "Kalachev Bridge (Bridge of the First Shot)",
        },
        "summary": {
            "bg": "Каменен мост от 1813 г., където е даден първият изстрел на Априлското въстание.",
            "sr": "Камени мост из 1813. на коме је испаљен први метак Априлског устанка.",
            "en": "A stone bridge of 1813 where the first shot of the April Uprising was fired.",
        },
        "description": {
            "bg": "Мостът над Бяла река е построен през 1813 г. Тук на 20 април 1876 г. (по стар стил) пада първият изстрел на Априлското въстание.",
            "sr": "Мост преко Беле реке подигнут је 1813. Овде је 20. априла 1876. (по старом календару) испаљен први метак Априлског устанка.",
            "en": "The bridge over the Byala Reka dates from 1813. Here, on 20 April 1876 (Old Style), the first shot of the April Uprising was fired.",
        },
    },
    {
        "slug": "april-uprising-ossuary",
        "municipality": "koprivshtitsa",
        "category": SightCategory.MEMORIAL,
        "name": {
            "bg": "Мавзолей-костница на априлци",
            "sr": "Маузолеј-костурница учесника Априлског устанка",
            "en": "Mausoleum-Ossuary of the April Uprising",
        },
        "summary": {
            "bg": "Мемориал от 1926 г. с костите на загиналите в Априлското въстание.",
            "sr": "Спомен-обележје из 1926. са костима палих у Априлском устанку.",
            "en": "A memorial of 1926 that holds the bones of those killed in the April Uprising.",
        },
        "description": {
            "bg": "Костницата е издигната през 1926 г. В нея почиват останките на участници в Априлското въстание, загинали през 1876 г.",
            "sr": "Костурница је подигнута 1926. У њој почивају остаци учесника Априлског устанка погинулих 1876.",
            "en": "The ossuary was built in 1926. It keeps the remains of fighters of the April Uprising who died in 1876.",
        },
    },
    {
        "slug": "20-april-square",
        "municipality": "koprivshtitsa",
        "category": SightCategory.HISTORIC_SITE,
        "name": {"bg": "Площад „20-ти април“", "sr": "Трг „20. април“", "en": "20 April Square"},
        "summary": {
            "bg": "Централният площад, на който всеки 1 май се пресъздава въстанието от 1876 г.",
            "sr": "Централни трг на коме се сваког 1. маја обнавља сећање на устанак из 1876.",
            "en": "The main square, where the 1876 uprising is re-enacted every 1 May.",
        },
        "description": {
            "bg": "На площада се провеждат честванията на Априлското въстание: вечерна церемония на 30 април и театрално пресъздаване на събитията на 1 май.",
            "sr": "На тргу се одржавају свечаности у част Априлског устанка: вечерња церемонија 30. априла и позоришно оживљавање догађаја 1. маја.",
            "en": "The April Uprising celebrations take place here: an evening ceremony on 30 April and a theatrical re-enactment on 1 May.",
        },
    },
    {
        "slug": "church-of-the-dormition-koprivshtitsa",
        "municipality": "koprivshtitsa",
        "category": SightCategory.CHURCH,
        "name": {
            "bg": "Църква „Успение Богородично“",
            "sr": "Црква Успења Пресвете Богородице",
            "en": "Church of the Dormition of the Theotokos",
        },
        "summary": {
            "bg": "Възрожденска църква от 1817 г.; в двора ѝ са гробовете на Каблешков и Дебелянов.",
            "sr": "Црква из 1817; у њеној порти су гробови Каблешкова и Дебељанова.",
            "en": "A Revival church of 1817; Kableshkov and Debelyanov are buried in its yard.",
        },
        "description": {
            "bg": "Църквата е възстановена в сегашния си вид през 1817 г., след като кърджалиите опожаряват града през 1804 г. Камбаната ѝ възвестява въстанието. В двора са гробовете на Тодор Каблешков и Димчо Дебелянов.",
            "sr": "Црква је обновљена у данашњем облику 1817, пошто су крџалије 1804. спалиле град. Њено звоно огласило је устанак. У порти су гробови Тодора Каблешкова и Димча Дебељанова.",
            "en": "The church took its present form in 1817, after the kardzhali raiders burned the town in 1804. Its bell rang out the uprising. Todor Kableshkov and Dimcho Debelyanov are buried in the churchyard.",
        },
    },
    {
        "slug": "church-of-st-nicholas-koprivshtitsa",
        "municipality": "koprivshtitsa",
        "category": SightCategory.CHURCH,
        "name": {"bg": "Църква „Св. Николай“", "sr": "Црква Светог Николе", "en": "Church of St Nicholas"},
        "summary": {
            "bg": "„Новата църква“ на Копривщица в Средна махала, завършена около 1844 г.",
            "sr": "„Нова црква“ Копривштице у Средњој махали, довршена око 1844.",
            "en": "Koprivshtitsa's 'new church' in Sredna mahala, completed around 1844.",
        },
        "description": {
            "bg": "Решението за строежа е взето през 1839 г., султанският ферман е от 1842 г., а църквата е завършена две години по-късно. Тя е на юг от центъра, в Средна махала, и е паметник на културата с местно значение.",
            "sr": "Одлука о градњи донета је 1839, султанов ферман стигао је 1842, а црква је довршена две године касније. Налази се јужно од центра, у Средњој махали, и споменик је културе од локалног значаја.",
            "en": "The decision to build came in 1839 and the sultan's decree in 1842; the church was finished two years later. It stands south of the centre, in Sredna mahala, and is a monument of local importance.",
        },
    },
    {
        "slug": "sts-cyril-and-methodius-school",
        "municipality": "koprivshtitsa",
        "category": SightCategory.HISTORIC_BUILDING,
        "name": {
            "bg": "Училище „Св. св. Кирил и Методий“",
            "sr": "Школа „Свети Ћирило и Методије“",
            "en": "Sts Cyril and Methodius School",
        },
        "summary": {
            "bg": "Ранно българско училище, отбелязвано с година 1837; в двора му има лятна сцена.",
            "sr": "Рана бугарска школа, бележена годином 1837; у дворишту има летњу позорницу.",
            "en": "An early Bulgarian school, dated 1837, with a summer stage in its yard.",
        },
        "description": {
            "bg": "Сградата е сред първите български училища и е наричана първото класно училище; списъците я датират от 1837 г. Днес лятната сцена в двора приема концерти и фолклорни дни.",
            "sr": "Зграда је међу првим бугарским школама и назива се првом класном школом; пописи је датирају у 1837. Летња позорница у дворишту данас угошћава концерте и дане фолклора.",
            "en": "One of the first Bulgarian schools, called the first 'class school'; lists date it to 1837. The summer stage in its yard now hosts concerts and folklore days.",
        },
    },
    {
        "slug": "voyvodenets-meadows",
        "municipality": "koprivshtitsa",
        "category": SightCategory.NATURE,
        "name": {"bg": "Местност Войводенец", "sr": "Ливаде Војводенец", "en": "Voyvodenets meadows"},
        "summary": {
            "bg": "Поляните над града, където от 1965 г. се провежда Националният фолклорен събор.",
            "sr": "Ливаде изнад града на којима се од 1965. одржава Национални сабор фолклора.",
            "en": "The meadows above the town where the National Folklore Fair has been held since 1965.",
        },
        "description": {
            "bg": "На Войводенец през 1965 г. се провежда първият Национален събор на българското народно творчество. Оттогава поляните събират изпълнителите на всеки пет години.",
            "sr": "На Војводенцу је 1965. одржан први Национални сабор бугарског народног стваралаштва. Од тада се извођачи ту окупљају сваких пет година.",
            "en": "The first National Festival of Bulgarian Folklore was held on Voyvodenets in 1965. Since then the performers have gathered on these meadows every five years.",
        },
    },
    {
        "slug": "mediana-archaeological-site",
        "municipality": "medijana",
        "category": SightCategory.ARCHAEOLOGICAL_SITE,
        "organisation": MUSEUM_NIS,
        "name": {"bg": "Археологически обект „Медиана“", "sr": "Медијана", "en": "Mediana archaeological site"},
        "summary": {
            "bg": "Разкошно предградие на римския Наисус от времето на Константин Велики.",
            "sr": "Раскошно предграђе римског Наиса из доба Константина Великог.",
            "en": "A luxurious suburb of Roman Naissus from the time of Constantine the Great.",
        },
        "description": {
            "bg": "Медиана е императорско предградие на Наисус от управлението на Константин Велики (306–337): вила с перистил, терми, житница, водна кула и подови мозайки. От 1979 г. е археологически обект с изключително значение.",
            "sr": "Медијана је царско предграђе Наиса из времена Константина Великог (306–337): вила с перистилом, терме, житница, водоторањ и подни мозаици. Од 1979. је археолошко налазиште од изузетног значаја.",
            "en": "Mediana was an imperial suburb of Naissus under Constantine the Great (306–337): a peristyle villa, baths, a granary, a water tower and floor mosaics. It has been an archaeological site of exceptional importance since 1979.",
        },
    },
    {
        "slug": "skull-tower",
        "municipality": "medijana",
        "category": SightCategory.MONUMENT,
        "organisation": MUSEUM_NIS,
        "name": {"bg": "Челе кула", "sr": "Ћеле кула", "en": "Skull Tower"},
        "position": (Decimal("43.30700"), Decimal("21.92100")),
        "summary": {
            "bg": "Кула, иззидана през 1809 г. от черепите на сръбски въстаници.",
            "sr": "Кула коју су Османлије 1809. озидале лобањама српских устаника.",
            "en": "A tower built in 1809 from the skulls of Serbian rebels.",
        },
        "description": {
            "bg": "След битката при Чегър през 1809 г. османците иззиждат кула от 952 черепа на загинали сръбски въстаници. Около 58 черепа са запазени в параклис, издигнат около нея (повечето източници дават 1892 г., някои 1938 г.).",
            "sr": "После боја на Чегру 1809. Османлије су озидале кулу од 952 лобање погинулих српских устаника. Око 58 лобања сачувано је у капели подигнутој око ње (већина извора наводи 1892, неки 1938).",
            "en": "After the Battle of Čegar in 1809 the Ottomans built a tower from the 952 skulls of fallen Serbian rebels. About 58 skulls remain, inside a chapel built around it (most sources say 1892, some 1938).",
        },
    },
    {
        "slug": "national-theatre-nis",
        "municipality": "medijana",
        "category": SightCategory.VENUE,
        "organisation": "national-theatre-nis",
        "name": {"bg": "Национален театър, Ниш", "sr": "Народно позориште у Нишу", "en": "National Theatre in Niš"},
        "address": {"bg": "пл. „Синджелич“", "sr": "Синђелићев трг", "en": "Sinđelićev trg (Sinđelić Square)"},
        "position": (Decimal("43.32050"), Decimal("21.90000")),
        "summary": {
            "bg": "Театърът на Ниш на площад „Синджелич“, основан през 1887 г.",
            "sr": "Нишко позориште на Синђелићевом тргу, основано 1887.",
            "en": "Niš's theatre on Sinđelić Square, founded in 1887.",
        },
        "description": {
            "bg": "Театърът е основан на 11 март 1887 г. под името „Синджелич“ и през 1906 г. е преобразуван в Народен театър.",
            "sr": "Позориште је основано 11. марта 1887. под именом „Синђелић“, а 1906. преуређено је у Народно позориште.",
            "en": "The theatre opened on 11 March 1887 as the 'Sinđelić' and became the National Theatre in 1906.",
        },
    },
    {
        "slug": "nis-fortress",
        "municipality": "medijana",
        "category": SightCategory.FORTRESS,
        "placement": Placement.NEARBY,
        "placement_note": {
            "bg": "в градска община Цървени крест, Ниш",
            "sr": "у градској општини Црвени крст, Ниш",
            "en": "in the Crveni Krst city municipality of Niš",
        },
        "name": {"bg": "Крепостта Ниш", "sr": "Нишка тврђава", "en": "Niš Fortress"},
        "summary": {
            "bg": "Османска артилерийска крепост от 1719–1723 г. на десния бряг на Нишава.",
            "sr": "Османска артиљеријска тврђава из 1719–1723. на десној обали Нишаве.",
            "en": "An Ottoman artillery fortress of 1719–1723 on the right bank of the Nišava.",
        },
        "description": {
            "bg": "Крепостта е построена през 1719–1723 г. върху римски, византийски и средновековни предшественици и заема 22 ха. В нея се провеждат Нишвил и Филмовите срещи. Намира се в община Цървени крест, а не в Медиана.",
            "sr": "Тврђава је подигнута 1719–1723. на римским, византијским и средњовековним претходницама и заузима 22 ha. У њој се одржавају Нишвил и Филмски сусрети. Налази се у општини Црвени крст, а не у Медијани.",
            "en": "The fortress was built in 1719–1723 over Roman, Byzantine and medieval predecessors and covers 22 ha. Nišville and the Film Meetings take place inside it. It lies in Crveni Krst, not in Medijana.",
        },
    },
    {
        "slug": "crveni-krst-camp-memorial",
        "municipality": "medijana",
        "category": SightCategory.MEMORIAL,
        "organisation": MUSEUM_NIS,
        "placement": Placement.NEARBY,
        "placement_note": {
            "bg": "в градска община Цървени крест, Ниш",
            "sr": "у градској општини Црвени крст, Ниш",
            "en": "in the Crveni Krst city municipality of Niš",
        },
        "position": (Decimal("43.33028"), Decimal("21.88861")),
        "name": {"bg": "Лагер „Цървени крест“", "sr": "Логор Црвени крст", "en": "Crveni Krst Camp Memorial"},
        "summary": {
            "bg": "Нацистки лагер от 1941–1944 г., запазен непокътнат; мемориален музей от 1967 г.",
            "sr": "Нацистички логор из 1941–1944, сачуван у целости; спомен-музеј од 1967.",
            "en": "A Nazi camp of 1941–1944, preserved intact; a memorial museum since 1967.",
        },
        "description": {
            "bg": "Лагерът в Ниш действа от 1941 до 1944 г. и е запазен в цялост. От 1967 г. е мемориален музей, а от 1979 г. – паметник на културата с изключително значение.",
            "sr": "Логор у Нишу радио је од 1941. до 1944. и сачуван је у целости. Од 1967. је спомен-музеј, а од 1979. споменик културе од изузетног значаја.",
            "en": "The camp in Niš operated from 1941 to 1944 and survives intact. It has been a memorial museum since 1967 and a cultural monument of exceptional importance since 1979.",
        },
    },
    {
        "slug": "bubanj-memorial-park",
        "municipality": "medijana",
        "category": SightCategory.MEMORIAL,
        "placement": Placement.NEARBY,
        "placement_note": {
            "bg": "в градска община Палилула, Ниш",
            "sr": "у градској општини Палилула, Ниш",
            "en": "in the Palilula city municipality of Niš",
        },
        "name": {"bg": "Мемориален парк Бубан", "sr": "Спомен-парк Бубањ", "en": "Bubanj Memorial Park"},
        "summary": {
            "bg": "Мемориал от Втората световна война на хълма Бубан с паметника на трите юмрука.",
            "sr": "Спомен-обележје из Другог светског рата на брду Бубањ са спомеником три песнице.",
            "en": "A Second World War memorial on Bubanj hill with the three-fists monument.",
        },
        "description": {
            "bg": "На хълма Бубан през 1942–1944 г. са разстреляни около 10 000 затворници. Паркът с паметника на трите юмрука на скулптора Иван Саболич е открит на 14 октомври 1963 г.",
            "sr": "На брду Бубањ стрељано је 1942–1944. око 10.000 заточеника. Парк са спомеником три песнице вајара Ивана Саболића отворен је 14. октобра 1963.",
            "en": "About 10,000 prisoners were shot on Bubanj hill in 1942–1944. The park, with the three-fists monument by the sculptor Ivan Sabolić, opened on 14 October 1963.",
        },
    },
    {
        "slug": "nis-orthodox-cathedral",
        "municipality": "medijana",
        "category": SightCategory.CHURCH,
        "name": {"bg": "Съборна църква в Ниш", "sr": "Саборна црква у Нишу", "en": "Niš Orthodox Cathedral"},
        "summary": {
            "bg": "Православната катедрала на Ниш, на територията на Медиана.",
            "sr": "Православна саборна црква Ниша, на територији Медијане.",
            "en": "The Orthodox cathedral of Niš, on Medijana's territory.",
        },
        "description": {
            "bg": "Катедралата е сред значимите сгради на територията на Медиана. Датите на строежа ѝ все още не са проверени.",
            "sr": "Саборна црква је међу значајним здањима на територији Медијане. Подаци о њеној градњи још нису проверени.",
            "en": "The cathedral is among the notable buildings on Medijana's territory. The dates of its building have not been checked yet.",
        },
    },
]

# --- What a visitor needs on the day: where exactly, when, how much, how accessible ---------
#
# Positions: the facts file gives three (Skull Tower, National Theatre, Crveni Krst camp); the
# others are our reading of public maps, each at its own building, still flagged approximate
# because we could not check them to within 50 m. Hours, prices and accessibility are demo
# values in the shape the museums publish them (season, weekdays, lunch break; adults,
# pupils, a joint ticket), in the place's currency, and say so in their note.

MUSEUM_SEASONS = [
    # from (month, day), to (month, day), weekdays, opens, closes, note key
    ((4, 1), (10, 31), [1, 2, 3, 4, 5, 6, 7], time(9, 30), time(17, 30), "lunch"),
    ((11, 1), (3, 31), [2, 3, 4, 5, 6, 7], time(9, 0), time(17, 0), "lunch"),
]
NOTES = {
    "lunch": {"bg": "обедна почивка 12:30–13:00", "sr": "пауза 12:30–13:00", "en": "closed for lunch 12:30–13:00"},
    "service": {"bg": "по време на богослужение – само за богомолци", "sr": "за време богослужења само за вернике", "en": "during services for worshippers only"},
    "": {},
}  # fmt: skip
KOPRIVSHTITSA_MUSEUM_PRICES = [
    ({"bg": "Възрастни", "sr": "Одрасли", "en": "Adults"}, "3.00"),
    ({"bg": "Ученици, студенти, пенсионери", "sr": "Ученици, студенти, пензионери", "en": "Pupils, students, pensioners"}, "1.50"),
    ({"bg": "Обща карта за шестте къщи-музеи", "sr": "Заједничка улазница за шест кућа-музеја", "en": "Joint ticket for the six house-museums"}, "8.00"),
]  # fmt: skip
NIS_MUSEUM_PRICES = [
    ({"bg": "Възрастни", "sr": "Одрасли", "en": "Adults"}, "250"),
    ({"bg": "Ученици и студенти", "sr": "Ђаци и студенти", "en": "Pupils and students"}, "150"),
    ({"bg": "Деца до 7 години", "sr": "Деца до 7 година", "en": "Children under 7"}, "0"),
]  # fmt: skip
DEMO_PRICES_NOTE = {
    "bg": "Цени за демонстрация; проверете на касата.",
    "sr": "Цене за демонстрацију; проверите на благајни.",
    "en": "Demo prices; check at the ticket office.",
}
HOUSE_ACCESS = {
    "bg": "Възрожденска къща: стъпала към входа и тясна дървена стълба към горния етаж; приземният етаж може да се разгледа с помощ. Тоалетна в двора.",
    "sr": "Препородна кућа: степенице до улаза и уско дрвено степениште до спрата; приземље се може разгледати уз помоћ. Тоалет у дворишту.",
    "en": "A Revival house: steps up to the door and a narrow wooden stair to the upper floor; the ground floor can be seen with help. Toilet in the courtyard.",
}
OPEN_AIR_ACCESS = {
    "bg": "На открито, по калдъръм и тревни пътеки; неравен терен.",
    "sr": "На отвореном, калдрмом и травнатим стазама; нераван терен.",
    "en": "Open air, on cobbles and grass paths; uneven ground.",
}
STEP_FREE_ACCESS = {
    "bg": "Вход без стъпала; достъпна тоалетна; паркиране наблизо.",
    "sr": "Улаз без степеника; приступачан тоалет; паркинг у близини.",
    "en": "Step-free entrance; accessible toilet; parking nearby.",
}
CHURCH_ACCESS = {
    "bg": "Едно стъпало на входа; вътре равен под.",
    "sr": "Један степеник на улазу; унутра раван под.",
    "en": "One step at the door; level floor inside.",
}

# Positions checked against a published survey of the site itself, to within about 50 m; the
# approximate flag comes off these. The cathedral: the coordinates of its encyclopaedia entry
# (43°18′54″ N, 21°53′46″ E); Bubanj: the Spomenik Database's survey of the Three Fists
# (N 43°18′18.2″, E 21°52′21.9″). Our earlier map readings were 600 m and 300 m off.
CHECKED_POSITIONS = {
    "nis-orthodox-cathedral": (Decimal("43.31500"), Decimal("21.89611")),
    "bubanj-memorial-park": (Decimal("43.30506"), Decimal("21.87275")),
}

# slug: (latitude, longitude), wheelchair, accessibility, hours, prices
VISIT = {
    "oslekov-house": ((42.63695, 24.35790), "partly", HOUSE_ACCESS, "museum", "koprivshtitsa"),
    "lyutov-house": ((42.63770, 24.35925), "partly", HOUSE_ACCESS, "museum", "koprivshtitsa"),
    "todor-kableshkov-house-museum": ((42.63410, 24.35915), "partly", HOUSE_ACCESS, "museum", "koprivshtitsa"),
    "karavelov-house-complex": ((42.63935, 24.35385), "partly", HOUSE_ACCESS, "museum", "koprivshtitsa"),
    "georgi-benkovski-house-museum": ((42.63100, 24.36010), "no", HOUSE_ACCESS, "museum", "koprivshtitsa"),
    "georgi-benkovski-monument": ((42.62975, 24.36165), "no", OPEN_AIR_ACCESS, "", ""),
    "dimcho-debelyanov-house-museum": ((42.63530, 24.36070), "partly", HOUSE_ACCESS, "museum", "koprivshtitsa"),
    "kalachev-bridge": ((42.63490, 24.35650), "partly", OPEN_AIR_ACCESS, "", ""),
    "april-uprising-ossuary": ((42.63670, 24.35615), "partly", OPEN_AIR_ACCESS, "", ""),
    "20-april-square": ((42.63555, 24.35665), "yes", OPEN_AIR_ACCESS, "", ""),
    "church-of-the-dormition-koprivshtitsa": ((42.63650, 24.35595), "partly", CHURCH_ACCESS, "church", ""),
    "church-of-st-nicholas-koprivshtitsa": ((42.63880, 24.35520), "partly", CHURCH_ACCESS, "church", ""),
    "sts-cyril-and-methodius-school": ((42.63660, 24.35660), "partly", HOUSE_ACCESS, "museum", "koprivshtitsa"),
    "voyvodenets-meadows": ((42.62600, 24.35000), "partly", OPEN_AIR_ACCESS, "", ""),
    "mediana-archaeological-site": ((43.31090, 21.94470), "partly", OPEN_AIR_ACCESS, "museum", "nis"),
    "skull-tower": (None, "yes", STEP_FREE_ACCESS, "museum", "nis"),
    "national-theatre-nis": (None, "yes", STEP_FREE_ACCESS, "", ""),
    "nis-fortress": ((43.32440, 21.89560), "partly", OPEN_AIR_ACCESS, "", ""),
    "crveni-krst-camp-memorial": (None, "partly", STEP_FREE_ACCESS, "museum", "nis"),
    "bubanj-memorial-park": ((43.30240, 21.87430), "partly", OPEN_AIR_ACCESS, "", ""),
    "nis-orthodox-cathedral": ((43.31800, 21.88950), "partly", CHURCH_ACCESS, "church", ""),
}
CHURCH_HOURS = [((1, 1), (12, 31), [1, 2, 3, 4, 5, 6, 7], time(7, 30), time(19, 0), "service")]
THEATRE_PRICES_NOTE = {
    "bg": "Билети за всяко представление на касата на театъра, 800–1500 RSD.",
    "sr": "Улазнице за сваку представу на благајни позоришта, 800–1.500 динара.",
    "en": "Tickets for each performance at the theatre's box office, RSD 800–1,500.",
}
FREE_NOTE = {"bg": "Вход свободен.", "sr": "Улаз слободан.", "en": "Free admission."}


def load_visiting(sights: dict) -> None:
    """Opening hours, ticket prices (EUR in Koprivshtitsa, RSD in Niš) and accessibility of each sight."""
    for slug, (_position, wheelchair, access, hours, prices) in VISIT.items():
        sight = sights[slug]
        sight.opening_hours.all().delete()
        sight.ticket_prices.all().delete()
        seasons = {"museum": MUSEUM_SEASONS, "church": CHURCH_HOURS}.get(hours, [])
        for order, ((fm, fd), (tm, td), days, opens, closes, note) in enumerate(seasons):
            OpeningHours.objects.create(
                sight=sight, from_month=fm, from_day=fd, to_month=tm, to_day=td, weekdays=days,
                opens=opens, closes=closes, order=order, **_translated("note", NOTES[note]),
            )  # fmt: skip
        table = {"koprivshtitsa": KOPRIVSHTITSA_MUSEUM_PRICES, "nis": NIS_MUSEUM_PRICES}.get(prices, [])
        for order, (label, amount) in enumerate(table):
            TicketPrice.objects.create(
                sight=sight, amount=Decimal(amount), currency=sight.municipality.currency, order=order,
                **_translated("label", label),
            )  # fmt: skip
        note = DEMO_PRICES_NOTE if table else THEATRE_PRICES_NOTE if slug == "national-theatre-nis" else FREE_NOTE
        Sight.objects.filter(pk=sight.pk).update(
            wheelchair_access=wheelchair,
            **_translated("accessibility_notes", access),
            **_translated("prices_note", note),
        )


DEMO_ROUTE = {
    "slug": "nis-skull-tower-to-crveni-krst-walk",
    "municipality": "medijana",
    "kind": RouteKind.WALKING,
    "difficulty": Difficulty.EASY,
    "stops": ["skull-tower", "national-theatre-nis", "crveni-krst-camp-memorial"],
    "name": {
        "bg": "Разходка в Ниш: от Челе кула до лагера „Цървени крест“",
        "sr": "Шетња Нишем: од Ћеле куле до логора Црвени крст",
        "en": "A walk through Niš: from the Skull Tower to the Crveni Krst camp",
    },
    "summary": {
        "bg": "Три места на паметта и културата на Ниш в една пешеходна разходка.",
        "sr": "Три места сећања и културе Ниша у једној шетњи.",
        "en": "Three places of Niš's memory and culture in one walk.",
    },
    "description": {
        "bg": "Разходката започва от Челе кула, минава през Народния театър на площад „Синджелич“ и завършва при мемориалния музей „Цървени крест“. Продължителността е изчислена от разстоянието при 4 км в час.",
        "sr": "Шетња почиње код Ћеле куле, пролази поред Народног позоришта на Синђелићевом тргу и завршава се код спомен-музеја Црвени крст. Трајање је израчунато из дужине при 4 km на сат.",
        "en": "The walk starts at the Skull Tower, passes the National Theatre on Sinđelić Square and ends at the Crveni Krst memorial museum. The duration is worked out from the distance at 4 km an hour.",
    },
    "start_name": {"bg": "Челе кула", "sr": "Ћеле кула", "en": "Skull Tower"},
    "end_name": {"bg": "Лагер „Цървени крест“", "sr": "Логор Црвени крст", "en": "Crveni Krst Camp Memorial"},
}


def _translated(field: str, values: dict | None) -> dict:
    return {f"{field}_{language}": text for language, text in (values or {}).items()}


def load_sights() -> dict:
    municipalities = {municipality.slug: municipality for municipality in Municipality.objects.all()}
    slugs = {data["organisation"] for data in SIGHTS if "organisation" in data}
    organisations = {organisation.slug: organisation for organisation in Organisation.objects.filter(slug__in=slugs)}
    sights = {}
    for data in SIGHTS:
        position = data.get("position") or CHECKED_POSITIONS.get(data["slug"])
        estimate = VISIT[data["slug"]][0]
        latitude, longitude = position or tuple(Decimal(f"{value:.5f}") for value in estimate)
        fields = {
            "municipality": municipalities[data["municipality"]],
            "category": data["category"],
            "placement": data.get("placement", Placement.WITHIN),
            "latitude": latitude,
            "longitude": longitude,
            "coordinates_approximate": position is None,
            "organisation": organisations.get(data.get("organisation")),
            "status": Status.PUBLISHED,
        }
        for field in ("name", "summary", "description", "address", "placement_note"):
            fields.update(_translated(field, data.get(field)))
        sights[data["slug"]] = sight_save(slug=data["slug"], **fields)
    return sights


def load_demo_route(sights: dict):
    data = DEMO_ROUTE
    stops = [sights[slug] for slug in data["stops"]]
    points = [(float(sight.latitude), float(sight.longitude)) for sight in stops]
    track = gpx.write_gpx(data["name"]["en"], points)
    distance_km = gpx.parse_gpx(track).distance_m / 1000
    fields = {
        "municipality": stops[0].municipality,
        "kind": data["kind"],
        "difficulty": data["difficulty"],
        "duration_minutes": round(distance_km / 4 * 60),
        "is_demo": True,
        "status": Status.PUBLISHED,
    }
    for field in ("name", "summary", "description", "start_name", "end_name"):
        fields.update(_translated(field, data.get(field)))
    return route_save(slug=data["slug"], gpx_name=f"{data['slug']}.gpx", gpx_content=track, sights=stops, **fields)


def load(stdout) -> None:
    sights = load_sights()
    load_visiting(sights)
    load_demo_route(sights)
    approximate = sum(1 for sight in sights.values() if sight.coordinates_approximate)
    stdout.write(
        f"Tourism: {len(sights)} sights ({approximate} at positions read from public maps, flagged approximate), "
        "1 demo route."
    )
