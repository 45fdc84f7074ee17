from modeltranslation.translator import TranslationOptions, register

from cooperation.models import Opportunity


@register(Opportunity)
class OpportunityTranslationOptions(TranslationOptions):
    # Written in the poster's language; other languages are optional and readers get the fallback.
    fields = ("title", "description")
