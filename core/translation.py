from modeltranslation.translator import TranslationOptions, register

from core.models import AccessibilityStatement, Direction, InformationCentre, Municipality


@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("name", "seat", "region", "summary", "description")
    required_languages = {"default": ("name", "seat")}


@register(InformationCentre)
class InformationCentreTranslationOptions(TranslationOptions):
    fields = ("name", "description", "address", "opening_hours")
    required_languages = {"default": ("name",)}


@register(Direction)
class DirectionTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description")
    required_languages = {"default": ("name",)}


@register(AccessibilityStatement)
class AccessibilityStatementTranslationOptions(TranslationOptions):
    fields = ("non_accessible_content", "alternatives", "method_notes", "enforcement")
    required_languages = {"default": ("enforcement",)}
