from modeltranslation.translator import TranslationOptions, register

from directory.models import Organisation


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "description",
        "street_address",
        "settlement",
        "opening_hours",
        "cooperation_offers",
        "cooperation_seeks",
    )
    required_languages = {"default": ("name",)}
