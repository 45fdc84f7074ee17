"""Translation completeness in the admin: a "missing" column, a filter, and a note on the form."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.translation_status import LANGUAGES, missing_languages, missing_translation_q, translated_fields


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing translation")
    parameter_name = "missing_translation"

    def lookups(self, request, model_admin):
        return [(language, language) for language in LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in LANGUAGES:
            fields = getattr(self.model_admin, "translation_fields_checked", None)
            return queryset.filter(missing_translation_q(queryset.model, self.value(), fields))
        return queryset

    def __init__(self, request, params, model, model_admin):
        self.model_admin = model_admin
        super().__init__(request, params, model, model_admin)


class TranslationCompletenessAdminMixin:
    """For models registered with modeltranslation: which of bg, sr, en each entry lacks.

    ``translation_fields_checked`` narrows the fields that count (default: all translated
    fields of the model).
    """

    translation_fields_checked: tuple[str, ...] | None = None

    def _translated(self) -> bool:
        return bool(translated_fields(self.model, self.translation_fields_checked))

    @admin.display(description=_("missing translations"))
    def missing_translations(self, obj):
        return ", ".join(missing_languages(obj, self.translation_fields_checked)) or "—"

    def get_list_display(self, request):
        list_display = tuple(super().get_list_display(request))
        if self._translated() and "missing_translations" not in list_display:
            list_display += ("missing_translations",)
        return list_display

    def get_list_filter(self, request):
        list_filter = tuple(super().get_list_filter(request))
        if self._translated() and MissingTranslationFilter not in list_filter:
            list_filter += (MissingTranslationFilter,)
        return list_filter

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self._translated():
            context["missing_languages"] = missing_languages(obj, self.translation_fields_checked)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
