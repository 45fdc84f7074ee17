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
    # A company has its name in its own language, and often in no other: one
    # language is required (Organisation.clean), and readers see the fallback.
