from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from civic.models import (
    Document,
    Enquiry,
    Event,
    LifeSituation,
    MunicipalService,
    NewsArticle,
    Page,
    Partner,
    Programme,
    Project,
)
from core.models import Country, Direction, PublicationStatus
from tests.portal.factories import InformationCentreFactory, MunicipalityFactory
from tests.search.factories import SearchIndexedFactory

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def direction(slug: str = Direction.Key.CULTURE) -> Direction:
    """The four directions come from a data migration."""
    return Direction.objects.get(slug=slug)


class PublishedFactory(SearchIndexedFactory):
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class EventFactory(PublishedFactory):
    class Meta:
        model = Event

    title_bg = factory.Sequence(lambda n: f"Събитие {n}")
    title_sr = factory.Sequence(lambda n: f"Догађај {n}")
    title_en = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    direction = factory.LazyFunction(direction)
    category = Event.Category.FESTIVAL
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=3))


def local(zone: str, *args) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))


class NewsArticleFactory(PublishedFactory):
    class Meta:
        model = NewsArticle

    title_bg = factory.Sequence(lambda n: f"Новина {n}")
    title_sr = factory.Sequence(lambda n: f"Вест {n}")
    title_en = factory.Sequence(lambda n: f"News {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    lead_bg = "Кратко резюме."
    lead_sr = "Кратак увод."
    lead_en = "A short lead."
    body_en = "<p>Body</p>"
    municipality = factory.SubFactory(MunicipalityFactory)
    direction = factory.LazyFunction(direction)


class LifeSituationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifeSituation

    slug = factory.Sequence(lambda n: f"situation-{n}")
    name_bg = factory.Sequence(lambda n: f"Ситуация {n}")
    name_sr = factory.Sequence(lambda n: f"Ситуација {n}")
    name_en = factory.Sequence(lambda n: f"Situation {n}")


class MunicipalServiceFactory(PublishedFactory):
    class Meta:
        model = MunicipalService
        skip_postgeneration_save = True

    title_bg = factory.Sequence(lambda n: f"Услуга {n}")
    title_sr = factory.Sequence(lambda n: f"Услуга {n}")
    title_en = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    summary_bg = "Какво е услугата."
    summary_sr = "Шта је услуга."
    summary_en = "What the service is."
    municipality = factory.SubFactory(MunicipalityFactory)

    @factory.post_generation
    def life_situations(self, create, extracted, **kwargs):
        if create and extracted:
            self.life_situations.set(extracted)


class DocumentFactory(PublishedFactory):
    class Meta:
        model = Document

    title_bg = factory.Sequence(lambda n: f"Документ {n}")
    title_sr = factory.Sequence(lambda n: f"Документ {n}")
    title_en = factory.Sequence(lambda n: f"Document {n}")
    slug = factory.Sequence(lambda n: f"document-{n}")
    kind = Document.Kind.STRATEGY
    municipality = factory.SubFactory(MunicipalityFactory)
    file = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="strategy.pdf"))
    file_format = "pdf"
    file_size = len(MINIMAL_PDF)
    language = "bg"
    document_date = factory.LazyFunction(timezone.localdate)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name_bg = "Програма за трансгранично сътрудничество България – Сърбия"
    name_sr = "Програм прекограничне сарадње Бугарска – Србија"
    name_en = "Bulgaria–Serbia cross-border programme"
    first_year = 2014
    last_year = 2020


class ProjectFactory(PublishedFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title_bg = factory.Sequence(lambda n: f"Проект {n}")
    title_sr = factory.Sequence(lambda n: f"Пројекат {n}")
    title_en = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    programme = factory.SubFactory(ProgrammeFactory)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    project = factory.SubFactory(ProjectFactory)
    name_bg = factory.Sequence(lambda n: f"Партньор {n}")
    name_sr = factory.Sequence(lambda n: f"Партнер {n}")
    name_en = factory.Sequence(lambda n: f"Partner {n}")
    country = Country.BULGARIA


class PageFactory(PublishedFactory):
    class Meta:
        model = Page

    kind = Page.Kind.OTHER
    slug = factory.Sequence(lambda n: f"page-{n}")
    title_bg = factory.Sequence(lambda n: f"Страница {n}")
    title_sr = factory.Sequence(lambda n: f"Страница {n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    body_bg = "<p>Текст</p>"
    body_sr = "<p>Текст</p>"
    body_en = "<p>Text</p>"


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    centre = factory.SubFactory(InformationCentreFactory)
    reference = factory.Sequence(lambda n: f"KOP-2026-{n:06d}")
    name = "Ана Петрова"
    email = "ana@example.org"
    subject = "Часове на музеите"
    message = "Кога са отворени музеите през август?"
    language = "bg"
