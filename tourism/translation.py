from modeltranslation.translator import TranslationOptions, register

from tourism.models import OpeningHours, Route, Sight, TicketPrice


@register(Sight)
class SightTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description", "placement_note", "address", "accessibility_notes", "prices_note")


@register(TicketPrice)
class TicketPriceTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(OpeningHours)
class OpeningHoursTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(Route)
class RouteTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description", "start_name", "end_name", "border_crossing_note")
