"""Translation status in the admin: which languages an entry lacks (a "missing" column, a filter and a
note on the form) and which of its translations went out of date when the source changed (marked on
the form with the old and new source side by side, a filter, and a "mark current" box)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.models import Municipality, PageLanguage
from core.translation_status import LANGUAGES, missing_languages, missing_translation_q, translated_fields
from staff.models import OutdatedTranslation
from staff.roles import municipality_ids_of
from staff.services import translations_freshness_record

# The form's boxes "the translation is still right" (``field:language``).
MARK_CURRENT_FIELD = "_translation_current"


def language_name(code: str) -> str:
    return str(dict(PageLanguage.choices).get(code, code))


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


def outdated_translation_exists(model, language: str | None = None) -> Exists:
    """Rows of ``model`` with an outdated translation (into ``language``), for ``filter()``."""
    rows = OutdatedTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=Cast(OuterRef("pk"), CharField())
    )
    return Exists(rows.filter(language=language) if language else rows)


class OutdatedTranslationFilter(admin.SimpleListFilter):
    title = _("outdated translation")
    parameter_name = "outdated_translation"

    def lookups(self, request, model_admin):
        return [(language, language) for language in LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in LANGUAGES:
            return queryset.filter(outdated_translation_exists(queryset.model, self.value()))
        return queryset


class TranslationCompletenessAdminMixin:
    """For models registered with modeltranslation: which of bg, sr, en each entry lacks, and
    which of its translations are outdated (docs/STAFF.md, "Translation completeness").

    ``translation_fields_checked`` narrows the fields that count as missing (default: all
    translated fields of the model). Outdated translations are tracked for every translated
    field, from the source language of the entry (``translation_source_language``).
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
        if translated_fields(self.model) and OutdatedTranslationFilter not in list_filter:
            list_filter += (OutdatedTranslationFilter,)
        return list_filter

    def translation_source_language(self, obj) -> str:
        """The language the entry is written in, the others translated from it: its municipality's
        (bg for Koprivshtitsa, sr for Medijana); for shared and global entries the portal's default."""
        lookup = getattr(self, "municipality_lookup", None)
        if lookup:
            ids = municipality_ids_of(obj, lookup)
            if len(ids) == 1:
                municipality = Municipality.objects.only("country").filter(pk=next(iter(ids))).first()
                if municipality is not None:
                    return municipality.language
        return settings.MODELTRANSLATION_DEFAULT_LANGUAGE

    def _language_columns(self) -> list[str]:
        return [
            build_localized_fieldname(field, language)
            for field in translated_fields(self.model)
            for language in LANGUAGES
        ]

    def _outdated(self, obj) -> list[OutdatedTranslation]:
        if obj is None or obj.pk is None or not translated_fields(self.model):
            return []
        return list(OutdatedTranslation.objects.for_object(obj).order_by("field", "language"))

    def _marked_current(self, request) -> set[tuple[str, str]]:
        pairs = set()
        for value in request.POST.getlist(MARK_CURRENT_FIELD):
            field, _sep, language = value.partition(":")
            if field in translated_fields(self.model) and language in LANGUAGES:
                pairs.add((field, language))
        return pairs

    def save_model(self, request, obj, form, change):
        before = None
        if change and obj.pk is not None and translated_fields(self.model):
            before = type(obj)._base_manager.filter(pk=obj.pk).values(*self._language_columns()).first()
        super().save_model(request, obj, form, change)
        if before is not None:
            translations_freshness_record(
                obj=obj,
                before=before,
                source_language=self.translation_source_language(obj),
                marked_current=self._marked_current(request),
                by=request.user,
            )

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        OutdatedTranslation.objects.for_model(self.model).filter(object_id=str(pk)).delete()

    def delete_queryset(self, request, queryset):
        object_ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
        super().delete_queryset(request, queryset)
        OutdatedTranslation.objects.for_model(self.model).filter(object_id__in=object_ids).delete()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        for row in self._outdated(obj):
            form_field = form_class.base_fields.get(build_localized_fieldname(row.field, row.language))
            if form_field is None:
                continue
            note = _("Outdated: the %(source)s text changed after this translation was made (see above).") % {
                "source": language_name(row.source_language)
            }
            form_field.help_text = f"{note} {form_field.help_text}".strip()
            classes = form_field.widget.attrs.get("class", "")
            form_field.widget.attrs["class"] = f"{classes} outdated-translation".strip()
        return form_class

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self._translated():
            context["missing_languages"] = missing_languages(obj, self.translation_fields_checked)
        if change and obj is not None:
            context["outdated_translations"] = [
                {
                    "field": self.model._meta.get_field(row.field).verbose_name,
                    "field_id": "id_" + build_localized_fieldname(row.field, row.language),
                    "language": language_name(row.language),
                    "source_language": language_name(row.source_language),
                    "source_language_code": row.source_language,
                    "old": row.source_text,
                    "new": getattr(obj, build_localized_fieldname(row.field, row.source_language)) or "",
                    "since": row.outdated_at,
                    "value": f"{row.field}:{row.language}",
                }
                for row in self._outdated(obj)
            ]
            context["mark_current_field"] = MARK_CURRENT_FIELD
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
