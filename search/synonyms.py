"""The synonyms every installation starts with (migration search.0005); staff add more in the admin."""

from search.models import query_words

# Everyday words for kinds of things, in Bulgarian, Serbian (both scripts) and English:
# (terms, words the index holds for them, kind listed first). Staff add more in the admin.
SYNONYMS = [
    (
        "нощувка нощувки нощувам спане квартира хотел хостел мотел вила пансион "
        "noćenje noćenja ноћење преноћиште prenoćište smeštaj смештај спавање spavanje soba собе "
        "lodging lodgings stay overnight sleep hotel hostel motel guesthouse bnb inn rooms nochuvka",
        "accommodation",
        "organisation",
    ),
    (
        "ресторант ресторанти механа кръчма кафене кафе храна ядене вечеря обяд "
        "restoran ресторан kafana кафана hrana храна jelo јело ručak ручак večera вечера "
        "restaurant eat eating food dinner lunch cafe tavern pub mehana",
        "restaurant",
        "organisation",
    ),
    (
        "музей музеи експозиция изложба сбирка muzej музеј izložba изложба zbirka збирка "
        "museum museums exhibition collection",
        "museum",
        "sight",
    ),
    (
        "църква църкви храм манастир параклис crkva црква hram манастир manastir kapela капела "
        "church churches temple monastery chapel",
        "church",
        "sight",
    ),
    (
        "услуга услуги удостоверение разрешение заявление справка usluga услуга uverenje уверење "
        "dozvola дозвола zahtev захтев potvrda потврда service services certificate permit application",
        "",
        "service",
    ),
    (
        "събитие събития концерт фестивал събор događaj догађај koncert концерт festival фестивал "
        "event events concert festival fair",
        "",
        "event",
    ),
    (
        "маршрут маршрути пътека екопътека поход туризъм staza стаза ruta рута pešačenje пешачење "
        "trail trails hike hiking walk walking route routes",
        "",
        "route",
    ),
    (
        "новини новина vesti вести vest вест news",
        "",
        "news",
    ),
]


PHRASES = [
    ("къща за гости", "accommodation"),
    ("kuća za goste", "accommodation"),
    ("guest house", "accommodation"),
    ("bed and breakfast", "accommodation"),
    ("place to stay", "accommodation"),
    ("where to eat", "restaurant"),
]


def default_synonyms(model) -> list:
    """Unsaved ``model`` (Synonym, or its historical model) rows of :data:`SYNONYMS` and :data:`PHRASES`."""
    rows = []
    for terms, words, kind in SYNONYMS:
        for term in dict.fromkeys(terms.split()):
            rows.append(model(term=term, words=words, kind=kind, canonical=" ".join(query_words(term))))
    for term, words in PHRASES:
        rows.append(model(term=term, words=words, kind="organisation", canonical=" ".join(query_words(term))))
    return rows
