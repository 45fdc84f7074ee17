from modeltranslation.translator import TranslationOptions, register

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


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "venue_name", "venue_address", "organiser")
    required_languages = {"default": ("title",)}


@register(NewsArticle)
class NewsArticleTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "body", "image_alt")
    required_languages = {"default": ("title", "lead")}


@register(LifeSituation)
class LifeSituationTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"default": ("name",)}


@register(MunicipalService)
class MunicipalServiceTranslationOptions(TranslationOptions):
    fields = (
        "title", "summary", "eligibility", "required_documents", "fee_note", "processing_time",
        "legal_basis", "how_to_apply", "office", "responsible_unit",
    )  # fmt: skip
    required_languages = {"default": ("title", "summary")}


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"default": ("title",)}


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"default": ("name",)}


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "priority", "figures_note", "summary", "description", "results")
    required_languages = {"default": ("title",)}


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"default": ("name",)}


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = {"default": ("title", "body")}
