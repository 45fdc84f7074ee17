"""Demo content for the cooperation board: a few made-up companies of both municipalities and their items.

The companies are flagged ``is_demo`` (the directory's demo loader replaces
demo companies on every run, so they are created again here each time), have
no identifiers and say on their pages that they are not real. Each has an
owner account without a usable password and an address under example.org.
The items pair up across the border, so that suggested partners show: the
honey offer fits the shop's request, the wool offer fits the distributor's,
the travel agency's tour fits the guest house's request, the software
company's know-how fits the guest house's other request. One item waits for
moderation, for the demo moderators.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cooperation.models import CooperationType, Kind, Opportunity, Side, Status, default_expiry
from core.models import Direction, Municipality, PublicationStatus
from directory.models import Kind as OrganisationKind
from directory.models import LegalForm, Organisation
from directory.nace import NaceRevision, division_section
from directory.services import organisation_create
from registrations.models import CompanyOwner

COMPANIES = [
    {
        "slug": "demo-topolnitsa-wool",
        "municipality": "koprivshtitsa",
        "legal_form": LegalForm.BG_LIMITED,
        "nace": "13",
        "languages": ["bg", "en", "ru"],
        "name": {"bg": "Вълна „Тополница“ ООД", "sr": "Вуна „Тополница“ ООД", "en": "Topolnitsa Wool OOD"},
        "description": {
            "bg": "Плетем и валяме вълна от овцете на Средна гора: чорапи, шалове, елеци и пъстри черги.",
            "sr": "Плетемо и ваљамо вуну оваца са Средње горе: чарапе, шалове, прслуке и шарене ћилиме.",
            "en": "We knit and felt wool from Sredna Gora sheep: socks, shawls, waistcoats and bright rugs.",
        },
    },
    {
        "slug": "demo-voyvodenets-guest-house",
        "municipality": "koprivshtitsa",
        "legal_form": LegalForm.BG_SOLE_TRADER,
        "nace": "55",
        "kind": OrganisationKind.ACCOMMODATION,
        "price_range": "moderate",
        "languages": ["bg", "en"],
        "name": {
            "bg": "Къща за гости „Войводенец“",
            "sr": "Кућа за госте „Војводенец“",
            "en": "Voyvodenets Guest House",
        },
        "description": {
            "bg": "Шест стаи в къща от XIX век на десет минути пеша от центъра на Копривщица.",
            "sr": "Шест соба у кући из XIX века, десет минута хода од центра Копривштице.",
            "en": "Six rooms in a 19th-century house, a ten-minute walk from the centre of Koprivshtitsa.",
        },
    },
    {
        "slug": "demo-sredna-gora-apiary",
        "municipality": "koprivshtitsa",
        "legal_form": LegalForm.BG_SOLE_TRADER,
        "nace": "01",
        "languages": ["bg", "sr"],
        "name": {"bg": "ЕТ „Пчелин – Средна гора“", "sr": "Пчелињак „Средња гора“", "en": "Sredna Gora Apiary ET"},
        "description": {
            "bg": "Двеста кошера по южните склонове над Копривщица; мед, прашец, восък и прополис.",
            "sr": "Двеста кошница на јужним падинама изнад Копривштице; мед, полен, восак и прополис.",
            "en": "Two hundred hives on the southern slopes above Koprivshtitsa: honey, pollen, beeswax and propolis.",
        },
    },
    {
        "slug": "demo-naissus-travel",
        "municipality": "medijana",
        "legal_form": LegalForm.RS_LIMITED,
        "nace": "79",
        "languages": ["sr", "en", "bg"],
        "name": {
            "bg": "Туристическа агенция „Наисус“",
            "sr": "Туристичка агенција „Наисус“ д.о.о.",
            "en": "Naissus Travel d.o.o.",
        },
        "description": {
            "bg": "Групови пътувания от Ниш до България, Гърция и Северна Македония.",
            "sr": "Групна путовања из Ниша у Бугарску, Грчку и Северну Македонију.",
            "en": "Group travel from Niš to Bulgaria, Greece and North Macedonia.",
        },
    },
    {
        "slug": "demo-morava-health-food",
        "municipality": "medijana",
        "legal_form": LegalForm.RS_ENTREPRENEUR,
        "nace": "47",
        "languages": ["sr"],
        "name": {"bg": "Здравословни храни „Морава“", "sr": "Здрава храна „Морава“ ПР", "en": "Morava Health Food PR"},
        "description": {
            "sr": "Три продавнице здраве хране у Нишу: мед, чајеви, житарице и производи малих произвођача.",
            "en": "Three health food shops in Niš: honey, teas, grains and produce of small makers.",
        },
    },
    {
        "slug": "demo-nisava-distribution",
        "municipality": "medijana",
        "legal_form": LegalForm.RS_LIMITED,
        "nace": "46",
        "languages": ["sr", "bg", "en"],
        "name": {
            "bg": "Дистрибуция „Нишава“",
            "sr": "Дистрибуција „Нишава“ д.о.о.",
            "en": "Nišava Distribution d.o.o.",
        },
        "description": {
            "bg": "Търговия на едро с текстил и сувенири в Южна и Източна Сърбия.",
            "sr": "Велепродаја текстила и сувенира у Јужној и Источној Србији.",
            "en": "Wholesale of textiles and souvenirs in southern and eastern Serbia.",
        },
    },
    {
        "slug": "demo-konstantin-software",
        "municipality": "medijana",
        "legal_form": LegalForm.RS_LIMITED,
        "nace": "62",
        "languages": ["sr", "en"],
        "name": {"bg": "Софтуер „Константин“", "sr": "Софтвер „Константин“ д.о.о.", "en": "Konstantin Software d.o.o."},
        "description": {
            "sr": "Мали тим из Ниша: сајтови, онлајн резервације и мобилне апликације за туризам.",
            "en": "A small team in Niš: websites, online booking and mobile apps for tourism.",
        },
    },
]

ITEMS = [
    {
        "company": "demo-topolnitsa-wool",
        "kind": Kind.OFFER,
        "type": CooperationType.SUPPLIER,
        "nace": "13",
        "seeks": Side.SERBIA,
        "languages": ["bg", "en", "ru"],
        "written_in": "bg",
        "days_ago": 12,
        "title": {
            "bg": "Ръчно плетени вълнени чорапи и шалове за магазини в Сърбия",
            "sr": "Ручно плетене вунене чарапе и шалови за продавнице у Србији",
            "en": "Hand-knitted woollen socks and shawls for shops in Serbia",
        },
        "description": {
            "bg": (
                "Предлагаме чорапи, шалове и елеци от чиста вълна, плетени на ръка в Копривщица, в малки серии "
                "по поръчка (от 50 броя на модел). Можем да добавим етикет на купувача. Търсим магазини за "
                "сувенири и занаяти или търговец на едро в Южна Сърбия."
            ),
            "sr": (
                "Нудимо чарапе, шалове и прслуке од чисте вуне, ручно плетене у Копривштици, у малим серијама "
                "по поруџбини (од 50 комада по моделу). Можемо да додамо етикету купца. Тражимо продавнице "
                "сувенира и рукотворина или велепродају у Јужној Србији."
            ),
            "en": (
                "We offer socks, shawls and waistcoats of pure wool, hand-knitted in Koprivshtitsa in small "
                "batches to order (from 50 pieces a model), with the buyer's label if wished. We look for "
                "souvenir and craft shops or a wholesaler in southern Serbia."
            ),
        },
    },
    {
        "company": "demo-topolnitsa-wool",
        "kind": Kind.OFFER,
        "type": CooperationType.TOURISM_PACKAGE,
        "nace": "85",
        "seeks": Side.EITHER,
        "languages": ["bg", "en"],
        "written_in": "bg",
        "status": Status.PENDING,
        "title": {
            "bg": "Работилници по валяне на вълна за ученически групи",
            "en": "Wool felting workshops for school groups",
        },
        "description": {
            "bg": "Двучасова работилница в нашата плетачница: от руното до валяна топка. До 25 деца на група.",
            "en": "A two-hour workshop in our knitting room, from fleece to felted ball. Up to 25 children a group.",
        },
    },
    {
        "company": "demo-voyvodenets-guest-house",
        "kind": Kind.REQUEST,
        "type": CooperationType.TOURISM_PACKAGE,
        "nace": "79",
        "seeks": Side.SERBIA,
        "languages": ["bg", "en"],
        "written_in": "bg",
        "days_ago": 20,
        "title": {
            "bg": "Туристическа агенция от Ниш за уикенд групи в Копривщица",
            "sr": "Туристичка агенција из Ниша за викенд групе у Копривштици",
            "en": "A travel agency in Niš for weekend groups to Koprivshtitsa",
        },
        "description": {
            "bg": (
                "Имаме шест стаи (до 16 гости) и търсим агенция, която да води групи от Ниш в петък и събота "
                "извън летния сезон. Предлагаме отстъпка за групи, вечеря с местна кухня и разходка с "
                "екскурзовод из къщите-музеи."
            ),
            "sr": (
                "Имамо шест соба (до 16 гостију) и тражимо агенцију која би доводила групе из Ниша петком и "
                "суботом ван летње сезоне. Нудимо попуст за групе, вечеру са локалном кухињом и шетњу са "
                "водичем кроз куће-музеје."
            ),
            "en": (
                "We have six rooms (up to 16 guests) and look for an agency to bring groups from Niš on Fridays "
                "and Saturdays outside the summer season. We offer a group discount, a dinner of local food and "
                "a guided walk through the house-museums."
            ),
        },
    },
    {
        "company": "demo-voyvodenets-guest-house",
        "kind": Kind.REQUEST,
        "type": CooperationType.KNOW_HOW,
        "nace": "62",
        "seeks": Side.EITHER,
        "languages": ["bg", "en"],
        "written_in": "bg",
        "days_ago": 5,
        "title": {
            "bg": "Онлайн резервации за малка къща за гости",
            "en": "Online booking for a small guest house",
        },
        "description": {
            "bg": (
                "Търсим фирма, която да направи сайта ни двуезичен (български и английски) с онлайн календар "
                "на свободните стаи и да ни научи да го поддържаме сами."
            ),
            "en": (
                "We look for a company to make our website bilingual (Bulgarian and English) with an online "
                "calendar of free rooms, and to teach us to keep it up ourselves."
            ),
        },
    },
    {
        "company": "demo-sredna-gora-apiary",
        "kind": Kind.OFFER,
        "type": CooperationType.SUPPLIER,
        "nace": "01",
        "seeks": Side.EITHER,
        "languages": ["bg", "sr"],
        "written_in": "bg",
        "days_ago": 30,
        "title": {
            "bg": "Планински мед, прашец и пчелен восък на едро",
            "sr": "Планински мед, полен и пчелињи восак на велико",
            "en": "Mountain honey, pollen and beeswax wholesale",
        },
        "description": {
            "bg": (
                "Всяка година добиваме около три тона билков и манов мед с лабораторен анализ. Доставяме в "
                "буркани по 400 г или в кофи по 25 кг, също прашец и восък за сладкари и козметика."
            ),
            "sr": (
                "Сваке године добијамо око три тоне ливадског и шумског меда са лабораторијском анализом. "
                "Испоручујемо у теглама од 400 г или у кантама од 25 кг, као и полен и восак за посластичаре "
                "и козметику."
            ),
            "en": (
                "Each year we take about three tonnes of meadow and honeydew honey, with a laboratory analysis. "
                "We deliver in 400 g jars or 25 kg pails, and pollen and beeswax for pastry makers and cosmetics."
            ),
        },
    },
    {
        "company": "demo-naissus-travel",
        "kind": Kind.OFFER,
        "type": CooperationType.TOURISM_PACKAGE,
        "nace": "79",
        "seeks": Side.BULGARIA,
        "languages": ["sr", "en", "bg"],
        "written_in": "sr",
        "days_ago": 8,
        "title": {
            "bg": "Уикенд обиколки Ниш – София – Копривщица за групи",
            "sr": "Викенд туре Ниш – Софија – Копривштица за групе",
            "en": "Weekend tours Niš – Sofia – Koprivshtitsa for groups",
        },
        "description": {
            "bg": (
                "Организираме автобусни пътувания за групи от 15 до 40 души с водач на сръбски. Търсим къщи "
                "за гости, ресторанти и музеи в Копривщица и околността за постоянно сътрудничество."
            ),
            "sr": (
                "Организујемо аутобуска путовања за групе од 15 до 40 особа са водичем на српском. Тражимо "
                "куће за госте, ресторане и музеје у Копривштици и околини за трајну сарадњу."
            ),
            "en": (
                "We run coach trips for groups of 15 to 40 with a Serbian-speaking guide, and look for guest "
                "houses, restaurants and museums in and around Koprivshtitsa for lasting cooperation."
            ),
        },
    },
    {
        "company": "demo-morava-health-food",
        "kind": Kind.REQUEST,
        "type": CooperationType.BUYER,
        "nace": "01",
        "seeks": Side.BULGARIA,
        "languages": ["sr"],
        "written_in": "sr",
        "days_ago": 3,
        "title": {
            "sr": "Купујемо бугарски планински мед и биљне чајеве",
            "en": "We buy Bulgarian mountain honey and herbal teas",
        },
        "description": {
            "sr": (
                "За наше три продавнице у Нишу тражимо произвођаче меда и биљних чајева из Бугарске, са "
                "документацијом за увоз у Србију. Почетна поруџбина око 300 тегли месечно."
            ),
            "en": (
                "For our three shops in Niš we look for makers of honey and herbal teas in Bulgaria, with the "
                "papers for import into Serbia. A first order of about 300 jars a month."
            ),
        },
    },
    {
        "company": "demo-nisava-distribution",
        "kind": Kind.REQUEST,
        "type": CooperationType.DISTRIBUTOR,
        "nace": "13",
        "seeks": Side.BULGARIA,
        "languages": ["sr", "bg", "en"],
        "written_in": "sr",
        "days_ago": 15,
        "title": {
            "bg": "Текстил и занаятчийски изделия за дистрибуция в Южна Сърбия",
            "sr": "Текстил и рукотворине за дистрибуцију у Јужној Србији",
            "en": "Textiles and handicrafts to distribute in southern Serbia",
        },
        "description": {
            "bg": (
                "Снабдяваме над 60 магазина за сувенири и облекло. Търсим производители на вълнени и ленени "
                "изделия от България, които искат да продават в Сърбия, и поемаме вноса и складирането."
            ),
            "sr": (
                "Снабдевамо преко 60 продавница сувенира и одеће. Тражимо произвођаче вунених и ланених "
                "производа из Бугарске који желе да продају у Србији, а ми преузимамо увоз и складиштење."
            ),
            "en": (
                "We supply over 60 souvenir and clothing shops, and look for makers of woollen and linen goods "
                "in Bulgaria who want to sell in Serbia; we take care of import and storage."
            ),
        },
    },
    {
        "company": "demo-konstantin-software",
        "kind": Kind.OFFER,
        "type": CooperationType.KNOW_HOW,
        "nace": "62",
        "seeks": Side.BULGARIA,
        "languages": ["sr", "en"],
        "written_in": "sr",
        "days_ago": 1,
        "title": {
            "sr": "Сајтови и онлајн резервације за мале смештаје",
            "en": "Websites and online booking for small places to stay",
        },
        "description": {
            "sr": (
                "Правимо двојезичне сајтове са календаром слободних соба и повезујемо их са великим платформама "
                "за резервације. Нудимо обуку на енглеском или српском и одржавање."
            ),
            "en": (
                "We build bilingual websites with a calendar of free rooms and connect them to the large booking "
                "platforms. Training in English or Serbian, and upkeep."
            ),
        },
    },
]


def _translated(field: str, values: dict) -> dict:
    return {f"{field}_{language}": values.get(language) or None for language in ("bg", "sr", "en")}


def _company(data: dict, municipalities: dict, directions) -> Organisation:
    organisation = Organisation.objects.filter(slug=data["slug"]).first()
    if organisation is None:
        organisation = organisation_create(
            directions=directions,
            slug=data["slug"],
            kind=data.get("kind", OrganisationKind.COMPANY),
            legal_form=data["legal_form"],
            municipality=municipalities[data["municipality"]],
            nace_revision=NaceRevision.REV_2,
            nace_section=division_section(data["nace"], NaceRevision.REV_2),
            nace_division=data["nace"],
            size_class="micro",
            languages=data["languages"],
            price_range=data.get("price_range", ""),
            open_to_cooperation=True,
            status=PublicationStatus.PUBLISHED,
            is_demo=True,
            **{key: value for key, value in _translated("name", data["name"]).items() if value},
            **{key: value for key, value in _translated("description", data["description"]).items() if value},
        )
    user, _ = get_user_model().objects.get_or_create(
        username=f"{data['slug']}@example.org", defaults={"email": f"{data['slug']}@example.org"}
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save()
    CompanyOwner.objects.get_or_create(
        organisation=organisation,
        defaults={
            "user": user,
            "contact_name": str(organisation.name),
            "contact_email": user.email,
            "language": "bg" if organisation.municipality.country == "BG" else "sr",
        },
    )
    return organisation


def load(stdout) -> None:
    """The demo companies and their items; safe to run again (items are replaced)."""
    municipalities = {municipality.slug: municipality for municipality in Municipality.objects.all()}
    if not {"koprivshtitsa", "medijana"} <= municipalities.keys():
        stdout.write("Cooperation: the municipalities are missing; nothing loaded.")
        return
    directions = [Direction.Key.BUSINESS]
    companies = {data["slug"]: _company(data, municipalities, directions) for data in COMPANIES}
    Opportunity.objects.filter(organisation__in=companies.values()).delete()
    now = timezone.now()
    today = timezone.localdate()
    for data in ITEMS:
        status = data.get("status", Status.APPROVED)
        published = now - timedelta(days=data.get("days_ago", 0)) if status == Status.APPROVED else None
        opportunity = Opportunity(
            organisation=companies[data["company"]],
            kind=data["kind"],
            cooperation_type=data["type"],
            nace_section=division_section(data["nace"], NaceRevision.REV_2),
            nace_division=data["nace"],
            seeks=data["seeks"],
            languages=data["languages"],
            language=data["written_in"],
            expires_on=default_expiry(today - timedelta(days=data.get("days_ago", 0))),
            status=status,
            submitted_at=published or now,
            published_at=published,
            decided_at=published,
            **_translated("title", data["title"]),
            **_translated("description", data["description"]),
        )
        opportunity.full_clean()
        opportunity.save()
    stdout.write(f"Cooperation: {len(COMPANIES)} demo companies, {len(ITEMS)} offers and requests.")
